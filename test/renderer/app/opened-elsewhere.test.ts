// Two tabs of one `tripletlens serve` share the engine. Tab B opens another file while tab A only views its
// data: tab A used to be told nothing, and kept offering a Start the engine refused. Now the engine's
// 'data-opened' is another window's in tab A — which says so once and moves to that data — and never in the
// tab (or the desktop app's one window) whose own open it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngineEvent, EngineState, RunStoppedBy } from '../../../src/api/engine-api.js';
import { adoptEngineState, adoptReplacedData } from '../../../renderer/app/app-model.js';
import {
  followsOpenedElsewhere,
  OPENED_ELSEWHERE_TITLE,
  openedElsewhere,
  openedElsewhereWords,
  ownOpenOutrun,
} from '../../../renderer/app/opened-elsewhere.js';
import { INITIAL_STATE, type Action, type AppState } from '../../../renderer/state.js';
import {
  datasetFixture,
  heldSessionWithoutInput,
  runResultFixture,
  SESSION_INPUT_MISSING,
} from '../fixtures.js';
import { run, event } from '../reduce-steps.js';

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

test('a metadata file joined in another window keeps the label column picked here, and says only what it added', () => {
  const column = (name: string) => ({ name, distinct: 2, missing: 0, topValues: [] });
  const shown = datasetFixture({ datasetId: 'data-1', metadata: [column('label'), column('batch')] });
  const picked = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: shown },
    { type: 'label-chosen', column: 'batch' },
  );
  const byJoin: RunStoppedBy = { action: 'join', name: 'donors.csv' };
  const joined = datasetFixture({
    datasetId: 'data-2',
    metadata: [...shown.metadata, column('donor'), column('age')],
    metadataSource: 'donors.csv',
  });
  const told = run(picked, event(opened('data-2', byJoin)));
  const held: EngineState = { dataset: joined, activeRunId: null, lastRun: null };
  const s = run(told, ...adoptReplacedData(held, told, byJoin));
  assert.equal(s.dataset?.datasetId, 'data-2');
  assert.equal(s.labelColumn, 'batch');
  assert.deepEqual(
    s.notices.map((n) => [n.title, n.message]),
    [
      [
        OPENED_ELSEWHERE_TITLE,
        'Another window joined the metadata file donors.csv: its columns “donor” and “age” are now available.',
      ],
    ],
  );
  // a column the joined data no longer has is not kept; another file opened there starts over as before
  const gone = run(told, {
    type: 'data-replaced',
    summary: { ...joined, metadata: [column('label'), column('donor')] },
    by: byJoin,
  });
  assert.equal(gone.labelColumn, 'label');
  const other = run(
    told,
    ...adoptReplacedData({ ...held, dataset: { ...joined, source: 'iris.csv' } }, told, byJoin),
  );
  assert.equal(other.labelColumn, 'label');
});

/** Tab A's own Open of cells.csv in flight (its reply: data-5), the events the engine sent meanwhile, in order. */
function ownOpenWith(...events: EngineEvent[]): AppState {
  const importing = run(viewing, {
    type: 'busy',
    task: { kind: 'import', message: 'Reading cells.csv…', fraction: null, cancellable: true },
  });
  return run(importing, ...events.map(event), { type: 'idle' });
}
const cells = datasetFixture({ datasetId: 'data-5', source: 'cells.csv' });
const byCells: RunStoppedBy = { action: 'open', name: 'cells.csv' };
const ownReply: Action = { type: 'dataset-opened', summary: cells };

test('another window’s open that finished after the page’s own is the data the engine holds: said, and followed', () => {
  const racing = ownOpenWith(opened('data-5', byCells), opened('data-8', byIris));
  assert.deepEqual(ownOpenOutrun(racing, ownReply), { datasetId: 'data-8', by: byIris });
  const s = run(racing, ownReply);
  assert.deepEqual(
    s.notices.map((n) => [n.title, n.message]),
    [[OPENED_ELSEWHERE_TITLE, 'Another window opened iris.csv.']],
  );
  // its reply's file is not shown: nothing is asked of data the engine no longer holds
  assert.equal(s.dataset?.datasetId, 'data-1');
  // then the page takes the data the engine holds, keeping that notice
  const held: EngineState = { dataset: iris, activeRunId: null, lastRun: null };
  const followed = run(s, ...adoptReplacedData(held, s, byIris));
  assert.equal(followed.dataset?.datasetId, 'data-8');
  assert.deepEqual(followed.notices, s.notices);
  assert.equal(followed.ownOpen, null);
  // its own open failed while the other finished: the other's data too
  const failed: Action = { type: 'failed', title: 'Could not open cells.csv', error: new Error('bad') };
  const busyFailing = run(viewing, {
    type: 'busy',
    task: { kind: 'import', message: 'Reading cells.csv…', fraction: null, cancellable: true },
  });
  const otherMeanwhile = run(busyFailing, event(opened('data-8', byIris)));
  assert.deepEqual(ownOpenOutrun(otherMeanwhile, failed), { datasetId: 'data-8', by: byIris });
});

test('the page’s own open that finished last holds: no notice, nothing to follow', () => {
  // the other's first, then its own — seen before the reply, or still to come after it
  for (const racing of [
    ownOpenWith(opened('data-8', byIris), opened('data-5', byCells)),
    ownOpenWith(opened('data-8', byIris)),
    ownOpenWith(opened('data-5', byCells)),
  ]) {
    assert.equal(ownOpenOutrun(racing, ownReply), null);
    const s = run(racing, ownReply);
    assert.equal(s.dataset?.datasetId, 'data-5');
    assert.equal(s.notices.filter((n) => n.title === OPENED_ELSEWHERE_TITLE).length, 0);
    assert.equal(s.ownOpen, null);
  }
});

test('an open that finished before the page’s own, said after its reply, is not followed', () => {
  // the reply came before the engine's events: the other's (older) one, then its own
  const replied = run(ownOpenWith(), ownReply);
  assert.equal(replied.awaitedOpened, 'data-5');
  const older = opened('data-8', byIris);
  assert.equal(followsOpenedElsewhere(older, replied), false);
  const s = run(replied, event(older), event(opened('data-5', byCells)));
  assert.equal(s.dataset?.datasetId, 'data-5');
  assert.deepEqual(s.notices, replied.notices);
  // its own came: another window's next open is followed again
  assert.equal(s.awaitedOpened, null);
  assert.equal(followsOpenedElsewhere(opened('data-9', byIris), s), true);
});

test('a session reopened in another window without its input: the page shows its map and says the input is missing', () => {
  const bySession: RunStoppedBy = { action: 'session', name: 'cells.tripletlens' };
  const told = run(viewing, event(opened('data-9', bySession)));
  const s = run(told, ...adoptReplacedData(heldSessionWithoutInput(), told, bySession));
  assert.equal(s.result?.runId, 'run-9');
  assert.equal(s.dataset?.datasetId, 'data-9');
  assert.equal(s.inputMissing, true);
  assert.deepEqual([...(s.annotation.present.selection ?? [])], [1]);
  // the page's screen stays; the notice saying what happened stays, with the one the opening window shows
  assert.equal(s.screen, viewing.screen);
  assert.deepEqual(
    s.notices.map((n) => [n.level, n.title, n.message]),
    [
      ['info', OPENED_ELSEWHERE_TITLE, 'Another window opened the session cells.tripletlens.'],
      ['warning', 'The session’s input file is missing', SESSION_INPUT_MISSING],
    ],
  );
  assert.deepEqual(
    adoptReplacedData(heldSessionWithoutInput(), s, bySession),
    [],
    'nothing more to take over',
  );
  // a page (re)loaded meanwhile shows it alike
  const reloaded = run(INITIAL_STATE, ...adoptEngineState(heldSessionWithoutInput(), INITIAL_STATE));
  assert.equal(reloaded.result?.runId, 'run-9');
  assert.equal(reloaded.inputMissing, true);
  assert.equal(reloaded.notices.at(-1)?.title, 'The session’s input file is missing');
});
