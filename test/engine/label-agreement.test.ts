import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExpressionTable } from '../../src/data/types.js';
import { agreementSentence, labelAgreement } from '../../src/engine/label-agreement.js';

function table(labels: string[]): ExpressionTable {
  return {
    source: 'query.h5ad',
    idColumn: 'obs_names',
    ids: labels.map((_, i) => `c${i}`),
    genes: ['g'],
    values: { rows: labels.length, cols: 1, data: new Float32Array(labels.length) },
    metadata: [{ name: 'cell_type', values: labels }],
    warnings: [],
  };
}

// A scanpy walkthrough: `embed` of annotated query cells said only how many it placed.
test('unlabelled cells are not counted; a class the model never saw is counted apart and cannot agree', () => {
  const labels = ['B', 'T', ' T ', '', 'NA', 'Mast', 'B'];
  const predicted = ['B', 'B', 'T', 'T', 'B', 'T', 'B'];
  const agreement = labelAgreement(table(labels), 'cell_type', predicted, ['B', 'T']);
  assert.deepEqual(agreement, { column: 'cell_type', labelled: 5, agree: 3, unknownClass: 1 });
  assert.equal(
    agreementSentence(agreement!),
    "predicted labels agree with the file's cell_type for 3 of 5 labelled cells (60.0 %); 1 of them of a class the model was not trained on, which it cannot predict",
  );
});

test('no agreement without the column or without a labelled cell', () => {
  assert.equal(labelAgreement(table(['B']), 'leiden', ['B'], ['B']), null);
  assert.equal(labelAgreement(table(['', 'NA']), 'cell_type', ['B', 'B'], ['B']), null);
});
