// What the engine keeps of a projected file (projection-result.ts): the reply without the CSV, and the CSV's
// name, made from the projected file's name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { projectedCsvName } from '../../src/engine/projection-result.js';

test('the projected cells’ CSV is named after the projected file, less its extension', () => {
  assert.equal(projectedCsvName('/srv/data/query.csv.gz'), 'query.projected.csv');
  assert.equal(projectedCsvName('sample2.h5ad'), 'sample2.projected.csv');
  assert.equal(projectedCsvName('C:\\data\\cells.loom'), 'cells.projected.csv');
  // a Cell Ranger folder by its sample (every sample's folder is filtered_feature_bc_matrix)
  assert.equal(projectedCsvName('/srv/data/run2/outs/filtered_feature_bc_matrix/'), 'run2.projected.csv');
  assert.equal(projectedCsvName('filtered_feature_bc_matrix/'), 'filtered_feature_bc_matrix.projected.csv');
  assert.equal(projectedCsvName('.csv'), 'projected.projected.csv');
});
