/**
 * Work in a private temporary folder in the system's folder for temporary files (os.tmpdir(), TMPDIR),
 * removed afterwards, whatever happens (after a kill -9: by the next process that makes one). Saving a session and exporting a model archive write the model's
 * files there first; a write that fails there (a full /tmp, a read-only one) is said in the user's terms —
 * that folder, TMPDIR and why — never as the private path the user has never seen.
 */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { WriteError, writeError } from './write-error.js';
import { makeOwnedTemp } from './owned-temp.js';

/**
 * errno codes of a write in the private folder that only the folder's disk explains (full, read-only, failing):
 * another error of the work (a missing file it reads, say) keeps its own words.
 */
const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS', 'EIO']);

/**
 * Runs `work` in a new private folder under os.tmpdir() and removes the folder afterwards.
 * @param prefix the folder's name before mkdtemp's suffix ('tripletlens-session-')
 * @param what what is written there, for the message ('a temporary copy of the model')
 * @throws WriteError naming os.tmpdir() and TMPDIR when the folder cannot be made or a write in it fails;
 *   any other error of `work` as it is
 */
export async function inTempFolder<T>(
  prefix: string,
  what: string,
  work: (dir: string) => Promise<T>,
): Promise<T> {
  const parent = tmpdir();
  let dir: string | undefined;
  try {
    // any failure to make the folder is TMPDIR's: missing, a file, not writable, full
    // owned: a process killed during the work leaves a folder the next one removes (owned-temp.ts)
    dir = await makeOwnedTemp(prefix, parent).catch((err: unknown) => {
      throw writeError(err, parent);
    });
    return await work(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (!(err instanceof WriteError) && (code === undefined || !DISK_CODES.has(code))) throw err;
    const { reason } = writeError(err, parent);
    const advice = 'free some space there, or set TMPDIR to a folder with room';
    throw new WriteError(
      `${reason}; ${advice}`,
      parent,
      code,
      `${what} in ${parent} (the folder for temporary files)`,
    );
  } finally {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
