import { test } from 'node:test';
import assert from 'node:assert/strict';
import { saveDialogFilters } from '../../electron/save-filters.js';

test('each export gets its own file type first, then All files', () => {
  assert.deepEqual(saveDialogFilters('pbmc.tripletlens.h5ad')[0].extensions, ['h5ad']);
  assert.deepEqual(saveDialogFilters('pbmc.coords.CSV')[0].extensions, ['csv']);
  assert.deepEqual(saveDialogFilters('pbmc.model.tar')[0].extensions, ['tar']);
  assert.deepEqual(saveDialogFilters('pbmc.tripletlens')[0].extensions, ['tripletlens']);
  assert.deepEqual(saveDialogFilters('pbmc.h5ad').at(-1), { name: 'All files', extensions: ['*'] });
  assert.deepEqual(saveDialogFilters('no-extension'), [{ name: 'All files', extensions: ['*'] }]);
});
