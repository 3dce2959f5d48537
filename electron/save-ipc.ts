/**
 * Main's side of the page's save dialog (CHOOSE_SAVE_CHANNEL), for exports the engine writes itself (the
 * AnnData .h5ad): main checks that the sender is the main window's top frame and that it proposed a plain
 * file name, shows the native save dialog, allows the chosen path for the engine (the path guard) and answers
 * with it or null. The page then calls `exportAnnData(labels, { kind: 'path', path })`: the engine writes the
 * file there atomically, instead of its bytes crossing the worker, main and the page.
 */
import { join } from 'node:path';
import { CHOOSE_SAVE_CHANNEL, isSaveFileName } from '../src/api/ipc-channels.js';
import type { IpcMainLike } from './ipc-handlers.js';
import type { PathGuard } from './path-guard.js';
import { saveDialogFilters, type SaveFilter } from './save-filters.js';
import { registerDialogIpc, type DialogIpcChecks } from './dialog-ipc.js';

/** The subset of Electron's SaveDialogOptions used here. */
export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  filters: SaveFilter[];
}

export interface SaveIpcOptions extends DialogIpcChecks {
  /** Shows the native save dialog (dialog.showSaveDialog with the main window). */
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  /** The folder the dialog starts in (app.getPath('documents')). */
  defaultFolder(): string;
  /** Allows the engine one write to the chosen path. */
  paths: Pick<PathGuard, 'allowWrite'>;
}

/** Handles CHOOSE_SAVE_CHANNEL; returns a function that removes the handler. */
export function registerSaveIpc(ipcMain: IpcMainLike, options: SaveIpcOptions): () => void {
  return registerDialogIpc(
    ipcMain,
    CHOOSE_SAVE_CHANNEL,
    options,
    'a save dialog',
    isSaveFileName,
    async (fileName) => {
      const chosen = await options.showSaveDialog({
        title: 'Save',
        defaultPath: join(options.defaultFolder(), fileName),
        filters: saveDialogFilters(fileName),
      });
      if (chosen.canceled || !chosen.filePath) return null;
      options.paths.allowWrite(chosen.filePath);
      return chosen.filePath;
    },
  );
}
