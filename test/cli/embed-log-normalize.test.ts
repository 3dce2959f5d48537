// A map trained on log-normalised values (scanpy's X after normalize_total + log1p) and a new sample that
// exists only as raw counts: embed --log-normalize normalises the counts as the training values were, to the
// total per cell the model recorded at training (else 10 000, said so); without it the warning names the flag.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { sharedDataPath } from '../../src/util/paths.js';
import { parseCsv, runCli, tempDir } from './helpers.js';

// the same 80 cells: Seurat's LogNormalize over these 230 genes, and their raw counts
const LOGNORM = sharedDataPath('pbmc_small_lognorm.csv');
const COUNTS = sharedDataPath('pbmc_small_counts.csv');
/** The metadata columns before the genes (id, label, RNA_snn_res.0.8, letter.idents, groups). */
const META = 5;

let dir = '';
let cleanup = async () => {};

async function train(file: string, model: string): Promise<void> {
  const out = `${model}.coords.csv`;
  const r = await runCli([
    'train',
    file,
    '--label',
    'label',
    '--epochs',
    '5',
    '--out',
    out,
    '--model',
    model,
    '--quiet',
  ]);
  assert.equal(r.code, 0, r.stderr);
}

async function embed(file: string, model: string, out: string, ...flags: string[]) {
  const r = await runCli(['embed', file, '--model', model, '--out', out, ...flags]);
  assert.equal(r.code, 0, r.stderr);
  return { ...r, rows: parseCsv(await readFile(out, 'utf8')) };
}

/** The coordinate columns (x, y[, z]) of an embed CSV as numbers, row by row. */
function coordinates(rows: string[][]): number[][] {
  const header = rows[0];
  const axes = ['x', 'y', 'z'].map((a) => header.indexOf(a)).filter((c) => c >= 0);
  return rows.slice(1).map((row) => axes.map((c) => Number(row[c])));
}

let model = '';
before(async () => {
  ({ dir, cleanup } = await tempDir());
  model = join(dir, 'model');
  await train(LOGNORM, model);
});
after(() => cleanup());

test('train records the total per cell its log-normalised values were normalised to', async () => {
  const recipe = JSON.parse(await readFile(join(model, 'recipe.json'), 'utf8'));
  assert.equal(typeof recipe.logTotal, 'number');
  // the recorded total turns a cell's counts into its log-normalised values (up to the file's 6 digits)
  const counts = parseCsv(await readFile(COUNTS, 'utf8'))[1]
    .slice(META)
    .map(Number);
  const logged = parseCsv(await readFile(LOGNORM, 'utf8'))[1]
    .slice(META)
    .map(Number);
  const total = counts.reduce((a, b) => a + b, 0);
  counts.forEach((c, j) => {
    const expected = Math.log1p((c * recipe.logTotal) / total);
    assert.ok(Math.abs(expected - logged[j]) <= 1e-5 * Math.max(1, logged[j]), `gene ${j}`);
  });
});

test('embed --log-normalize places raw counts where their log-normalised values go; without it, a warning names it', async () => {
  const reference = coordinates((await embed(LOGNORM, model, join(dir, 'lognorm.csv'))).rows);
  const normalised = await embed(COUNTS, model, join(dir, 'counts.csv'), '--log-normalize', '--json');
  const placed = coordinates(normalised.rows);
  assert.equal(placed.length, reference.length);
  // the map's extent: the largest difference must be a tiny share of it
  const extent = Math.max(...reference.flat()) - Math.min(...reference.flat());
  const largest = Math.max(...placed.flatMap((p, i) => p.map((v, a) => Math.abs(v - reference[i][a]))));
  assert.ok(largest < 1e-3 * extent, `largest difference ${largest} of an extent ${extent}`);
  assert.doesNotMatch(normalised.stderr, /warning: .*the map will be wrong/);
  assert.match(normalised.stderr, /counts were log-normalised \(--log-normalize\): each cell scaled to /);
  const summary = JSON.parse(normalised.stdout);
  assert.equal(summary.logNormalized.recorded, true);
  // without the flag: the counts as they come, and the warning says what to do
  const plain = await embed(COUNTS, model, join(dir, 'plain.csv'));
  assert.match(plain.stderr, /warning: .*holds raw counts .*the map will be wrong/);
  assert.match(plain.stderr, /add --log-normalize to normalise these counts the same way\.\n/);
});

test('a model of only some genes has no total: --log-normalize uses 10 000 and warns why; refused for log values', async () => {
  // the log-normalised values of half the genes: the totals summed over all of them are lost
  const rows = parseCsv(await readFile(LOGNORM, 'utf8'));
  const keep = META + Math.floor((rows[0].length - META) / 2);
  const half = join(dir, 'half-genes.csv');
  await writeFile(half, Papa.unparse(rows.map((row) => row.slice(0, keep))));
  const halfModel = join(dir, 'half-model');
  await train(half, halfModel);
  const recipe = JSON.parse(await readFile(join(halfModel, 'recipe.json'), 'utf8'));
  assert.equal(recipe.logTotal, null);
  const r = await embed(COUNTS, halfModel, join(dir, 'half.csv'), '--log-normalize', '--json');
  assert.match(
    r.stderr,
    /warning: .*counts were log-normalised \(--log-normalize\): each cell scaled to 10\u202f000 in total, then log1p.*share no total per cell/,
  );
  assert.equal(JSON.parse(r.stdout).logNormalized.recorded, false);
  const refused = await runCli([
    'embed',
    LOGNORM,
    '--model',
    model,
    '--out',
    join(dir, 'no.csv'),
    '--log-normalize',
  ]);
  assert.notEqual(refused.code, 0);
  assert.match(
    refused.stderr,
    /--log-normalize: .*pbmc_small_lognorm\.csv holds log or normalised data.*leave --log-normalize out/,
  );
});

test('a counts model refuses --log-normalize before its input is read', async () => {
  // trained on the counts: the recipe normalises and log-transforms new cells itself
  const countsModel = join(dir, 'counts-model');
  await train(COUNTS, countsModel);
  // an input that would fail to read (a row short of its header): the model's refusal must come first
  const broken = join(dir, 'broken.csv');
  await writeFile(broken, 'id,g1,g2\nc1,1,2\nc2,3\n');
  const r = await runCli([
    'embed',
    broken,
    '--model',
    countsModel,
    '--out',
    join(dir, 'nothing.csv'),
    '--log-normalize',
  ]);
  assert.notEqual(r.code, 0);
  assert.match(
    r.stderr,
    /--log-normalize: the model was trained on raw counts and normalises and log-transforms new cells itself; leave --log-normalize out\./,
  );
  assert.doesNotMatch(r.stderr, /reading /);
  assert.doesNotMatch(r.stderr, /broken\.csv line/);
});
