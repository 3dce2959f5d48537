/**
 * neighboursOfRow (one row's exact neighbours, one pass) agrees with nearestNeighbours leaving the row out, on
 * every path nearestNeighbours takes (k-d tree ≤ 4 columns, plain loop ≤ 16, tfjs matMul above), including ties.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { nearestNeighbours, neighboursOfRow } from '../../src/neighbours/nearest-neighbours.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';

function gaussian(rows: number, cols: number, seed: number): DenseMatrix {
  const random = seededRandom(seed);
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, () => randomNormal(random)) };
}

test('one row’s neighbours equal the leave-one-out search of that row, for narrow and wide data', () => {
  for (const cols of [2, 3, 10, 50]) {
    const m = gaussian(400, cols, cols);
    for (const row of [0, 177, 399]) {
      const query: DenseMatrix = { rows: 1, cols, data: m.data.slice(row * cols, (row + 1) * cols) };
      const all = nearestNeighbours(m, query, 12, { exclude: Int32Array.of(row) });
      const one = neighboursOfRow(m, row, 12);
      assert.equal(one.k, 12);
      assert.deepEqual([...one.indices], [...all.indices], `cols ${cols}, row ${row}`);
      for (let i = 0; i < 12; i++) assert.ok(Math.abs(one.distances[i] - all.distances[i]) < 1e-3);
    }
  }
});

test('ties go to the lower row; k is capped at the other rows; a bad row is refused', () => {
  const m: DenseMatrix = { rows: 5, cols: 2, data: Float32Array.of(0, 0, 1, 0, 0, 1, 1, 0, -1, 0) };
  assert.deepEqual([...neighboursOfRow(m, 0, 4).indices], [1, 2, 3, 4]);
  assert.deepEqual([...neighboursOfRow(m, 1, 2).indices], [3, 0]);
  assert.equal(neighboursOfRow(m, 2, 10).k, 4);
  assert.throws(() => neighboursOfRow(m, 5, 2), /row must be in 0…4, got 5/);
  assert.throws(() => neighboursOfRow(m, 0.5, 2), /row must be/);
  assert.throws(() => neighboursOfRow(m, 0, 0), /k must be a whole number/);
});
