/**
 * Main's side of the page's Project another file (CHOOSE_PROJECTED_CHANNEL): the page asks for a file, a
 * Cell Ranger folder or a metadata table; main checks that the sender is the main window's top frame and that
 * it asked for one of the three, shows the native open dialog (file-opener.ts chooseProjected, which allows the
 * chosen path for the engine) and answers with the path or null. The page then projects it with
 * `embedFile({ kind: 'path' })` — a metadata table as its third argument —: the engine reads the files itself,
 * as for File ▸ Open…, instead of the page sending their bytes through IPC. The re-attach of a reopened
 * session's input (CHOOSE_INPUT_CHANNEL: a file or a Cell Ranger folder) is handled the same way.
 */
import {
  CHOOSE_INPUT_CHANNEL,
  CHOOSE_PROJECTED_CHANNEL,
  isInputPick,
  isProjectedPick,
  type InputPick,
  type ProjectedPick,
} from '../src/api/ipc-channels.js';
import type { IpcMainLike } from './ipc-handlers.js';
import { registerDialogIpc, type DialogIpcChecks } from './dialog-ipc.js';

export interface ProjectedIpcOptions extends DialogIpcChecks {
  /** Shows the dialog; the chosen path (allowed for the engine) or null. */
  choose(pick: ProjectedPick): Promise<string | null>;
}

/** Handles CHOOSE_PROJECTED_CHANNEL; returns a function that removes the handler. */
export function registerProjectedIpc(ipcMain: IpcMainLike, options: ProjectedIpcOptions): () => void {
  return registerDialogIpc(
    ipcMain,
    CHOOSE_PROJECTED_CHANNEL,
    options,
    'a Project dialog',
    isProjectedPick,
    (pick) => options.choose(pick),
  );
}

export interface InputIpcOptions extends DialogIpcChecks {
  /** Shows the dialog; the chosen path (allowed for the engine) or null. */
  choose(pick: InputPick): Promise<string | null>;
}

/**
 * Handles CHOOSE_INPUT_CHANNEL, the page's re-attach of a reopened session's input (a file or a Cell Ranger
 * folder) by its path — `attachSessionInput({ kind: 'path' })` — with the same checks; returns a function that
 * removes the handler.
 */
export function registerInputIpc(ipcMain: IpcMainLike, options: InputIpcOptions): () => void {
  return registerDialogIpc(ipcMain, CHOOSE_INPUT_CHANNEL, options, 'an input dialog', isInputPick, (pick) =>
    options.choose(pick),
  );
}
