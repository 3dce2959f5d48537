// A record array read as stored (Hdf5File.readRecords) and decoded field by field (src/data/formats/h5-records.ts):
// the same values as h5wasm's own read (an array a row), for fields at any offset — an int8 before a float64
// leaves the float unaligned, read byte by byte —, fixed-length and variable-length text (UTF-8 beyond ASCII,
// empty strings), 64-bit integers, and blocks of rows that end inside the array.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Dataset } from 'h5wasm/node';
import { Hdf5File, type NumericArray } from '../../../src/data/formats/h5-file.js';
import { readFields, type FieldColumn } from '../../../src/data/formats/h5-records.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { writeRecords } from '../../../src/engine/h5ad/write-records.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-h5-records-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const N = 11;
const words = ['CD3E', '', 'Tcrα', 'MS4A1', 'x'];

/** Writes /fixed (h5wasm's own compound writer: fixed-length text, packed fields) and /vlen (writeRecords). */
async function writeFixture(path: string): Promise<void> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'w');
  try {
    f.create_dataset({
      name: 'fixed',
      data: new Map<string, NumericArray | string[]>([
        ['flag', Int8Array.from({ length: N }, (_, i) => i % 2)],
        ['score', Float64Array.from({ length: N }, (_, i) => i / 3 - 1)],
        ['gene', Array.from({ length: N }, (_, i) => `G${i}`)],
        ['count', BigInt64Array.from({ length: N }, (_, i) => BigInt(i) * 10_000_000_000n)],
        ['p', Float32Array.from({ length: N }, (_, i) => i * 0.25)],
      ]),
      shape: [N],
      dtype: [
        ['flag', '<b'],
        ['score', '<d'],
        ['gene', 'A4'],
        ['count', '<q'],
        ['p', '<f'],
      ],
    });
    writeRecords(f, 'vlen', N, [
      { name: 'B cell', dtype: 'S', values: Array.from({ length: N }, (_, i) => words[i % words.length]) },
      { name: 'n', dtype: '<h', values: Int16Array.from({ length: N }, (_, i) => -i) },
      {
        name: 'T cell',
        dtype: 'S',
        values: Array.from({ length: N }, (_, i) => `${words[(i + 2) % 5]}${i}`),
      },
    ]);
  } finally {
    f.close();
  }
}

/** The record array at `path` decoded in blocks of `blockBytes`, as columns by field name. */
function decoded(h5: Hdf5File, path: string, blockBytes: number): Map<string, string[] | NumericArray> {
  const meta = h5.metadata(path);
  const columns: FieldColumn[] = (meta.compound_type?.members ?? []).map((member) => {
    const typed: Record<string, new (n: number) => NumericArray> = {
      '0:1': Int8Array,
      '0:2': Int16Array,
      '0:8': BigInt64Array,
      '1:4': Float32Array,
      '1:8': Float64Array,
    };
    const Typed = typed[`${member.type}:${member.size}`];
    return { member, values: member.type === 3 ? new Array<string>(N) : new Typed(N) };
  });
  h5.readRecords(path, (rows, heap, start) => readFields(columns, rows, heap, meta.size, start), blockBytes);
  return new Map(columns.map((c) => [c.member.name, c.values]));
}

/** The record array at `path` as h5wasm reads it (a row an array), by field name. */
async function h5wasmColumns(file: string, path: string): Promise<Map<string, unknown[]>> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(file, 'r');
  try {
    const dataset = f.get(path) as Dataset;
    const rows = dataset.value as unknown[][];
    const members = dataset.metadata.compound_type?.members ?? [];
    return new Map(members.map((m, j) => [m.name, rows.map((row) => row[j])]));
  } finally {
    f.close();
  }
}

test('a record array decoded from its rows as stored equals h5wasm’s own read, whatever the block of rows', async () => {
  const file = join(dir, 'records.h5');
  await writeFixture(file);
  const h5 = await Hdf5File.open(file);
  try {
    for (const path of ['/fixed', '/vlen']) {
      const expected = await h5wasmColumns(file, path);
      const rowSize = h5.metadata(path).size;
      // one row a block, blocks ending inside the array, all rows at once
      for (const blockBytes of [1, rowSize * 4, 1 << 16]) {
        const found = decoded(h5, path, blockBytes);
        assert.deepEqual([...found.keys()], [...expected.keys()], path);
        for (const [name, values] of found) {
          assert.deepEqual(
            Array.from(values as ArrayLike<unknown>),
            expected.get(name),
            `${path} ${name} ${blockBytes}`,
          );
        }
      }
    }
    // spot checks against the values written, so the test does not only compare two readers
    const fixed = decoded(h5, '/fixed', 1 << 16);
    assert.deepEqual(fixed.get('gene')?.slice(9, 11), ['G9', 'G10']);
    assert.equal((fixed.get('count') as BigInt64Array)[7], 70_000_000_000n);
    assert.equal((fixed.get('score') as Float64Array)[4], 4 / 3 - 1);
    const vlen = decoded(h5, '/vlen', 1 << 16);
    assert.deepEqual(vlen.get('B cell')?.slice(0, 5), words);
    assert.equal((vlen.get('T cell') as string[])[10], 'Tcrα10');
  } finally {
    await h5.close();
  }
});
