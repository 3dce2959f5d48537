/**
 * The one shape of main's dialog handlers the page can ask for (Project another file, the AnnData save
 * dialog): the request must come from the main window's top frame and carry a valid argument, else it is
 * refused with a reason for main's log and answered null; a valid one shows the dialog and answers with the
 * chosen path (allowed for the engine by the caller) or null.
 */
import type { IpcMainLike } from './ipc-handlers.js';
import type { FrameLike } from './security.js';

/** What every dialog handler is given by main. */
export interface DialogIpcChecks {
  /** True when the frame may ask for the dialog (security.ts isTrustedSender against the main window). */
  isTrusted(frame: FrameLike | null): boolean;
  /** Told why a request was refused (logged by main). Default: nothing. */
  onRejected?(reason: string): void;
}

/**
 * Handles `channel` (`dialog` names it in the refusals: 'a Project dialog'): `valid` checks the page's
 * argument, `show` shows the dialog for it. Returns a function that removes the handler.
 */
export function registerDialogIpc<T>(
  ipcMain: IpcMainLike,
  channel: string,
  checks: DialogIpcChecks,
  dialog: string,
  valid: (arg: unknown) => arg is T,
  show: (arg: T) => Promise<string | null>,
): () => void {
  ipcMain.handle(channel, async (event, arg): Promise<string | null> => {
    if (!checks.isTrusted(event.senderFrame)) {
      checks.onRejected?.(`refused ${dialog} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return null;
    }
    if (!valid(arg)) {
      checks.onRejected?.(`refused ${dialog} for ${JSON.stringify(arg)}`);
      return null;
    }
    return show(arg);
  });
  return () => ipcMain.removeHandler(channel);
}
