/**
 * Paths sent by the browser are only honoured inside the `--root` folder: a path is resolved against the
 * root, symbolic links are followed, and anything that ends up outside is refused. This keeps a page (or
 * anybody who got hold of the token) from reading ~/.ssh or writing over arbitrary files.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { EngineError } from '../api/errors.js';

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Links followed at most for a missing path (then it is taken as it is: the writer refuses the loop). */
const MAX_LINKS = 40;

/**
 * The real path of `path`, or of its nearest existing ancestor joined with the rest (for files to create) —
 * through a dangling symbolic link too: a write through it creates what it names (util/link-target.ts), so
 * that is where it goes.
 */
function realish(path: string, hops = 0): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    const realParent = realish(parent, hops);
    const here = resolve(realParent, relative(parent, path));
    const link = hops < MAX_LINKS && isLink(here);
    return link ? realish(resolve(realParent, readlinkSync(here)), hops + 1) : here;
  }
}

/**
 * Whether `path` is a symbolic link; a path that cannot be looked at — through a link loop (ELOOP), or not
 * readable — is no link to follow: it is taken as it is and its reader names what is wrong, where lstat's
 * own error was an internal error quoting the server's path.
 */
function isLink(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() === true;
  } catch {
    return false;
  }
}

/**
 * Resolves a user-supplied path against `root` and returns the absolute path, or throws a 'forbidden'
 * EngineError naming the path when it (or the file a symbolic link points to) lies outside the root.
 */
export function resolveUnderRoot(root: string, userPath: string): string {
  if (typeof userPath !== 'string' || userPath.trim() === '' || userPath.includes('\0')) {
    throw new EngineError({ kind: 'invalid-request', message: `Not a valid path: '${String(userPath)}'` });
  }
  const realRoot = realish(resolve(root));
  const absolute = resolve(realRoot, userPath);
  if (!inside(realRoot, absolute) || !inside(realRoot, realish(absolute))) {
    throw new EngineError({
      kind: 'forbidden',
      message: `The path '${userPath}' is outside the folder this server may read (${realRoot}). Restart 'tripletlens serve' with --root, or upload the file.`,
    });
  }
  return absolute;
}
