/**
 * Private folders in the folder for temporary files (os.tmpdir(), TMPDIR) that a killed process does not
 * leave there forever: the folder's name carries its owner — `tripletlens-h5-1234-3fa2-Ab12Cd`: the prefix,
 * the pid, the machine's host tag and mkdtemp's suffix — and making one first removes the folders of the
 * same prefix whose owner is gone (a pid of this machine no longer running: output-leftovers.ts's rule).
 * An upload's copy for the HDF5 reader is as large as the upload: gigabytes left by each kill -9.
 */
import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from './output-leftovers.js';
import { HOST_TAG } from './sibling-name.js';

/** `1234-3fa2-Ab12Cd`: what follows the prefix in an owned folder's name. */
const OWNED = /^(\d{1,10})-([0-9a-f]{4})-[A-Za-z0-9]{6}$/;

/**
 * Removes the folders `prefix` + owner of gone owners in `parent` (best effort: a folder that cannot be
 * removed, another user's say, stays).
 * @param alive whether a pid of this machine runs (default: processAlive)
 */
export async function sweepOwnedTemps(
  prefix: string,
  parent: string = tmpdir(),
  alive: (pid: number) => boolean = processAlive,
): Promise<void> {
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    const match = name.startsWith(prefix) ? OWNED.exec(name.slice(prefix.length)) : null;
    if (!match || match[2] !== HOST_TAG || alive(Number(match[1]))) continue;
    const path = join(parent, name);
    // a folder, never a link named like one
    const info = await lstat(path).catch(() => undefined);
    if (info?.isDirectory()) await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * mkdtemp with this process as the owner in the name, after sweeping the same prefix's folders of gone
 * owners; errors are mkdtemp's.
 * @param prefix the name's start ('tripletlens-h5-')
 * @param parent where (default: os.tmpdir())
 */
export async function makeOwnedTemp(prefix: string, parent: string = tmpdir()): Promise<string> {
  await sweepOwnedTemps(prefix, parent);
  return mkdtemp(join(parent, `${prefix}${process.pid}-${HOST_TAG}-`));
}
