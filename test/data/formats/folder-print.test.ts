// A Cell Ranger folder's fingerprint: the importer's (made while it reads the name files) and folderPrintOf's
// (made without reading the matrix's entries) agree, ignore how the files are compressed, and change with the
// barcodes, the features and the count of stored values; a folder's matrix file gives the folder's.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { importTable } from '../../../src/data/import-table.js';
import { DataImportError } from '../../../src/data/errors.js';
import {
  folderPrintDifferences,
  folderPrintOf,
  mayBeCellRanger,
} from '../../../src/data/formats/folder-print.js';
import { readMtxHeader } from '../../../src/data/formats/mtx-stream.js';
import { packageRoot } from '../../../src/util/paths.js';

const V3 = join(packageRoot(), 'test', 'fixtures', 'formats', 'tenx_v3');
const V2 = join(packageRoot(), 'test', 'fixtures', 'formats', 'tenx_v2');
const dir = mkdtempSync(join(tmpdir(), 'tl-folder-print-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const text = (file: string): string => gunzipSync(readFileSync(join(V3, file))).toString('utf8');
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** A copy of the v3 fixture with `change` applied to the decompressed text of its files. */
function variant(name: string, change: (file: string, text: string) => string, level = 6): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  for (const file of ['barcodes.tsv.gz', 'features.tsv.gz', 'matrix.mtx.gz']) {
    writeFileSync(join(folder, file), gzipSync(change(file, text(file)), { level }));
  }
  return folder;
}

test('the importer and folderPrintOf give one fingerprint: the name files as text, the matrix header', async () => {
  const table = await importTable(V3);
  assert.deepEqual(table.folderPrint, {
    cells: 40,
    barcodes: sha(text('barcodes.tsv.gz')),
    genes: 31,
    features: sha(text('features.tsv.gz')),
    values: 629,
  });
  assert.deepEqual(await folderPrintOf(V3), table.folderPrint);
  // Cell Ranger 2's plain files
  assert.deepEqual(await folderPrintOf(V2), (await importTable(V2)).folderPrint);
  // a file has its SHA-256, not a fingerprint
  const csv = await importTable(join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv'));
  assert.equal(csv.folderPrint, undefined);
});

test('gzip level, no gzip at all, CRLF line ends and a trailing blank line do not change it', async () => {
  const regzipped = variant('regzipped', (_, t) => t, 1);
  assert.notDeepEqual(
    readFileSync(join(regzipped, 'barcodes.tsv.gz')),
    readFileSync(join(V3, 'barcodes.tsv.gz')),
  );
  const plain = join(dir, 'plain');
  mkdirSync(plain);
  writeFileSync(join(plain, 'barcodes.tsv'), text('barcodes.tsv.gz').replace(/\n/g, '\r\n') + '\r\n');
  writeFileSync(join(plain, 'features.tsv'), text('features.tsv.gz'));
  cpSync(join(V3, 'matrix.mtx.gz'), join(plain, 'matrix.mtx.gz'));
  const original = await folderPrintOf(V3);
  assert.deepEqual(await folderPrintOf(regzipped), original);
  assert.deepEqual(await folderPrintOf(plain), original);
  assert.deepEqual((await importTable(plain)).folderPrint, original);
});

test('other barcodes, other features and another count of values each change it, said in words', async () => {
  const original = await folderPrintOf(V3);
  const barcodes = variant('barcodes', (f, t) => (f.startsWith('barcodes') ? t.replace('-1\n', '-2\n') : t));
  const features = variant('features', (f, t) =>
    f.startsWith('features') ? t.replace('GENE05', 'GENE5') : t,
  );
  const values = variant('values', (f, t) => {
    if (!f.startsWith('matrix')) return t;
    const lines = t.trimEnd().split('\n');
    lines[2] = '31 40 628';
    return `${lines.slice(0, -1).join('\n')}\n`;
  });
  assert.deepEqual(folderPrintDifferences(original, await folderPrintOf(barcodes)), [
    'other cells (its barcodes differ)',
  ]);
  assert.deepEqual(folderPrintDifferences(original, await folderPrintOf(features)), [
    'other genes (its features differ)',
  ]);
  assert.deepEqual(folderPrintDifferences(original, await folderPrintOf(values)), [
    'the same cells and genes but another count of values (628 stored in its matrix, not 629)',
  ]);
  const fewer = { ...original, cells: 39, barcodes: 'x', values: 600 };
  assert.deepEqual(folderPrintDifferences(original, fewer), [
    'other cells (39 barcodes, not 40)',
    'another count of values (600 stored in its matrix, not 629)',
  ]);
  assert.deepEqual(folderPrintDifferences(original, original), []);
  // a real folder's counts, grouped as the app groups counts
  const big = { ...original, cells: 12000, genes: 33538, values: 2_500_000 };
  assert.deepEqual(folderPrintDifferences(big, { ...big, cells: 11999, genes: 33694, values: 2_400_000 }), [
    'other cells (11\u202f999 barcodes, not 12\u202f000)',
    'other genes (33\u202f694 features, not 33\u202f538)',
    'another count of values (2\u202f400\u202f000 stored in its matrix, not 2\u202f500\u202f000)',
  ]);
});

test('the header is read without the entries; a folder that is no Cell Ranger folder is named', async () => {
  // entries damaged after the size line do not matter to the header
  const cut = join(dir, 'cut.mtx');
  writeFileSync(cut, '%%MatrixMarket matrix coordinate integer general\n%\n31 40 2\n1 1 x\n');
  assert.deepEqual(
    { ...(await readMtxHeader(cut)) },
    { field: 'integer', rows: 31, cols: 40, entries: 2, sizeLine: 3 },
  );
  writeFileSync(cut, '%%MatrixMarket matrix coordinate integer general\n%\n');
  await assert.rejects(readMtxHeader(cut), /cut\.mtx, line 3: the file ends before its size line/);
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  await assert.rejects(folderPrintOf(empty), (err) => {
    assert.ok(err instanceof DataImportError);
    assert.match(err.message, /empty: this folder holds no matrix\.mtx\.gz or matrix\.mtx/);
    return true;
  });
  await assert.rejects(
    folderPrintOf(cut),
    /cut\.mtx: this is not a Cell Ranger folder nor the matrix file of one \(matrix\.mtx\.gz with barcodes\.tsv\.gz and features\.tsv\.gz beside it\)\.$/,
  );
  await assert.rejects(folderPrintOf(join(dir, 'gone')), /gone: it is not there \(any more\)\.$/);
});

test("a Cell Ranger matrix file gives its folder's fingerprint, as the importer reads it; GEO's prefixed names too", async () => {
  const original = await folderPrintOf(V3);
  const matrix = join(V3, 'matrix.mtx.gz');
  assert.deepEqual(await folderPrintOf(matrix), original);
  assert.deepEqual((await importTable(matrix)).folderPrint, original);
  assert.equal(await mayBeCellRanger(matrix), true);
  assert.equal(await mayBeCellRanger(V3), true);
  // unzipped, and GEO's copies named GSM1_matrix.mtx beside GSM1_barcodes.tsv.gz, GSM1_features.tsv.gz
  const geo = join(dir, 'geo');
  mkdirSync(geo);
  writeFileSync(join(geo, 'GSM1_matrix.mtx'), text('matrix.mtx.gz'));
  cpSync(join(V3, 'barcodes.tsv.gz'), join(geo, 'GSM1_barcodes.tsv.gz'));
  cpSync(join(V3, 'features.tsv.gz'), join(geo, 'GSM1_features.tsv.gz'));
  assert.deepEqual(await folderPrintOf(join(geo, 'GSM1_matrix.mtx')), original);
  // Cell Ranger 2's matrix.mtx beside genes.tsv
  assert.deepEqual(await folderPrintOf(join(V2, 'matrix.mtx')), await folderPrintOf(V2));
  // the matrix alone is no Cell Ranger matrix file: its cells would be numbered, so it has no fingerprint
  const alone = join(dir, 'alone');
  mkdirSync(alone);
  cpSync(matrix, join(alone, 'matrix.mtx.gz'));
  await assert.rejects(
    folderPrintOf(join(alone, 'matrix.mtx.gz')),
    /not a Cell Ranger folder nor the matrix file of one/,
  );
  assert.equal(await mayBeCellRanger(join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv')), false);
});
