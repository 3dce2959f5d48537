import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedDataPath } from '../../src/util/paths.js';
import { checkedFilePath, isGzipPath, textDelimiter, textFileContent } from '../../src/cli/output-file.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { parseCsv, runCli, tempDir } from './helpers.js';

const IRIS = sharedDataPath('sklearn_iris.csv');

let dir = '';
let cleanup = async () => {};
before(async () => ({ dir, cleanup } = await tempDir()));
after(() => cleanup());

test('a .gz output name is gzip-compressed text; any other name is the text itself', async () => {
  assert.equal(isGzipPath('coords.csv.GZ'), true);
  assert.equal(isGzipPath('coords.csv'), false);
  assert.equal(await textFileContent('a.csv', 'id,x\n'), 'id,x\n');
  const packed = await textFileContent('a.csv.gz', 'id,x\n');
  assert.ok(Buffer.isBuffer(packed));
  assert.equal(gunzipSync(packed).toString('utf8'), 'id,x\n');
});

test('a .tsv or .txt output name (also gzipped) is tab-separated; any other name comma-separated', () => {
  for (const name of ['map.tsv', 'map.TSV', 'map.tsv.gz', 'map.txt', 'map.txt.gz'])
    assert.equal(textDelimiter(name), '\t', name);
  for (const name of ['map.csv', 'map.csv.gz', 'map', 'map.tsv.csv'])
    assert.equal(textDelimiter(name), ',', name);
});

test('train and embed --out x.tsv / x.tsv.gz write tab-separated text; the report is x.run.json', async () => {
  const sub = join(dir, 'tsv');
  await mkdir(sub);
  const model = join(sub, 'model');
  const base = ['train', IRIS, '--label', 'label', '--epochs', '1', '--quiet'];
  const r = await runCli([...base, '--out', join(sub, 'map.tsv'), '--model', model]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual((await readdir(sub)).sort(), ['map.run.json', 'map.tsv', 'model']);
  const lines = (await readFile(join(sub, 'map.tsv'), 'utf8')).trimEnd().split('\n');
  assert.equal(lines[0], 'id\tlabel\tsplit\tx\ty\tz\tpredicted_label\tconfidence');
  assert.equal(lines.length, 151);
  assert.equal(lines[1].split('\t').length, 8);
  assert.doesNotMatch(lines[1], /,/);

  const embedded = join(sub, 'new.tsv.gz');
  const e = await runCli(['embed', IRIS, '--model', model, '--out', embedded, '--quiet']);
  assert.equal(e.code, 0, e.stderr);
  const embeddedLines = gunzipSync(await readFile(embedded))
    .toString('utf8')
    .trimEnd()
    .split('\n');
  assert.equal(embeddedLines[0], 'id\tlabel\tx\ty\tz\tpredicted_label\tconfidence');
  assert.equal(embeddedLines[1].split('\t').length, 7);
});

test('a path naming a folder or a gzipped .h5ad is a usage error saying what to give', () => {
  assert.equal(checkedFilePath('train', '--out', 'res/map.csv', 'coords.csv'), 'res/map.csv');
  assert.throws(
    () => checkedFilePath('train', '--out', 'res/', 'coords.csv'),
    (err: unknown) =>
      err instanceof UsageError && /--out res\/ names a folder; .*--out res\/coords\.csv/.test(err.message),
  );
  assert.throws(
    () => checkedFilePath('embed', '--out', 'map.h5ad.gz', 'embedded.csv'),
    (err: unknown) => err instanceof UsageError && /give --out map\.h5ad$/.test(err.message),
  );
});

test('train and embed --out x.csv.gz write gzip that pandas and zcat open; the report is x.run.json', async () => {
  const sub = join(dir, 'gz');
  await mkdir(sub);
  const out = join(sub, 'map.csv.gz');
  const model = join(sub, 'model');
  const base = ['train', IRIS, '--label', 'label', '--epochs', '1', '--quiet'];
  const r = await runCli([...base, '--out', out, '--model', model]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual((await readdir(sub)).sort(), ['map.csv.gz', 'map.run.json', 'model']);
  const rows = parseCsv(gunzipSync(await readFile(out)).toString('utf8'));
  assert.deepEqual(rows[0], ['id', 'label', 'split', 'x', 'y', 'z', 'predicted_label', 'confidence']);
  assert.equal(rows.length, 151);

  const report = join(sub, 'report.json.gz');
  const again = await runCli([...base, '--out', join(sub, 'again.csv'), '--report', report]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(gunzipSync(await readFile(report)).toString('utf8')).tool.name, 'tripletlens');

  const embedded = join(sub, 'new.csv.gz');
  const e = await runCli(['embed', IRIS, '--model', model, '--out', embedded, '--quiet']);
  assert.equal(e.code, 0, e.stderr);
  const embeddedRows = parseCsv(gunzipSync(await readFile(embedded)).toString('utf8'));
  assert.deepEqual(embeddedRows[0], ['id', 'label', 'x', 'y', 'z', 'predicted_label', 'confidence']);
  assert.equal(embeddedRows.length, 151);
});

test('--out DIR/ and --out x.h5ad.gz are exit 2 before any work, and no file is written', async () => {
  const sub = join(dir, 'refused');
  await mkdir(sub);
  const base = ['train', IRIS, '--label', 'label', '--epochs', '1', '--quiet'];
  const cases: [string[], RegExp][] = [
    [['--out', `${join(sub, 'results')}/`], /--out .*results\/ names a folder/],
    [
      ['--out', join(sub, 'map.csv'), '--report', `${join(sub, 'reports')}/`],
      /--report .*reports\/ names a folder/,
    ],
    [['--out', join(sub, 'map.h5ad.gz')], /an \.h5ad cannot be gzipped/],
  ];
  for (const [options, message] of cases) {
    const r = await runCli([...base, ...options]);
    assert.equal(r.code, 2, `${options.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  const e = await runCli(['embed', IRIS, '--model', join(sub, 'none'), '--out', `${sub}/`]);
  assert.equal(e.code, 2, e.stderr);
  assert.match(e.stderr, /names a folder/);
  assert.deepEqual(await readdir(sub), [], 'nothing written');
});

// A user walkthrough: `--out results` naming an existing folder was exit 1, "Cannot write --out …/results: it
// is a folder, not a file", where `--out results/` is exit 2 naming a file to give in it.
test('--out naming an existing folder without its slash is exit 2 too, naming a file to give in it', async () => {
  const sub = join(dir, 'existing');
  await mkdir(join(sub, 'results'), { recursive: true });
  const r = await runCli(['train', IRIS, '--label', 'label', '--quiet', '--out', join(sub, 'results')]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /--out .*results names a folder; give a file in it, e\.g\. --out .*results\/coords\.csv\n$/,
  );
  const e = await runCli(['embed', IRIS, '--model', join(sub, 'none'), '--out', join(sub, 'results')]);
  assert.equal(e.code, 2, e.stderr);
  assert.match(
    e.stderr,
    /--out .*results names a folder; give a file in it, e\.g\. --out .*results\/\S+\.csv\n$/,
  );
  assert.deepEqual(await readdir(sub), ['results'], 'nothing written');
});

// `train --report run.csv` wrote the run report's JSON under a .csv name: a script's pd.read_csv of it failed
// on the first brace. The report is JSON only, so any other extension is refused before any work.
test('--report named other than .json is exit 2 before any work, naming --report and what it writes', async () => {
  for (const [path, suggested] of [
    ['run.csv', 'run.json'],
    ['run.TSV.gz', 'run.json'],
    ['out/run.txt', 'out/run.json'],
  ]) {
    assert.throws(
      () => checkedFilePath('train', '--report', path, 'run.json'),
      (err: unknown) =>
        err instanceof UsageError &&
        err.message.startsWith(`tripletlens train: --report ${path}: the run report is JSON`) &&
        err.message.endsWith(`; give --report ${suggested}`),
      path,
    );
  }
  for (const path of ['run.json', 'run.JSON.gz', 'run', 'runs.v2/run', 'run.2024-01-01'])
    assert.equal(checkedFilePath('train', '--report', path, 'run.json'), path);
  const sub = join(dir, 'report-csv');
  await mkdir(sub);
  const r = await runCli([
    ...['train', IRIS, '--label', 'label', '--epochs', '1', '--quiet'],
    ...['--out', join(sub, 'map.csv'), '--report', join(sub, 'x.csv')],
  ]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--report \S*x\.csv: the run report is JSON, .*; give --report \S*x\.json\n$/);
  assert.deepEqual(await readdir(sub), []);
});

// A user audit: --out through a file (a name taken for a folder) printed Node's "ENOTDIR: not a directory, stat …".
test('--out through a file names that file, not as ENOTDIR', async () => {
  const file = join(dir, 'notes.txt');
  await writeFile(file, 'a file, not a folder');
  const checked = checkedFilePath('train', '--out', join(file, 'map.csv'), 'coords.csv');
  assert.equal(checked, join(file, 'map.csv'), 'the writability check names it, in our words');
  const r = await runCli(['train', IRIS, '--label', 'label', '--quiet', '--out', join(file, 'map.csv')]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(
    r.stderr,
    `tripletlens train: cannot write --out ${join(file, 'map.csv')}: ${file} is a file, not a folder\n`,
  );
});

// `train --out map.xlsx` wrote CSV text under that name, which Excel then refused to open ("file format or
// extension is not valid"), and its report was map.xlsx.run.json; a .loom or .h5 output likewise.
test('an output named as a format no command writes is refused before any work, suggesting the name to give', async () => {
  const cases: [string, string, string, RegExp][] = [
    [
      '--out',
      'map.xlsx',
      'coords.csv',
      /--out map\.xlsx names a spreadsheet workbook, but the table is written as text .*; give --out map\.csv \(a spreadsheet opens it\)$/,
    ],
    ['--out', 'map.XLS.gz', 'coords.csv', /names a spreadsheet workbook, .*; give --out map\.csv /],
    [
      '--out',
      'map.loom',
      'embedded.csv',
      /--out map\.loom names a loom file, .* or as an AnnData \.h5ad; give --out map\.csv$/,
    ],
    ['--out', 'map.h5', 'coords.csv', /names an HDF5 file, .*; give --out map\.csv$/],
    [
      '--report',
      'run.xlsx',
      'run.json',
      /--report run\.xlsx names a spreadsheet workbook, but the run report is JSON; give --report run\.json$/,
    ],
  ];
  for (const [option, path, example, says] of cases) {
    assert.throws(
      () => checkedFilePath('train', option, path, example),
      (err: unknown) => err instanceof UsageError && says.test(err.message),
      path,
    );
  }
  for (const path of ['map.csv', 'map.tsv.gz', 'map.h5ad', 'map', 'run.json', 'map.txt'])
    assert.equal(checkedFilePath('train', '--out', path, 'coords.csv'), path);
  const sub = join(dir, 'workbook');
  await mkdir(sub);
  const r = await runCli([
    'train',
    IRIS,
    '--label',
    'label',
    '--epochs',
    '1',
    '--out',
    join(sub, 'map.xlsx'),
  ]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /names a spreadsheet workbook/);
  assert.deepEqual(await readdir(sub), [], 'nothing written');
});
