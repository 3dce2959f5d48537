// A reviewer's finding: the desktop app's path guard kept one list for reading and writing, filled with every
// opened and recent file, so a compromised page could have the engine write an export over a recent data file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPathGuard } from '../../electron/path-guard.js';
import { EngineError } from '../../src/api/errors.js';

const forbidden = (err: unknown) => err instanceof EngineError && err.kind === 'forbidden';

test('a file the user opened (or a recent one) is readable but never an export target', () => {
  const guard = createPathGuard();
  guard.allow('/home/me/data/pbmc.csv');
  guard.check('openFile', [{ kind: 'path', path: '/home/me/data/pbmc.csv' }]);
  assert.throws(
    () => guard.check('exportAnnData', [null, { kind: 'path', path: '/home/me/data/pbmc.csv' }]),
    forbidden,
  );
  assert.throws(
    () => guard.check('exportModel', [{ kind: 'path', dir: '/home/me/data/pbmc.csv' }]),
    forbidden,
  );
});

test("a save dialog's path is good for one export, and is not readable through it", () => {
  const guard = createPathGuard();
  guard.allowWrite('/home/me/out/atlas.tripletlens.h5ad');
  assert.throws(
    () => guard.check('openFile', [{ kind: 'path', path: '/home/me/out/atlas.tripletlens.h5ad' }]),
    forbidden,
  );
  guard.check('exportAnnData', [null, { kind: 'path', path: '/home/me/out/../out/atlas.tripletlens.h5ad' }]);
  assert.throws(
    () => guard.check('exportAnnData', [null, { kind: 'path', path: '/home/me/out/atlas.tripletlens.h5ad' }]),
    forbidden,
    'used up by the export it was chosen for',
  );
});
