// The busy line while the engine reads data: "Reading NAME…", as every other line of work in progress ends
// (the page's own "Reading NAME…" was replaced by the engine's first progress, which had no "…").
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
// every event passed on: what each says is checked, not how often
const session = new EngineSession({ progressIntervalMs: 0 });
after(() => session.dispose());

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
