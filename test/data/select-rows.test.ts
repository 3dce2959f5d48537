import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectRows } from '../../src/data/select-rows.js';

test('selectRows copies the chosen rows in the given order, repeats allowed, from arrays or Int32Array', () => {
  const m = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), rows: 3, cols: 2 };
  const picked = selectRows(m, Int32Array.from([2, 0, 2]));
  assert.deepEqual(picked, { data: Float32Array.from([5, 6, 1, 2, 5, 6]), rows: 3, cols: 2 });
  picked.data[0] = 99;
  assert.equal(m.data[4], 5, 'a copy, not a view');
  assert.deepEqual(selectRows(m, []), { data: new Float32Array(0), rows: 0, cols: 2 });
});
