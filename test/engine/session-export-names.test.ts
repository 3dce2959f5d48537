// The app's export names follow the CLI's defaults: `tripletlens train x.csv.gz` writes x.coords.csv and
// x.run.json (its .gz dropped before the extension), so the app's downloads of a run on x.csv.gz are named so
// too (they were x.csv.coords.csv and x.csv.run.json).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { outcome } from './session-outcome.js';

const CELLS = join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv');
const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), 'tl-export-names-'));
after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

before(async () => {
  const gz = join(dir, 'cells.csv.gz');
  writeFileSync(gz, gzipSync(readFileSync(CELLS)));
  await session.openFile({ kind: 'path', path: gz });
  const done = outcome(session);
  await session.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
  await done;
});

test('a run on x.csv.gz exports x.coords.csv and x.run.json, the names `tripletlens train` gives', async () => {
  assert.equal((await session.exportCoordinates()).fileName, 'cells.coords.csv');
  assert.equal((await session.exportReport()).fileName, 'cells.run.json');
});
