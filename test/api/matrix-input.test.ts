import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  columnsText,
  embeddingInput,
  embeddingMatrix,
  embeddingOfMatrix,
  embeddingText,
  parseInput,
} from '../../src/api/matrix-input.js';

test('an input value names the genes or an embedding; anything else is not an input', () => {
  assert.deepEqual(parseInput('genes'), { kind: 'genes' });
  assert.deepEqual(parseInput('obsm:X_scVI'), { kind: 'obsm', name: 'X_scVI' });
  // an obsm key is any HDF5 name: spaces included (quoted on a command line)
  assert.deepEqual(parseInput('obsm:X pca'), { kind: 'obsm', name: 'X pca' });
  for (const bad of ['', 'obsm:', 'obsm: ', 'X_pca', 'obsm/X_pca', 'Genes'])
    assert.equal(parseInput(bad), null, bad);
});

test('the input value, the matrix name and back agree', () => {
  assert.equal(embeddingInput('X_pca'), 'obsm:X_pca');
  assert.equal(embeddingMatrix('X_pca'), 'obsm/X_pca');
  assert.equal(embeddingOfMatrix('obsm/X_pca'), 'X_pca');
  for (const genes of ['X', 'layers/counts', 'raw/X', 'matrix', ''])
    assert.equal(embeddingOfMatrix(genes), null);
  const name = 'X_scVI';
  const parsed = parseInput(embeddingInput(name));
  assert.equal(parsed?.kind === 'obsm' ? embeddingMatrix(parsed.name) : null, 'obsm/X_scVI');
});

test('an embedding reads with its width', () => {
  assert.equal(embeddingText({ name: 'X_pca', columns: 50 }), 'obsm/X_pca (50 columns)');
  assert.equal(columnsText(1), '1 column');
});
