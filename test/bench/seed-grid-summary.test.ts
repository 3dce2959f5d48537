import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gridTable, summariseGrid, trainingSeed, type GridRun } from '../../bench/lib/seed-grid-summary.js';

// two splits, two runs each; split 0's bar is PCA + 0.05 = 0.80, split 1's input − 0.02 = 0.88
const runs: GridRun[] = [
  { split: 0, run: 0, knn: 0.82, input: 0.8, pca: 0.75 }, // passes
  { split: 0, run: 1, knn: 0.78, input: 0.8, pca: 0.75 }, // misses
  { split: 1, run: 1, knn: 0.9, input: 0.9, pca: 0.6 }, // passes
  { split: 1, run: 0, knn: 0.86, input: 0.9, pca: 0.6 }, // misses
];

test('each split’s pass rate, the expected passes (Σ p) and the chance all pass (Π p), worked by hand', () => {
  const s = summariseGrid(runs);
  assert.equal(s.runs, 4);
  assert.equal(s.passes, 2);
  assert.ok(Math.abs(s.meanKnn - 0.84) < 1e-12);
  assert.deepEqual(
    s.splits.map((x) => [x.split, x.passes, x.runs, x.ownRunPasses]),
    [
      [0, 1, 2, true],
      [1, 1, 2, false],
    ],
  );
  assert.ok(Math.abs(s.splits[0].bar - 0.8) < 1e-12);
  assert.ok(Math.abs(s.splits[1].bar - 0.88) < 1e-12, 'the bar of run 0, whichever order the lines came in');
  assert.ok(Math.abs(s.splits[0].meanKnn - 0.8) < 1e-12);
  assert.equal(s.expectedPasses, 1);
  assert.equal(s.allPass, 0.25);
  assert.deepEqual(s.ownRuns, { passes: 1, of: 2 });
});

test('the table has a row a split and the totals, and says the two estimates', () => {
  const text = gridTable(summariseGrid(runs));
  assert.match(text, /\| 0 \| 0\.800 \| 1\/2 \| 0\.800 \| yes \|/);
  assert.match(text, /\| 1 \| 0\.880 \| 1\/2 \| 0\.880 \| no \|/);
  assert.match(text, /\| all \| {2}\| 2\/4 \| 0\.840 \| 1\/2 \|/);
  assert.match(text, /Expected splits passing with one run each: 1\.00 of 2; chance that all pass: 0\.250\./);
});

test('the training seed of run j on split s is s + 1000·j: run 0 is the quality test’s own seed', () => {
  assert.equal(trainingSeed(2, 0), 2);
  assert.equal(trainingSeed(2, 7), 7002);
  assert.equal(trainingSeed(0, 3), 3000);
});
