// A step's rows gathered from the training matrix on the backend are the rows the JS copy gives, and the
// matrix goes up only when wide enough and small enough.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectRows } from '../../src/data/select-rows.js';
import { BatchRows, DEVICE_ROWS_MIN_COLS } from '../../src/train/device-rows.js';
import { seededRandom } from '../../src/util/random.js';
import { TEST_BACKENDS } from './backends.js';

const matrix = (rows: number, cols: number) => {
  const random = seededRandom(rows + cols);
  return { data: Float32Array.from({ length: rows * cols }, () => random() - 0.5), rows, cols };
};

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: gathered rows equal the copied rows, repeats included, and nothing leaks`, async () => {
    await load();
    const before = tf.memory().numTensors;
    const x = matrix(50, 7);
    const rows = Int32Array.from([3, 49, 0, 3, 17, 3]);
    const onDevice = new BatchRows(x, true);
    const copied = new BatchRows(x, false);
    try {
      assert.equal(onDevice.gathered, true);
      assert.equal(copied.gathered, false);
      const expected = Array.from(selectRows(x, rows).data);
      for (const source of [onDevice, copied]) {
        const t = source.take(rows);
        assert.deepEqual(t.shape, [6, 7]);
        assert.deepEqual(Array.from(t.dataSync()), expected);
        t.dispose();
      }
    } finally {
      onDevice.dispose();
      copied.dispose();
    }
    assert.equal(tf.memory().numTensors, before);
  });
}

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: the matrix goes to the backend by default only on tensorflow, and only when wide enough`, async () => {
    await load();
    const narrow = new BatchRows(matrix(10, DEVICE_ROWS_MIN_COLS - 1));
    const wide = new BatchRows(matrix(10, DEVICE_ROWS_MIN_COLS));
    assert.equal(narrow.gathered, false);
    assert.equal(wide.gathered, name === 'tensorflow');
    narrow.dispose();
    wide.dispose();
  });
}

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: copied rows of one step stay the same when the next step's rows are taken (reused buffer)`, async () => {
    await load();
    const x = matrix(40, 9);
    const copied = new BatchRows(x, false);
    const first = copied.take(Int32Array.from([1, 2, 3, 4]));
    const second = copied.take(Int32Array.from([39, 38]));
    const third = copied.take(Int32Array.from([5, 6, 7, 8, 9, 10]));
    try {
      assert.deepEqual(Array.from(first.dataSync()), Array.from(selectRows(x, [1, 2, 3, 4]).data));
      assert.deepEqual(Array.from(second.dataSync()), Array.from(selectRows(x, [39, 38]).data));
      assert.deepEqual(Array.from(third.dataSync()), Array.from(selectRows(x, [5, 6, 7, 8, 9, 10]).data));
    } finally {
      tf.dispose([first, second, third]);
      copied.dispose();
    }
  });
}
