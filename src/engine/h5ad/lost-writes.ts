/**
 * HDF5 writes a file through h5wasm's Node file system, which calls `fs.openSync`, `fs.writeSync` and
 * `fs.closeSync`. When the operating system refuses one (a full disk, a quota, an I/O error), HDF5 prints
 * "HDF5-DIAG: … No space left on device" and h5wasm carries on: no exception, `close()` reports success, and
 * the file on disk is cut short with holes — it would be renamed into place and offered as a finished export.
 * So while h5wasm writes a file, the calls for that file are watched, and the first one the system refused is
 * thrown once h5wasm is done (an errno error such as ENOSPC, which `writeError` words for the user). Its
 * descriptors are synced before they are closed, so that a network drive's late write errors (NFS, SMB report
 * them at fsync or close) are seen too.
 *
 * h5wasm reaches `fs` as `require('fs')`, the same object as this module's default import, and looks its
 * functions up at each call, so wrapping them while a write is watched sees its calls.
 */
import fs from 'node:fs';
import { resolve } from 'node:path';

/**
 * One file being written: the descriptors open on it, the first write or close for it the system refused, and
 * the last refused open — HDF5 tries opens that may fail (whether the file exists yet), so a refused open only
 * explains a write that failed without the file ever being opened.
 */
interface Watch {
  path: string;
  fds: Set<number>;
  failure: unknown;
  openFailure: unknown;
  opened: boolean;
}

type FsCalls = Pick<typeof fs, 'openSync' | 'writeSync' | 'closeSync'>;

const watches = new Set<Watch>();
let originals: FsCalls | null = null;
let wrappers: FsCalls | null = null;

/** The watch of a file at `path`, if one is watched. */
function watchOfPath(path: unknown): Watch | undefined {
  if (typeof path !== 'string') return undefined;
  const full = resolve(path);
  for (const watch of watches) if (watch.path === full) return watch;
  return undefined;
}

/** The watch a descriptor is open for, if any. */
function watchOfFd(fd: number): Watch | undefined {
  for (const watch of watches) if (watch.fds.has(fd)) return watch;
  return undefined;
}

/** `call`, with its failure kept as `watch`'s when the call was for a watched file. */
function noting<T>(watch: Watch | undefined, call: () => T): T {
  try {
    return call();
  } catch (err) {
    if (watch) watch.failure ??= err;
    throw err;
  }
}

/** Wraps fs's open, write and close while at least one file is watched. */
function install(): void {
  if (originals) return;
  const { openSync, writeSync, closeSync } = fs;
  originals = { openSync, writeSync, closeSync };
  wrappers = {
    openSync: ((path: fs.PathLike, ...rest: unknown[]) => {
      const watch = watchOfPath(path);
      try {
        const fd = (openSync as (...args: unknown[]) => number)(path, ...rest);
        if (watch) {
          watch.fds.add(fd);
          watch.opened = true;
        }
        return fd;
      } catch (err) {
        if (watch) watch.openFailure = err;
        throw err;
      }
    }) as typeof fs.openSync,
    writeSync: ((fd: number, ...rest: unknown[]) =>
      noting(watchOfFd(fd), () =>
        (writeSync as (...args: unknown[]) => number)(fd, ...rest),
      )) as typeof fs.writeSync,
    closeSync: ((fd: number) => {
      const watch = watchOfFd(fd);
      // a descriptor number is reused once closed: it is this file's no more
      watch?.fds.delete(fd);
      // a refused fsync is kept as the watch's failure; the descriptor is closed all the same (not leaked)
      if (watch) {
        try {
          noting(watch, () => fs.fsyncSync(fd));
        } catch {
          // thrown once h5wasm is done (throwingLostWrites)
        }
      }
      return noting(watch, () => closeSync(fd));
    }) as typeof fs.closeSync,
  };
  Object.assign(fs, wrappers);
}

/** Puts fs back once no file is watched (each function only if it is still ours: later patches are kept). */
function uninstall(): void {
  if (!originals || !wrappers || watches.size > 0) return;
  for (const name of ['openSync', 'writeSync', 'closeSync'] as const) {
    if (fs[name] === wrappers[name]) Object.assign(fs, { [name]: originals[name] });
  }
  originals = null;
  wrappers = null;
}

/**
 * Runs `write`, which writes the file at `path` through h5wasm, and throws the first error the system gave a
 * call for that file (once `write` has finished and closed it, or failed because of it), else `write`'s own.
 */
export async function throwingLostWrites<T>(path: string, write: () => Promise<T>): Promise<T> {
  const watch: Watch = {
    path: resolve(path),
    fds: new Set(),
    failure: undefined,
    openFailure: undefined,
    opened: false,
  };
  watches.add(watch);
  install();
  try {
    let result: T;
    try {
      result = await write();
    } catch (err) {
      // a refused call is the cause of what h5wasm did next (a file it could not create is a null handle); a
      // refused open of a file opened after all was HDF5's probe, and the write's own error is the answer
      throw watch.failure ?? (watch.opened ? undefined : watch.openFailure) ?? err;
    }
    if (watch.failure !== undefined) throw watch.failure;
    return result;
  } finally {
    watches.delete(watch);
    uninstall();
  }
}
