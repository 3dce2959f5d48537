/**
 * Which file paths the page may hand to the engine. In the desktop app a path only ever comes from a native
 * dialog (or the recent-files list, which was filled from dialogs), so main remembers those and refuses any
 * other: a compromised page cannot make the engine read or write arbitrary files. Uploads and the sample
 * need no permission. Reading and writing are kept apart: a path the user opened (or a recent file) is never
 * a place the engine may write over, and a save dialog's path is good for the one export it was chosen for.
 */
import { resolve } from 'node:path';
import type { EngineArgs, EngineRequestMethod, FileSource } from '../src/api/engine-api.js';
import { EngineError } from '../src/api/errors.js';

export interface PathGuard {
  /** Allows reading `path` (the user picked it in an open dialog, or it is a recent file). */
  allow(path: string): void;
  /** Allows one write to `path` (the user chose it in a save dialog); used up by the export that writes it. */
  allowWrite(path: string): void;
  /** Throws a 'forbidden' EngineError when the call names a path the user did not pick. */
  check<M extends EngineRequestMethod>(method: M, args: EngineArgs<M>): void;
}

/**
 * The dialog each reading call's file comes from, as a refusal names it: File ▸ Open… opens data, and would read
 * a session or a re-attached input as new data, without the saved map.
 */
const DIALOG_OF: Partial<Record<EngineRequestMethod, string>> = {
  openFile: 'File ▸ Open…',
  openMetadata: 'File ▸ Open metadata…',
  embedFile: '“Choose a file…” or “Choose a 10x folder…” under Project another file',
  openSession: 'File ▸ Open Session…',
  attachSessionInput: '“Choose the input file…” or “Choose its 10x folder…” under Open the input file again',
};
/** The dialog of the metadata file joined to projected cells (embedFile's third argument). */
const PROJECTED_METADATA_DIALOG = '“Choose a metadata file…” under Project another file';

export function createPathGuard(): PathGuard {
  const allowed = new Set<string>();
  const writable = new Set<string>();
  const require = (path: unknown, dialog: string) => {
    if (typeof path !== 'string' || !allowed.has(resolve(path))) {
      throw new EngineError({
        kind: 'forbidden',
        message: `The app only opens files chosen in its own dialogs (not ${String(path)}). Use ${dialog}`,
      });
    }
  };
  // a save dialog's answer, once: an opened file or a recent one is never written over through here
  const requireWritable = (path: unknown) => {
    if (typeof path !== 'string' || !writable.delete(resolve(path))) {
      throw new EngineError({
        kind: 'forbidden',
        message: `The app only writes where its own save dialog was answered (not ${String(path).slice(0, 200)}).`,
      });
    }
  };
  const checkSource = (source: unknown, dialog: string) => {
    const s = source as FileSource | undefined;
    if (s && typeof s === 'object' && s.kind === 'path') require(s.path, dialog);
    // Uploaded files exist only under `tripletlens serve`; the desktop app has no upload folder to name.
    if (s && typeof s === 'object' && s.kind === 'uploaded') {
      throw new EngineError({
        kind: 'forbidden',
        message: `The desktop app opens files through its own dialogs, not server uploads. Use ${dialog}`,
      });
    }
  };
  return {
    allow(path) {
      allowed.add(resolve(path));
    },
    allowWrite(path) {
      writable.add(resolve(path));
    },
    check(method, args) {
      if (
        method === 'openFile' ||
        method === 'openMetadata' ||
        method === 'embedFile' ||
        method === 'openSession' ||
        method === 'attachSessionInput'
      ) {
        checkSource(args[0], DIALOG_OF[method] ?? 'File ▸ Open…');
      }
      // the metadata file joined to projected cells: from the Project section's own dialog, as the file is
      if (method === 'embedFile' && args[2] !== undefined && args[2] !== null) {
        checkSource(args[2], PROJECTED_METADATA_DIALOG);
      }
      if (method === 'exportModel') {
        const target = args[0] as { kind?: string; dir?: unknown } | undefined;
        if (target?.kind === 'path') requireWritable(target.dir);
      }
      if (method === 'exportAnnData') {
        // only a path the save dialog gave (a download target is the server's, refused by the engine)
        const target = args[1] as { kind?: string; path?: unknown } | undefined;
        if (target?.kind === 'path') requireWritable(target.path);
      }
    },
  };
}
