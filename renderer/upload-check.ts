/**
 * Whether a file picked or dropped in the page can be uploaded at all, decided from its size before a byte
 * is read: browsers cannot read a file of 2 GB or more into memory ("The requested file could not be read,
 * typically due to permission problems…"), and the server refuses what its disk cannot hold.
 */
import { formatBytes } from './format.js';

/** Files from this size on cannot be read into the page (Chromium's limit for one ArrayBuffer read). */
export const BROWSER_READ_LIMIT = 2 * 1024 ** 3;

/**
 * The reason `file` cannot be uploaded, or null when it can. `streamed`: the file goes to `tripletlens
 * serve` as a stream (so only the server's `serverLimit` applies); otherwise it is read into the page.
 */
export function uploadRefusal(
  file: { name: string; size: number },
  options: { streamed: boolean; serverLimit?: number | null },
): string | null {
  const size = formatBytes(file.size);
  const byPath = options.streamed
    ? 'Open it by its path instead: use “Open from the server’s folder” below (files under the folder `tripletlens serve --root` was given), or the CLI: tripletlens train FILE.'
    : 'Open it by its path instead (File ▸ Open…), or use the CLI: tripletlens train FILE.';
  // streamed uploads could go further, but a multi-gigabyte upload (through an ssh tunnel, say) is the slow
  // road to a file the server can read directly
  if (file.size >= BROWSER_READ_LIMIT) {
    return `${file.name} is ${size}: too large to upload from the browser (the limit is ${formatBytes(BROWSER_READ_LIMIT)}). ${byPath}`;
  }
  const limit = options.serverLimit;
  if (options.streamed && typeof limit === 'number' && file.size > limit) {
    return `${file.name} is ${size}, more than the server can take (${formatBytes(limit)}: its free disk space or --max-upload-mb). ${byPath}`;
  }
  return null;
}
