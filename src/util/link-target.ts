/**
 * Where a destination given as a symbolic link is written: the file or folder the link names, through every
 * link, so the link stays a link to the new content (a rename over the link itself replaced it with a plain
 * file and left the file it named as it was).
 *
 * A dangling link (its target missing) is written through too, creating the target, as a shell's `>` does
 * — the user named that file by the link. Its folder is not created: a link to a folder that is gone (an
 * unmounted disk, a moved project) more likely points at the wrong place than at one to make, so that is an
 * error naming the link, its target and the missing folder. (GNU cp refuses a dangling link outright.)
 */
import type * as nodeFs from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { WriteError } from './write-error.js';

/** The file-system calls following a link makes. */
export interface LinkFs {
  lstat: typeof nodeFs.lstat;
  stat: typeof nodeFs.stat;
  readlink: typeof nodeFs.readlink;
  realpath: typeof nodeFs.realpath;
}

/** Links followed at most, as Linux's own limit (then ELOOP: a link pointing at itself, or a cycle). */
const MAX_LINKS = 40;

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** The end of the chain of links from `path`: an existing file or folder, or the missing name a link gives. */
async function chainEnd(fs: LinkFs, path: string): Promise<{ end: string; exists: boolean }> {
  let current = path;
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    const info = await fs.lstat(current).catch((err: unknown) => {
      if (errnoCode(err) === 'ENOENT' || errnoCode(err) === 'ENOTDIR') return undefined;
      throw err;
    });
    if (!info) return { end: current, exists: false };
    if (!info.isSymbolicLink()) return { end: await fs.realpath(current), exists: true };
    // a relative link is read from its own folder, as the kernel does (through that folder's links, so a
    // `..` in the link goes up from where the folder really is)
    const text = await fs.readlink(current);
    current = resolve(await fs.realpath(dirname(current)), text);
  }
  throw Object.assign(new Error(`too many symbolic links from ${path}`), { code: 'ELOOP' });
}

/**
 * What `path` writes: `path` itself unless it is a symbolic link, else what the link names (see the file
 * comment). Throws a WriteError (described as `what`) for a dangling link whose target's folder is missing.
 */
export async function linkTarget(fs: LinkFs, path: string, what: string): Promise<string> {
  const info = await fs.lstat(path).catch(() => undefined);
  if (!info?.isSymbolicLink()) return path;
  const { end, exists } = await chainEnd(fs, path).catch((err: unknown) => {
    throw new WriteError(
      errnoCode(err) === 'ELOOP'
        ? 'the path has too many levels of symbolic links (a link pointing at itself?)'
        : `its symbolic link cannot be followed (${err instanceof Error ? err.message : String(err)})`,
      path,
      errnoCode(err),
      what,
    );
  });
  if (exists) return end;
  const folder = dirname(end);
  const isFolder = await fs.stat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) {
    const reason = `it is a symbolic link to ${end}, whose folder ${folder} does not exist (create it, or point the link elsewhere)`;
    throw new WriteError(reason, path, 'ENOENT', what);
  }
  return end;
}
