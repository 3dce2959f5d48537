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

// A data engineer's --root held `sub/up -> ..`: the browser showed sub/up/sub/up/… as endlessly nested folders.
test('a link back to the folder listed or to one it lies in leads to that folder, not one level deeper', async () => {
  mkdirSync(join(root, 'loops', 'sub', 'deeper'), { recursive: true });
  mkdirSync(join(root, 'loops', 'other'));
  symlinkSync('..', join(root, 'loops', 'sub', 'up')); // relative, to the parent
  symlinkSync(root, join(root, 'loops', 'sub', 'deeper', 'home')); // absolute, to the root
  symlinkSync('.', join(root, 'loops', 'sub', 'here')); // to the folder itself
  symlinkSync(join('..', 'other'), join(root, 'loops', 'sub', 'other')); // a sibling: an ordinary link
  symlinkSync(join('..', 'sub'), join(root, 'loops', 'other', 'sub')); // …which links back: a cycle of two
  const sub = await listFolder(root, 'loops/sub');
  assert.deepEqual(
    sub.entries.map((e) => [e.name, e.path]),
    [
      ['deeper', 'loops/sub/deeper'],
      ['here', 'loops/sub'],
      ['other', 'loops/sub/other'],
      ['up', 'loops'],
    ],
  );
  const deeper = await listFolder(root, 'loops/sub/deeper');
  assert.deepEqual(deeper.entries, [{ name: 'home', path: '', kind: 'folder' }]);
  // through the ordinary link to a sibling, its link back leads to the folder already open above
  const other = await listFolder(root, 'loops/sub/other');
  assert.deepEqual(
    other.entries.map((e) => [e.name, e.path]),
    [['sub', 'loops/sub']],
  );
});
