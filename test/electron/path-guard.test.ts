// A reviewer's finding: the desktop app's path guard kept one list for reading and writing, filled with every
// opened and recent file, so a compromised page could have the engine write an export over a recent data file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPathGuard } from '../../electron/path-guard.js';
import type { EngineArgs, EngineRequestMethod } from '../../src/api/engine-api.js';
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

/** The guard's refusal of `method` with `args`. */
function refusal<M extends EngineRequestMethod>(method: M, args: unknown[]): string {
  try {
    createPathGuard().check(method, args as EngineArgs<M>);
  } catch (err) {
    return (err as Error).message;
  }
  return 'allowed';
}

test('a path no dialog gave is refused naming the dialog of the call, not always File ▸ Open…', () => {
  const path = { kind: 'path', path: '/home/u/s.tripletlens' };
  // File ▸ Open… would open a session (or a re-attached input) as new data, without the saved map
  assert.match(
    refusal('openSession', [path]),
    /\(not \/home\/u\/s\.tripletlens\)\. Use File ▸ Open Session…$/,
  );
  assert.match(
    refusal('attachSessionInput', [path]),
    /Use “Choose the input file…” or “Choose its 10x folder…” under Open the input file again$/,
  );
  assert.match(refusal('openFile', [path]), /Use File ▸ Open…$/);
  assert.match(refusal('openMetadata', [path]), /Use File ▸ Open metadata…$/);
  assert.match(
    refusal('embedFile', [path]),
    /Use “Choose a file…” or “Choose a 10x folder…” under Project another file$/,
  );
  const allowed = createPathGuard();
  allowed.allow('/home/u/q.csv');
  assert.throws(
    () =>
      allowed.check('embedFile', [
        { kind: 'path', path: '/home/u/q.csv' },
        {},
        path,
      ] as EngineArgs<'embedFile'>),
    /Use “Choose a metadata file…” under Project another file$/,
  );
});

test('a server upload is refused with the dialog of the call', () => {
  const upload = { kind: 'uploaded', name: 's.tripletlens', path: '/tmp/u/s.tripletlens' };
  assert.match(refusal('openSession', [upload]), /not server uploads\. Use File ▸ Open Session…$/);
});
