/**
 * Reading a `.tripletlens` file from disk. A session is read whole (its ZIP directory is at the end, and
 * parseSession checks every entry against the others), and Node reads at most 2 GiB − 1 bytes into one buffer
 * (`fs.readFile` throws a RangeError, ERR_FS_FILE_TOO_LARGE, above). TripletLens never writes a session that
 * large (`sessionBytes` refuses to; bench/README.md, "How large a session gets": the manifest's JSON, one
 * string, reaches V8's string limit long before), so a file above it is not a session or is damaged: it gets a SessionFileError naming the
 * file, never Node's RangeError.
 */
import { readFile, stat } from 'node:fs/promises';
import { formatBytes } from '../data/memory-guard.js';
import { SESSION_READ_LIMIT, SessionFileError } from './session-file.js';

/** The refusal of a file of `bytes` bytes, above {@link SESSION_READ_LIMIT}; `name` names it. */
export function oversizedSessionError(name: string, bytes: number): SessionFileError {
  return new SessionFileError(
    `${name} cannot be opened as a TripletLens session: it is ${formatBytes(bytes)}, and a file of ${formatBytes(SESSION_READ_LIMIT + 1)} or more ` +
      'cannot be read whole, as a session is read. TripletLens never saves a session that large: this is not a ' +
      'session file (pick the .tripletlens file Save session wrote), or it is damaged',
  );
}

/** The bytes of the session file at `path`; `name` names it in the refusal of a file too large to be one. */
export async function readSessionFile(path: string, name: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    // readFile sizes the file before reading a byte: no 2 GB is read to learn this
    if ((err as NodeJS.ErrnoException)?.code !== 'ERR_FS_FILE_TOO_LARGE') throw err;
    throw oversizedSessionError(name, (await stat(path)).size);
  }
}
