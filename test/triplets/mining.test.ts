// Semi-hard mining by sorted negatives (src/triplets/mining.ts) picks exactly the triplets of the scan over
// every negative (semiHardByScan, the former implementation): on random distances with ties, −0, unlabelled
// rows, one-class batches and NaN distances.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mineSemiHard, semiHardByScan } from '../../src/triplets/mining.js';

function byScan(
  d: Float32Array,
  labels: Int32Array,
): { anchor: number[]; positive: number[]; negative: number[] } {
  const [anchor, positive, negative]: number[][] = [[], [], []];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= 0) semiHardByScan(d, labels, i, anchor, positive, negative);
  }
  return { anchor, positive, negative };
}

// batches of 256 cells and more (smaller ones are scanned); a few distinct values (many ties), signed zeros, and now and then a NaN
const distance = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(0, -0, 0.5, 1, 1.5, 2, 1e-7, 3.25) },
  { weight: 8, arbitrary: fc.float({ min: 0, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
);

test('semi-hard mining by sorted negatives chooses what the scan over every negative chooses', () => {
  fc.assert(
    fc.property(
      fc
        .integer({ min: 1, max: 24 })
        .chain((n) =>
          fc.tuple(
            fc.array(fc.integer({ min: -1, max: 3 }), { minLength: n, maxLength: n }),
            fc.array(distance, { minLength: n * n, maxLength: n * n }),
            fc.boolean(),
          ),
        ),
      ([labelList, values, symmetric]) => {
        const n = labelList.length;
        const d = Float32Array.from(values);
        if (symmetric) for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) d[i * n + j] = d[j * n + i];
        const labels = Int32Array.from(labelList);
        const mined = mineSemiHard(d, labels);
        const expected = byScan(d, labels);
        assert.deepEqual(Array.from(mined.anchor), expected.anchor);
        assert.deepEqual(Array.from(mined.positive), expected.positive);
        assert.deepEqual(Array.from(mined.negative), expected.negative);
      },
    ),
    { numRuns: 60, seed: 7 },
  );
});

test('semi-hard mining on a 600-cell batch of continuous distances matches the scan', () => {
  const n = 600;
  let state = 12345;
  const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const d = Float32Array.from({ length: n * n }, () => next() * 4);
  const labels = Int32Array.from({ length: n }, (_, i) => (i % 17 === 0 ? -1 : i % 10));
  const mined = mineSemiHard(d, labels);
  const expected = byScan(d, labels);
  assert.ok(mined.anchor.length > 10_000);
  assert.deepEqual(Array.from(mined.negative), expected.negative);
  assert.deepEqual(Array.from(mined.positive), expected.positive);
});
