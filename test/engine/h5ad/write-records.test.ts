// A record array written from its fields (src/engine/h5ad/write-records.ts) as anndata writes one: text as
// variable-length UTF-8 strings inside the compound type (h5wasm's own writer refuses them, and the copy once
// wrote fixed-length ASCII, which left non-ASCII text out and read back in anndata as another dtype), numbers
// as stored at any offset, in the order of the fields; an empty array too. Read back with h5wasm; anndata's
// reading is checked by test/cli/h5ad-uns.test.ts (scanpy_uns.py compares the record arrays' dtypes).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Dataset } from 'h5wasm/node';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { writeRecords } from '../../../src/engine/h5ad/write-records.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-write-records-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('text fields are variable-length UTF-8 inside the record array, numbers as given at any offset', async () => {
  const h5wasm = await loadH5wasm();
  const path = join(dir, 'records.h5');
  const names = ['CD3E', 'Tcrα', '', 'MS4A1 – long name with spaces'];
  const f = new h5wasm.File(path, 'w');
  try {
    const uns = f.create_group('uns');
    writeRecords(uns, 'names', 4, [
      { name: 'flag', dtype: '<b', values: Int8Array.of(1, 0, 1, 0) },
      { name: 'T cell', dtype: 'S', values: names },
      { name: 'score', dtype: '<d', values: Float64Array.of(0.5, -1, 1e300, Number.NaN) },
      { name: 'n', dtype: '<q', values: BigInt64Array.of(1n, -2n, 2n ** 62n, 0n) },
    ]);
    writeRecords(uns, 'empty', 0, [{ name: 'x', dtype: 'S', values: [] }]);
  } finally {
    f.close();
  }
  const back = new h5wasm.File(path, 'r');
  try {
    const dataset = back.get('uns/names') as Dataset;
    const members = dataset.metadata.compound_type?.members ?? [];
    assert.deepEqual(
      members.map((m) => [m.name, m.type, m.size, m.offset]),
      [
        ['flag', 0, 1, 0],
        ['T cell', 3, 4, 1],
        ['score', 1, 8, 5],
        ['n', 0, 8, 13],
      ],
    );
    // variable-length UTF-8, as h5py writes a str field (anndata's rec-array)
    assert.equal(members[1].vlen, true);
    assert.equal(members[1].cset, 1);
    assert.deepEqual(dataset.value, [
      [1, 'CD3E', 0.5, 1n],
      [0, 'Tcrα', -1, -2n],
      [1, '', 1e300, 2n ** 62n],
      [0, 'MS4A1 – long name with spaces', Number.NaN, 0n],
    ]);
    const empty = back.get('uns/empty') as Dataset;
    assert.deepEqual(empty.shape, [0]);
    assert.equal(empty.metadata.compound_type?.members[0].vlen, true);
  } finally {
    back.close();
  }
});
