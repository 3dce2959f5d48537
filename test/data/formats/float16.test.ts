// Half-precision (float16) h5ad matrices, as anndata stores `adata.X.astype(np.float16)`: h5wasm cannot
// return them, the reader decodes their bits to float32 (test/fixtures/formats/make_float16.py writes them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DataImportError, importTable } from '../../../src/data/index.js';
import { halfToNumber, decodeHalfFloats } from '../../../src/data/formats/float16.js';
import { asDense } from '../../../src/data/sparse.js';
import { packageRoot } from '../../../src/util/paths.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures');
const formats = (name: string) => join(FIXTURES, 'formats', name);

/** make_float16.py's SPECIAL: subnormals, the smallest normal, the largest half, -0, a fraction. */
const SPECIAL = [2 ** -24, 3 * 2 ** -20, 2 ** -14, 65504, -65504, -0, 0.333251953125, -2.5, 1, 0];

test('half floats decode exactly: zeros, subnormals, normals, the largest half, infinities and NaN', () => {
  assert.equal(halfToNumber(0x0000), 0);
  assert.ok(Object.is(halfToNumber(0x8000), -0));
  assert.equal(halfToNumber(0x0001), 2 ** -24); // the smallest subnormal
  assert.equal(halfToNumber(0x03ff), 1023 * 2 ** -24); // the largest subnormal
  assert.equal(halfToNumber(0x0400), 2 ** -14); // the smallest normal
  assert.equal(halfToNumber(0x3c00), 1);
  assert.equal(halfToNumber(0x3555), 0.333251953125);
  assert.equal(halfToNumber(0xc100), -2.5);
  assert.equal(halfToNumber(0x7bff), 65504);
  assert.equal(halfToNumber(0x7c00), Infinity);
  assert.equal(halfToNumber(0xfc00), -Infinity);
  assert.ok(Number.isNaN(halfToNumber(0x7e00)));
  assert.ok(Number.isNaN(halfToNumber(0xfc01)));
  const out = new Float32Array(3);
  decodeHalfFloats(Uint16Array.of(0x0001, 0xc100, 0x7bff), out);
  assert.deepEqual(Array.from(out), [2 ** -24, -2.5, 65504]);
});

/** The special layer as make_float16.py builds it: SPECIAL along each row, shifted one place per cell. */
function specialLayer(cells: number, genes: number): number[] {
  const values: number[] = [];
  for (let r = 0; r < cells; r++)
    for (let g = 0; g < genes; g++) values.push(SPECIAL[(g + r) % SPECIAL.length]);
  return values;
}

for (const [file, layer] of [
  ['float16-dense.h5ad', 'special'],
  ['float16-csr.h5ad', 'special'],
] as const) {
  test(`${file}: a float16 layer of subnormals, -0 and ±65504 reads as their float32 values`, async () => {
    const table = await importTable(formats(file), { layer, chunkBytes: 48 });
    assert.equal(table.format?.matrix, `layers/${layer}`);
    const dense = asDense(table.values);
    const expected = specialLayer(dense.rows, dense.cols);
    // a sparse matrix keeps no -0 (it is a zero): compare -0 as 0 there
    assert.deepEqual(
      Array.from(dense.data, (v) => (v === 0 ? 0 : v)),
      expected.map((v) => (v === 0 ? 0 : v)),
    );
  });
}

test('a float16 obsm embedding is read as the matrix (input obsm:X_pca), and a float16 obs column as text', async () => {
  const table = await importTable(formats('float16-dense.h5ad'), { input: 'obsm:X_pca' });
  assert.equal(table.format?.matrix, 'obsm/X_pca');
  const pca = asDense(table.values);
  assert.equal(pca.cols, 5);
  assert.ok(pca.data.every(Number.isFinite));
  assert.ok(pca.data.some((v) => v !== 0 && !Number.isInteger(v)));
  const score = table.metadata.find((m) => m.name === 'score');
  assert.ok(score, 'no obs column score');
  assert.deepEqual(
    score.values,
    Array.from({ length: 40 }, (_, i) => String(i / 8 - 2)),
  );
});

for (const [file, says] of [
  ['float16-nan.h5ad', /float16-nan\.h5ad, dataset \/X: the value at row 7, column 3 \(1-based\) is NaN/],
  [
    'float16-inf-csr.h5ad',
    /float16-inf-csr\.h5ad, dataset \/X\/data: the value for cell 12, gene 1 \(1-based\) is Infinity/,
  ],
] as const) {
  test(`${file}: a NaN or infinity in a float16 X is the usual not-finite error, naming the cell`, async () => {
    await assert.rejects(importTable(join(FIXTURES, 'bad', file)), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'not-finite');
      assert.match(err.message, says);
      return true;
    });
  });
}
