import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DATA_EXTENSIONS, isFolder, openDialogOptions } from '../../electron/open-dialogs.js';

const dir = mkdtempSync(join(tmpdir(), 'tl-open-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Whether an Electron dialog filter list lets `name` through (a filter extension matches the last suffix). */
function shown(filters: { extensions: string[] }[], name: string): boolean {
  const ext = name.split('.').at(-1) ?? '';
  return filters.some((f) => f.extensions.includes('*') || f.extensions.includes(ext));
}

test('Open… shows every format the importer reads, besides All files', () => {
  const options = openDialogOptions('data', 'linux');
  const main = options.filters?.[0];
  assert.ok(main);
  for (const name of [
    'pbmc.csv',
    'pbmc.tsv',
    'pbmc.csv.gz',
    'adata.h5ad',
    'filtered_feature_bc_matrix.h5',
    'velocyto.loom',
    'matrix.mtx',
    'matrix.mtx.gz',
    'table.txt',
    'table.tab',
  ]) {
    assert.ok(shown([main], name), name);
  }
  assert.ok(!shown([main], 'notes.docx'), 'the format filter is a filter');
  assert.deepEqual(options.filters?.at(-1), { name: 'All files', extensions: ['*'] });
  // Electron wants bare extensions: no dots, no wildcards in the format filter
  assert.ok(DATA_EXTENSIONS.every((e) => /^[a-z0-9]+$/.test(e)));
});

test('a Cell Ranger folder: its own folder dialog everywhere; on macOS Open… takes folders too', () => {
  assert.deepEqual(openDialogOptions('folder', 'linux').properties, ['openDirectory']);
  assert.deepEqual(openDialogOptions('folder', 'win32').properties, ['openDirectory']);
  // Windows and Linux show a folder-only picker when a dialog asks for both: files only there
  assert.deepEqual(openDialogOptions('data', 'linux').properties, ['openFile']);
  assert.deepEqual(openDialogOptions('data', 'win32').properties, ['openFile']);
  assert.deepEqual(openDialogOptions('data', 'darwin').properties, ['openFile', 'openDirectory']);
});

test('Open metadata… stays a table dialog', () => {
  const options = openDialogOptions('metadata', 'linux');
  assert.deepEqual(options.properties, ['openFile']);
  assert.ok(shown(options.filters?.slice(0, 1) ?? [], 'meta.csv'));
  assert.ok(!shown(options.filters?.slice(0, 1) ?? [], 'adata.h5ad'));
});

test('Open Session… offers .tripletlens files first', () => {
  const options = openDialogOptions('session', 'linux');
  assert.deepEqual(options.properties, ['openFile']);
  assert.ok(shown(options.filters?.slice(0, 1) ?? [], 'pbmc.tripletlens'));
  assert.ok(!shown(options.filters?.slice(0, 1) ?? [], 'pbmc.csv'));
});

test('isFolder: folders yes; files and missing paths no', () => {
  writeFileSync(join(dir, 'x.csv'), 'id,a\n');
  assert.equal(isFolder(dir), true);
  assert.equal(isFolder(join(dir, 'x.csv')), false);
  assert.equal(isFolder(join(dir, 'missing')), false);
});
