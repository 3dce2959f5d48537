/**
 * partialShuffle draws what the copy-and-swap partial Fisher–Yates it replaced drew (the online sampler's K
 * cells of a class), entry for entry and in the same order, and leaves the generator in the same state.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { partialShuffle } from '../../src/triplets/partial-shuffle.js';
import { randomInt, seededRandom, type Random } from '../../src/util/random.js';

/** The sampler's former draw: a partial Fisher–Yates shuffle of a copy. */
function copyShuffle(members: Int32Array, k: number, random: Random): number[] {
  const pool = Array.from(members);
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + randomInt(random, pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
    out.push(pool[i]);
  }
  return out;
}

test('partialShuffle takes the same rows in the same order as shuffling a copy', () => {
  const sizes = [1, 2, 3, 8, 13, 100, 5000];
  let cases = 0;
  for (const n of sizes) {
    const members = Int32Array.from({ length: n }, (_, i) => 3 * i + 1);
    for (const k of new Set([1, 2, Math.min(n, 13), n].filter((v) => v <= n))) {
      for (let seed = 0; seed < 20; seed++) {
        const a = seededRandom(seed);
        const b = seededRandom(seed);
        const taken: number[] = [];
        partialShuffle(members, k, a, (row) => taken.push(row));
        assert.deepEqual(taken, copyShuffle(members, k, b), `n ${n}, k ${k}, seed ${seed}`);
        assert.equal(new Set(taken).size, k, 'distinct rows');
        assert.equal(a(), b(), 'the generator advanced alike');
        cases++;
      }
    }
  }
  assert.ok(cases > 100);
});
