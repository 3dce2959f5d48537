/**
 * A failed write, told in the user's terms: which destination, and why (a full or read-only disk, no
 * permission…), never a raw Node error naming a temporary file the user has never heard of.
 */

/** Why a write failed, by errno code. */
const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full (no space left on device)',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file is too large for this file system',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'an input/output error (is the disk still connected?)',
  // creating a file in a folder that exists gives ENOENT on virtual file systems (/proc), or when the folder
  // was removed meanwhile: Node's own text would name the probe or temporary file and say "no such file"
  ENOENT: 'its folder does not exist (any more) or does not accept new files, as /proc does',
  ELOOP: 'the path has too many levels of symbolic links (a link pointing at itself?)',
  EBUSY: 'the file or its folder is busy (in use by another program, or a mount point)',
  ETXTBSY: 'the file is a program that is running',
  ESTALE: 'the network file system lost track of the folder (a stale file handle): try again',
  EMFILE: 'too many files are open at once',
  ENFILE: 'too many files are open on this machine',
};

/** A write that failed; `destination` is the path the user asked for, `code` the errno code when known. */
export class WriteError extends Error {
  override name = 'WriteError';
  constructor(
    /** Why, without the destination ("the disk is full (no space left on device)"). */
    readonly reason: string,
    readonly destination: string,
    readonly code?: string,
    /** How the destination is named in the message (default: its path). */
    what: string = destination,
  ) {
    super(`Cannot write ${what}: ${reason}`);
  }
}

/**
 * Turns any error from writing `destination` (possibly through `temporaries`) into a WriteError whose
 * message names the destination (as `what`, e.g. "--out /data/x.csv") and the reason; temporary paths in
 * a reason are replaced by the destination.
 */
export function writeError(
  err: unknown,
  destination: string,
  what: string = destination,
  temporaries: readonly string[] = [],
): WriteError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  let reason = code !== undefined ? REASONS[code] : undefined;
  if (reason === undefined) {
    reason = err instanceof WriteError ? err.reason : err instanceof Error ? err.message : String(err);
    for (const temp of temporaries) reason = reason.split(temp).join(destination);
  }
  return new WriteError(reason, destination, code, what);
}
