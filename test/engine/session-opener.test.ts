// The page whose call opened the data is named in the engine's 'data-opened' (`by.opener`, the id it passed):
// a page whose reply was lost (a dropped connection) would otherwise take its own open for another window's.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { EngineEvent, RunStoppedBy } from '../../src/api/engine-api.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const session = new EngineSession();
const opened: RunStoppedBy[] = [];
session.onEvent((e: EngineEvent) => {
  if (e.type === 'data-opened') opened.push(e.by);
});
after(() => session.dispose());

test('an open and a join give back the opener the call passed; a call without one gives none', async () => {
  await session.openFile({ kind: 'path', path: join(FORMATS, 'cells.csv') }, {}, null, 'page-a');
  await session.openMetadata({ kind: 'path', path: join(FORMATS, 'cells_meta.csv') }, {}, null, 'page-b');
  await session.openFile({ kind: 'path', path: join(FORMATS, 'cells.csv') });
  assert.deepEqual(opened, [
    { action: 'open', name: 'cells.csv', opener: 'page-a' },
    { action: 'join', name: 'cells_meta.csv', opener: 'page-b' },
    { action: 'open', name: 'cells.csv' },
  ]);
});
