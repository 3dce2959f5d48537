// CSR and CSC h5ad matrices of random shapes (empty rows and columns, unsorted and repeated indices, int64
// index arrays, chunk edges anywhere) import to exactly the dense matrix they encode, repeats summed as
// scipy sums them. The files are written with h5wasm in anndata's layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm, { type File as H5File } from 'h5wasm/node';
import { importTable } from '../../../src/data/index.js';
import { asDense, isCsr } from '../../../src/data/sparse.js';
import { randomInt, seededRandom, shuffleInPlace, type Random } from '../../../src/util/random.js';

interface Compressed {
  indptr: number[];
  indices: number[];
  data: number[];
}

/** A random rows × cols matrix (dense truth) and its compressed form along `major`, perturbed like scipy allows. */
function randomMatrix(random: Random, rows: number, cols: number, major: 'row' | 'col') {
  const dense = new Float32Array(rows * cols);
  const majorLength = major === 'row' ? rows : cols;
  const minorLength = major === 'row' ? cols : rows;
  const out: Compressed = { indptr: [0], indices: [], data: [] };
  for (let a = 0; a < majorLength; a++) {
    const entries: [number, number][] = [];
    if (random() > 0.2) {
      for (let b = 0; b < minorLength; b++) {
        if (random() < 0.3) entries.push([b, 1 + randomInt(random, 9)]);
      }
    }
    // A repeated entry (scipy sums it) and unsorted order, now and then.
    if (entries.length > 0 && random() < 0.2) entries.push([entries[0][0], 2]);
    if (random() < 0.3) shuffleInPlace(random, entries);
    for (const [b, v] of entries) {
      out.indices.push(b);
      out.data.push(v);
      const [r, c] = major === 'row' ? [a, b] : [b, a];
      dense[r * cols + c] += v;
    }
    out.indptr.push(out.indices.length);
  }
  return { dense, compressed: out };
}

function writeFrame(f: H5File, name: string, index: string[]): void {
  const group = f.create_group(name);
  group.create_attribute('encoding-type', 'dataframe');
  group.create_attribute('encoding-version', '0.2.0');
  group.create_attribute('_index', '_index');
  group.create_attribute('column-order', []);
  group.create_dataset({ name: '_index', data: index });
}

function writeH5ad(
  path: string,
  rows: number,
  cols: number,
  major: 'row' | 'col',
  m: Compressed,
  wide: boolean,
) {
  const f = new h5wasm.File(path, 'w');
  try {
    f.create_attribute('encoding-type', 'anndata');
    const x = f.create_group('X');
    x.create_attribute('encoding-type', major === 'row' ? 'csr_matrix' : 'csc_matrix');
    x.create_attribute('encoding-version', '0.1.0');
    x.create_attribute('shape', BigInt64Array.from([BigInt(rows), BigInt(cols)]));
    x.create_dataset({ name: 'data', data: Float32Array.from(m.data) });
    const ints = (values: number[]) =>
      wide ? BigInt64Array.from(values.map(BigInt)) : Int32Array.from(values);
    x.create_dataset({ name: 'indices', data: ints(m.indices) });
    x.create_dataset({ name: 'indptr', data: ints(m.indptr) });
    writeFrame(
      f,
      'obs',
      Array.from({ length: rows }, (_, i) => `cell${i}`),
    );
    writeFrame(
      f,
      'var',
      Array.from({ length: cols }, (_, i) => `gene${i}`),
    );
  } finally {
    f.close();
  }
}

test('random CSR and CSC matrices import exactly, at any chunk size', async () => {
  await h5wasm.ready;
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-sparse-test-'));
  try {
    const random = seededRandom(12);
    for (let trial = 0; trial < 24; trial++) {
      const rows = 1 + randomInt(random, 25);
      const cols = 1 + randomInt(random, 18);
      const major = trial % 2 === 0 ? 'row' : 'col';
      const { dense, compressed } = randomMatrix(random, rows, cols, major);
      const path = join(dir, `m${trial}.h5ad`);
      writeH5ad(path, rows, cols, major, compressed, trial % 3 === 0);
      const chunkBytes = 4 * (1 + randomInt(random, 12));
      const table = await importTable(path, { chunkBytes });
      const label = `trial ${trial}: ${rows} × ${cols} ${major}-major, chunks of ${chunkBytes / 4}`;
      assert.ok(isCsr(table.values), label);
      assert.deepEqual(asDense(table.values).data, dense, label);
      const m = table.values;
      for (let r = 0; r < m.rows; r++) {
        for (let k = m.indptr[r] + 1; k < m.indptr[r + 1]; k++)
          assert.ok(m.indices[k] > m.indices[k - 1], label);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A user audit: a negative index was reported as "index beyond the 32-bit range", which it was not.
test('a negative or too large index names the value, position and matrix width', async () => {
  await h5wasm.ready;
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-sparse-test-'));
  try {
    const cases: [number[], boolean, RegExp][] = [
      [[0, -3, 1], false, /index -3 at position 1 is out of range: the matrix has 2 columns/],
      [[0, -1, 1], false, /index -1 \(or one beyond the 32-bit range\) at position 1 is out of range/],
      [[0, 2 ** 40, 1], true, /index -1 \(or one beyond the 32-bit range\) at position 1 is out of range/],
    ];
    for (const [indices, wide, says] of cases) {
      const path = join(dir, 'bad.h5ad');
      writeH5ad(path, 2, 2, 'row', { indptr: [0, 2, 3], indices, data: [1, 2, 3] }, wide);
      await assert.rejects(importTable(path), (err: Error) => {
        assert.match(err.message, /dataset \/X\/indices: /);
        assert.match(err.message, says);
        return true;
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The corruption test: two entries of one cell and gene whose sum overflows float32 were refused as "the
// value … is Infinity", which no stored value is.
test('repeated entries adding up beyond float32 are named as such, CSR and CSC alike', async () => {
  await h5wasm.ready;
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-sparse-test-'));
  try {
    for (const major of ['row', 'col'] as const) {
      const path = join(dir, `${major}.h5ad`);
      // cell 2, gene 2 stored twice (3e38 each); along `major` the second vector holds both
      writeH5ad(path, 2, 2, major, { indptr: [0, 1, 3], indices: [0, 1, 1], data: [1, 3e38, 3e38] }, false);
      await assert.rejects(importTable(path), (err: Error) => {
        assert.equal(
          err.message,
          `${path}, dataset /X/data: the 2 entries stored for cell 2, gene 2 (1-based) add up beyond ±3.4e38, which a 32-bit float cannot hold: repeated entries count as their sum (as scipy reads them), and expression values must be finite numbers.`,
        );
        return true;
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
