import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heldDataMismatch } from '../../renderer/held-data.js';

const shown = { source: '/data/pbmc68k_reduced.h5ad', metadataSource: null };

test('the same file (reopened after a worker restart, under a new id) is the data the page shows', () => {
  assert.equal(heldDataMismatch(shown, { ...shown }), null);
});

test('another file opened from another page: the page says which, and that its own is no longer loaded', () => {
  const message = heldDataMismatch(shown, {
    source: '/pkg/samples/pbmc68k_reduced_lognorm.csv',
    metadataSource: null,
  });
  assert.equal(
    message,
    'The engine now holds pbmc68k_reduced_lognorm.csv, opened since (perhaps from another page): ' +
      'pbmc68k_reduced.h5ad is no longer loaded. Open it again to train on it.',
  );
});

test('nothing loaded any more, or other metadata joined, is a mismatch too', () => {
  assert.match(
    heldDataMismatch(shown, null) ?? '',
    /holds no data: pbmc68k_reduced\.h5ad is no longer loaded/,
  );
  assert.match(
    heldDataMismatch(shown, { ...shown, metadataSource: '/data/meta.csv' }) ?? '',
    /pbmc68k_reduced\.h5ad with metadata meta\.csv/,
  );
});

// every Cell Ranger sample's folder is called filtered_feature_bc_matrix: by that name alone the notice did not
// say which sample's data was opened, where the File line names it from its sample's folder down
test('a Cell Ranger folder is named as the File line names it', () => {
  assert.equal(
    heldDataMismatch(
      { source: '/data/s1/outs/filtered_feature_bc_matrix', metadataSource: null },
      { source: '/data/s2/outs/filtered_feature_bc_matrix/', metadataSource: '/data/s2/meta.csv' },
    ),
    'The engine now holds s2/outs/filtered_feature_bc_matrix with metadata meta.csv, opened since (perhaps ' +
      'from another page): s1/outs/filtered_feature_bc_matrix is no longer loaded. Open it again to train on it.',
  );
});

test('a Windows path is named by its file name', () => {
  assert.match(
    heldDataMismatch(
      { source: 'C:\\data\\a.csv', metadataSource: null },
      { source: 'C:\\data\\b.csv', metadataSource: null },
    ) ?? '',
    /holds b\.csv.*: a\.csv is no longer loaded/,
  );
});
