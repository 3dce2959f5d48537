// Two tabs of one `tripletlens serve` share the engine. Tab B opens another file while tab A only views its
// data: tab A used to be told nothing, and kept offering a Start the engine refused. Now the engine's
// 'data-opened' is another window's in tab A — which says so once and moves to that data — and never in the
// tab (or the desktop app's one window) whose own open it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngineEvent, EngineState, RunStoppedBy } from '../../../src/api/engine-api.js';
import { adoptReplacedData } from '../../../renderer/app/app-model.js';
import {
  followsOpenedElsewhere,
  OPENED_ELSEWHERE_TITLE,
  openedElsewhere,
  openedElsewhereWords,
} from '../../../renderer/app/opened-elsewhere.js';
import { INITIAL_STATE, reduce, type Action, type AppState } from '../../../renderer/state.js';
import { datasetFixture, runResultFixture } from '../fixtures.js';

const run = (state: AppState, ...actions: Action[]) => actions.reduce(reduce, state);
const event = (e: EngineEvent): Action => ({ type: 'engine', event: e });
const opened = (datasetId: string, by: RunStoppedBy): EngineEvent => ({ type: 'data-opened', datasetId, by });
const iris = datasetFixture({ datasetId: 'data-8', source: 'iris.csv' });
const byIris: RunStoppedBy = { action: 'open', name: 'iris.csv' };

/** Tab A: the sample open, no map, nothing running. */
const viewing = run(INITIAL_STATE, {
  type: 'dataset-opened',
  summary: datasetFixture({ datasetId: 'data-1', source: 'pbmc.h5ad' }),
});

test('another window’s open is said once, in the page’s words, naming the file', () => {
  const s = run(viewing, event(opened('data-8', byIris)));
  assert.deepEqual(
    s.notices.map((n) => [n.level, n.title, n.message]),
    [['info', OPENED_ELSEWHERE_TITLE, 'Another window opened iris.csv.']],
  );
  assert.equal(openedElsewhere(opened('data-8', byIris), viewing), true);
  assert.equal(followsOpenedElsewhere(opened('data-8', byIris), viewing), true);
  assert.equal(
    openedElsewhereWords({ action: 'join', name: 'meta.csv' }),
    'Another window joined the metadata file meta.csv.',
  );
  assert.equal(
    openedElsewhereWords({ action: 'session', name: 'cells.tripletlens' }),
    'Another window opened the session cells.tripletlens.',
  );
});

test('the page moves to the data the engine holds, keeping the notice that says why', () => {
  const told = run(viewing, event(opened('data-8', byIris)));
  const held: EngineState = { dataset: iris, activeRunId: null, lastRun: null };
  const s = run(told, ...adoptReplacedData(held, told));
  assert.equal(s.dataset?.source, 'iris.csv');
  assert.equal(s.labelColumn, iris.suggestedLabel);
  assert.deepEqual(s.notices, told.notices);
  // a session opened there: its map too
  const session: EngineState = { dataset: iris, activeRunId: null, lastRun: runResultFixture('run-9') };
  const withMap = run(told, ...adoptReplacedData(session, told));
  assert.equal(withMap.result?.runId, 'run-9');
});

test('the page’s own open is not another window’s: before its reply (busy) or after it (its id)', () => {
  const importing = run(viewing, {
    type: 'busy',
    task: { kind: 'import', message: 'Reading iris.csv…', fraction: null, cancellable: true },
  });
  const early = opened('data-8', byIris);
  assert.equal(openedElsewhere(early, importing), false);
  assert.deepEqual(run(importing, event(early)).notices, importing.notices);
  const joining = run(viewing, {
    type: 'busy',
    task: { kind: 'metadata', message: 'Joining meta.csv…', fraction: null, cancellable: true },
  });
  assert.equal(openedElsewhere(opened('data-9', { action: 'join', name: 'meta.csv' }), joining), false);
  // the reply came first: the page shows that data already
  const own = run(viewing, { type: 'dataset-opened', summary: iris });
  assert.equal(openedElsewhere(early, own), false);
  assert.equal(followsOpenedElsewhere(early, own), false);
  assert.deepEqual(run(own, event(early)).notices, own.notices);
});

test('a run in progress is left to its run-failed, which says it was stopped and takes the data over', () => {
  const training = run(viewing, { type: 'training-started', runId: 'run-7' });
  assert.equal(openedElsewhere(opened('data-8', byIris), training), false);
  assert.deepEqual(run(training, event(opened('data-8', byIris))).notices, training.notices);
});

test('a page showing a map keeps it on screen (its images, its edits): told, not moved', () => {
  const mapped = run(viewing, event({ type: 'run-finished', result: runResultFixture('run-6') }));
  const e = opened('data-8', byIris);
  assert.equal(openedElsewhere(e, mapped), true);
  assert.equal(followsOpenedElsewhere(e, mapped), false);
  const s = run(mapped, event(e));
  assert.equal(s.result?.runId, 'run-6');
  assert.equal(s.notices.at(-1)?.message, 'Another window opened iris.csv.');
});
