/**
 * The file browser behind `tripletlens serve`'s "Open from the server" panel: lists one folder under `--root`
 * (confined exactly like path sources, by resolveUnderRoot: `..`, absolute paths and symbolic links that
 * lead outside are refused, and such links are left out of listings). Folders that look like a Cell Ranger
 * matrix folder (matrix.mtx or matrix.mtx.gz inside) are marked, since they open as one dataset. A link to
 * the folder being listed or to one it lies in (`up -> ..`, a link to the root) is listed under the path that
 * folder was opened under, so following it goes back there instead of nesting sub/up/sub/up/… without end.
 */
import { existsSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { FolderEntry, FolderListing } from '../api/server-files.js';
import { resolveUnderRoot } from './root-paths.js';

/** Entries listed at most (a folder of a million files must not produce a million-row page). */
export const MAX_ENTRIES = 2000;

const CELL_RANGER_FILES = ['matrix.mtx.gz', 'matrix.mtx'];

function relativeSlashed(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}

/**
 * The real paths of the folders `here` (relative to `realRoot`) goes through, the root and `here` included,
 * each with the path it was opened under: a link to one of them would list a folder already open above, and
 * so on for ever.
 */
async function openedFolders(realRoot: string, here: string): Promise<Map<string, string>> {
  const opened = new Map<string, string>([[realRoot, '']]);
  const parts = here === '' ? [] : here.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const real = await realpath(join(realRoot, ...parts.slice(0, i))).catch(() => undefined);
    if (real !== undefined && !opened.has(real)) opened.set(real, parts.slice(0, i).join('/'));
  }
  return opened;
}

/** Lists `userPath` (relative to `root`; '' or '.' for the root). Throws 'forbidden' outside the root. */
export async function listFolder(root: string, userPath: string): Promise<FolderListing> {
  const realRoot = resolveUnderRoot(root, '.');
  const absolute = resolveUnderRoot(root, userPath.trim() === '' ? '.' : userPath);
  const here = relativeSlashed(realRoot, absolute);
  const dirents = await readdir(absolute, { withFileTypes: true });
  const opened = await openedFolders(realRoot, here);
  const entries: FolderEntry[] = [];
  let truncated = false;
  for (const dirent of dirents.sort((a, b) => a.name.localeCompare(b.name))) {
    if (dirent.name.startsWith('.')) continue; // hidden files and folders (.git, .ssh…)
    if (entries.length >= MAX_ENTRIES) {
      truncated = true;
      break;
    }
    const full = join(absolute, dirent.name);
    try {
      resolveUnderRoot(realRoot, full); // a symbolic link out of the root is not shown
      const info = await stat(full);
      let path = relativeSlashed(realRoot, full);
      if (info.isDirectory()) {
        // a link back to an open folder leads to where that folder is, not one level deeper
        if (dirent.isSymbolicLink()) path = opened.get(await realpath(full)) ?? path;
        const cellRanger = CELL_RANGER_FILES.some((f) => existsSync(join(full, f)));
        entries.push({ name: dirent.name, path, kind: 'folder', ...(cellRanger ? { cellRanger } : {}) });
      } else if (info.isFile()) {
        entries.push({ name: dirent.name, path, kind: 'file', size: info.size });
      }
    } catch {
      // unreadable, dangling or outside the root: leave it out
    }
  }
  entries.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'folder' ? -1 : 1));
  const parent = here === '' ? null : here.includes('/') ? here.slice(0, here.lastIndexOf('/')) : '';
  return { path: here, parent, entries, truncated };
}
