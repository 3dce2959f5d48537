// serve's "Open from the server's folder" listing: a data folder of symbolic links into a shared store under
// --root is listed as its files and folders; a link leading out of --root stays out, as resolveUnderRoot
// refuses to open it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { listFolder } from '../../src/server/folder-listing.js';

let base: string;
let root: string;

before(() => {
  base = mkdtempSync(join(tmpdir(), 'tl-listing-'));
  root = join(base, 'root');
  mkdirSync(join(root, 'store', 'run1'), { recursive: true });
  mkdirSync(join(root, 'data'));
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(root, 'store', 'pbmc.h5ad'), 'HDF');
  writeFileSync(join(root, 'store', 'run1', 'matrix.mtx.gz'), '');
  writeFileSync(join(base, 'outside', 'secret.csv'), 'id,x\n');
  symlinkSync(join('..', 'store', 'pbmc.h5ad'), join(root, 'data', 'pbmc.h5ad')); // relative, inside
  symlinkSync(join(root, 'store', 'run1'), join(root, 'data', 'run1')); // absolute, a folder inside
  symlinkSync(join(base, 'outside', 'secret.csv'), join(root, 'data', 'secret.csv')); // out of the root
  symlinkSync(join(root, 'store', 'gone.csv'), join(root, 'data', 'gone.csv')); // dangling
});
after(() => rmSync(base, { recursive: true, force: true }));

test('links to files and folders inside the root are listed as what they point to; a link out, or dangling, is not', async () => {
  const listing = await listFolder(root, 'data');
  assert.deepEqual(listing.entries, [
    { name: 'run1', path: 'data/run1', kind: 'folder', cellRanger: true },
    { name: 'pbmc.h5ad', path: 'data/pbmc.h5ad', kind: 'file', size: 3 },
  ]);
  // a linked folder is listed under its link's path, and opens from it
  const inside = await listFolder(root, 'data/run1');
  assert.equal(inside.parent, 'data');
  assert.deepEqual(
    inside.entries.map((e) => e.path),
    ['data/run1/matrix.mtx.gz'],
  );
});
