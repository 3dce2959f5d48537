// A reopened session whose input is not open says which input to open: a Cell Ranger folder from its sample's
// folder down, as the File line names it — its saved name is the bare filtered_feature_bc_matrix of every sample.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { trainAndSave } from './session-outcome.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const dir = mkdtempSync(join(tmpdir(), 'tl-restored-name-'));
const session = new EngineSession();
after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test('the refusals of a session without its input name a Cell Ranger folder with its sample', async () => {
  const folder = join(dir, 's1', 'outs', 'filtered_feature_bc_matrix');
  cpSync(join(FORMATS, 'tenx_v3'), folder, { recursive: true });
  const { saved } = await trainAndSave(folder);
  rmSync(folder, { recursive: true, force: true });
  const opened = await session.openSession({ kind: 'upload', name: 's1.tripletlens', bytes: saved.bytes });
  assert.equal(opened.inputStatus, 'missing');
  const input = 's1/outs/filtered_feature_bc_matrix';
  await assert.rejects(session.openMetadata({ kind: 'path', path: join(FORMATS, 'cells_meta.csv') }), {
    message: new RegExp(`^cells_meta\\.csv is joined to the cells of the session's input ${input}, `),
  });
  await assert.rejects(session.embedFile({ kind: 'path', path: join(FORMATS, 'cells.csv') }), {
    message: `The reopened session's input (${input}) is not open: open it again to use this`,
  });
});
