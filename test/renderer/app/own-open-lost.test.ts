// A page's own open whose reply was lost (the connection dropped: the call failed, but the engine opened the
// file): the page took the engine's 'data-opened' for another window's and said "Another window opened
// iris.csv.". Its opens carry its id (AppState.pageId), which the engine gives back in `by.opener`: now it says
// the file was opened after all, and shows it — whether the event came before the failure or after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngineEvent, EngineState, RunStoppedBy } from '../../../src/api/engine-api.js';
import { adoptReplacedData, otherWindowFollowed } from '../../../renderer/app/app-model.js';
import {
  OPENED_ELSEWHERE_TITLE,
  OWN_OPEN_LOST_TITLE,
  ownOpenOutrun,
} from '../../../renderer/app/opened-elsewhere.js';
import { INITIAL_STATE, type Action, type AppState } from '../../../renderer/state.js';
import { datasetFixture } from '../fixtures.js';
import { run, event } from '../reduce-steps.js';

const opened = (datasetId: string, by: RunStoppedBy): EngineEvent => ({ type: 'data-opened', datasetId, by });
const iris = datasetFixture({ datasetId: 'data-8', source: 'iris.csv' });
const ownIris: RunStoppedBy = { action: 'open', name: 'iris.csv', opener: 'page-a' };
const LOST =
  "iris.csv was opened after all: the engine's reply did not reach this page, which now shows what the engine holds.";

/** Page A (id page-a) viewing pbmc.h5ad, its open of iris.csv in flight. */
const opening = run(
  { ...INITIAL_STATE, pageId: 'page-a' },
  { type: 'dataset-opened', summary: datasetFixture({ datasetId: 'data-1', source: 'pbmc.h5ad' }) },
  { type: 'busy', task: { kind: 'import', message: 'Reading iris.csv…', fraction: null, cancellable: true } },
);
const lost: Action = {
  type: 'failed',
  title: 'Could not open iris.csv',
  error: new Error('Cannot reach the TripletLens server (Failed to fetch).'),
};
const told = (s: AppState) => s.notices.filter((n) => n.level === 'info').map((n) => [n.title, n.message]);
const errors = (s: AppState) => s.notices.filter((n) => n.level === 'error').map((n) => n.title);

test('its own event came before the lost reply: said opened after all, and followed', () => {
  const seen = run(opening, event(opened('data-8', ownIris)));
  assert.deepEqual(ownOpenOutrun(seen, lost)?.by, ownIris, 'main.ts follows the engine');
  const s = run(seen, lost);
  assert.deepEqual(told(s), [[OWN_OPEN_LOST_TITLE, LOST]]);
  assert.deepEqual(errors(s), [], 'the lost reply’s failure is stale: the file is open');
  const held: EngineState = { dataset: iris, activeRunId: null, lastRun: null };
  assert.equal(run(s, ...adoptReplacedData(held, s, ownIris)).dataset?.datasetId, 'data-8');
});

test('its own event came after the lost reply: said opened after all, and followed', () => {
  const failed = run(opening, lost);
  const late = opened('data-8', ownIris);
  assert.deepEqual(otherWindowFollowed(late, failed), ownIris, 'main.ts follows the engine');
  assert.deepEqual(errors(failed), ['Could not open iris.csv'], 'the lost reply said as a failure first');
  assert.deepEqual(told(run(failed, event(late))), [[OWN_OPEN_LOST_TITLE, LOST]]);
  assert.deepEqual(errors(run(failed, event(late))), [], 'then stale: the file is open');
});

test('another page’s open is still another window’s', () => {
  const other: RunStoppedBy = { action: 'open', name: 'iris.csv', opener: 'page-b' };
  const s = run(opening, lost, event(opened('data-8', other)));
  assert.deepEqual(told(s), [[OPENED_ELSEWHERE_TITLE, 'Another window opened iris.csv.']]);
});
