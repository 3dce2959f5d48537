/**
 * Tidies what a killed OutputSet commit (a crash, kill -9, a power cut) left beside a destination, before
 * that destination is written again. A commit writes each output like this (output-set.ts):
 *
 *   1. the new content is written to `.NAME.tmp-…` and flushed;
 *   2. the old content is kept aside as `.NAME.old-…`: hard-linked (a file: NAME stays in place) or renamed
 *      (a folder, or a file system without hard links: NAME is missing until step 3);
 *   3. `.NAME.tmp-…` is renamed to NAME;
 *   4. once every output is in place, each `.NAME.old-…` is removed.
 *
 * So a writer killed in step 1 or 2 leaves a `.tmp-` that is never the only copy of anything (the outputs
 * are all old, or the old one is aside): it is removed. A `.old-` is removed when NAME exists (killed after
 * step 2's hard link, or after step 3: NAME is whole, old or new), and renamed back to NAME when NAME is
 * missing (killed between the rename of step 2 and step 3: it is the only copy of the user's output). A
 * run of several outputs killed during steps 2–3 may leave some outputs new and some old: there is no
 * journal to tell which belong together, and each is whole either way.
 *
 * Only siblings of exactly this destination are touched (siblingOwner), of the kind this destination is (a
 * file or a folder), and only those whose writer is gone: made on this machine (its host tag) by a pid
 * that is no longer running. A live writer's siblings — another process writing the same destination now,
 * or this process — are left alone; a sibling of another machine is left alone, as its pid cannot be
 * checked here. A pid reused by an unrelated process reads as alive: the leftover then waits, never the
 * other way round. Tidying is best effort: a failure leaves the leftover and the write goes on.
 */
import { basename, dirname, join } from 'node:path';
import type * as nodeFs from 'node:fs/promises';
import { HOST_TAG, probeOwner, siblingMatcher, type SiblingOwner } from './sibling-name.js';

/** The file-system calls tidying makes (a subset of OutputSet's). */
export interface LeftoverFs {
  /** A folder's names ([] when it cannot be read); OutputSet reads each folder once per call. */
  list: (folder: string) => Promise<string[]>;
  lstat: typeof nodeFs.lstat;
  rm: typeof nodeFs.rm;
  rename: typeof nodeFs.rename;
  link: typeof nodeFs.link;
}

/** Whether process `pid` of this machine is running (EPERM: it is, but another user's). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // only "no such process" says it is gone; anything else (EPERM, an invalid pid) keeps the leftover
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Whether the writer that made a sibling is gone for sure. */
function ownerGone(owner: Omit<SiblingOwner, 'tag'>, alive: (pid: number) => boolean): boolean {
  // a name from before the host tag existed is taken as this machine's: folders shared between machines
  // that write the same destination at once are rare, and those leftovers would otherwise stay forever
  if (owner.host !== undefined && owner.host !== HOST_TAG) return false;
  return !alive(owner.pid);
}

interface Leftover {
  path: string;
  tag: SiblingOwner['tag'];
  mtimeMs: number;
}

/** The leftovers of gone writers beside `target`, of its kind. */
async function findLeftovers(
  fs: LeftoverFs,
  target: string,
  kind: 'file' | 'folder',
  alive: (pid: number) => boolean,
): Promise<Leftover[]> {
  const folder = dirname(target);
  const names = await fs.list(folder);
  const found: Leftover[] = [];
  const ownerOf = siblingMatcher(target);
  for (const name of names) {
    const owner = ownerOf(name);
    if (!owner || !ownerGone(owner, alive)) continue;
    const path = join(folder, name);
    const info = await fs.lstat(path).catch(() => undefined);
    // never a link, nor a kind this destination's writer does not make
    if (!info || !(kind === 'file' ? info.isFile() : info.isDirectory())) continue;
    found.push({ path, tag: owner.tag, mtimeMs: info.mtimeMs });
  }
  return found;
}

/** Renames the kept-aside `old` back to `target` without ever replacing something at `target`. */
async function restore(fs: LeftoverFs, old: string, target: string, kind: 'file' | 'folder'): Promise<void> {
  if (kind === 'file') {
    // a link fails on an existing target (a writer that got there first); rename would replace it
    const done = await fs.link(old, target).then(
      () => true,
      (err: NodeJS.ErrnoException) => err.code === 'EEXIST',
    );
    if (done) return;
  }
  // a folder (rename fails on a non-empty one), or no hard links on this file system
  await fs.rename(old, target);
}

/**
 * What is said once a kept-aside copy was put back at `target` (`aside`: the copy's path): the user's
 * previous output had gone missing, and came back, with nothing said (a walkthrough: the coordinates CSV a
 * killed run had moved aside reappeared in silence).
 */
export function restoredNote(target: string, aside: string): string {
  return `${target} was put back: a write killed while replacing it (a crash, kill -9, a power cut) had left its previous content aside as ${basename(aside)}, the only copy.`;
}

/**
 * Removes the leftovers of gone writers beside `target` (the destination itself, links resolved), and
 * puts back an old copy a writer killed between its renames left as the only one (see the file comment).
 * @param alive whether a pid of this machine runs (default: processAlive; tests pass their own)
 * @returns the path of the copy put back at `target` (`restoredNote` says it), else undefined
 */
export async function tidyLeftovers(
  fs: LeftoverFs,
  target: string,
  kind: 'file' | 'folder',
  alive: (pid: number) => boolean = processAlive,
): Promise<string | undefined> {
  const leftovers = await findLeftovers(fs, target, kind, alive);
  const olds = leftovers.filter((l) => l.tag === 'old').sort((a, b) => b.mtimeMs - a.mtimeMs);
  const missing = await fs.lstat(target).then(
    () => false,
    (err: NodeJS.ErrnoException) => err.code === 'ENOENT',
  );
  let kept: Leftover | undefined;
  let restored: string | undefined;
  if (missing && olds.length > 0) {
    // the newest kept-aside copy: the last content the destination had (another is of an earlier crash)
    const newest = olds[0];
    // one that cannot be put back stays: it is the only copy of the user's output
    await restore(fs, newest.path, target, kind).then(
      () => (restored = newest.path),
      () => (kept = newest),
    );
  }
  for (const leftover of leftovers) {
    if (leftover === kept) continue;
    await fs.rm(leftover.path, { recursive: true, force: true }).catch(() => undefined);
  }
  return restored;
}

/**
 * Removes the writability probes (a few kB each) that writers killed while probing `folder` left there — a
 * Ctrl-C while a network drive takes seconds to flush one, say —, of gone writers only, as above.
 */
export async function tidyProbes(
  fs: LeftoverFs,
  folder: string,
  alive: (pid: number) => boolean = processAlive,
): Promise<void> {
  const names = await fs.list(folder);
  for (const name of names) {
    const owner = probeOwner(name);
    if (!owner || !ownerGone(owner, alive)) continue;
    const path = join(folder, name);
    const info = await fs.lstat(path).catch(() => undefined);
    if (info?.isFile()) await fs.rm(path, { force: true }).catch(() => undefined);
  }
}
