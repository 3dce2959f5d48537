import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceNoun } from '../../renderer/source-noun.js';

const format = (kind: '10x-mtx' | '10x-h5' | 'mtx' | 'h5ad') => ({ kind, matrix: '', layers: [], obsm: [] });

// A Cell Ranger folder, opened as a folder, was called "This file" in the page's hints.
test('a Cell Ranger folder is a folder; its matrix opened by itself, and every other format, a file', () => {
  assert.equal(
    sourceNoun({ format: format('10x-mtx'), source: '/srv/root/filtered_feature_bc_matrix/' }),
    'folder',
  );
  assert.equal(
    sourceNoun({ format: format('10x-mtx'), source: 'run1/filtered_feature_bc_matrix' }),
    'folder',
  );
  assert.equal(sourceNoun({ format: format('10x-mtx'), source: '/srv/root/run1/matrix.mtx.gz' }), 'file');
  assert.equal(sourceNoun({ format: format('10x-h5'), source: '/srv/root/pbmc_10x.h5' }), 'file');
  assert.equal(sourceNoun({ format: format('mtx'), source: '/srv/root/counts/' }), 'file');
  assert.equal(sourceNoun({ source: 'pbmc.csv' }), 'file', 'a summary without a format is a text table');
  assert.equal(sourceNoun(null), 'file');
});
