import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benjaminiHochberg } from '../../src/markers/benjamini-hochberg.js';

test('Benjamini–Hochberg matches statsmodels multipletests(method="fdr_bh")', () => {
  // statsmodels.stats.multitest.multipletests([0.01, 0.04, 0.03, 0.005, 0.5], method='fdr_bh')[1]
  // → [0.025, 0.05, 0.05, 0.025, 0.5]
  const q = benjaminiHochberg(Float64Array.from([0.01, 0.04, 0.03, 0.005, 0.5]));
  const expected = [0.025, 0.05, 0.05, 0.025, 0.5];
  q.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-15, `${i}: ${v}`));
});

test('adjusted p-values are capped at 1 and NaN counts as 1', () => {
  // multipletests([0.1, 1, 0.2], method='fdr_bh')[1] → [0.3, 1, 0.3]
  const q = benjaminiHochberg(Float64Array.from([0.1, NaN, 0.2]));
  assert.ok(Math.abs(q[0] - 0.3) < 1e-15 && Math.abs(q[2] - 0.3) < 1e-15 && q[1] === 1, String([...q]));
  // multipletests([0.6, 0.9, 0.7], method='fdr_bh')[1] → [0.9, 0.9, 0.9]
  assert.deepEqual(
    [...benjaminiHochberg(Float64Array.from([0.6, 0.9, 0.7]))].map((v) => Math.round(v * 1e12) / 1e12),
    [0.9, 0.9, 0.9],
  );
});
