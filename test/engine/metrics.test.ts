import { before, test } from 'node:test';
import { rowWords } from '../../src/api/file-format.js';
import assert from 'node:assert/strict';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { indexLabels } from '../../src/data/label-index.js';
import {
  computeMetrics,
  KNN_TRAIN_MIN_CLASS,
  trainKnnNote,
  TRUSTWORTHINESS_K,
  TRUSTWORTHINESS_MAX_UNDEFINED_CELLS,
  trustworthinessNote,
} from '../../src/engine/metrics.js';
import { stratifiedSplit } from '../../src/evaluate/index.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { useCpuBackend } from '../preprocess/helpers.js';

before(useCpuBackend);

function noisy(rows: number, cols: number, codes: Int32Array, seed: number): DenseMatrix {
  const random = seededRandom(seed);
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) data[r * cols + c] = randomNormal(random) + (c === codes[r] + 1 ? 2 : 0);
  }
  return { data, rows, cols };
}

test('the run metrics from the class codes equal those from the label text', () => {
  const random = seededRandom(4);
  const names = ['T cell', 'B cell', 'NK'];
  const text = Array.from({ length: 90 }, (_, r) => (r % 13 === 0 ? '' : names[Math.floor(random() * 3)]));
  const index = indexLabels(text);
  const input = noisy(90, 6, index.indices, 1);
  const coords = noisy(90, 2, index.indices, 2);
  const split = stratifiedSplit(index.indices, 0.2, seededRandom(0));
  const common = { coords, input, train: split.train, holdout: split.holdout, seed: 5 };
  const fromCodes = computeMetrics({ ...common, labels: index.indices });
  const fromText = computeMetrics({ ...common, labels: text });
  assert.ok(fromText.knn_holdout !== null && fromText.silhouette !== null, 'the metrics were computed');
  assert.deepEqual(fromCodes, fromText);
});

test('the kNN metrics score every cell up to their caps, and a seeded subsample of capped size above them', async () => {
  const { knnMetricRows, KNN_MAX_QUERIES, KNN_MAX_REFERENCES } = await import('../../src/engine/metrics.js');
  const small = { train: [0, 2, 5, 9], holdout: [1, 3], seed: 4 };
  assert.deepEqual(knnMetricRows(small), { train: small.train, holdout: small.holdout });
  const train = Array.from({ length: KNN_MAX_REFERENCES + 500 }, (_, i) => 2 * i);
  const holdout = Array.from({ length: KNN_MAX_QUERIES + 7 }, (_, i) => 2 * i + 1);
  const large = knnMetricRows({ train, holdout, seed: 4 });
  assert.equal(large.train.length, KNN_MAX_REFERENCES);
  assert.equal(large.holdout.length, KNN_MAX_QUERIES);
  assert.ok(large.train.every((r, i) => r % 2 === 0 && (i === 0 || r > large.train[i - 1])));
  assert.ok(large.holdout.every((r, i) => r % 2 === 1 && (i === 0 || r > large.holdout[i - 1])));
  assert.deepEqual(knnMetricRows({ train, holdout, seed: 4 }), large, 'seeded: the same cells every time');
  assert.notDeepEqual(knnMetricRows({ train, holdout, seed: 5 }).holdout, large.holdout);
});

test('trustworthinessNote: why it is n/a up to 2 k = 30 cells (T(k) undefined for k ≥ n / 2), nothing above', () => {
  assert.equal(TRUSTWORTHINESS_MAX_UNDEFINED_CELLS, 2 * TRUSTWORTHINESS_K);
  assert.match(
    trustworthinessNote(30) ?? '',
    /^n\/a — needs more than 30 cells, this table has 30 \(it compares each cell's 15 nearest/,
  );
  assert.equal(trustworthinessNote(31), undefined);
  // the threshold is the metric's own: 30 cells give no value, 31 give one
  const m = (n: number) => {
    const input = { data: Float32Array.from({ length: n * 3 }, (_, i) => Math.sin(i)), rows: n, cols: 3 };
    return computeMetrics({
      coords: input,
      input,
      labels: Array.from({ length: n }, (_, i) => `c${i % 2}`),
      train: [],
      holdout: [],
      seed: 0,
    });
  };
  assert.equal(m(30).trustworthiness, null);
  assert.equal(typeof m(31).trustworthiness, 'number');
});

// A walkthrough (bulk panel of 26 samples, classes of 2–5): the summary said "held-out kNN-5 accuracy 1.000 …;
// train 0.524" with no word on why the training cells' figure was half the held-out one.
test('trainKnnNote: classes under 4 training cells can be outvoted in a kNN-5 vote on a map that keeps them apart', () => {
  assert.equal(KNN_TRAIN_MIN_CLASS, 4);
  // classes on a line, far apart: A (2 cells) at 0, B (5) at 10, C (5) at 20 — every class is compact and apart,
  // yet each A cell has 1 A and 4 B among its 5 nearest other cells, and B outvotes it
  const sizes = [2, 5, 5];
  const codes = Int32Array.from(sizes.flatMap((n, c) => Array<number>(n).fill(c)));
  const coords = {
    data: Float32Array.from(codes, (c, i) => c * 10 + (i % 5) * 0.01),
    rows: codes.length,
    cols: 1,
  };
  const train = Array.from(codes, (_, i) => i);
  const m = computeMetrics({ coords, input: coords, labels: codes, train, holdout: [], seed: 0 });
  assert.equal(m.knn_train, 10 / 12, 'both A cells outvoted');
  assert.equal(m.silhouette !== null && m.silhouette > 0.9, true, `silhouette ${m.silhouette}`);
  assert.equal(
    trainKnnNote(sizes),
    '2 of 12 training cells are in classes of fewer than 4 training cells (1 of 3 classes): each has at most 2 ' +
      'of its class among its 5 nearest other training cells, so even a map that keeps the classes apart can ' +
      'have it outvoted — this accuracy can read up to 0.17 low; the silhouette says more here',
  );
  assert.equal(trainKnnNote([4, 4, 4]), undefined, 'a majority is possible in every class');
  assert.equal(trainKnnNote([3, 300]), undefined, 'under 1% of the training cells: no note');
  assert.match(
    trainKnnNote([0, 2, 5, 5]) ?? '',
    /\(1 of 3 classes\)/,
    'a class without training cells is none',
  );
  assert.equal(trainKnnNote([2, 2, 1]), undefined, 'knn_train is null at 5 training cells or fewer');
  // counts grouped as the app groups them
  assert.match(
    trainKnnNote([...Array<number>(10).fill(3), 1200]) ?? '',
    /^30 of 1\u202f230 training cells are in classes/,
  );
});

test('trustworthinessNote and trainKnnNote in the words of a text table’s rows', () => {
  const rows = rowWords('text');
  assert.equal(
    trustworthinessNote(20, rows),
    "n/a — needs more than 30 rows, this table has 20 (it compares each row's 15 nearest neighbours in the data and in the map)",
  );
  const train = trainKnnNote([2, 3, 2, 3, 2, 3], rows) ?? '';
  assert.match(train, /^15 of 15 training rows are in classes of fewer than 4 training rows /);
  assert.doesNotMatch(train, /cell/);
  assert.match(trustworthinessNote(20) ?? '', /more than 30 cells/, 'cells by default');
});
