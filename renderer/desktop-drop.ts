/**
 * Desktop only: a file or folder dropped anywhere on the window is opened by its path, as File ▸ Open…
 * would (the preload finds the path, main allows and opens it) — so an .h5ad, a 10x .h5 or a whole Cell
 * Ranger folder opens in place, without copying its bytes into the page as an upload. The handler runs in
 * the capture phase, before the Import screen's drop zone; when the item has no path on disk it lets the
 * drop through (the drop zone then uploads it). No DOM types here (the node test config loads it).
 */
import type { ShellBridge } from '../src/api/ipc-channels.js';

/** The parts of a DragEvent used here. */
export interface DropEventLike {
  dataTransfer: { files: ArrayLike<Blob> } | null;
  preventDefault(): void;
  stopPropagation(): void;
}

/** Opens the first dropped item through the shell; true when it was taken (the event is then consumed). */
export function handleDesktopDrop(event: DropEventLike, shell: Pick<ShellBridge, 'openDropped'>): boolean {
  const files = event.dataTransfer?.files;
  if (!files || files.length === 0) return false;
  if (!shell.openDropped(files[0])) return false;
  event.preventDefault();
  event.stopPropagation();
  return true;
}

/** Subscribes `listen` (window's capture-phase 'drop') to handleDesktopDrop; no shell, no handler. */
export function installDesktopDrop(
  listen: (handler: (event: DropEventLike) => void) => void,
  shell: Pick<ShellBridge, 'openDropped'> | undefined,
): void {
  if (!shell || typeof shell.openDropped !== 'function') return;
  listen((event) => void handleDesktopDrop(event, shell));
}
