// CooToCsr against denseToCsr: any matrix, its entries added in any order (cell-ordered or not, genes
// unsorted), gives exactly the CSR matrix of the dense one; a repeated place is reported, not merged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CooToCsr } from '../../../src/data/formats/coo-to-csr.js';
import { denseToCsr } from '../../../src/data/sparse.js';

const matrixAndOrder = fc
  .record({ rows: fc.integer({ min: 1, max: 7 }), cols: fc.integer({ min: 1, max: 7 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      rows: fc.constant(rows),
      cols: fc.constant(cols),
      values: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 })), {
        minLength: rows * cols,
        maxLength: rows * cols,
      }),
      keys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
        minLength: rows * cols,
        maxLength: rows * cols,
      }),
      sorted: fc.boolean(),
    }),
  );

test('entries in any order build the same CSR matrix as the dense one', () => {
  fc.assert(
    fc.property(matrixAndOrder, ({ rows, cols, values, keys, sorted }) => {
      const dense = { data: Float32Array.from(values), rows, cols };
      const places = values.map((_, k) => k).filter((k) => values[k] !== 0);
      // Either cell by cell with genes shuffled within each cell, or fully shuffled.
      places.sort((a, b) =>
        sorted ? Math.floor(a / cols) - Math.floor(b / cols) || keys[a] - keys[b] : keys[a] - keys[b],
      );
      const builder = new CooToCsr(rows, cols, places.length);
      for (const k of places) builder.add(Math.floor(k / cols), k % cols, values[k]);
      const built = builder.finish();
      assert.ok('matrix' in built);
      assert.deepEqual(built.matrix, denseToCsr(dense));
    }),
    { seed: 20261129, numRuns: 300 },
  );
});

test('a place written twice is reported with its cell and gene', () => {
  const builder = new CooToCsr(3, 4, 4);
  builder.add(0, 1, 1);
  builder.add(2, 3, 1);
  builder.add(1, 0, 1);
  builder.add(2, 3, 5);
  assert.deepEqual(builder.finish(), { repeated: { cell: 2, gene: 3 } });
});
