// An integer expression matrix holds counts: a negative value in a loom's or an h5ad's integer matrix is refused
// naming the file, the HDF5 object, the value's place and its cell and gene, as a Cell Ranger .h5's negative
// count is. A float matrix's negatives (scaled, log-ratio data) and an integer obsm embedding's stay accepted.
// (The previous session found a loom's int32 matrix holding -2 read as an expression value; an h5ad's integer X,
// dense, CSR or CSC, was read the same way.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Group } from 'h5wasm/node';
import { DataImportError, importTable } from '../../../src/data/index.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { writeTinyH5ad, writeTinySparseH5ad } from './tiny-hdf5.js';

type Matrix = Int32Array | BigInt64Array | Float32Array;

const IDS = ['c1', 'c2', 'c3'];
const GENES = ['G1', 'G2'];
/** cells × genes, row-major: cell 2's gene 2 is -3. */
const CELLS_BY_GENES = [1, 0, 2, -3, 0, 4];
/** The same values genes × cells, as a loom stores them. */
const GENES_BY_CELLS = [1, 2, 0, 0, -3, 4];

async function inTemp(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-negative-'));
  try {
    await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A loom whose `matrix` (or, with `layer`, layers/<layer>; matrix then all ones) holds `data`, genes × cells. */
async function writeLoom(path: string, data: Matrix, layer?: string): Promise<void> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'w');
  try {
    f.create_group('row_attrs').create_dataset({ name: 'Gene', data: GENES });
    f.create_group('col_attrs').create_dataset({ name: 'CellID', data: IDS });
    const shape = [GENES.length, IDS.length];
    const layers = f.create_group('layers');
    if (layer === undefined) f.create_dataset({ name: 'matrix', data, shape });
    else {
      f.create_dataset({ name: 'matrix', data: new Float32Array(6).fill(1), shape });
      layers.create_dataset({ name: layer, data, shape });
    }
  } finally {
    f.close();
  }
}

/** Adds an h5ad element: a dense array at `path` ('layers/counts', 'obsm/X_spatial'). */
async function addDense(file: string, group: string, name: string, data: Matrix, cols: number) {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(file, 'a');
  try {
    const parent = (f.get(group) as Group | null) ?? f.create_group(group);
    const dataset = parent.create_dataset({ name, data, shape: [IDS.length, cols] });
    dataset.create_attribute('encoding-type', 'array');
    dataset.create_attribute('encoding-version', '0.2.0');
  } finally {
    f.close();
  }
}

/** Asserts `importTable(path, options)` is refused with exactly `message` (after "<path>, dataset <dataset>: "). */
async function assertRefused(
  path: string,
  dataset: string,
  message: string,
  options: { layer?: string; input?: string } = {},
): Promise<void> {
  await assert.rejects(importTable(path, options), (err: unknown) => {
    assert.ok(err instanceof DataImportError, String(err));
    assert.equal(err.kind, 'bad-structure');
    assert.equal(err.file, path);
    assert.equal(err.dataset, dataset);
    assert.equal(err.message, `${path}, dataset ${dataset}: ${message}`);
    return true;
  });
}

const WHY = (dtype: string) =>
  `is negative, but the matrix is stored as integers (${dtype}), which are counts and cannot be below 0: the file is damaged, or values that are not counts were stored as integers (scaled or log-ratio values are stored as floats).`;

test('loom: a negative value in an int32 or int64 matrix is refused naming /matrix, its place, cell and gene', async () => {
  await inTemp(async (dir) => {
    for (const [dtype, data] of [
      ['int32', Int32Array.from(GENES_BY_CELLS)],
      ['int64', BigInt64Array.from(GENES_BY_CELLS, BigInt)],
    ] as const) {
      const path = join(dir, `${dtype}.loom`);
      await writeLoom(path, data);
      await assertRefused(
        path,
        '/matrix',
        `the value -3 at row 2, column 2 (1-based, genes × cells as stored; gene 2 "G2", cell 2 "c2") ${WHY(dtype)}`,
      );
    }
  });
});

test('loom: an integer layer is checked as the matrix is; a float matrix keeps its negatives', async () => {
  await inTemp(async (dir) => {
    const layered = join(dir, 'layer.loom');
    await writeLoom(layered, Int32Array.from(GENES_BY_CELLS), 'spliced');
    await assertRefused(
      layered,
      '/layers/spliced',
      `the value -3 at row 2, column 2 (1-based, genes × cells as stored; gene 2 "G2", cell 2 "c2") ${WHY('int32')}`,
      { layer: 'spliced' },
    );
    // the matrix itself (ones) is read as before
    assert.equal((await importTable(layered)).ids.length, 3);
    const scaled = join(dir, 'scaled.loom');
    await writeLoom(scaled, Float32Array.from(GENES_BY_CELLS));
    const table = await importTable(scaled);
    assert.deepEqual(table.values.format === 'csr' && Array.from(table.values.data), [1, 2, -3, 4]);
  });
});

test('h5ad: a negative value in an integer X is refused, dense, CSR and CSC alike', async () => {
  await inTemp(async (dir) => {
    const dense = join(dir, 'dense.h5ad');
    await writeTinyH5ad(dense, IDS, GENES, Int32Array.from(CELLS_BY_GENES));
    await assertRefused(
      dense,
      '/X',
      `the value -3 at row 2, column 2 (1-based; cell 2 "c2", gene 2 "G2") ${WHY('int32')}`,
    );
    // stored entries: csr (1, 2, -3, 4) by cell, csc (1, 2, -3, 4) by gene — the -3 is entry 3 of both
    for (const [encoding, indices, indptr] of [
      ['csr_matrix', [0, 0, 1, 1], [0, 1, 3, 4]],
      ['csc_matrix', [0, 1, 1, 2], [0, 2, 4]],
    ] as const) {
      const path = join(dir, `${encoding}.h5ad`);
      await writeTinySparseH5ad(path, IDS, GENES, {
        encoding,
        shape: [3, 2],
        data: Int32Array.of(1, 2, -3, 4),
        indices: Int32Array.from(indices),
        indptr: Int32Array.from(indptr),
      });
      await assertRefused(
        path,
        '/X/data',
        `the value -3 at entry 3 (cell 2 "c2", gene 2 "G2"; 1-based) ${WHY('int32')}`,
      );
    }
  });
});

test('h5ad: an integer layer is checked; a float X and an integer obsm embedding keep their negatives', async () => {
  await inTemp(async (dir) => {
    const path = join(dir, 'layers.h5ad');
    await writeTinyH5ad(path, IDS, GENES, Float32Array.from(CELLS_BY_GENES));
    await addDense(path, 'layers', 'counts', BigInt64Array.from(CELLS_BY_GENES, BigInt), 2);
    await addDense(path, 'obsm', 'X_spatial', Int32Array.of(-5, 1, 2, -2, 3, 0), 2);
    await assertRefused(
      path,
      '/layers/counts',
      `the value -3 at row 2, column 2 (1-based; cell 2 "c2", gene 2 "G2") ${WHY('int64')}`,
      { layer: 'counts' },
    );
    const x = await importTable(path);
    assert.deepEqual(x.values.format === 'dense' && Array.from(x.values.data), CELLS_BY_GENES);
    const spatial = await importTable(path, { input: 'obsm:X_spatial' });
    assert.deepEqual(
      spatial.values.format === 'dense' && Array.from(spatial.values.data),
      [-5, 1, 2, -2, 3, 0],
    );
  });
});
