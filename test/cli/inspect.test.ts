// `tripletlens inspect` through the CLI dispatcher with captured output: the human report names the label
// column and says counts vs log data; --json has the documented fields; mistakes exit 1 or 2 with a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { packageRoot } from '../../src/util/paths.js';

const DATA = join(packageRoot(), '..', 'shared', 'data');
const BAD = join(packageRoot(), 'test', 'fixtures', 'bad');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stderrIsTty: false };
  const code = await main(argv, io);
  return { code, out, err };
}

test('inspect on raw counts names the label column and says counts', async () => {
  const { code, out } = await run(['inspect', join(DATA, 'pbmc68k_reduced_counts.csv')]);
  assert.equal(code, 0);
  assert.match(out, /Shape: 700 cells × 765 genes/);
  assert.match(out, /Suggested label column: label \(10 classes: Dendritic 240/);
  assert.match(out, /Values: counts/);
  assert.match(out, /normalisation \+ log1p is recommended/);
  assert.match(out, /louvain\s+11 distinct/);
});

test('inspect on log data says it is not counts', async () => {
  const { code, out } = await run(['inspect', join(DATA, 'pbmc68k_reduced_lognorm.csv')]);
  assert.equal(code, 0);
  assert.match(out, /Values: log or normalised data/);
  assert.doesNotMatch(out, /normalise each cell/);
});

test('inspect --json prints the facts object', async () => {
  const { code, out } = await run(['inspect', join(DATA, 'golub_leukemia.csv'), '--json']);
  assert.equal(code, 0);
  const facts = JSON.parse(out) as Record<string, unknown>;
  assert.equal(facts.rows, 38);
  assert.equal(facts.genes, 3051);
  assert.deepEqual(facts.metadataColumns, [{ name: 'label', distinct: 2 }]);
  assert.equal(facts.suggestedLabel, 'label');
  assert.equal(facts.looksLikeCounts, false);
  assert.equal(facts.missingValues, 0);
  assert.deepEqual(facts.recommendedPreprocessing, {
    normalize: false,
    log1p: false,
    topGenes: 2000,
    zscore: true,
    clip: 10,
    pcaComponents: 50,
    seed: 0,
  });
});

test('inspect passes import options through (--missing, --transpose)', async () => {
  const zero = await run(['inspect', join(BAD, 'missing-na.csv'), '--missing', 'zero', '--json']);
  assert.equal(zero.code, 0, zero.err);
  assert.equal((JSON.parse(zero.out) as { missingValues: number }).missingValues, 1);
  const transposed = await run(['inspect', join(BAD, 'transposed-duplicate-sample.tsv'), '--transpose']);
  assert.equal(transposed.code, 1);
  assert.match(transposed.err, /line 1, column 4.*"S1" appears twice/);
});

test('a bad file exits 1 with the file, line and column; a bad option exits 2', async () => {
  const bad = await run(['inspect', join(BAD, 'missing-na.csv')]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /missing-na\.csv, line 4, column 5 \("GENE_C"\): missing value/);
  const option = await run(['inspect', join(BAD, 'good.csv'), '--missing', 'guess']);
  assert.equal(option.code, 2);
  assert.match(option.err, /--missing must be one of: error, zero, drop-row, column-mean/);
  const none = await run(['inspect']);
  assert.equal(none.code, 2);
});

test('a column named in an option but absent from the file is a usage error (exit 2)', async () => {
  const { code, err } = await run(['inspect', join(BAD, 'good.csv'), '--id', 'barcode']);
  assert.equal(code, 2);
  assert.match(err, /"barcode" that is not in the header/);
});

test('--meta and --genes-from override detection; --delimiter forces the separator', async () => {
  const meta = await run(['inspect', join(BAD, 'good.csv'), '--meta', 'label', '--json']);
  assert.equal(meta.code, 0, meta.err);
  assert.equal((JSON.parse(meta.out) as { genes: number }).genes, 3);
  const genesFrom = await run(['inspect', join(BAD, 'good.csv'), '--genes-from', 'GENE_B', '--json']);
  assert.equal((JSON.parse(genesFrom.out) as { genes: number }).genes, 2);
  const wrong = await run(['inspect', join(BAD, 'good.csv'), '--delimiter', 'tab']);
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /single column with the chosen delimiter/);
});
