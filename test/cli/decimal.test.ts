// A European spreadsheet's CSV (Excel in a Swedish or German locale: a BOM, ';' between fields, decimal commas,
// CRLF) is read by inspect and train as the same numbers as the plain CSV; a tab-separated one with decimal
// commas needs --decimal comma, and is refused naming the file, line, column, value and that flag without it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot, sharedDataPath } from '../../src/util/paths.js';
import { parseCsv, runCli, tempDir } from './helpers.js';
import { writeSwedishMetadata } from '../data/swedish-metadata.js';

const IRIS = sharedDataPath('sklearn_iris.csv');
const CELLS = join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv');

let dir = '';
let cleanup = async () => {};
let swedish = '';
let tabbed = '';
before(async () => {
  ({ dir, cleanup } = await tempDir());
  const rows = parseCsv(await readFile(IRIS, 'utf8'));
  // every '.' of iris is a decimal point: its numbers written with a decimal comma
  const comma = rows.map((row) => row.map((field) => field.replace('.', ',')));
  swedish = join(dir, 'iris_sv.csv');
  await writeFile(swedish, `\uFEFF${comma.map((row) => row.join(';')).join('\r\n')}\r\n`);
  tabbed = join(dir, 'iris_de.tsv');
  await writeFile(tabbed, `${comma.map((row) => row.join('\t')).join('\n')}\n`);
});
after(() => cleanup());

test("inspect reads a ';' file of decimal commas by detection and says so", async () => {
  const r = await runCli(['inspect', swedish]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Shape: 150 rows \(cells or samples\) × 4 genes$/m);
  assert.match(r.stdout, /values 0\.1000 to 7\.900\)/);
  // the CLI's flag alone: the page's field (Import settings ▸ Decimal separator) is not the terminal's word
  assert.match(r.stdout, /^Note: ',' was read as the decimal separator .*\(--decimal dot\)\.$/m);
  assert.doesNotMatch(r.stdout, /Import settings|the app:/);
});

test('a tab-separated file of decimal commas is refused at its first value, naming --decimal comma', async () => {
  const refused = await runCli(['inspect', tabbed]);
  assert.equal(refused.code, 1);
  assert.match(
    refused.stderr,
    /iris_de\.tsv, line 2, column 3 \("sepal_length_cm"\): .*"5,1".*\(--decimal comma\)/,
  );
  const read = await runCli(['inspect', tabbed, '--decimal', 'comma']);
  assert.equal(read.code, 0, read.stderr);
  assert.match(read.stdout, /^Shape: 150 rows \(cells or samples\) × 4 genes$/m);
  assert.doesNotMatch(read.stdout, /Note: ',' was read/, 'chosen, not detected');
  const typo = await runCli(['inspect', tabbed, '--decimal', 'komma']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /--decimal must be one of: dot, comma; got 'komma'; did you mean 'comma'\?/);
});

test('train maps the decimal-comma files exactly as the plain CSV, with --delimiter and --decimal', async () => {
  const args = ['--label', 'label', '--epochs', '2', '--seed', '11', '--quiet'];
  const maps: string[][][] = [];
  for (const input of [[IRIS], [swedish], [tabbed, '--delimiter', 'tab', '--decimal', 'comma']]) {
    const out = join(dir, `map${maps.length}.csv`);
    const r = await runCli(['train', ...input, ...args, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    maps.push(parseCsv(await readFile(out, 'utf8')));
  }
  assert.equal(maps[0].length, 151);
  assert.deepEqual(maps[1], maps[0]);
  assert.deepEqual(maps[2], maps[0]);
  // read with '.' decimals, the ';' file is refused with the flag that reads it
  const refused = await runCli(['train', swedish, ...args, '--decimal', 'dot']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /iris_sv\.csv, line 2, column 3 \("sepal_length_cm"\): .*--decimal comma/);
});

test("inspect marks a ';' panel's decimal-comma purity and age as continuous and suggests neither as the label", async () => {
  const panel = join(dir, 'panel_sv.csv');
  const lines = ['sample;purity;age;G1;G2;G3'];
  for (let i = 0; i < 12; i++) lines.push(`s${i};0,${7 + (i % 3)};${40 + i},5;${i},25;0,${i};${i % 5}`);
  await writeFile(panel, `${lines.join('\n')}\n`);
  const r = await runCli(['inspect', panel]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ {2}purity\s+3 distinct \(continuous: not a label\)$/m);
  assert.match(r.stdout, /^ {2}age\s+12 distinct \(continuous: not a label\)$/m);
  // read as text, purity's 0,7 / 0,8 / 0,9 were suggested as 3 classes
  assert.match(r.stdout, /^Suggested label column: none found /m);
});

// The same for a --meta-file saved in a Swedish locale (test/data/swedish-metadata.ts): read as text, its
// purity trained as a label of 3 classes and its age was refused as an id-like label.
test("a ';' --meta-file's decimal-comma columns are measurements to inspect and train, with a note", async () => {
  const meta = join(dir, 'meta_sv.csv');
  await writeSwedishMetadata(meta);
  const inspected = await runCli(['inspect', CELLS, '--meta-file', meta]);
  assert.equal(inspected.code, 0, inspected.stderr);
  assert.match(inspected.stdout, /^ {2}purity\s+3 distinct, 1 missing \(continuous: not a label\)$/m);
  assert.match(inspected.stdout, /^ {2}age\s+40 distinct \(continuous: not a label\)$/m);
  assert.match(inspected.stdout, /^ {2}batch\s+2 distinct$/m);
  assert.match(
    inspected.stdout,
    /^Note: Metadata file \S+meta_sv\.csv: ',' was read as the decimal separator of its columns 'purity' and 'age' /m,
  );
  for (const label of ['purity', 'age']) {
    const r = await runCli([
      'train',
      CELLS,
      '--meta-file',
      meta,
      '--label',
      label,
      '--epochs',
      '1',
      '--quiet',
    ]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`the column '${label}' of \\S+meta_sv\\.csv holds continuous values .*, not classes`),
    );
  }
});

// --decimal reads the --meta-file too (it was always detected): a tab-separated file's decimal commas are
// numbers with --decimal comma — its purity trained as a label of 3 classes without it —, and --decimal dot
// keeps a ';' file's as the text the user asked for.
test('--decimal comma reads a tab-separated --meta-file as numbers; --decimal dot keeps a ; one as text', async () => {
  const tabbedMeta = join(dir, 'meta_sv.tsv');
  await writeSwedishMetadata(tabbedMeta, '\t');
  const train = (meta: string, decimal: string) =>
    runCli([
      'train',
      CELLS,
      '--meta-file',
      meta,
      '--decimal',
      decimal,
      '--label',
      'purity',
      '--epochs',
      '1',
      '--quiet',
      '--out',
      join(dir, `meta-${decimal}.coords.csv`),
    ]);
  const comma = await train(tabbedMeta, 'comma');
  assert.equal(comma.code, 2, comma.stderr);
  assert.match(
    comma.stderr,
    /the column 'purity' of \S+meta_sv\.tsv holds continuous values .*, not classes/,
  );
  const swedishMeta = join(dir, 'meta_sv.csv');
  await writeSwedishMetadata(swedishMeta);
  const dot = await train(swedishMeta, 'dot');
  assert.equal(dot.code, 0, dot.stderr);
  // trained on the classes as written: '0,7', '0,8', '0,9'
  const [header, ...rows] = parseCsv(await readFile(join(dir, 'meta-dot.coords.csv'), 'utf8'));
  const purity = header.indexOf('purity');
  assert.deepEqual([...new Set(rows.map((row) => row[purity]))].sort(), ['0,7', '0,8', '0,9', 'NA']);
  const inspected = await runCli(['inspect', CELLS, '--meta-file', swedishMeta, '--decimal', 'dot']);
  assert.equal(inspected.code, 0, inspected.stderr);
  assert.match(inspected.stdout, /^ {2}purity\s+3 distinct, 1 missing$/m);
  assert.doesNotMatch(inspected.stdout, /decimal separator of its column/);
});

// An h5ad input is no text table: --decimal was refused with it, with no way to read a tab-separated
// --meta-file's decimal commas, which detection never reads — its purity trained as a label of 3 classes.
// With --meta-file, --decimal reads the metadata file's numbers, and inspect says it reads those only.
test('--decimal comma with an h5ad and a tab-separated --meta-file reads the metadata numbers, and says so', async () => {
  const tabbedMeta = join(dir, 'meta_h5ad_sv.tsv');
  await writeSwedishMetadata(tabbedMeta, '\t');
  const h5ad = join(packageRoot(), 'test', 'fixtures', 'formats', 'dense.h5ad');
  const args = ['--meta-file', tabbedMeta, '--label', 'purity', '--epochs', '1', '--quiet'];
  const comma = await runCli(['train', h5ad, ...args, '--decimal', 'comma']);
  assert.equal(comma.code, 2, comma.stderr);
  assert.match(
    comma.stderr,
    /the column 'purity' of \S+meta_h5ad_sv\.tsv holds continuous values .*, not cell types/,
  );
  const inspected = await runCli(['inspect', h5ad, '--meta-file', tabbedMeta, '--decimal', 'comma']);
  assert.equal(inspected.code, 0, inspected.stderr);
  assert.match(inspected.stdout, /^ {2}purity\s+3 distinct, 1 missing \(continuous: not a label\)$/m);
  assert.match(
    inspected.stdout,
    /^Note: Metadata file \S+meta_h5ad_sv\.tsv: the decimal separator chosen, ',' \(0,73 as 0\.73\), reads its numbers only: dense\.h5ad is not a text table\.$/m,
  );
  // without a metadata file it reads nothing: refused, saying what it would read
  const alone = await runCli(['inspect', h5ad, '--decimal', 'comma']);
  assert.equal(alone.code, 2, alone.stderr);
  assert.match(
    alone.stderr,
    /--decimal does not apply to an AnnData \.h5ad file: .*no metadata file is joined/,
  );
});
