import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sortFloat32, sortFloat32Paired } from '../../src/markers/sort-float32.js';

test('sorts like the typed array’s own sort: negatives, ties, tiny and huge values, short and long arrays', () => {
  const value = fc.oneof(
    fc.float({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -5, max: 5 }).map((v) => v / 4),
  );
  fc.assert(
    fc.property(fc.array(value, { maxLength: 2000 }), (list) => {
      const values = Float32Array.from(list.filter((v) => v !== 0));
      const expected = Float32Array.from(values).sort();
      sortFloat32(values, new Uint32Array(values.length));
      assert.deepEqual(values, expected);
    }),
    { numRuns: 200 },
  );
});

test('a subarray is sorted in place and the rest of its buffer is left alone', () => {
  const all = Float32Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
  const part = all.subarray(100, 900);
  sortFloat32(part, new Uint32Array(800));
  for (let i = 1; i < part.length; i++) assert.ok(part[i - 1] <= part[i]);
  assert.equal(all[0], 0);
  assert.equal(all[999], (999 * 7919) % 1000);
});

test('the paired sort orders values as the plain sort and moves each payload with its value', () => {
  fc.assert(
    fc.property(fc.array(fc.float({ noNaN: true }), { maxLength: 700 }), (list) => {
      const values = Float32Array.from(list.filter((v) => v !== 0)); // ±0: the caller never passes zeros
      const original = Float32Array.from(values);
      const payload = Uint32Array.from(values, (_, i) => i);
      sortFloat32Paired(values, payload, new Uint32Array(values.length), new Uint32Array(values.length));
      const plain = Float32Array.from(original);
      sortFloat32(plain, new Uint32Array(plain.length));
      assert.deepEqual(values, plain);
      assert.deepEqual(
        [...payload].sort((a, b) => a - b),
        Array.from(payload, (_, i) => i),
      );
      payload.forEach((p, i) => assert.ok(Object.is(original[p], values[i])));
    }),
  );
});
