/**
 * The one path a file is known by, so two spellings of it (relative, `..`, a symlink to it, a symlinked
 * folder on the way) compare equal — also for a file that does not exist yet.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * The absolute path with every symlink resolved: realpath of the path when it exists, otherwise realpath
 * of its nearest existing ancestor joined with the rest of the path.
 */
export async function canonicalPath(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    return join(await canonicalPath(parent), basename(absolute));
  }
}
