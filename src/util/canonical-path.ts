/**
 * The one path a file is known by, so two spellings of it (relative, `..`, a symlink to it, a symlinked
 * folder on the way) compare equal — also for a file that does not exist yet, and for a dangling symlink,
 * which names the file an OutputSet writes through it (link-target.ts).
 */
import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Links followed at most (then the path is taken as it is: the writer refuses the loop). */
const MAX_LINKS = 40;

/**
 * The absolute path with every symlink resolved: realpath of the path when it exists; the canonical path of
 * what a dangling link names; otherwise that of its nearest existing ancestor joined with the rest.
 */
export async function canonicalPath(path: string, hops = 0): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    const canonicalParent = await canonicalPath(parent, hops);
    const here = join(canonicalParent, basename(absolute));
    const info = await lstat(here).catch(() => undefined);
    if (!info?.isSymbolicLink() || hops >= MAX_LINKS) return here;
    // a relative link is read from its own (real) folder, as the kernel does
    return canonicalPath(resolve(canonicalParent, await readlink(here)), hops + 1);
  }
}
