/**
 * `train`'s outputs give the cells left unlabelled in the training file (an empty or NA label, trained by the
 * default `unlabeled: knn`) the class the map predicts for them, by the map's one rule: the majority of the 5
 * nearest training cells in the map, a tie going to the nearest tied class — checked here by hand from the
 * coordinates the file itself holds, with the share of them that voted. The coordinates CSV (`predicted_label`,
 * `confidence`) and the h5ad result's obs
 * (`tripletlens_predicted`, a categorical, read with anndata) alike.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sharedDataPath } from '../../src/util/paths.js';
import { importTable } from '../../src/data/index.js';
import { ANNDATA_SKIP_REASON, CHECK_PYTHON } from '../engine/h5ad/anndata-check.js';
import { parseCsv, runCli, tempDir } from './helpers.js';

const IRIS = sharedDataPath('sklearn_iris.csv');
/** Rows (0-based, below the header) whose label the fixture leaves out: '' or NA, two of each class. */
const UNLABELLED: Record<number, string> = { 3: '', 40: 'NA', 70: '', 99: 'NA', 120: '', 140: 'NA' };
const K = 5;

let dir = '';
let cleanup = async () => {};
let fixture = '';
before(async () => {
  ({ dir, cleanup } = await tempDir());
  const lines = (await readFile(IRIS, 'utf8')).trimEnd().split('\n');
  const edited = lines.map((line, i) => {
    const blank = UNLABELLED[i - 1];
    if (blank === undefined) return line;
    const [id, , ...rest] = line.split(',');
    return [id, blank, ...rest].join(',');
  });
  fixture = join(dir, 'iris_unlabelled.csv');
  await writeFile(fixture, `${edited.join('\n')}\n`);
});
after(() => cleanup());

async function train(out: string): Promise<void> {
  const args = ['train', fixture, '--label', 'label', '--epochs', '5', '--seed', '3', '--dims', '2'];
  const r = await runCli([...args, '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
}

/** The map's rule by hand: the top class of the K nearest training cells (a tie: the nearest tied one). */
function predictByHand(
  coords: number[][],
  split: string[],
  labels: string[],
  row: number,
): { label: string; share: number } {
  const train = split.flatMap((s, r) => (s === 'train' ? [r] : []));
  const dist = (r: number) => coords[r].reduce((sum, v, c) => sum + (v - coords[row][c]) ** 2, 0);
  const nearest = train.sort((a, b) => dist(a) - dist(b)).slice(0, K);
  const counts = new Map<string, number>();
  for (const r of nearest) counts.set(labels[r], (counts.get(labels[r]) ?? 0) + 1);
  const top = Math.max(...counts.values());
  const label = labels[nearest.find((r) => counts.get(labels[r]) === top) as number];
  return { label, share: top / nearest.length };
}

test('train --out x.csv: the unlabelled rows get the predicted class of the map’s kNN rule', async () => {
  const out = join(dir, 'coords.csv');
  await train(out);
  const [header, ...rows] = parseCsv(await readFile(out, 'utf8'));
  assert.deepEqual(header, ['id', 'label', 'split', 'x', 'y', 'predicted_label', 'confidence']);
  const split = rows.map((r) => r[2]);
  const labels = rows.map((r) => r[1]);
  const coords = rows.map((r) => [Number(r[3]), Number(r[4])]);
  const unlabelled = Object.keys(UNLABELLED).map(Number);
  assert.deepEqual(
    split.flatMap((s, r) => (s === 'unlabeled' ? [r] : [])),
    unlabelled,
    'the empty and NA labels are the unlabeled cells',
  );
  for (const row of unlabelled) {
    const byHand = predictByHand(coords, split, labels, row);
    assert.ok(['setosa', 'versicolor', 'virginica'].includes(rows[row][5]), rows[row][5]);
    assert.equal(rows[row][5], byHand.label, `row ${row}'s prediction`);
    assert.ok(
      Math.abs(Number(rows[row][6]) - byHand.share) < 1e-6,
      `row ${row}'s confidence ${rows[row][6]}`,
    );
  }
  // hold-out cells are predicted too (their labels check the map); training cells are not
  const holdout = split.flatMap((s, r) => (s === 'holdout' ? [r] : []));
  assert.ok(holdout.length > 0);
  for (const row of holdout) {
    const byHand = predictByHand(coords, split, labels, row);
    assert.equal(rows[row][5], byHand.label);
    assert.ok(
      Math.abs(Number(rows[row][6]) - byHand.share) < 1e-6,
      `row ${row}'s confidence ${rows[row][6]}`,
    );
  }
  for (const row of rows.filter((r) => r[2] === 'train')) assert.deepEqual(row.slice(5), ['', '']);
  // opened again as data, the map's coordinates are still its only numbers: the predictions are metadata
  const again = await importTable(out);
  assert.deepEqual(again.genes, ['x', 'y']);
  assert.deepEqual(
    again.metadata.map((m) => m.name),
    ['label', 'split', 'predicted_label', 'confidence'],
  );
});

/** What anndata reads of the result: obs's split, predictions and confidence (null for NaN), and the map. */
const READ_RESULT = `
import json, sys, anndata
a = anndata.read_h5ad(sys.argv[1])
p = a.obs['tripletlens_predicted']
print(json.dumps({
  'dtype': str(p.dtype),
  'categories': [str(c) for c in p.cat.categories],
  'predicted': [None if v != v else str(v) for v in p.astype(object)],
  'confidence': [None if v != v else float(v) for v in a.obs['tripletlens_confidence']],
  'split': [str(s) for s in a.obs['tripletlens_split']],
  'labels': ['' if v != v else str(v) for v in a.obs['label'].astype(object)],
  'coords': a.obsm['X_tripletlens'].astype(float).tolist(),
}))
`;

test(
  'train --out x.h5ad: obs tripletlens_predicted, a categorical anndata reads, holds the unlabelled rows’ predictions',
  { skip: ANNDATA_SKIP_REASON },
  async () => {
    const out = join(dir, 'result.h5ad');
    await train(out);
    const run = spawnSync(CHECK_PYTHON as string, ['-c', READ_RESULT, out], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONWARNINGS: 'ignore' },
    });
    assert.equal(run.status, 0, run.stderr);
    const read = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
      dtype: string;
      categories: string[];
      predicted: (string | null)[];
      confidence: (number | null)[];
      split: string[];
      labels: string[];
      coords: number[][];
    };
    assert.equal(read.dtype, 'category');
    assert.deepEqual(read.categories, ['setosa', 'versicolor', 'virginica']);
    for (const row of Object.keys(UNLABELLED).map(Number)) {
      assert.equal(read.split[row], 'unlabeled');
      const byHand = predictByHand(read.coords, read.split, read.labels, row);
      assert.equal(read.predicted[row], byHand.label, `row ${row}'s prediction`);
      assert.ok(Math.abs((read.confidence[row] ?? NaN) - byHand.share) < 1e-6, `row ${row}'s confidence`);
    }
    read.split.forEach((s, r) => s === 'train' && assert.equal(read.predicted[r], null, `row ${r}`));
  },
);
