/**
 * HDF5 writes a file through h5wasm's Node file system, which calls `fs.writeSync`. When the operating system
 * refuses a write (a full disk, a quota, an I/O error), HDF5 prints "HDF5-DIAG: … No space left on device" and
 * h5wasm carries on: no exception, `close()` reports success, and the file on disk is cut short with holes —
 * it would be renamed into place and offered as a finished export. So while h5wasm writes a file, the writes
 * to that file's descriptors are watched, and the first one the system refused is thrown once h5wasm is done
 * (an errno error such as ENOSPC, which `writeError` words for the user).
 *
 * h5wasm reaches `fs` as `require('fs')`, the same object as this module's default import, and looks its
 * functions up at each call, so wrapping `openSync` and `writeSync` while a write is watched sees its calls.
 */
import fs from 'node:fs';
import { resolve } from 'node:path';

/** One file being written: the descriptors opened for it and the first write the system refused. */
interface Watch {
  path: string;
  fds: Set<number>;
  failure: unknown;
}

const watches = new Set<Watch>();
let originals: { openSync: typeof fs.openSync; writeSync: typeof fs.writeSync } | null = null;

/** The watch of a file opened at `path`, if one is watched. */
function watchOfPath(path: unknown): Watch | undefined {
  if (typeof path !== 'string') return undefined;
  const full = resolve(path);
  for (const watch of watches) if (watch.path === full) return watch;
  return undefined;
}

/** Wraps fs.openSync / fs.writeSync while at least one file is watched. */
function install(): void {
  if (originals) return;
  const { openSync, writeSync } = fs;
  originals = { openSync, writeSync };
  fs.openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
    const fd = (openSync as (...args: unknown[]) => number)(path, ...rest);
    watchOfPath(path)?.fds.add(fd);
    return fd;
  }) as typeof fs.openSync;
  fs.writeSync = ((fd: number, ...rest: unknown[]) => {
    try {
      return (writeSync as (...args: unknown[]) => number)(fd, ...rest);
    } catch (err) {
      for (const watch of watches) if (watch.fds.has(fd)) watch.failure ??= err;
      throw err;
    }
  }) as typeof fs.writeSync;
}

/** Puts fs back once no file is watched. */
function uninstall(): void {
  if (!originals || watches.size > 0) return;
  fs.openSync = originals.openSync;
  fs.writeSync = originals.writeSync;
  originals = null;
}

/**
 * Runs `write`, which writes the file at `path` through h5wasm, and throws the first error the system gave a
 * write to that file (once `write` has finished and closed it, or failed because of it), else `write`'s own.
 */
export async function throwingLostWrites<T>(path: string, write: () => Promise<T>): Promise<T> {
  const watch: Watch = { path: resolve(path), fds: new Set(), failure: undefined };
  watches.add(watch);
  install();
  try {
    let result: T;
    try {
      result = await write();
    } catch (err) {
      // a refused write is the cause of what h5wasm did next (a file it could not create is a null handle)
      throw watch.failure ?? err;
    }
    if (watch.failure !== undefined) throw watch.failure;
    return result;
  } finally {
    watches.delete(watch);
    uninstall();
  }
}
