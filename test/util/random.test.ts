// The bulk draw of a seeded generator continues exactly the sequence its calls give (dropout masks use it,
// and seeded runs must not change with it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillAtLeast, fillAtLeastFrom, fillRandom, seededRandom, stateAfter } from '../../src/util/random.js';

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

test('fillAtLeast makes the decisions of fill’s numbers against the threshold, and continues the sequence', () => {
  for (const threshold of [0, 0.1, 0.5, 1 / 3, 0.999, 1]) {
    const reference = seededRandom(3);
    const draws = new Float64Array(5000);
    reference.fill(draws);
    const bulk = seededRandom(3);
    const keep = new Uint8Array(5000);
    bulk.fillAtLeast(threshold, keep);
    assert.deepEqual(
      Array.from(keep),
      Array.from(draws, (d) => (d >= threshold ? 1 : 0)),
      `threshold ${threshold}`,
    );
    assert.equal(bulk(), reference(), 'the sequence continues where the mask left it');
  }
  const tenth = new Uint8Array(10000);
  seededRandom(5).fillAtLeast(0.1, tenth);
  const kept = tenth.reduce((s, v) => s + v, 0);
  assert.ok(kept > 8800 && kept < 9200, `about 90 % kept: ${kept}`);
});

test('fillAtLeast uses any generator, call by call when it has no bulk draw', () => {
  const plain = seededRandom(8);
  const slow = new Uint8Array(200);
  fillAtLeast(() => plain(), 0.3, slow);
  const fast = new Uint8Array(200);
  fillAtLeast(seededRandom(8), 0.3, fast);
  assert.deepEqual(fast, slow);
  assert.ok(slow.includes(0) && slow.includes(1));
});

test('fillAtLeastFrom draws any stretch of the sequence from stateAfter, bytes and words alike', () => {
  const draws = new Float64Array(3000);
  seededRandom(11).fill(draws);
  for (const threshold of [-1, 0, 0.1, 0.75, 1, 2]) {
    const expected = Array.from(draws, (d) => (d >= threshold ? 1 : 0));
    // a view whose start is not 4-byte aligned, stretches of every length modulo 4
    const out = new Uint8Array(new ArrayBuffer(3001), 1, 3000);
    for (const [from, to] of [
      [0, 3000],
      [1, 2],
      [3, 1000],
      [5, 2999],
    ]) {
      out.fill(7);
      const end = fillAtLeastFrom(stateAfter(11, from), threshold, out, from, to);
      assert.deepEqual(
        Array.from(out.subarray(from, to)),
        expected.slice(from, to),
        `${threshold} ${from}–${to}`,
      );
      assert.equal(out[from - 1] ?? 7, 7, 'nothing written before the stretch');
      assert.equal(end, stateAfter(11, to), 'the state after the stretch');
    }
  }
});

test('stateAfter is the state k numbers on, also beyond 2³² numbers', () => {
  const random = seededRandom(stateAfter(9, 5));
  const reference = seededRandom(9);
  for (let i = 0; i < 5; i++) reference();
  assert.equal(random(), reference());
  const far = 2 ** 40 + 3;
  assert.equal(stateAfter(stateAfter(9, far), 2 ** 32 - 3), stateAfter(9, 2 ** 40 + 2 ** 32));
  assert.equal(stateAfter(9, 2 ** 32), 9, 'the period is 2³²');
});
