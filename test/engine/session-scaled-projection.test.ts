// The app's Project another file (EngineSession.embedFile) warns about a file the user scaled per gene
// (sc.pp.scale's X) onto a map trained on log-normalised values, as `embed` does (engine/scale-mismatch.ts):
// the model scales new cells with its training means, so such cells land off the map without an error.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { UPLOAD_FOLDER_PREFIX } from '../../src/api/upload-folder.js';
import { EngineSession } from '../../src/engine/session.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { outcome } from './session-outcome.js';
import { writeScaledCsv } from './scaled-by-gene.js';

const PBMC_SMALL = sharedDataPath('pbmc_small_lognorm.csv');
const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), UPLOAD_FOLDER_PREFIX));

/** PBMC_SMALL with every gene scaled as sc.pp.scale leaves X. */
function scaledCopy(): string {
  const path = join(dir, 'scaled.csv');
  writeScaledCsv(PBMC_SMALL, 'MS4A1', path);
  return path;
}
after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

before(async () => {
  await session.openFile({ kind: 'path', path: PBMC_SMALL });
  const done = outcome(session);
  await session.startTraining({ labelColumn: 'label', epochs: 2, snapshotEvery: 0 });
  await done;
});

test('Project another file warns about a file scaled per gene, naming it, and not about the original', async () => {
  const scaled = await session.embedFile({ kind: 'path', path: scaledCopy() });
  const warnings = scaled.warnings.filter((w) => /centred per gene/.test(w));
  assert.equal(warnings.length, 1, scaled.warnings.join(' | '));
  assert.match(warnings[0], /^The model was trained on values not centred per gene .* but scaled\.csv holds/);
  assert.match(warnings[0], /Give the log-normalised matrix, not a scaled one\.$/);
  const original = await session.embedFile({ kind: 'path', path: PBMC_SMALL });
  assert.deepEqual(original.warnings, []);
});

// A model trained without z-score stored no scales: its recipe's spreads are the check's yardstick
test('Project another file warns alike onto a map trained without z-score', async () => {
  const unscaled = new EngineSession();
  try {
    await unscaled.openFile({ kind: 'path', path: PBMC_SMALL });
    const done = outcome(unscaled);
    await unscaled.startTraining({
      labelColumn: 'label',
      epochs: 2,
      snapshotEvery: 0,
      preprocess: { zscore: false },
    });
    await done;
    const scaled = await unscaled.embedFile({ kind: 'path', path: scaledCopy() });
    const warnings = scaled.warnings.filter((w) => /centred per gene/.test(w));
    assert.equal(warnings.length, 1, scaled.warnings.join(' | '));
    assert.match(
      warnings[0],
      /^The model was trained on values not centred per gene .* but scaled\.csv holds/,
    );
    const original = await unscaled.embedFile({ kind: 'path', path: PBMC_SMALL });
    assert.deepEqual(original.warnings, []);
  } finally {
    unscaled.dispose();
  }
});
