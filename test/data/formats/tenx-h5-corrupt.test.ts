// Damaged copies of valid Cell Ranger .h5 files (v3: /matrix with features; v2: one group per genome): cut
// short, bytes changed anywhere, in the superblock and in HDF5's object headers, and the matrix's own parts
// made wrong — shape, a falling indptr, indices out of range, negative counts. Each must import to a table of
// finite numbers or be refused with a DataImportError naming the file.
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
  hdf5ByteCases,
  checkCase,
  type CaseResult,
} from '../corrupt-harness.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const SEED = 33_2030;

type H5File = InstanceType<Awaited<ReturnType<typeof loadH5wasm>>['File']>;
type H5Dataset = Extract<ReturnType<H5File['get']>, { write_slice: unknown }>;
type Edit = (f: H5File, group: string) => void;

/** Writes `values` into the 1-D dataset `name` of the matrix group from `at` on. */
function put(name: string, at: number, values: Int32Array | BigInt64Array): Edit {
  return (f, group) =>
    (f.get(`${group}/${name}`) as H5Dataset).write_slice([[at, at + values.length]], values);
}

const EDITS: [string, Edit][] = [
  ['negative count', put('data', 2, Int32Array.of(-4))],
  ['indptr falls', put('indptr', 3, BigInt64Array.of(1n))],
  ['indptr ends past the data', (f, g) => put('indptr', 40, BigInt64Array.of(99_999n))(f, g)],
  ['index past the genes', put('indices', 5, BigInt64Array.of(30_000n))],
  ['index negative', put('indices', 6, BigInt64Array.of(-2n))],
  ['index beyond 32 bits', put('indices', 7, BigInt64Array.of(2n ** 40n))],
  ['shape one gene fewer', put('shape', 0, Int32Array.of(29))],
  ['shape one cell more', put('shape', 1, Int32Array.of(41))],
  ['shape 0 cells', put('shape', 1, Int32Array.of(0))],
  ['shape negative', put('shape', 0, Int32Array.of(-1))],
];

async function editedCopy(fixture: string, group: string, path: string, edit: Edit): Promise<void> {
  copyFileSync(join(FORMATS, fixture), path);
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'a');
  try {
    edit(f, group);
  } finally {
    f.close();
  }
}

for (const [fixture, group] of [
  ['tenx-v3.h5', 'matrix'],
  ['tenx-v2.h5', 'GRCh38'],
] as const) {
  test(`damaged copies of ${fixture} are read or refused naming the file`, { timeout: 600_000 }, async () => {
    const random = seededRandom(SEED);
    const dir = mkdtempSync(join(tmpdir(), 'tripletlens-corrupt-'));
    try {
      const results: CaseResult[] = [];
      const bytes = new Uint8Array(readFileSync(join(FORMATS, fixture)));
      results.push(
        ...(await checkByteCases(
          hdf5ByteCases(bytes, random, {
            cuts: 4,
            flips: 4,
            superblock: 2,
            structures: 6,
          }),
          dir,
          'h5',
          fixture,
        )),
      );
      for (const [k, [label, edit]] of EDITS.entries()) {
        const path = join(dir, `edit-${k}.h5`);
        await editedCopy(fixture, group, path, edit);
        results.push(await checkCase(`${fixture} ${label}`, path));
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
