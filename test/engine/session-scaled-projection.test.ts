// The app's Project another file (EngineSession.embedFile) warns about a file the user scaled per gene
// (sc.pp.scale's X) onto a map trained on log-normalised values, as `embed` does (engine/scale-mismatch.ts):
// the model scales new cells with its training means, so such cells land off the map without an error.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Papa from 'papaparse';
import { UPLOAD_FOLDER_PREFIX } from '../../src/api/upload-folder.js';
import { EngineSession } from '../../src/engine/session.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { outcome } from './session-outcome.js';

const PBMC_SMALL = sharedDataPath('pbmc_small_lognorm.csv');
const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), UPLOAD_FOLDER_PREFIX));
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

/** PBMC_SMALL with every gene centred and divided by its standard deviation, as sc.pp.scale leaves X. */
function writeScaledCopy(): string {
  const rows = Papa.parse<string[]>(readFileSync(PBMC_SMALL, 'utf8').trim()).data;
  const firstGene = rows[0].indexOf('MS4A1');
  const cells = rows.slice(1);
  for (let c = firstGene; c < rows[0].length; c++) {
    const values = cells.map((row) => Number(row[c]));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    cells.forEach((row, i) => (row[c] = String(sd > 0 ? (values[i] - mean) / sd : 0)));
  }
  const path = join(dir, 'scaled.csv');
  writeFileSync(path, Papa.unparse(rows));
  return path;
}

test('Project another file warns about a file scaled per gene, naming it, and not about the original', async () => {
  const scaled = await session.embedFile({ kind: 'path', path: writeScaledCopy() });
  const warnings = scaled.warnings.filter((w) => /centred per gene/.test(w));
  assert.equal(warnings.length, 1, scaled.warnings.join(' | '));
  assert.match(warnings[0], /^The model was trained on values not centred per gene .* but scaled\.csv holds/);
  assert.match(warnings[0], /Give the log-normalised matrix, not a scaled one\.$/);
  const original = await session.embedFile({ kind: 'path', path: PBMC_SMALL });
  assert.deepEqual(original.warnings, []);
});
