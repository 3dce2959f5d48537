// Damaged copies of a valid MatrixMarket file (with its name files beside it) and of a Cell Ranger v3 folder
// (matrix.mtx.gz, features.tsv.gz, barcodes.tsv.gz): cut short, bytes changed, the size line and entries made
// wrong, name files of the wrong length, gzip streams cut short, empty files. Each must import to a table of
// finite numbers or be refused with a DataImportError naming the dataset's file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { packageRoot } from '../../../src/util/paths.js';
import { seededRandom, type Random } from '../../../src/util/random.js';
import {
  assertAllClean,
  checkCase,
  flipped,
  garbled,
  truncated,
  type CaseResult,
} from '../corrupt-harness.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const PLAIN = join(FORMATS, 'plain');
const TENX = join(FORMATS, 'tenx_v3');
const SEED = 33_2028;

const MTX = readFileSync(join(PLAIN, 'cells.mtx'), 'utf8');

/** The matrix text with line `n` (0-based) replaced by `line`. */
function withLine(text: string, n: number, line: string): string {
  return text
    .split('\n')
    .map((l, i) => (i === n ? line : l))
    .join('\n');
}

/** The matrix text with entry `k`'s field `field` (0 row, 1 column, 2 value) set to `value`. */
function withEntry(text: string, k: number, field: number, value: string): string {
  const lines = text.split('\n');
  const n = lines.findIndex((l) => !l.startsWith('%')) + 1 + k;
  const fields = lines[n].split(' ');
  fields[field] = value;
  return withLine(text, n, fields.join(' '));
}

/** Edits of a MatrixMarket text that keep it text: the size line, entries, the banner, line ends. */
function textCases(text: string): [string, string][] {
  const lines = text.split('\n');
  const sizeAt = lines.findIndex((l) => !l.startsWith('%'));
  const [rows, cols, nnz] = lines[sizeAt].split(' ').map(Number);
  const size = (line: string) => withLine(text, sizeAt, line);
  return [
    ['empty', ''],
    ['banner only', `${lines[0]}\n`],
    ['no entries', lines.slice(0, sizeAt + 1).join('\n') + '\n'],
    ['one entry more declared', size(`${rows} ${cols} ${nnz + 1}`)],
    ['one entry fewer declared', size(`${rows} ${cols} ${nnz - 1}`)],
    ['0 entries declared', size(`${rows} ${cols} 0`)],
    ['0 rows', size(`0 ${cols} 0`)],
    ['0 columns', size(`${rows} 0 0`)],
    ['negative size', size(`-${rows} ${cols} ${nnz}`)],
    ['huge size', size(`4000000000 4000000000 ${nnz}`)],
    ['size beyond 2^53', size(`${rows} ${cols} 99999999999999999999`)],
    ['fractional size', size(`${rows}.5 ${cols} ${nnz}`)],
    ['NaN value', withEntry(text, 2, 2, 'NaN')],
    ['inf value', withEntry(text, 3, 2, 'inf')],
    ['-Infinity value', withEntry(text, 4, 2, '-Infinity')],
    ['negative value', withEntry(text, 5, 2, '-3')],
    ['value beyond float32', withEntry(text, 6, 2, '1e39')],
    ['hex value', withEntry(text, 7, 2, '0x10')],
    ['row 0', withEntry(text, 8, 0, '0')],
    ['row past the end', withEntry(text, 9, 0, String(rows + 1))],
    ['column past the end', withEntry(text, 10, 1, String(cols + 1))],
    ['negative column', withEntry(text, 11, 1, '-1')],
    ['fractional row', withEntry(text, 12, 0, '1.5')],
    ['entry without value', withEntry(text, 13, 2, '')],
    ['pattern banner', withLine(text, 0, '%%MatrixMarket matrix coordinate pattern general')],
    ['complex banner', withLine(text, 0, '%%MatrixMarket matrix coordinate complex general')],
    [
      'integer banner, real values',
      withLine(withEntry(text, 1, 2, '2.5'), 0, lines[0].replace('real', 'integer')),
    ],
    ['CRLF line ends', text.replaceAll('\n', '\r\n')],
    ['blank line among entries', withLine(text, sizeAt + 5, `\n${lines[sizeAt + 5]}`)],
    ['NUL bytes', text.slice(0, 200) + '\0\0' + text.slice(200)],
  ];
}

function byteCases(bytes: Uint8Array, random: Random): [string, Uint8Array][] {
  const cases: [string, Uint8Array][] = [];
  for (let k = 0; k < 6; k++) cases.push([`cut ${k}`, truncated(bytes, random)]);
  for (let k = 0; k < 4; k++) cases.push([`flip ${k}`, flipped(bytes, random, 1 + k)]);
  for (let k = 0; k < 6; k++) cases.push([`garble ${k}`, garbled(bytes, random, 1 + k)]);
  return cases;
}

test(
  'damaged copies of a MatrixMarket file are read or refused naming the file',
  { timeout: 600_000 },
  async () => {
    const random = seededRandom(SEED);
    const root = mkdtempSync(join(tmpdir(), 'tripletlens-corrupt-'));
    try {
      const results: CaseResult[] = [];
      const cases = [...textCases(MTX), ...byteCases(new TextEncoder().encode(MTX), random)];
      for (const [k, [label, data]] of cases.entries()) {
        const dir = join(root, `case-${k}`);
        mkdirSync(dir);
        for (const names of ['cells.barcodes.tsv', 'cells.genes.tsv'])
          copyFileSync(join(PLAIN, names), join(dir, names));
        writeFileSync(join(dir, 'cells.mtx'), data);
        results.push(await checkCase(`cells.mtx ${label}`, join(dir, 'cells.mtx'), { names: dir }));
      }
      // without name files beside it: cells and genes are numbered
      const alone = join(root, 'alone');
      mkdirSync(alone);
      for (const [k, [label, data]] of textCases(MTX).slice(0, 12).entries()) {
        writeFileSync(join(alone, `m${k}.mtx`), data);
        results.push(await checkCase(`lone .mtx ${label}`, join(alone, `m${k}.mtx`)));
      }
      assertAllClean(results);
      assert.ok(
        results.some((r) => r.outcome !== 'table'),
        'some damage is refused',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
);

/** A Cell Ranger folder's three files, as stored (gzip'd bytes). */
type Folder = Record<'matrix.mtx.gz' | 'features.tsv.gz' | 'barcodes.tsv.gz', Uint8Array>;

function tenxCases(original: Folder, random: Random): [string, Partial<Folder>][] {
  const text = (name: keyof Folder) => gunzipSync(original[name]).toString('utf8');
  const gz = (s: string) => new Uint8Array(gzipSync(s));
  const barcodes = text('barcodes.tsv.gz').split('\n');
  const features = text('features.tsv.gz').split('\n');
  const cases: [string, Partial<Folder>][] = [
    ['valid', {}],
    ['one barcode fewer', { 'barcodes.tsv.gz': gz(barcodes.slice(1).join('\n')) }],
    ['one barcode more', { 'barcodes.tsv.gz': gz(['EXTRA-1', ...barcodes].join('\n')) }],
    ['barcodes empty', { 'barcodes.tsv.gz': gz('') }],
    [
      'barcodes repeated',
      { 'barcodes.tsv.gz': gz(barcodes.map((b, i) => (i === 3 ? barcodes[2] : b)).join('\n')) },
    ],
    ['one feature fewer', { 'features.tsv.gz': gz(features.slice(1).join('\n')) }],
    ['features of one column', { 'features.tsv.gz': gz(features.map((l) => l.split('\t')[0]).join('\n')) }],
    ['features empty', { 'features.tsv.gz': gz('') }],
    [
      'feature names empty',
      { 'features.tsv.gz': gz(features.map((l) => l.replace(/\t[^\t]*\t/, '\t\t')).join('\n')) },
    ],
    ['barcodes not gzip', { 'barcodes.tsv.gz': new TextEncoder().encode(barcodes.join('\n')) }],
    ['matrix empty file', { 'matrix.mtx.gz': new Uint8Array(0) }],
    ['matrix gzip of nothing', { 'matrix.mtx.gz': gz('') }],
  ];
  for (const name of Object.keys(original) as (keyof Folder)[]) {
    for (let k = 0; k < 2; k++)
      cases.push([`${name} gzip cut ${k}`, { [name]: truncated(original[name], random) }]);
    for (let k = 0; k < 2; k++)
      cases.push([`${name} gzip flip ${k}`, { [name]: flipped(original[name], random, 1 + k) }]);
  }
  for (const [label, t] of textCases(text('matrix.mtx.gz')).slice(2, 24))
    cases.push([`matrix ${label}`, { 'matrix.mtx.gz': gz(t) }]);
  return cases;
}

test(
  'damaged copies of a Cell Ranger folder are read or refused naming the file',
  { timeout: 600_000 },
  async () => {
    const random = seededRandom(SEED + 1);
    const original = Object.fromEntries(
      (['matrix.mtx.gz', 'features.tsv.gz', 'barcodes.tsv.gz'] as const).map((n) => [
        n,
        new Uint8Array(readFileSync(join(TENX, n))),
      ]),
    ) as Folder;
    const root = mkdtempSync(join(tmpdir(), 'tripletlens-corrupt-'));
    try {
      const results: CaseResult[] = [];
      for (const [k, [label, changed]] of tenxCases(original, random).entries()) {
        const dir = join(root, `folder-${k}`);
        mkdirSync(dir);
        for (const [name, bytes] of Object.entries({ ...original, ...changed }))
          writeFileSync(join(dir, name), bytes);
        results.push(await checkCase(`10x ${label}`, dir));
      }
      assertAllClean(results);
      assert.ok(
        results.some((r) => r.outcome !== 'table'),
        'some damage is refused',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
);
