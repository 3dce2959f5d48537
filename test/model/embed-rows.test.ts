// The one embed path: chunked, normalised on request, the same values whether it pauses or not, no leaks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { EMBED_CHUNK, embedRows, embedRowsPausing, type EmbedPlan } from '../../src/model/embed-rows.js';
import { loadCpu } from '../../src/backend/loaders.js';

/** A fixed linear map 3 → 2 (row r of x is [r, 1, −r] → [r + 1, 2r − 1]). */
function linearPlan(normalize: boolean): EmbedPlan & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    dims: 2,
    normalize,
    forward: (input) => {
      calls.push(input.shape[0]);
      return tf.matMul(input, tf.tensor2d([1, 2, 1, -1, 0, 0], [3, 2]));
    },
  };
}

const rows = 2 * EMBED_CHUNK + 3;
const x = {
  data: new Float32Array(rows * 3),
  rows,
  cols: 3,
};
for (let r = 0; r < rows; r++) x.data.set([r, 1, -r], r * 3);

test('embeds every row in chunks of EMBED_CHUNK, pausing only between chunks, with the same values', async () => {
  await loadCpu();
  const before = tf.memory().numTensors;
  const plain = linearPlan(false);
  const once = embedRows(x, plain);
  assert.deepEqual(plain.calls, [EMBED_CHUNK, EMBED_CHUNK, 3]);
  assert.deepEqual([once.rows, once.cols], [rows, 2]);
  assert.deepEqual(Array.from(once.data.subarray(2 * 5, 2 * 5 + 2)), [6, 9]);
  assert.deepEqual(Array.from(once.data.subarray(2 * (rows - 1))), [rows, 2 * (rows - 1) - 1]);
  let pauses = 0;
  const paused = await embedRowsPausing(x, linearPlan(false), async () => void pauses++);
  assert.equal(pauses, 2);
  assert.deepEqual(paused.data, once.data);
  assert.equal(tf.memory().numTensors, before, 'tensors left after embedding');
});

test('normalize scales every output row to unit length (an all-zero row stays finite)', async () => {
  await loadCpu();
  const small = { data: Float32Array.from([3, 1, -3, 0, 0, 0]), rows: 2, cols: 3 };
  const out = embedRows(small, linearPlan(true));
  assert.ok(Math.abs(Math.hypot(out.data[0], out.data[1]) - 1) < 1e-6);
  assert.deepEqual(Array.from(out.data.subarray(2)), [0, 0]);
});
