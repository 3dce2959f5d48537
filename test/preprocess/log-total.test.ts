// The total log-normalised values were normalised to (scanpy's normalize_total target_sum), found from the
// values alone: expm1 of each cell's values sums to it when every gene the normalisation summed is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { denseToCsr } from '../../src/data/sparse.js';
import { logNormalisedTotal } from '../../src/preprocess/log-total.js';

const dense = (rows: number[][]): DenseMatrix => ({
  rows: rows.length,
  cols: rows[0].length,
  data: Float32Array.from(rows.flat()),
});

// Worked by hand, target sum 10: counts [1,1,0] (total 2) scale to [5,5,0], [3,1,0] (total 4) to [7.5,2.5,0],
// [0,0,4] to [0,0,10]; log1p gives the rows below, and expm1 of each row sums to 10.
const LOG_NORMALISED = [
  [Math.log(6), Math.log(6), 0],
  [Math.log(8.5), Math.log(3.5), 0],
  [0, 0, Math.log(11)],
];

test('the common expm1 total of log-normalised cells is found, dense or sparse', () => {
  assert.equal(logNormalisedTotal(dense(LOG_NORMALISED)), 10);
  assert.equal(logNormalisedTotal(denseToCsr(dense(LOG_NORMALISED))), 10);
});

test('values that kept only some of the genes summed share no total', () => {
  // the same normalisation over 3 genes, the third gene left out (as a file of highly variable genes):
  // [1,0,1] scaled to [5,0,5] keeps [ln 6, 0], whose expm1 sums to 5 where the others sum to 10
  const kept = dense([
    [Math.log(6), Math.log(6)],
    [Math.log(8.5), Math.log(3.5)],
    [Math.log(6), 0],
  ]);
  assert.equal(logNormalisedTotal(kept), null);
});

test('counts, a single cell and empty cells give no total', () => {
  assert.equal(
    logNormalisedTotal(
      dense([
        [1, 1, 0],
        [3, 1, 0],
        [0, 0, 4],
      ]),
    ),
    null,
    'counts',
  );
  assert.equal(logNormalisedTotal(dense([LOG_NORMALISED[0], [0, 0, 0]])), null, 'one cell with values');
  // an empty cell beside the others does not spoil their agreement
  assert.equal(logNormalisedTotal(dense([...LOG_NORMALISED, [0, 0, 0]])), 10);
});
