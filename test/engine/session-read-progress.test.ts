// The busy line while the engine reads data: "Reading NAME…", as every other line of work in progress ends
// (the page's own "Reading NAME…" was replaced by the engine's first progress, which had no "…"), and a Cell
// Ranger folder named from its sample's folder down, as the Import summary's File line names it — every
// sample's folder is called filtered_feature_bc_matrix, which did not say which sample was being read.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
// every event passed on: what each says is checked, not how often
const session = new EngineSession({ progressIntervalMs: 0 });
const work = mkdtempSync(join(tmpdir(), 'read-progress-'));
after(() => {
  session.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** The import-progress lines of opening `path`. */
async function readingLines(path: string): Promise<string[]> {
  const lines: string[] = [];
  const off = session.onEvent((event) => {
    if (event.type === 'import-progress') lines.push(event.message);
  });
  try {
    await session.openFile({ kind: 'path', path });
  } finally {
    off();
  }
  assert.ok(lines.length > 0, `no progress while reading ${path}`);
  return [...new Set(lines)];
}

test('the progress of a read names the file and ends with “…”', async () => {
  assert.deepEqual(await readingLines(join(FORMATS, 'cells.csv')), ['Reading cells.csv…']);
});

test('a Cell Ranger folder is read under its sample’s name, as the File line names it', async () => {
  const folder = join(work, 'run1', 'outs', 'filtered_feature_bc_matrix');
  cpSync(join(FORMATS, 'tenx_v3'), folder, { recursive: true });
  assert.deepEqual(await readingLines(folder), ['Reading run1/outs/filtered_feature_bc_matrix…']);
});
