// A reopened session shown without its input, then replaced from another page: the engine says its map is let go
// (run-discarded) as it says a trained map's, except when its own input is attached ('attach': the same map), and
// refuses a Save session of a map it no longer holds.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BinaryExport, EngineEvent } from '../../src/api/engine-api.js';
import { EngineSession } from '../../src/engine/session.js';
import { parseSession, sessionBytes } from '../../src/engine/session-file.js';
import { packageRoot } from '../../src/util/paths.js';
import { trainAndSave } from './session-outcome.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const dir = mkdtempSync(join(tmpdir(), 'tl-restored-replaced-'));
const input = join(dir, 'cells.csv');
copyFileSync(join(FORMATS, 'cells.csv'), input);
const bytes = readFileSync(input);
const session = new EngineSession();
const events: EngineEvent[] = [];
session.onEvent((e) => events.push(e));
let saved: BinaryExport;
before(async () => {
  saved = (await trainAndSave(input)).saved;
  rmSync(input); // the session reopens without its input
});
after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The session reopened without its input; the events from then on only. */
async function reopened(): Promise<string> {
  const opened = await session.openSession({ kind: 'upload', name: 'cells.tripletlens', bytes: saved.bytes });
  assert.equal(opened.inputStatus, 'missing');
  events.length = 0;
  return opened.result.runId;
}

const discarded = (runId: string) => events.filter((e) => e.type === 'run-discarded' && e.runId === runId);
const request = (runId: string) => ({ editedLabels: null, selection: new Int32Array(0), runId });

test('other data opened: the session’s map is said let go, and its Save session refused', async () => {
  const runId = await reopened();
  await session.openFile({ kind: 'path', path: join(FORMATS, 'cells.csv') });
  const [said] = discarded(runId);
  assert.ok(said, 'run-discarded for the reopened session’s map');
  assert.match(
    said.type === 'run-discarded' ? said.message : '',
    /^The reopened session's map \(cells\.csv\)/,
  );
  await assert.rejects(session.saveSession(request(runId)), {
    message: /^Cannot save the session: the engine no longer holds the map shown here/,
  });
});

test('another session opened: the first’s map is let go; only the one held is saved', async () => {
  const first = await reopened();
  const second = await reopened();
  assert.equal(discarded(second).length, 0);
  await assert.rejects(session.saveSession(request(first)), {
    message: /^Cannot save the session: the engine now holds another map than the one shown here/,
  });
  assert.ok((await session.saveSession(request(second))).bytes.length > 0);
});

test('its input re-attached: the same map, not let go; data-opened says it was an attach', async () => {
  const runId = await reopened();
  const attached = await session.attachSessionInput({ kind: 'upload', name: 'cells.csv', bytes });
  assert.equal(discarded(runId).length, 0);
  const opened = events.find((e) => e.type === 'data-opened');
  assert.deepEqual(opened?.type === 'data-opened' && opened.by, { action: 'attach', name: 'cells.csv' });
  assert.ok((await session.saveSession(request(attached.result.runId))).bytes.length > 0);
});

// A tab following another's re-attach (renderer/app/opened-elsewhere.ts) got no word of the metadata columns that
// did not come back, which the re-attaching tab's reply says (getState does not carry it): data-opened's `by` does.
test('its input re-attached without a joined file’s columns: data-opened carries the reply’s note', async () => {
  // a session saved before the joined columns were kept: they do not come back with the input
  const older = sessionBytes({
    ...parseSession(saved.bytes, 'cells.tripletlens'),
    joinedMetadata: undefined,
  });
  const opened = await session.openSession({ kind: 'upload', name: 'older.tripletlens', bytes: older });
  assert.equal(opened.inputStatus, 'missing');
  events.length = 0;
  const attached = await session.attachSessionInput({ kind: 'upload', name: 'cells.csv', bytes });
  assert.match(attached.inputMessage, /^The metadata joined from cells_meta\.csv is not joined again/);
  const said = events.find((e) => e.type === 'data-opened');
  assert.deepEqual(said?.type === 'data-opened' && said.by, {
    action: 'attach',
    name: 'cells.csv',
    note: attached.inputMessage,
  });
});
