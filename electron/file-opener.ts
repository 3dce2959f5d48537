/**
 * The File menu's opening actions: Open…, Open 10x folder…, Open metadata…, Recent files (and dropped files
 * through openData), and the dialogs of the page's Project another file (chooseProjected) and of a reopened
 * session's input (chooseInput). Every path the user
 * picks is allowed for the engine (path-guard.ts). Data opened from the menu is also remembered in Recent
 * files and the OS's recent documents, and handed to the page as a MenuCommand; the page opens it through
 * EngineApi. chooseProjected only returns its path to the page that asked (a projected file is not opened
 * data, so it is neither a recent file nor a MenuCommand). Electron's dialog and app are passed in as small
 * functions, so tests use fakes.
 */
import { existsSync } from 'node:fs';
import type { InputPick, MenuCommand, ProjectedPick } from '../src/api/ipc-channels.js';
import type { MenuActions } from './menu.js';
import { openDialogOptions, type OpenDialogKind, type OpenDialogOptions } from './open-dialogs.js';
import type { PathGuard } from './path-guard.js';
import type { RecentFiles } from './recent-files.js';

export interface FileOpenerOptions {
  /** dialog.showOpenDialog, attached to the main window when there is one. */
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  /** dialog.showErrorBox. */
  showErrorBox(title: string, content: string): void;
  /** app.addRecentDocument / app.clearRecentDocuments (the OS's own recent list). */
  addRecentDocument(path: string): void;
  clearRecentDocuments(): void;
  recent: RecentFiles;
  paths: PathGuard;
  /** Sends a command to the page. */
  command(command: MenuCommand): void;
  /** Rebuilds the menu (Recent files changed). */
  refreshMenu(): void;
  /** process.platform (the data dialog takes folders too on macOS). */
  platform: string;
}

export type FileOpener = Pick<
  MenuActions,
  'open' | 'openFolder' | 'openMetadata' | 'openRecent' | 'clearRecent' | 'openSession'
> & {
  /** Opens a picked, dropped or recent file or folder as expression data. */
  openData(path: string): Promise<void>;
  /**
   * The page's Project another file: the native dialog for a file, a Cell Ranger folder or the metadata table
   * joined to the projected cells; the chosen path is allowed for the engine (not added to Recent files: it is
   * not opened as data) and returned, or null.
   */
  chooseProjected(pick: ProjectedPick): Promise<string | null>;
  /**
   * The page's re-attach of a reopened session's input: the native dialog for a file or a Cell Ranger folder;
   * the chosen path is allowed for the engine (not a recent file: the page re-attaches it, it opens no new
   * data) and returned, or null.
   */
  chooseInput(pick: InputPick): Promise<string | null>;
};

export function createFileOpener(o: FileOpenerOptions): FileOpener {
  /**
   * Saves a change to Recent files, then rebuilds the menu. A list that cannot be saved (a full or read-only
   * disk) is warned about and the menu still shows the change: a rejection here, from a menu click, was
   * unhandled in the main process.
   */
  const saveRecent = async (change: Promise<void>) => {
    await change.catch((err: unknown) =>
      console.warn(
        `Could not save the recent-files list: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
    o.refreshMenu();
  };
  const chosen = async (path: string) => {
    o.paths.allow(path);
    o.addRecentDocument(path);
    await saveRecent(o.recent.add(path));
  };
  const pick = async (kind: OpenDialogKind): Promise<string | null> => {
    const result = await o.showOpenDialog(openDialogOptions(kind, o.platform));
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  };
  const openData = async (path: string) => {
    await chosen(path);
    o.command({ kind: 'open-path', path });
  };
  return {
    openData,
    async chooseProjected(which) {
      const kind: OpenDialogKind =
        which === 'folder' ? 'project-folder' : which === 'metadata' ? 'project-metadata' : 'project-file';
      const path = await pick(kind);
      if (path) o.paths.allow(path);
      return path;
    },
    async chooseInput(which) {
      const path = await pick(which === 'folder' ? 'input-folder' : 'input-file');
      if (path) o.paths.allow(path);
      return path;
    },
    open: () => void pick('data').then((path) => (path ? openData(path) : undefined)),
    openFolder: () => void pick('folder').then((path) => (path ? openData(path) : undefined)),
    openMetadata: () =>
      void pick('metadata').then(async (path) => {
        if (!path) return;
        await chosen(path);
        o.command({ kind: 'open-metadata-path', path });
      }),
    // a session is not expression data: allowed for the engine, but kept out of Recent files
    openSession: () =>
      void pick('session').then((path) => {
        if (!path) return;
        o.paths.allow(path);
        o.command({ kind: 'open-session-path', path });
      }),
    openRecent: (path) => {
      if (!existsSync(path)) {
        o.showErrorBox('File not found', `${path} no longer exists; it was removed from the recent files.`);
        void saveRecent(o.recent.remove(path));
        return;
      }
      void openData(path);
    },
    clearRecent: () => {
      o.clearRecentDocuments();
      void saveRecent(o.recent.clear());
    },
  };
}
