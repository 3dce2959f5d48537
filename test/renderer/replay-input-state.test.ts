// A reopened session whose input the restarted engine could not load again ('replay-incomplete' naming its
// run): the page shows the session as it is — its map, without its input — as when it was reopened without it:
// the Import screen does not count classes from an engine that holds no data, Re-attach is offered, and the
// call that ran the replay, failing in the same words, adds no second notice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpenedSession } from '../../src/api/annotate.js';
import type { DatasetSummary, RunResult } from '../../src/api/engine-api.js';
import { INITIAL_STATE, type Action } from '../../renderer/state.js';
import { labelInfo, labelSummaryToFetch } from '../../renderer/screens/import/import-model.js';
import { run, event } from './reduce-steps.js';

const session: OpenedSession = {
  summary: {
    datasetId: 'data-7',
    source: '/d/cells.csv',
    metadata: [{ name: 'label' }],
    suggestedLabel: 'label',
  } as unknown as DatasetSummary,
  result: {
    runId: 'run-8',
    datasetId: 'data-7',
    labelColumn: 'label',
    labels: ['A', 'B'],
  } as unknown as RunResult,
  predictions: { runId: 'run-8', predicted: ['', ''], confidence: new Float32Array(2) },
  editedLabels: null,
  selection: new Int32Array(0),
  view: null,
  input: { kind: 'path', path: '/d/cells.csv', name: 'cells.csv', size: 1, sha256: 'x' },
  inputStatus: 'attached',
  inputMessage: '',
  projected: null,
  projectedMessage: '',
};

const message =
  'The engine process stopped; its session (s.tripletlens) was reopened with its map, but its input (cells.csv) is no longer where it was: …';

test('a session whose input the replay could not load again is shown without it', () => {
  const shown = run(INITIAL_STATE, { type: 'session-opened', session });
  assert.equal(shown.inputMissing, false);
  const s = run(shown, event({ type: 'replay-incomplete', message, detachedRunId: 'run-8' }));
  assert.equal(s.inputMissing, true, 'the screens show the input as not loaded');
  assert.equal(s.resultLost, message, 'what needs the data is disabled, saying why; Re-attach is offered');
  assert.equal(s.result?.runId, 'run-8', 'the map stays');
  // the Import screen counts the run's own labels, asks the engine nothing, and says the input is not open
  assert.equal(s.labelSummary?.column, 'label');
  const other = run(s, { type: 'label-chosen', column: 'donor' });
  const tracker = { pending: null, failed: null };
  assert.equal(labelSummaryToFetch(other, s, tracker).fetch, null);
  assert.equal(labelInfo(other.dataset, 'donor', null, other.inputMissing).kind, 'needs-input');
  // one notice, whichever comes first: the event, or the failure of the call that ran the replay
  const failed: Action = { type: 'failed', title: 'Export failed', error: { kind: 'worker', message } };
  for (const order of [
    [event({ type: 'replay-incomplete', message, detachedRunId: 'run-8' }), failed],
    [failed, event({ type: 'replay-incomplete', message, detachedRunId: 'run-8' })],
  ]) {
    const after = run(shown, ...order);
    assert.equal(after.notices.filter((n) => n.message === message).length, 1);
    assert.equal(after.inputMissing, true);
  }
  // another run's session is not this one
  const elsewhere = run(shown, event({ type: 'replay-incomplete', message, detachedRunId: 'run-2' }));
  assert.equal(elsewhere.inputMissing, false);
});
