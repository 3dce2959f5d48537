import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetSummary, RunResult } from '../../src/api/engine-api.js';
import { StateMirror } from '../../src/worker/state-mirror.js';

const summary = { datasetId: 'data-2' } as DatasetSummary;
const result = { runId: 'run-3' } as RunResult;

test('the host’s copy follows retraining and reopened sessions (no dataset when the input is missing)', () => {
  const mirror = new StateMirror();
  mirror.noteResult('retrainWithLabels', { runId: 'run-9' });
  assert.equal(mirror.state().activeRunId, 'run-9');
  mirror.noteResult('openSession', { summary, result, inputStatus: 'missing' });
  assert.deepEqual(mirror.state(), { dataset: null, activeRunId: 'run-9', lastRun: result });
  mirror.noteResult('attachSessionInput', { summary, result, inputStatus: 'attached' });
  assert.equal(mirror.state().dataset, summary);
});
