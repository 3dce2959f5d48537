// The app's Project another file (EngineSession.embedFile) onto a map trained on log-normalised values, given a
// file of raw counts: the scale warning names the page's Log-normalise counts; with it (`logNormalize`) the
// counts are normalised as the map's values were, the note naming the total used, and the cells land where
// their log-normalised values do.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { outcome } from './session-outcome.js';

// the same 80 cells, log-normalised over these 230 genes and as counts
const LOGNORM = sharedDataPath('pbmc_small_lognorm.csv');
const COUNTS = sharedDataPath('pbmc_small_counts.csv');
const session = new EngineSession();
after(() => session.dispose());

before(async () => {
  await session.openFile({ kind: 'path', path: LOGNORM });
  const done = outcome(session);
  await session.startTraining({ labelColumn: 'label', epochs: 2, snapshotEvery: 0 });
  await done;
});

test('a counts file is warned about in the page words; Log-normalise counts places it as its log values', async () => {
  const plain = await session.embedFile({ kind: 'path', path: COUNTS });
  const warning = plain.warnings.find((w) => /holds raw counts/.test(w));
  assert.ok(warning, plain.warnings.join(' | '));
  assert.match(warning, /tick Project another file ▸ Log-normalise counts and project the file again\.$/);
  assert.doesNotMatch(warning, /--log-normalize/);

  const reference = await session.embedFile({ kind: 'path', path: LOGNORM });
  const normalised = await session.embedFile({ kind: 'path', path: COUNTS }, { logNormalize: true });
  assert.deepEqual(normalised.warnings, []);
  const note = normalised.notes.find((n) => /log-normalised/.test(n));
  assert.ok(note, normalised.notes.join(' | '));
  assert.match(
    note,
    /^pbmc_small_counts\.csv's counts were log-normalised \(Project another file ▸ Log-normalise counts\): .*the total per cell of the map's training values/,
  );
  const ref = reference.coords.data;
  const extent = Math.max(...ref) - Math.min(...ref);
  const largest = Math.max(...normalised.coords.data.map((v, i) => Math.abs(v - ref[i])));
  assert.ok(largest < 1e-3 * extent, `largest difference ${largest} of an extent ${extent}`);
});

test('Log-normalise counts on a file of log values is refused in the page words', async () => {
  await assert.rejects(
    session.embedFile({ kind: 'path', path: LOGNORM }, { logNormalize: true }),
    /Log-normalise counts: pbmc_small_lognorm\.csv holds log or normalised data.*; untick Project another file ▸ Log-normalise counts\.$/,
  );
});
