/**
 * The application menu as plain template data (Electron's MenuItemConstructorOptions shape), built from the
 * actions main wires in, so tests can check every item without Electron.
 */
import { basename } from 'node:path';

export interface MenuActions {
  open(): void;
  /** File ▸ Open 10x folder…: a Cell Ranger output folder. */
  openFolder(): void;
  openSample(): void;
  openMetadata(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  exportCoordinates(): void;
  exportFigure(): void;
  /** File ▸ Save Session…: the page saves a `.tripletlens` file (its download goes through the save dialog). */
  saveSession(): void;
  /** File ▸ Open Session…: a native dialog for a `.tripletlens` file. */
  openSession(): void;
  /** Edit ▸ Undo / Redo: the page's label edits and selections (text fields keep their own undo). */
  undo(): void;
  redo(): void;
  about(): void;
  quit(): void;
}

/** One menu item (the subset of MenuItemConstructorOptions used here). */
export interface MenuItem {
  label?: string;
  role?:
    | 'appMenu'
    | 'editMenu'
    | 'viewMenu'
    | 'windowMenu'
    | 'toggleDevTools'
    | 'reload'
    | 'cut'
    | 'copy'
    | 'paste'
    | 'selectAll';
  type?: 'separator' | 'submenu';
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItem[];
}

/** A File ▸ Recent files entry: name and path; a folder says so (its name is often just "filtered_feature_bc_matrix"). */
export function recentLabel(path: string, folder: boolean): string {
  return `${basename(path)}${folder ? ' (folder)' : ''} — ${path}`;
}

/**
 * The template: File, Edit (undo/redo of label edits and selections, copy/paste in text fields), View, Help; the macOS app menu first on darwin.
 * `isFolder` tells which recent entries are folders (default: none).
 */
export function buildMenuTemplate(
  actions: MenuActions,
  recent: readonly string[],
  platform: string,
  isFolder: (path: string) => boolean = () => false,
): MenuItem[] {
  const recentItems: MenuItem[] =
    recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : [
          ...recent.map((path) => ({
            label: recentLabel(path, isFolder(path)),
            click: () => actions.openRecent(path),
          })),
          { type: 'separator' as const },
          { label: 'Clear recent files', click: actions.clearRecent },
        ];
  const file: MenuItem = {
    label: '&File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: actions.open },
      { label: 'Open 10x folder…', accelerator: 'CmdOrCtrl+Alt+O', click: actions.openFolder },
      { label: 'Open sample', click: actions.openSample },
      { label: 'Open metadata…', click: actions.openMetadata },
      { label: 'Recent files', submenu: recentItems },
      { type: 'separator' },
      { label: 'Save Session…', accelerator: 'CmdOrCtrl+S', click: actions.saveSession },
      { label: 'Open Session…', accelerator: 'CmdOrCtrl+Shift+O', click: actions.openSession },
      { type: 'separator' },
      { label: 'Export coordinates…', accelerator: 'CmdOrCtrl+E', click: actions.exportCoordinates },
      { label: 'Export figure…', accelerator: 'CmdOrCtrl+Shift+E', click: actions.exportFigure },
      { type: 'separator' },
      {
        label: platform === 'darwin' ? 'Quit TripletLens' : 'Quit',
        accelerator: 'CmdOrCtrl+Q',
        click: actions.quit,
      },
    ],
  };
  const help: MenuItem = { label: '&Help', submenu: [{ label: 'About TripletLens', click: actions.about }] };
  // Undo/Redo act on the map's label edits and selections; copy and paste stay for text fields
  const edit: MenuItem = {
    label: '&Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: actions.undo },
      { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: actions.redo },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const template: MenuItem[] = [file, edit, { role: 'viewMenu' }, help];
  return platform === 'darwin' ? [{ role: 'appMenu' }, ...template] : template;
}
