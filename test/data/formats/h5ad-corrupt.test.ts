// Damaged copies of valid h5ad files (dense X, CSR, CSC): cut short, bytes changed anywhere, in the superblock
// and in HDF5's object headers, and the matrix's own parts made wrong — its shape attribute, a falling indptr,
// indices out of range, NaN, ±Inf and negative values. Each must import to a table of finite numbers or be
// refused with a DataImportError naming the file.
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
import { writeTinySparseH5ad, type SparseParts } from './tiny-hdf5.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const SEED = 33_2026;

type H5File = InstanceType<Awaited<ReturnType<typeof loadH5wasm>>['File']>;
type H5Dataset = Extract<ReturnType<H5File['get']>, { write_slice: unknown }>;

/** A change made to a copy of the fixture with h5wasm (the file opened for writing). */
type Edit = (f: H5File) => void;

function dataset(f: H5File, path: string): H5Dataset {
  const d = f.get(path);
  assert.ok(d && 'write_slice' in d, `${path} is a dataset`);
  return d as H5Dataset;
}

/** Writes `values` into the 1-D dataset at `path` from `at` on (same dtype as `values`). */
function put(path: string, at: number, values: Int32Array | Float32Array): Edit {
  return (f) => dataset(f, path).write_slice([[at, at + values.length]], values);
}

/** Sets X's shape attribute (a sparse X's) to `shape`, or removes it with null. */
function shapeAttribute(shape: number[] | null): Edit {
  return (f) => {
    const x = f.get('X') as H5Dataset;
    x.delete_attribute('shape');
    if (shape) x.create_attribute('shape', BigInt64Array.from(shape, BigInt));
  };
}

const SPARSE_EDITS: [string, Edit][] = [
  ...ODD_VALUES.map(([label, v], k): [string, Edit] => [label, put('X/data', 3 * k, Float32Array.of(v))]),
  ['indptr falls', put('X/indptr', 3, Int32Array.of(1))],
  ['indptr starts above 0', put('X/indptr', 0, Int32Array.of(4))],
  [
    'indptr ends short of the data',
    (f) => put('X/indptr', dataset(f, 'X/indptr').shape![0] - 1, Int32Array.of(500))(f),
  ],
  [
    'indptr ends past the data',
    (f) => put('X/indptr', dataset(f, 'X/indptr').shape![0] - 1, Int32Array.of(9999))(f),
  ],
  ['indptr negative', put('X/indptr', 2, Int32Array.of(-7))],
  ['index one past the end', put('X/indices', 10, Int32Array.of(40))],
  ['index negative', put('X/indices', 11, Int32Array.of(-1))],
  ['index huge', put('X/indices', 12, Int32Array.of(2 ** 31 - 1))],
  ['index repeated in a row', put('X/indices', 1, Int32Array.of(0))],
  ['shape one cell more', shapeAttribute([41, 30])],
  ['shape one gene fewer', shapeAttribute([40, 29])],
  ['shape 0 cells', shapeAttribute([0, 30])],
  ['shape 0 genes', shapeAttribute([40, 0])],
  ['shape negative', shapeAttribute([-40, 30])],
  ['shape missing', shapeAttribute(null)],
];

const DENSE_EDITS: [string, Edit][] = ODD_VALUES.map(([label, v], k): [string, Edit] => [
  label,
  (f) =>
    dataset(f, 'X').write_slice(
      [
        [k, k + 1],
        [1, 2],
      ],
      Float32Array.of(v),
    ),
]);

/** A valid 3 cells × 4 genes CSR (as CSC: 4 cells × 3 genes) and damaged versions of its parts. */
const BASE: SparseParts = {
  encoding: 'csr_matrix',
  shape: [3, 4],
  data: Float32Array.of(1, 2, 3, 4, 5),
  indices: Int32Array.of(0, 2, 1, 0, 3),
  indptr: Int32Array.of(0, 2, 3, 5),
};

const REBUILT: [string, Partial<SparseParts>, number?][] = [
  ['valid', {}],
  ['data shorter than indices', { data: Float32Array.of(1, 2, 3, 4) }],
  ['indices shorter than data', { indices: Int32Array.of(0, 2, 1, 0) }],
  ['indptr one short', { indptr: Int32Array.of(0, 2, 3) }],
  ['indptr one long', { indptr: Int32Array.of(0, 2, 3, 5, 5) }],
  [
    'nothing stored',
    { data: new Float32Array(0), indices: new Int32Array(0), indptr: Int32Array.of(0, 0, 0, 0) },
  ],
  [
    '0 × 0',
    { shape: [0, 0], data: new Float32Array(0), indices: new Int32Array(0), indptr: Int32Array.of(0) },
  ],
  ['columns unsorted', { indices: Int32Array.of(2, 0, 1, 3, 0) }],
  [
    'repeats summing beyond float32',
    { data: Float32Array.of(3e38, 3e38, 3, 4, 5), indices: Int32Array.of(0, 0, 1, 0, 3) },
  ],
  ['one id too few', {}, -1],
  ['one id too many', {}, 1],
];

async function rebuilt(
  path: string,
  encoding: SparseParts['encoding'],
  parts: Partial<SparseParts>,
  extraIds = 0,
): Promise<void> {
  const x = { ...BASE, encoding, ...parts };
  // the same parts as CSC: indptr runs over the genes, indices name cells
  if (encoding === 'csc_matrix') x.shape = [x.shape[1], x.shape[0]];
  const [rows, cols] = x.shape;
  const ids = Array.from({ length: Math.max(0, rows + extraIds) }, (_, i) => `c${i}`);
  await writeTinySparseH5ad(
    path,
    ids,
    Array.from({ length: cols }, (_, j) => `G${j}`),
    x,
  );
}

async function editedCopy(fixture: string, path: string, edit: Edit): Promise<void> {
  copyFileSync(join(FORMATS, fixture), path);
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'a');
  try {
    edit(f);
  } finally {
    f.close();
  }
}

for (const [fixture, edits] of [
  ['dense.h5ad', DENSE_EDITS],
  ['csr.h5ad', SPARSE_EDITS],
  ['csc.h5ad', SPARSE_EDITS],
] as const) {
  test(`damaged copies of ${fixture} are read or refused naming the file`, { timeout: 600_000 }, async () => {
    const random = seededRandom(SEED);
    const dir = mkdtempSync(join(tmpdir(), 'tripletlens-corrupt-'));
    try {
      const results: CaseResult[] = [];
      const bytes = new Uint8Array(readFileSync(join(FORMATS, fixture)));
      results.push(...(await checkByteCases(hdf5ByteCases(bytes, random, HDF5_CASES), dir, 'h5ad', fixture)));
      for (const [k, [label, edit]] of edits.entries()) {
        const path = join(dir, `edit-${k}.h5ad`);
        await editedCopy(fixture, path, edit);
        results.push(await checkCase(`${fixture} ${label}`, path));
      }
      if (fixture !== 'dense.h5ad') {
        const encoding = fixture === 'csr.h5ad' ? 'csr_matrix' : 'csc_matrix';
        for (const [k, [label, parts, extraIds]] of REBUILT.entries()) {
          const path = join(dir, `rebuilt-${k}.h5ad`);
          await rebuilt(path, encoding, parts, extraIds);
          results.push(await checkCase(`${encoding} ${label}`, path));
        }
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
}
