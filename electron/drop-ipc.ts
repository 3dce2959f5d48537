/**
 * Main's side of a file or folder dropped on the window (DROP_CHANNEL): the preload sends the dropped item's
 * path; main checks that the sender is the main window's top frame and that the path is an existing file or
 * folder on disk, then opens it exactly as File ▸ Open… does (the path guard allows it, Recent files
 * records it, the page gets an 'open-path' command). Which format it is, the engine decides by content.
 */
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { DROP_CHANNEL } from '../src/api/ipc-channels.js';
import type { FrameLike } from './security.js';

type DropListener = (event: { senderFrame: FrameLike | null }, ...args: unknown[]) => void;

/** The part of Electron's ipcMain used here (ipcRenderer.send's receiving end). */
export interface IpcMainOnLike {
  on(channel: string, listener: DropListener): unknown;
  removeListener(channel: string, listener: DropListener): unknown;
}

export interface DropIpcOptions {
  /** True when the frame may open files (security.ts isTrustedSender against the main window). */
  isTrusted(frame: FrameLike | null): boolean;
  /** Opens the dropped path (allow, remember, tell the page). */
  open(path: string): void;
  /** Told why a drop was refused (logged by main). Default: nothing. */
  onRejected?(reason: string): void;
}

/** Why `path` cannot be opened as a dropped item, or null when it can. */
function refusal(path: unknown): string | null {
  if (typeof path !== 'string' || !isAbsolute(path))
    return `refused a dropped item without a path (${String(path)})`;
  try {
    const stat = statSync(path);
    if (!stat.isFile() && !stat.isDirectory()) return `refused ${path}: neither a file nor a folder`;
  } catch {
    return `refused ${path}: it does not exist`;
  }
  return null;
}

/** Listens on DROP_CHANNEL; returns a function that stops listening. */
export function registerDropIpc(ipcMain: IpcMainOnLike, options: DropIpcOptions): () => void {
  const listener: DropListener = (event, path) => {
    if (!options.isTrusted(event.senderFrame)) {
      options.onRejected?.(`refused a drop from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return;
    }
    const why = refusal(path);
    if (why) options.onRejected?.(why);
    else options.open(path as string);
  };
  ipcMain.on(DROP_CHANNEL, listener);
  return () => {
    ipcMain.removeListener(DROP_CHANNEL, listener);
  };
}
