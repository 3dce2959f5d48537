import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pointPenalty } from '../../src/evaluate/trust-penalty.js';
import { seededRandom } from '../../src/util/random.js';

/** The definition, spelled out: sort every other point by distance (ties by lower index), rank in `high`. */
function penaltyBySorting(high: Float64Array, low: Float64Array, n: number, a: number, k: number): number {
  const byDistance = (d: Float64Array) =>
    Array.from({ length: n }, (_, i) => i)
      .filter((i) => i !== a)
      .sort((i, j) => d[a * n + i] - d[a * n + j] || i - j);
  const ranks = new Map(byDistance(high).map((j, r) => [j, r + 1]));
  return byDistance(low)
    .slice(0, k)
    .reduce((sum, j) => sum + Math.max(0, (ranks.get(j) ?? 0) - k), 0);
}

/** A symmetric n × n matrix of small whole distances, so that many tie. */
function tiedDistances(n: number, levels: number, random: () => number): Float64Array {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) d[i * n + j] = d[j * n + i] = 1 + Math.floor(random() * levels);
  }
  return d;
}

test('pointPenalty agrees with sorting every row, ties by lower index, for k 1, 2, 5 and n − 1', () => {
  const random = seededRandom(7);
  for (const [n, levels] of [
    [9, 2],
    [30, 3],
    [40, 1000],
  ]) {
    const high = tiedDistances(n, levels, random);
    const low = tiedDistances(n, levels, random);
    for (const k of [1, 2, 5, n - 1]) {
      for (let a = 0; a < n; a++) {
        assert.equal(
          pointPenalty(high, low, n, a, k),
          penaltyBySorting(high, low, n, a, k),
          `n ${n} k ${k} a ${a}`,
        );
      }
    }
  }
});

test('pointPenalty by hand: the embedding swaps the nearest and the farthest of four points', () => {
  // From point 0: high distances to 1, 2, 3 are 1, 2, 3; low distances 3, 2, 1. With k = 1 the embedding's
  // nearest is 3, whose rank in high is 3: penalty 3 − 1 = 2. With k = 2 its two nearest are 3 and 2 (ranks 3
  // and 2): penalty (3 − 2) + 0 = 1.
  const high = new Float64Array([0, 1, 2, 3, 1, 0, 1, 2, 2, 1, 0, 1, 3, 2, 1, 0]);
  const low = new Float64Array([0, 3, 2, 1, 3, 0, 1, 2, 2, 1, 0, 1, 1, 2, 1, 0]);
  assert.equal(pointPenalty(high, low, 4, 0, 1), 2);
  assert.equal(pointPenalty(high, low, 4, 0, 2), 1);
});
