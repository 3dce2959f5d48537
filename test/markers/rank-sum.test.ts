// The rank sum from non-zero values only against ranking every value (zeros included) the plain way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rankSum, rankTest } from '../../src/markers/rank-sum.js';

/** Average ranks of all values (1-based), ties averaged: scipy's rankdata. */
function plainRanks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let s = 0; s < order.length;) {
    let e = s;
    while (e < order.length && order[e][0] === order[s][0]) e++;
    for (let k = s; k < e; k++) ranks[order[k][1]] = (s + 1 + e) / 2;
    s = e;
  }
  return ranks;
}

function plainRankSum(a: number[], b: number[]): { rankSumA: number; ties: number } {
  const ranks = plainRanks([...a, ...b]);
  const counts = new Map<number, number>();
  for (const v of [...a, ...b]) counts.set(v, (counts.get(v) ?? 0) + 1);
  let ties = 0;
  for (const t of counts.values()) ties += t * t * t - t;
  return { rankSumA: ranks.slice(0, a.length).reduce((s, r) => s + r, 0), ties };
}

const sorted = (values: number[]) => Float32Array.from(values.filter((v) => v !== 0)).sort();
const value = fc.oneof(
  fc.constant(0),
  fc.integer({ min: -3, max: 3 }),
  fc.integer({ min: 1, max: 40 }).map((v) => v / 8),
);

test('the rank sum from the non-zeros equals ranking every value, negatives and zeros included', () => {
  fc.assert(
    fc.property(
      fc.array(value, { minLength: 1, maxLength: 30 }),
      fc.array(value, { minLength: 1, maxLength: 30 }),
      (a, b) => {
        const zerosA = a.filter((v) => v === 0).length;
        const zerosB = b.filter((v) => v === 0).length;
        assert.deepEqual(rankSum(sorted(a), sorted(b), zerosA, zerosB), plainRankSum(a, b));
      },
    ),
  );
});

test('z and p of a small case match scipy mannwhitneyu(use_continuity=False, method="asymptotic")', () => {
  // scipy.stats.mannwhitneyu([1, 2, 2, 5], [0, 0, 2, 3, 4], use_continuity=False, method='asymptotic')
  // → statistic 12.0, pvalue 0.6167690999347494 (U1 = R1 − 10, so R1 = 22)
  const a = [1, 2, 2, 5];
  const b = [0, 0, 2, 3, 4];
  const sum = rankSum(sorted(a), sorted(b), 0, 2);
  assert.equal(sum.rankSumA, 22);
  const { p } = rankTest(sum, 4, 5, true);
  assert.ok(Math.abs(p - 0.6167690999347494) < 1e-12, String(p));
});

test('every value tied gives z = 0 and p = 1 (no NaN), as scanpy replaces its NaN', () => {
  const test0 = rankTest(rankSum(new Float32Array(), new Float32Array(), 3, 4), 3, 4, true);
  assert.deepEqual(test0, { z: 0, p: 1 });
});

test('without tie correction the variance is larger, so |z| is smaller', () => {
  const sum = rankSum(sorted([1, 2, 3]), sorted([]), 1, 6);
  const corrected = rankTest(sum, 4, 6, true);
  const plain = rankTest(sum, 4, 6, false);
  assert.ok(Math.abs(plain.z) < Math.abs(corrected.z));
  assert.ok(plain.z > 0);
});
