/**
 * What the desktop app says when a download (an export the page saves: coordinates, report, session,
 * model archive, figure) fails while it is written: Chromium ends it 'interrupted' — a full disk, a folder
 * that became read-only or was removed — and, with no download bar in the app, nothing told the user the
 * file they chose was never written.
 */

/** Electron's DownloadItem states at its 'done' event. */
export type DownloadState = 'completed' | 'cancelled' | 'interrupted';

/** The part of Electron's DownloadItem used here. */
export interface DownloadItemLike {
  getFilename(): string;
  /** The path the save dialog chose ('' before it). */
  getSavePath(): string;
  once(event: 'done', listener: (event: unknown, state: DownloadState) => void): unknown;
}

/** The error box's title and text for a download that did not finish, naming where it was to be written. */
export function failedDownloadMessage(item: Pick<DownloadItemLike, 'getFilename' | 'getSavePath'>): {
  title: string;
  content: string;
} {
  const path = item.getSavePath() || item.getFilename();
  return {
    title: 'Save failed',
    content:
      `Cannot write ${path}: the save stopped before it finished (is the disk full, or the folder ` +
      'read-only or removed?). Free some space or choose another folder, and save again.',
  };
}

/**
 * Shows an error box (dialog.showErrorBox) when `item` ends interrupted. A cancelled save dialog ends
 * 'cancelled': the user chose that, nothing is said.
 */
export function reportFailedDownload(
  item: DownloadItemLike,
  showErrorBox: (title: string, content: string) => void,
): void {
  item.once('done', (_event, state) => {
    if (state !== 'interrupted') return;
    const { title, content } = failedDownloadMessage(item);
    showErrorBox(title, content);
  });
}
