// The yardsticks of bench/ensemble-maps.ts: the members' majority call and the side-by-side maps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { concatenateMaps, majorityLabels } from '../../bench/lib/ensemble-votes.js';

test('majorityLabels: the plurality row by row; a tie goes to the earliest member tied', () => {
  const calls = [
    ['a', 'a', 'a', 'x'],
    ['b', 'a', 'b', 'y'],
    ['b', 'c', 'c', 'z'],
  ];
  // row 0: b 2 – a 1; row 1: a 2; row 2: a, b, c one each → the first member's a; row 3: x, y, z → x
  assert.deepEqual(majorityLabels(calls), ['b', 'a', 'a', 'x']);
  // four members call q, p, p, q: a 2–2 tie, which goes to q, the first member's call
  assert.deepEqual(majorityLabels([['q'], ['p'], ['p'], ['q']]), ['q']);
  assert.deepEqual(majorityLabels([['p', 'q']]), ['p', 'q']);
  assert.throws(() => majorityLabels([]), /at least one/);
  assert.throws(() => majorityLabels([['a'], ['a', 'b']]), /different lengths/);
});

test('concatenateMaps: each map centred and scaled on the fit rows, side by side', () => {
  // map 1 (1-D): fit rows 0, 1 at 1 and 3 → mean 2, norm² 1 + 1 = 2 → (x − 2)/√2; row 2 (not fitted) at 6 → 4/√2.
  // map 2 (2-D): fit rows at (0, 0) and (0, 4) → mean (0, 2), norm² 8 → (x, y − 2)/√8; row 2 at (2, 2) → (2/√8, 0).
  const one = { rows: 3, cols: 1, data: Float32Array.from([1, 3, 6]) };
  const two = { rows: 3, cols: 2, data: Float32Array.from([0, 0, 0, 4, 2, 2]) };
  const both = concatenateMaps([one, two], [0, 1]);
  assert.equal(both.cols, 3);
  const s2 = Math.SQRT2;
  const s8 = Math.sqrt(8);
  const expected = [-1 / s2, 0, -2 / s8, 1 / s2, 0, 2 / s8, 4 / s2, 2 / s8, 0];
  expected.forEach((v, i) => assert.ok(Math.abs(both.data[i] - v) < 1e-6, `[${i}] ${both.data[i]} ≠ ${v}`));
  assert.throws(() => concatenateMaps([one, { ...two, rows: 2 }], [0, 1]), /different row counts/);
  assert.throws(
    () => concatenateMaps([{ rows: 2, cols: 1, data: Float32Array.from([5, 5]) }], [0, 1]),
    /one point/,
  );
});
