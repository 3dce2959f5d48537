import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anchorNeighbours, anchorSubset } from '../../src/triplets/anchor-neighbours.js';
import { rowNeighbours } from '../../src/neighbours/row-neighbours.js';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';

function points(rows: number, cols: number, seed: number): DenseMatrix {
  const random = seededRandom(seed);
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, () => randomNormal(random)) };
}

const everyRow = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/** Row `row`'s list in a flattened search result. */
const listOf = (found: { k: number; index: Int32Array }, slot: number): number[] =>
  Array.from(found.index.subarray(slot * found.k, (slot + 1) * found.k));

test("a budgeted subset of anchors gets exactly the full search's neighbours for those rows (exact search)", async () => {
  const x = points(600, 5, 1);
  const all = everyRow(x.rows);
  const full = rowNeighbours(x, all, 6);
  // subsetAbove 0: the subset applies even to this small (exactly searched) table
  const found = await anchorNeighbours(
    x,
    all,
    all,
    { k: 6, draws: 90, subsetAbove: 0, threads: 1 },
    seededRandom(3),
  );
  assert.equal(found.anchors.length, 90);
  assert.ok(
    found.anchors.every((row, i) => i === 0 || row > found.anchors[i - 1]),
    'ascending, distinct',
  );
  found.anchors.forEach((row, slot) => assert.deepEqual(listOf(found, slot), listOf(full, row)));
});

test('with a pool smaller than the rows, the subset is drawn from the anchors and searched among the pool', async () => {
  const x = points(400, 4, 2);
  const pool = Int32Array.from({ length: 300 }, (_, i) => i + 100);
  const anchors = pool.filter((row) => row % 2 === 0);
  const found = await anchorNeighbours(
    x,
    pool,
    anchors,
    { k: 4, draws: 30, subsetAbove: 0 },
    seededRandom(5),
  );
  assert.equal(found.anchors.length, 30);
  assert.ok(found.anchors.every((row) => anchors.includes(row)));
  // the same lists as a search of every anchor within the pool
  const everyAnchor = await anchorNeighbours(x, pool, anchors, { k: 4 }, seededRandom(5));
  found.anchors.forEach((row, slot) =>
    assert.deepEqual(listOf(found, slot), listOf(everyAnchor, everyAnchor.anchors.indexOf(row))),
  );
});

test('without a budget, with a budget as large as the anchors, or on a small pool, every anchor is searched and no draw is taken', () => {
  const anchors = everyRow(5_000);
  for (const options of [{}, { draws: 5_000, subsetAbove: 0 }, { draws: 10 }]) {
    const random = seededRandom(8);
    assert.equal(anchorSubset(anchors, anchors.length, options, random), anchors);
    assert.equal(random(), seededRandom(8)(), 'the stream was not advanced');
  }
});

test('above the exact-search limit the budgeted subset and its neighbours are the same for 1 and 2 threads', async () => {
  const x = points(20_500, 4, 4);
  const all = everyRow(x.rows);
  const run = (threads: number) =>
    anchorNeighbours(x, all, all, { k: 5, draws: 700.4, threads }, seededRandom(11));
  const [one, two] = [await run(1), await run(2)];
  assert.equal(one.anchors.length, 701);
  assert.deepEqual(two.anchors, one.anchors);
  assert.deepEqual(two.index, one.index);
});
