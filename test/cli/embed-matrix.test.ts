// Which matrix `tripletlens embed` reads (the rule of the app's Project another file, src/engine/projection-read.ts):
// a model trained on an h5ad's layers/counts reads layers/counts of the new file without --layer (a user ran
// `embed new.h5ad --model M` and got cells placed from log-normalised X through a counts recipe), a file without
// it is read as it comes with a warning, `--layer X` reads X on purpose, a model trained on an embedding reads
// that embedding, and stderr and --json say which matrix was read.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';
import { runCli, tempDir } from './helpers.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const LOGNORM = join(FORMATS, 'lognorm.h5ad'); // X log-normalised; layers/counts and raw/X the counts

let dir = '';
let cleanup = async () => {};
let countsModel = '';
before(async () => {
  ({ dir, cleanup } = await tempDir());
  countsModel = join(dir, 'counts-model');
  const r = await runCli([
    ...['train', LOGNORM, '--layer', 'counts', '--label', 'cell_type', '--epochs', '2', '--quiet'],
    ...['--out', join(dir, 'train.csv'), '--model', countsModel],
  ]);
  assert.equal(r.code, 0, r.stderr);
});
after(() => cleanup());

interface Summary {
  matrix: string | null;
  trainedMatrix: string | null;
  warnings: string[];
}

async function embed(file: string, model: string, ...extra: string[]) {
  const r = await runCli(['embed', file, '--model', model, '--out', join(dir, 'e.csv'), '--json', ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return { stderr: r.stderr, summary: JSON.parse(r.stdout) as Summary };
}

const scaleWarning = /trained on raw counts .* holds log or normalised data/i;

test('a model trained on layers/counts reads layers/counts of the new h5ad without --layer', async () => {
  const { stderr, summary } = await embed(LOGNORM, countsModel);
  assert.equal(summary.matrix, 'layers/counts');
  assert.equal(summary.trainedMatrix, 'layers/counts');
  assert.match(stderr, /^embedded \d+ cells \(read AnnData \(\.h5ad\); matrix layers\/counts\) → /m);
  assert.doesNotMatch(stderr, scaleWarning);
});

test('--layer X reads X of a model trained on a layer, and the scale mismatch is warned about', async () => {
  const { stderr, summary } = await embed(LOGNORM, countsModel, '--layer', 'X');
  assert.equal(summary.matrix, 'X');
  assert.match(stderr, /^embedded \d+ cells \(read AnnData \(\.h5ad\); matrix X\) → /m);
  assert.ok(
    summary.warnings.some((w) => scaleWarning.test(w)),
    JSON.stringify(summary.warnings),
  );
});

// A walkthrough: a 10x .h5 or a loom said only "(read matrix)", then "(read loom; matrix matrix)"; stderr names the
// format and matrix as inspect does.
test('stderr names the format read and its matrix, as inspect does (10x .h5, loom)', async () => {
  for (const [file, read] of [
    ['tenx-v3.h5', 'Cell Ranger HDF5 (.h5); its main matrix'],
    ['cells.loom', 'loom; its main matrix'],
  ]) {
    const { stderr, summary } = await embed(join(FORMATS, file), countsModel);
    assert.equal(summary.matrix, 'matrix', file);
    const inspected = await runCli(['inspect', join(FORMATS, file)]);
    assert.ok(inspected.stdout.includes(`\nFormat: ${read}\n`), inspected.stdout);
    assert.ok(stderr.includes(`\nembedded 40 cells (read ${read}) → `), stderr);
    // a task brief said a 10x .h5 gave no such warning where a loom did: both say it, on stderr and in --json
    const note = `${join(FORMATS, file)} has no layers/counts, the matrix the model was trained on, so its matrix was read instead.`;
    assert.equal(summary.warnings[0], note);
    assert.ok(stderr.startsWith(`reading ${join(FORMATS, file)}…\nwarning: ${note}\n`), stderr);
  }
});

test('a file without the trained layer is read as it comes, with a warning naming both', async () => {
  const csv = join(FORMATS, 'cells.csv');
  const { stderr, summary } = await embed(csv, countsModel);
  assert.equal(summary.matrix, null);
  const note = `${csv} has no layers/counts, the matrix the model was trained on, so its table was read instead.`;
  assert.equal(summary.warnings[0], note);
  assert.ok(stderr.includes(`warning: ${note}\n`), stderr);
});

test('a model folder without the trained matrix in its report reads X, as before', async () => {
  const old = join(dir, 'old-model');
  const copied = await runCli([
    ...['train', LOGNORM, '--layer', 'counts', '--label', 'cell_type', '--epochs', '1', '--quiet'],
    ...['--out', join(dir, 'old.csv'), '--model', old],
  ]);
  assert.equal(copied.code, 0, copied.stderr);
  const reportPath = join(old, 'run.json');
  const report = JSON.parse(await readFile(reportPath, 'utf8')) as { input: { format?: unknown } };
  delete report.input.format;
  await writeFile(reportPath, JSON.stringify(report));
  const { summary } = await embed(LOGNORM, old);
  assert.equal(summary.matrix, 'X');
  assert.equal(summary.trainedMatrix, null);
});

test('a model trained on an embedding reads it without --input, and refuses a file without it', async () => {
  const h5ad = join(FORMATS, 'csr.h5ad');
  const pcaModel = join(dir, 'pca-model');
  const trained = await runCli([
    ...['train', h5ad, '--label', 'cell_type', '--input', 'obsm:X_pca', '--epochs', '1', '--quiet'],
    ...['--out', join(dir, 'pca.csv'), '--model', pcaModel],
  ]);
  assert.equal(trained.code, 0, trained.stderr);
  const { summary } = await embed(h5ad, pcaModel);
  assert.equal(summary.matrix, 'obsm/X_pca');
  const r = await runCli(['embed', LOGNORM, '--model', pcaModel, '--out', join(dir, 'p.csv')]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    // after the line saying the file is being read
    /^reading .*lognorm\.h5ad…\ntripletlens embed: the model was trained on obsm\/X_pca \(an embedding of its file, not genes\), so \S*lognorm\.h5ad needs it too \(embed reads it as --input obsm:X_pca\): \S*lognorm\.h5ad has no obsm X_pca \(it holds no embeddings \(obsm\)\); give a file that has it\.\n$/,
  );
  // the model asked for the embedding, not the user: --input is named as what embed read, with no advice to leave
  // it out, nor to read genes; and in the CLI's words, not the page's (its map, a projected file)
  assert.doesNotMatch(r.stderr, /Leave --input out|or genes|projected|project a|the map/);
  const layer = await runCli([
    'embed',
    h5ad,
    '--model',
    pcaModel,
    '--layer',
    'X',
    '--out',
    join(dir, 'p.csv'),
  ]);
  assert.equal(layer.code, 2);
  assert.match(layer.stderr, /trained on obsm\/X_pca .*: give --input obsm:X_pca\n$/);
  // A user walkthrough: a CSV, a loom or a 10x folder embedded on this model was told to 'Leave --input out.'
  // or that 'only --input genes applies' — advice on an option the user never gave (the model asked for it).
  for (const [file, format] of [
    [join(FORMATS, 'cells.csv'), 'a delimited text \\(CSV\\/TSV\\) file'],
    [join(FORMATS, 'cells.loom'), 'a loom file'],
    [join(FORMATS, 'tenx_v3'), 'a MatrixMarket file'],
    [join(FORMATS, 'tenx-v3.h5'), 'a Cell Ranger \\.h5 file'],
  ]) {
    const other = await runCli(['embed', file, '--model', pcaModel, '--out', join(dir, 'p.csv')]);
    assert.equal(other.code, 2, other.stderr);
    assert.match(
      other.stderr,
      new RegExp(
        `^tripletlens embed: the model was trained on obsm\\/X_pca .*, so \\S+ needs it too \\(embed reads it as --input obsm:X_pca\\): \\S+ is ${format}, which holds no embeddings \\(obsm\\); give an \\.h5ad file that has it\\.\n$`,
        'm',
      ),
    );
    assert.doesNotMatch(other.stderr, /Leave --input out|only --input genes|projected|project a/);
  }
});

// A user walkthrough: `embed new.csv --model M --json` on a model trained on a CSV printed "matrix": null but
// "trainedMatrix": "" — the run report's empty matrix of a text table — so one fact came in two spellings.
test('--json names a text table as null both as the file read and as the matrix the model was trained on', async () => {
  const csv = join(FORMATS, 'cells.csv');
  const textModel = join(dir, 'text-model');
  const trained = await runCli([
    ...['train', csv, '--label', 'cell_type', '--epochs', '1', '--quiet'],
    ...['--out', join(dir, 'text.csv'), '--model', textModel],
  ]);
  assert.equal(trained.code, 0, trained.stderr);
  const { summary } = await embed(csv, textModel);
  assert.equal(summary.matrix, null);
  assert.equal(summary.trainedMatrix, null);
});

// QA: a model trained on counts from a CSV, given an h5ad whose X is log-normalised and which has
// layers/counts, read X and was told only "in an h5ad often --layer counts": the file has them, so it is told so.
test('a counts model given an h5ad of log X with layers/counts is told the file has them and the flag to give', async () => {
  const csv = join(FORMATS, 'cells.csv');
  const csvModel = join(dir, 'csv-counts-model');
  const trained = await runCli([
    ...['train', csv, '--label', 'cell_type', '--epochs', '1', '--quiet'],
    ...['--out', join(dir, 'csv-counts.csv'), '--model', csvModel],
  ]);
  assert.equal(trained.code, 0, trained.stderr);
  const { stderr, summary } = await embed(LOGNORM, csvModel);
  assert.equal(summary.matrix, 'X');
  const warning = summary.warnings.find((w) => scaleWarning.test(w)) ?? '';
  assert.ok(
    warning.endsWith(`Give the raw counts (${LOGNORM} has layers/counts: give --layer counts).`),
    JSON.stringify(summary.warnings),
  );
  assert.ok(stderr.includes(`warning: ${warning}\n`), stderr);
  // given them, no warning
  const counts = await embed(LOGNORM, csvModel, '--layer', 'counts');
  assert.equal(counts.summary.matrix, 'layers/counts');
  assert.ok(
    !counts.summary.warnings.some((w) => scaleWarning.test(w)),
    JSON.stringify(counts.summary.warnings),
  );
});

// Some pipelines keep an h5ad's counts only in raw/X (no layers/counts): a counts model given its log X was
// told only where counts often are; a bounded sample of raw/X shows they are counts, so it is told to read them.
test('a counts model given an h5ad of log X with counts only in raw/X is told to give --layer raw', async () => {
  const rawCounts = join(FORMATS, 'raw-counts.h5ad'); // X log-normalised; raw/X the counts; no layers
  const csvModel = join(dir, 'csv-counts-model-raw');
  const trained = await runCli([
    ...['train', join(FORMATS, 'cells.csv'), '--label', 'cell_type', '--epochs', '1', '--quiet'],
    ...['--out', join(dir, 'csv-counts-raw.csv'), '--model', csvModel],
  ]);
  assert.equal(trained.code, 0, trained.stderr);
  const { summary } = await embed(rawCounts, csvModel);
  assert.equal(summary.matrix, 'X');
  const warning = summary.warnings.find((w) => scaleWarning.test(w)) ?? '';
  assert.ok(
    warning.endsWith(`Give the raw counts (${rawCounts} has counts in raw/X: give --layer raw).`),
    JSON.stringify(summary.warnings),
  );
  // given them, no warning
  const raw = await embed(rawCounts, csvModel, '--layer', 'raw');
  assert.equal(raw.summary.matrix, 'raw/X');
  assert.ok(!raw.summary.warnings.some((w) => scaleWarning.test(w)), JSON.stringify(raw.summary.warnings));
});
