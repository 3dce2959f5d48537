/**
 * Whether a file picked or dropped in the page can be uploaded at all, decided from its size before a byte
 * is read: browsers cannot read a file of 2 GB or more into memory ("The requested file could not be read,
 * typically due to permission problems…"), and the server refuses what its disk cannot hold.
 */
import { formatBytes } from './format.js';

/** Files from this size on cannot be read into the page (Chromium's limit for one ArrayBuffer read). */
export const BROWSER_READ_LIMIT = 2 * 1024 ** 3;

/** The way to open, or to project, a file by its path instead, served or in the desktop app. */
const BY_PATH = {
  open: {
    streamed:
      'Open it by its path instead: use “Open from the server’s folder” below (files under the folder `tripletlens serve --root` was given), or the CLI: tripletlens train FILE.',
    desktop: 'Open it by its path instead (File ▸ Open…), or use the CLI: tripletlens train FILE.',
  },
  project: {
    streamed:
      'Project it by its path instead: use “Project from the server’s folder” below (files under the folder `tripletlens serve --root` was given), or the CLI: tripletlens embed FILE --model DIR.',
    // read into the page: there is no chooser by path here (the desktop app's Choose a file… reads no bytes)
    desktop: 'Project it with the CLI instead: tripletlens embed FILE --model DIR.',
  },
  // a session file: File ▸ Open… would read it as data (a zip archive, not a table). Under serve a session
  // opens only as an upload (there is no session by path on the server), so room on the server is the way
  session: {
    streamed: 'A session opens only as an upload here: make room on the server, then open it again.',
    desktop: 'Open it with File ▸ Open Session… instead (nothing is read into the page).',
  },
  // a reopened session's input: File ▸ Open… (or Import) would start afresh, without the saved map
  attach: {
    streamed:
      'Re-attach it by its path instead: use “Find it in the server’s folder” below (files and 10x folders under the folder `tripletlens serve --root` was given).',
    desktop:
      'Re-attach it by its path instead: use “Choose the input file…” below (nothing is read into the page).',
  },
};

/**
 * What an upload is for: opening the file (the Import screen), projecting it onto the map (Explore), opening a
 * saved session or re-attaching a reopened session's input (both in Explore's Edit labels panel).
 */
export type UploadPurpose = keyof typeof BY_PATH;

/**
 * The reason `file` cannot be uploaded, or null when it can. `streamed`: the file goes to `tripletlens
 * serve` as a stream (so only the server's `serverLimit` applies, said with what sets it); otherwise it is
 * read into the page.
 * `purpose` (default 'open') decides the way by path the reason suggests.
 */
export function uploadRefusal(
  file: { name: string; size: number },
  options: {
    streamed: boolean;
    serverLimit?: number | null;
    /** What sets `serverLimit`, as the server says it ("… --disk-reserve-mb 256"); null from older servers. */
    serverLimitReason?: string | null;
    purpose?: UploadPurpose;
  },
): string | null {
  const size = formatBytes(file.size);
  const ways = BY_PATH[options.purpose ?? 'open'];
  const byPath = options.streamed ? ways.streamed : ways.desktop;
  // streamed uploads could go further, but a multi-gigabyte upload (through an ssh tunnel, say) is the slow
  // road to a file the server can read directly
  if (file.size >= BROWSER_READ_LIMIT) {
    // no session is that large (the engine cannot read one whole either): a way by path would not help
    if (options.purpose === 'session') {
      return `${file.name} is ${size}: too large to upload from the browser (the limit is ${formatBytes(BROWSER_READ_LIMIT)}), and TripletLens never saves a session that large. Pick the .tripletlens file Save session wrote: this one is not a session, or it is damaged.`;
    }
    return `${file.name} is ${size}: too large to upload from the browser (the limit is ${formatBytes(BROWSER_READ_LIMIT)}). ${byPath}`;
  }
  const limit = options.serverLimit;
  if (options.streamed && typeof limit === 'number' && file.size > limit) {
    const why = options.serverLimitReason || 'its free disk space or --max-upload-mb';
    return `${file.name} is ${size}, more than the server can take (${formatBytes(limit)}: ${why}). ${byPath}`;
  }
  return null;
}
