// Two tabs of one `tripletlens serve` share the engine. Tab B's Open while tab A trains: the engine refuses it
// naming the run, tab B asks its user and, on yes, calls again naming the run; tab A, whose run another window
// stopped, says so once and takes over the data the engine now holds — not the old file's Start, which fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngineEvent, EngineState, RunStoppedBy } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { adoptReplacedData, stoppedByOtherWindow } from '../../renderer/app/app-model.js';
import { callStoppingRun, type ConfirmQuestion } from '../../renderer/stop-consent.js';
import { INITIAL_STATE, type Action } from '../../renderer/state.js';
import { datasetFixture, runResultFixture } from './fixtures.js';
import { run, event } from './reduce-steps.js';

const RUNNING = 'Training on pbmc.h5ad is running (epoch 12 of 30). Opening iris.csv stops it.';
const refusal = new EngineError({ kind: 'busy', message: RUNNING, runId: 'run-7' });

/** A call refused until it names run-7, recording what it was given. */
function refusingCall(): { given: (string | null)[]; call: (stopsRun: string | null) => Promise<string> } {
  const given: (string | null)[] = [];
  return {
    given,
    call: (stopsRun) => {
      given.push(stopsRun);
      return stopsRun === 'run-7' ? Promise.resolve('opened') : Promise.reject(refusal);
    },
  };
}

test('a refused Open asks in the engine’s words; yes calls again naming the run and marks it agreed', async () => {
  const asked: ConfirmQuestion[] = [];
  const actions: Action[] = [];
  const { given, call } = refusingCall();
  const answer = await callStoppingRun(
    { confirm: (q) => (asked.push(q), Promise.resolve(true)), dispatch: (a) => actions.push(a) },
    'Stop training and open',
    call,
  );
  assert.equal(answer, 'opened');
  assert.deepEqual(given, [null, 'run-7']);
  assert.equal(asked.length, 1);
  assert.equal(asked[0].message, RUNNING);
  assert.equal(asked[0].confirm, 'Stop training and open');
  assert.deepEqual(actions, [{ type: 'stop-agreed', runId: 'run-7' }]);
});

test('no keeps the run: the call is not made again and nothing fails', async () => {
  const actions: Action[] = [];
  const { given, call } = refusingCall();
  const answer = await callStoppingRun(
    { confirm: () => Promise.resolve(false), dispatch: (a) => actions.push(a) },
    'Stop training and open',
    call,
  );
  assert.equal(answer, undefined);
  assert.deepEqual(given, [null]);
  assert.deepEqual(actions, []);
});

test('other failures, and a refusal where the page cannot ask, fail as they came', async () => {
  const other = new EngineError({ kind: 'import', message: 'bad file', file: 'x.csv' });
  const confirm = () => Promise.reject(new Error('must not ask'));
  await assert.rejects(
    callStoppingRun({ confirm, dispatch: () => undefined }, 'go', () => Promise.reject(other)),
    (err) => err === other,
  );
  await assert.rejects(
    callStoppingRun({ dispatch: () => undefined }, 'go', refusingCall().call),
    (err) => err === refusal,
  );
});

const stoppedBy: RunStoppedBy = { action: 'open', name: 'iris.csv' };
const stoppedEvent = (by: RunStoppedBy): EngineEvent => ({
  type: 'run-failed',
  runId: 'run-7',
  error: { kind: 'training', message: 'Training on pbmc.h5ad was stopped: iris.csv was opened.' },
  stoppedBy: by,
});
const stopped = event(stoppedEvent(stoppedBy));

/** A tab training run-7 on pbmc.h5ad, with an earlier run's map (run-6) on screen. */
const training = run(
  INITIAL_STATE,
  { type: 'dataset-opened', summary: datasetFixture({ datasetId: 'data-1', source: 'pbmc.h5ad' }) },
  event({ type: 'run-finished', result: runResultFixture('run-6') }),
  { type: 'training-started', runId: 'run-7' },
);

test('the tab whose run another window stopped says so once, in its own words', () => {
  const discarded = event({
    type: 'run-discarded',
    runId: 'run-6',
    cause: 'data-replaced',
    message: 'The trained map (run-6) is no longer held by the engine because iris.csv was opened.',
  });
  const s = run(training, discarded, stopped);
  assert.equal(s.training?.status, 'failed');
  assert.deepEqual(
    s.notices.map((n) => [n.level, n.title, n.message]),
    [
      [
        'warning',
        'Training stopped by another window',
        'Another window opened iris.csv; the training run was stopped.',
      ],
    ],
  );
  assert.equal(stoppedByOtherWindow(stoppedEvent(stoppedBy), training), true);
  const byJoin = run(training, event(stoppedEvent({ action: 'join', name: 'meta.csv' })));
  assert.equal(
    byJoin.notices.at(-1)?.message,
    'Another window joined the metadata file meta.csv; the training run was stopped.',
  );
});

test('the tab that agreed to stop it is told it stopped, not that another window did', () => {
  const s = run(training, { type: 'stop-agreed', runId: 'run-7' }, stopped);
  assert.deepEqual(
    s.notices.map((n) => [n.level, n.title, n.message]),
    [['info', 'Training stopped', 'Training on pbmc.h5ad was stopped: iris.csv was opened.']],
  );
  const agreed = run(training, { type: 'stop-agreed', runId: 'run-7' });
  assert.equal(stoppedByOtherWindow(stoppedEvent(stoppedBy), agreed), false);
});

test('the stopped tab takes over the data the engine holds now, keeping the notice that says why', () => {
  const told = run(training, stopped);
  const iris = datasetFixture({ datasetId: 'data-8', source: 'iris.csv' });
  const held: EngineState = { dataset: iris, activeRunId: null, lastRun: null };
  const actions = adoptReplacedData(held, told);
  assert.deepEqual(actions, [{ type: 'data-replaced', summary: iris }]);
  const s = run(told, ...actions);
  assert.equal(s.dataset?.source, 'iris.csv');
  assert.equal(s.result, null, 'the old map is not offered for export');
  assert.equal(s.training, null, 'the Train screen offers a run on the data it shows');
  assert.deepEqual(s.notices, told.notices);
  assert.deepEqual(adoptReplacedData(held, s), [], 'nothing more to take over');
});
