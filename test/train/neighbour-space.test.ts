// The trainer's neighbourSpace: where the sampler's neighbour triplets and the graph term find input-space
// neighbours when the encoder's input carries more columns (the engine's class evidence). Omitted, or equal
// to x, it is the plain run; another space changes the neighbours and so the run; a wrong row count is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { trainEncoder } from '../../src/train/train-encoder.js';
import { blobs } from './blobs.js';
import { TEST_BACKENDS } from './backends.js';
import { lossHistory } from './term-runs.js';

/** The first `cols` columns of x. */
function firstColumns(x: DenseMatrix, cols: number): DenseMatrix {
  const data = new Float32Array(x.rows * cols);
  for (let r = 0; r < x.rows; r++) data.set(x.data.subarray(r * x.cols, r * x.cols + cols), r * cols);
  return { data, rows: x.rows, cols };
}

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: neighbourSpace x is the plain run; another space changes the neighbours; a wrong size is refused`, async () => {
    await load();
    const { x, labels } = blobs(60, 6, 3, 5);
    // every triplet a neighbour triplet, and the graph term: both search neighbours
    const options = { neighbourShare: 1, graphWeight: 1, graphEdges: 32, graphWarmupSteps: 2 };
    const plain = await lossHistory(x, labels, options);
    assert.deepEqual(await lossHistory(x, labels, { ...options, neighbourSpace: x }), plain);
    const other = await lossHistory(x, labels, { ...options, neighbourSpace: firstColumns(x, 2) });
    assert.ok(other.every(Number.isFinite));
    assert.notDeepEqual(other, plain);
    await assert.rejects(
      trainEncoder(x, labels, { epochs: 1, neighbourSpace: firstColumns({ ...x, rows: 30 }, 2) }),
      /neighbourSpace has 30 rows for 60 training rows/,
    );
  });
}
