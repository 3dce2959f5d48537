// train's --max-memory warning rests on this floor: the preprocessing's arrays as fit.ts makes them. The floor
// is held to the fit's own output, with and without a PCA, so a change to the fit's rule shows here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importTable } from '../../src/data/index.js';
import { fitPreprocess } from '../../src/preprocess/index.js';
import { preprocessBytes } from '../../src/engine/training-memory.js';
import { packageRoot } from '../../src/util/paths.js';

const CSR_H5AD = join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad');

test("the preprocessing's floor is the fit's output, plus the PCA's input only when it is kept", async () => {
  const table = await importTable(CSR_H5AD);
  const { rows, cols } = table.values;
  // fewer genes than the default components: no PCA, the result is the kept genes
  const plain = await fitPreprocess(table.values, table.genes);
  assert.equal(preprocessBytes(rows, cols), plain.matrix.data.byteLength);
  // a PCA of fewer components: its output, and the kept genes while it is fitted when they may be kept
  const options = { pcaComponents: Math.floor(cols / 3) };
  const pca = await fitPreprocess(table.values, table.genes, options, undefined, 0);
  assert.equal(pca.matrix.cols, options.pcaComponents);
  assert.equal(preprocessBytes(rows, cols, options, 0), pca.matrix.data.byteLength);
  const keptInput = rows * cols * Float32Array.BYTES_PER_ELEMENT;
  assert.equal(preprocessBytes(rows, cols, options, Infinity), pca.matrix.data.byteLength + keptInput);
});
