/**
 * The engine's call sites take a CSR table as it comes (no densifying first): training, embedding with a
 * saved model and a gene's column give exactly what the dense copy of the same table gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrToDense, denseToCsr } from '../../src/data/sparse.js';
import type { ExpressionTable } from '../../src/data/types.js';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { embedWithModel } from '../../src/engine/embed-with-model.js';
import { runTraining } from '../../src/engine/run-training.js';
import { columnValues } from '../../src/engine/session-summary.js';
import type { LoadedModel } from '../../src/engine/model-folder.js';
import { blobTable } from './helpers.js';

/** The blobs as counts (negative values clipped, rounded) in CSR: about half the entries are zero. */
function countTable(seed: number): { csr: ExpressionTable; dense: ExpressionTable } {
  const table = blobTable({ classes: 3, perClass: 20, genes: 60, seed });
  const m = table.values as DenseMatrix;
  const counts = Float32Array.from(m.data, (v) => Math.max(0, Math.round(v)));
  const csr = denseToCsr({ data: counts, rows: m.rows, cols: m.cols });
  return { csr: { ...table, values: csr }, dense: { ...table, values: csrToDense(csr) } };
}

const sameBits = (a: Float32Array, b: Float32Array) =>
  a.length === b.length && Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

test('training and embedding a CSR table give the bits of its dense copy', async () => {
  const { csr, dense } = countTable(2);
  const settings = {
    labelColumn: 'cell_type',
    epochs: 3,
    seed: 4,
    preprocess: { topGenes: 30, pcaComponents: 8 },
  };
  const fromCsr = await runTraining(csr, settings);
  const fromDense = await runTraining(dense, settings);
  try {
    assert.deepStrictEqual(fromCsr.recipe, fromDense.recipe);
    assert.equal(fromCsr.recipe.normalize?.targetSum, 10_000, 'counts are normalised');
    assert.ok(sameBits(fromCsr.coords.data, fromDense.coords.data));

    const other = countTable(9);
    const model = {
      dir: 'in-memory',
      recipe: fromDense.recipe,
      encoder: fromDense.encoder,
      reference: { coords: fromDense.coords, labels: fromDense.labels },
    } as unknown as LoadedModel;
    const a = embedWithModel(model, other.dense);
    const b = embedWithModel(model, other.csr);
    assert.ok(sameBits(b.coords.data, a.coords.data));
    assert.deepEqual(b.predicted, a.predicted);
  } finally {
    fromCsr.encoder.dispose();
    fromDense.encoder.dispose();
  }
});

test("a gene's column is read from the CSR without densifying, implicit zeros included", () => {
  const { csr, dense } = countTable(3);
  for (const gene of [csr.genes[0], csr.genes[17], csr.genes.at(-1)!]) {
    const a = columnValues(dense, { kind: 'gene', gene });
    const b = columnValues(csr, { kind: 'gene', gene });
    assert.deepEqual(b, a);
  }
  assert.throws(() => columnValues(csr, { kind: 'gene', gene: 'NOPE' }), /no gene 'NOPE'/);
});
