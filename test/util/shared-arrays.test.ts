/**
 * Typed arrays on shared memory (src/util/shared-arrays.ts), and the sparse importers putting the CSR matrix
 * there, so that the marker rank index's worker threads read it without a copy.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { importTable } from '../../src/data/index.js';
import { isCsr } from '../../src/data/sparse.js';
import { isShared, onSharedMemory, sharedArray } from '../../src/util/shared-arrays.js';
import { packageRoot } from '../../src/util/paths.js';

test('shared arrays: zero-filled, recognised, and copied there only when not already', () => {
  const a = sharedArray(Float64Array, 3);
  assert.deepEqual([...a], [0, 0, 0]);
  assert.equal(isShared(a), true);
  assert.equal(onSharedMemory(a), a);
  const plain = Int32Array.of(4, -5, 6);
  const copy = onSharedMemory(plain);
  assert.notEqual(copy, plain);
  assert.equal(isShared(copy), true);
  assert.equal(isShared(plain), false);
  assert.deepEqual([...copy], [4, -5, 6]);
});

test('the sparse importers (h5ad CSR and CSC, 10x mtx) allocate on shared memory', async () => {
  const formats = join(packageRoot(), 'test', 'fixtures', 'formats');
  for (const file of ['csr.h5ad', 'csc.h5ad', 'tenx_v3']) {
    const table = await importTable(join(formats, file));
    assert.ok(isCsr(table.values), `${file} reads as CSR`);
    assert.equal(isShared(table.values.indices), true, `${file}: indices`);
    assert.equal(isShared(table.values.data), true, `${file}: data`);
  }
});
