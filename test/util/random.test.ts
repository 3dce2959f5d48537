// The bulk draw of a seeded generator continues exactly the sequence its calls give (dropout masks use it,
// and seeded runs must not change with it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillRandom, seededRandom } from '../../src/util/random.js';

test('fill draws the same numbers as calls, and the calls after it continue the sequence', () => {
  const byCall = seededRandom(42);
  const expected = Array.from({ length: 1000 }, () => byCall());
  const bulk = seededRandom(42);
  const first = bulk();
  const middle = new Float64Array(998);
  bulk.fill(middle);
  assert.deepEqual([first, ...middle, bulk()], expected);
  assert.ok(new Set(expected).size > 990, 'the sequence is not constant');
});

test('fillRandom uses any generator, call by call when it has no bulk draw', () => {
  const reference = seededRandom(7);
  const plain = seededRandom(7);
  const out = new Float64Array(5);
  fillRandom(() => plain(), out);
  assert.deepEqual(Array.from(out), [reference(), reference(), reference(), reference(), reference()]);
  const fast = new Float64Array(5);
  fillRandom(seededRandom(7), fast);
  assert.deepEqual(fast, out);
});
