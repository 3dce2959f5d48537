// Damaged copies of a valid loom file: cut short, bytes changed anywhere, in the superblock and in HDF5's
// object headers, NaN, ±Inf and negative values in its matrix, and small looms whose matrix and attributes
// disagree. Each must import to a table of finite numbers or be refused with a DataImportError naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { packageRoot } from '../../../src/util/paths.js';
import { seededRandom } from '../../../src/util/random.js';
import {
  assertAllClean,
  checkByteCases,
  HDF5_CASES,
  hdf5ByteCases,
  ODD_VALUES,
  checkCase,
  type CaseResult,
} from '../corrupt-harness.js';

const LOOM = join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.loom');
const SEED = 33_2027;

type H5File = InstanceType<Awaited<ReturnType<typeof loadH5wasm>>['File']>;
type H5Dataset = Extract<ReturnType<H5File['get']>, { write_slice: unknown }>;

/** A small loom: `matrix` (genes × cells as stored; null: none) with the given attributes. */
interface LoomParts {
  matrix: { data: Float32Array | Float64Array | Int32Array; shape: number[] } | null;
  cellIds: string[] | Float64Array | null;
  genes: string[] | null;
}

const LOOM_BASE: LoomParts = {
  matrix: { data: Float32Array.of(1, 0, 2, 0, 3, 4), shape: [2, 3] },
  cellIds: ['c1', 'c2', 'c3'],
  genes: ['G1', 'G2'],
};

const REBUILT: [string, Partial<LoomParts>][] = [
  ['valid', {}],
  ['one cell id too few', { cellIds: ['c1', 'c2'] }],
  ['one cell id too many', { cellIds: ['c1', 'c2', 'c3', 'c4'] }],
  ['one gene name too few', { genes: ['G1'] }],
  ['cell ids repeated', { cellIds: ['c1', 'c1', 'c1'] }],
  ['numeric cell ids', { cellIds: Float64Array.of(1, 2, NaN) }],
  ['no cell ids', { cellIds: null }],
  ['no gene names', { genes: null }],
  ['matrix of one dimension', { matrix: { data: Float32Array.of(1, 2, 3), shape: [3] } }],
  ['matrix of three dimensions', { matrix: { data: new Float32Array(12), shape: [2, 3, 2] } }],
  ['float64 beyond float32', { matrix: { data: Float64Array.of(1, 0, 2, 0, 1e300, 4), shape: [2, 3] } }],
  [
    'integer matrix with a negative count',
    { matrix: { data: Int32Array.of(1, 0, -2, 0, 3, 4), shape: [2, 3] } },
  ],
  ['0 genes', { matrix: { data: new Float32Array(0), shape: [0, 3] }, genes: [] }],
  ['no matrix', { matrix: null }],
];

async function writeLoom(path: string, parts: LoomParts): Promise<void> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'w');
  try {
    const rows = f.create_group('row_attrs');
    if (parts.genes) rows.create_dataset({ name: 'Gene', data: parts.genes });
    const cols = f.create_group('col_attrs');
    if (parts.cellIds) cols.create_dataset({ name: 'CellID', data: parts.cellIds });
    if (parts.matrix)
      f.create_dataset({ name: 'matrix', data: parts.matrix.data, shape: parts.matrix.shape });
  } finally {
    f.close();
  }
}

async function editedCopy(path: string, value: number, at: number): Promise<void> {
  copyFileSync(LOOM, path);
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'a');
  try {
    (f.get('matrix') as H5Dataset).write_slice(
      [
        [at, at + 1],
        [at + 1, at + 2],
      ],
      Float32Array.of(value),
    );
  } finally {
    f.close();
  }
}

test('damaged copies of a loom file are read or refused naming the file', { timeout: 600_000 }, async () => {
  const random = seededRandom(SEED);
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-corrupt-'));
  try {
    const results: CaseResult[] = [];
    const bytes = new Uint8Array(readFileSync(LOOM));
    results.push(
      ...(await checkByteCases(hdf5ByteCases(bytes, random, HDF5_CASES), dir, 'loom', 'cells.loom')),
    );
    for (const [k, [label, value]] of ODD_VALUES.entries()) {
      const path = join(dir, `value-${k}.loom`);
      await editedCopy(path, value, k);
      results.push(await checkCase(`cells.loom ${label}`, path));
    }
    for (const [k, [label, parts]] of REBUILT.entries()) {
      const path = join(dir, `rebuilt-${k}.loom`);
      await writeLoom(path, { ...LOOM_BASE, ...parts });
      results.push(await checkCase(`small loom ${label}`, path));
    }
    assertAllClean(results);
    assert.ok(
      results.some((r) => r.outcome !== 'table'),
      'some damage is refused',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
