// The windows bench/ensemble-maps.ts averages, and its per-split summary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ensembleTable, ensembleWindows, summariseEnsembles } from '../../bench/lib/ensemble-windows.js';

test('ensembleWindows: N cyclic windows of K, each run a reference (first) once', () => {
  assert.deepEqual(ensembleWindows(4, 3), [
    [0, 1, 2],
    [1, 2, 3],
    [2, 3, 0],
    [3, 0, 1],
  ]);
  assert.deepEqual(ensembleWindows(3, 1), [[0], [1], [2]]);
  assert.throws(() => ensembleWindows(3, 4), /1 ≤ K ≤ 3/);
  assert.throws(() => ensembleWindows(3, 0), /1 ≤ K ≤ 3/);
});

test('summariseEnsembles: passes by the quality bar per split and K; the bar of the first window', () => {
  // split 2, bar max(0.79 − 0.02, 0.771 + 0.05) = 0.821: 115/140 passes (within the 1e-9 allowance), 0.814 does not
  const pca = 108 / 140;
  const lines = [
    { split: 2, k: 3, knn: 115 / 140, input: 0.79, pca, cpuS: 6 },
    { split: 2, k: 3, knn: 0.814, input: 0.79, pca, cpuS: 8 },
    { split: 2, k: 1, knn: 0.8, input: 0.79, pca, cpuS: 2 },
    { split: 0, k: 1, knn: 0.9, input: 0.8, pca: 0.7, cpuS: 2 },
  ];
  const cells = summariseEnsembles(lines);
  assert.deepEqual(
    cells.map((c) => [c.split, c.k, c.passes, c.windows]),
    [
      [0, 1, 1, 1],
      [2, 1, 0, 1],
      [2, 3, 1, 2],
    ],
  );
  const three = cells[2];
  assert.ok(Math.abs(three.meanKnn - (115 / 140 + 0.814) / 2) < 1e-12);
  assert.equal(three.minKnn, 0.814);
  assert.equal(three.meanCpuS, 7);
  assert.ok(Math.abs(three.bar - (pca + 0.05)) < 1e-12);
  const table = ensembleTable(cells);
  assert.match(
    table,
    /\| 2 \| 0\.821 \| 0\/1 · 0\.800 \(0\.800–0\.800\) \| 1\/2 · 0\.818 \(0\.814–0\.821\) \|/,
  );
  assert.match(table, /\| all \| {2}\| 1\/2 · 0\.850 · 2\.0 CPU s \| 1\/2 · 0\.818 · 7\.0 CPU s \|/);
});
