import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetSummary, RunResult } from '../../src/api/engine-api.js';
import { MAX_LOSS_POINTS } from '../../src/api/loss-steps.js';
import { StateMirror } from '../../src/worker/state-mirror.js';
import { INITIAL_STATE, reduce, type AppState } from '../../renderer/state.js';

const summary = { datasetId: 'data-2' } as DatasetSummary;
const result = { runId: 'run-3' } as RunResult;

test('the host’s copy follows retraining and reopened sessions (no dataset when the input is missing)', () => {
  const mirror = new StateMirror();
  mirror.noteResult('retrainWithLabels', { runId: 'run-9' });
  assert.equal(mirror.state().activeRunId, 'run-9');
  mirror.noteResult('openSession', { summary, result, inputStatus: 'missing' });
  // what became of the input, for a page that did not open it: the answer less its run (lastRun)
  const reopenedSession = { summary, inputStatus: 'missing' };
  assert.deepEqual(mirror.state(), { dataset: null, activeRunId: 'run-9', lastRun: result, reopenedSession });
  mirror.noteResult('attachSessionInput', { summary, result, inputStatus: 'attached' });
  assert.equal(mirror.state().dataset, summary);
  assert.equal(mirror.state().reopenedSession, undefined);
});

test('a run whose end overtakes its start reply is not reported as running', () => {
  const mirror = new StateMirror();
  const finished = { runId: 'run-4' } as RunResult;
  mirror.noteEvent({ type: 'run-finished', result: finished });
  mirror.noteResult('startTraining', { runId: 'run-4' });
  assert.deepEqual(mirror.state(), { dataset: null, activeRunId: null, lastRun: finished });
  mirror.noteEvent({ type: 'run-failed', runId: 'run-5', error: { kind: 'training', message: 'one class' } });
  mirror.noteResult('retrainWithLabels', { runId: 'run-5' });
  assert.equal(mirror.state().activeRunId, null);
  // the next run, started after those ended, is running
  mirror.noteResult('startTraining', { runId: 'run-6' });
  assert.equal(mirror.state().activeRunId, 'run-6');
});

test('the host’s copy holds the stage of the run in progress, for a page reloaded while the worker is busy', () => {
  const mirror = new StateMirror();
  mirror.noteResult('startTraining', { runId: 'run-4' });
  assert.equal(mirror.state().activeStage, undefined);
  mirror.noteEvent({ type: 'train-stage', runId: 'run-4', stage: 'preprocess' });
  assert.equal(mirror.state().activeStage, 'preprocess');
  mirror.noteEvent({ type: 'train-stage', runId: 'run-4', stage: 'train' });
  assert.equal(mirror.state().activeStage, 'train');
  mirror.noteEvent({ type: 'run-failed', runId: 'run-4', error: { kind: 'training', message: 'stopped' } });
  assert.deepEqual(mirror.state(), { dataset: null, activeRunId: null, lastRun: null });
  // the next run starts without the last one's stage
  mirror.noteResult('startTraining', { runId: 'run-5' });
  assert.equal(mirror.state().activeStage, undefined);
});

test('the host’s copy holds the step of the stage in progress, until the next stage starts', () => {
  const mirror = new StateMirror();
  mirror.noteResult('startTraining', { runId: 'run-4' });
  mirror.noteEvent({ type: 'train-stage', runId: 'run-4', stage: 'preprocess' });
  assert.equal(mirror.state().activeStep, undefined);
  const pass = { name: 'pca', done: 2, total: 9, unit: 'passes' } as const;
  mirror.noteEvent({ type: 'train-stage', runId: 'run-4', stage: 'preprocess', step: pass });
  assert.deepEqual(mirror.state().activeStep, pass);
  // a stage's start says no step: the last stage's step is no longer what the run does
  mirror.noteEvent({ type: 'train-stage', runId: 'run-4', stage: 'split' });
  assert.deepEqual(mirror.state(), {
    dataset: null,
    activeRunId: 'run-4',
    activeStage: 'split',
    lastRun: null,
  });
  // the worker's own answer, when it gives one, is kept too
  mirror.noteResult('getState', { ...mirror.state(), activeStage: 'preprocess', activeStep: pass });
  assert.deepEqual(mirror.state().activeStep, pass);
});

test('the host’s copy holds the run in progress’s request and its epochs so far', () => {
  const mirror = new StateMirror();
  const request = { labelColumn: 'label', epochs: 40, margin: 0.7 };
  mirror.noteResult('startTraining', { runId: 'run-4' });
  mirror.noteRun('run-4', request);
  assert.deepEqual(mirror.state().activeRequest, request);
  assert.deepEqual(mirror.state().activeHistory, []);
  const history = [1, 2].map((epoch) => ({ epoch, loss: 1 / epoch, activeFraction: 0.4, steps: 3 }));
  for (const entry of history) mirror.noteEvent({ type: 'train-epoch', runId: 'run-4', entry });
  assert.deepEqual(mirror.state().activeHistory, history);
  assert.deepEqual(mirror.state().activeRequest, request);
  const coords = { rows: 2, cols: 2, data: new Float32Array([1, 2, 3, 4]) };
  const rows = new Int32Array([0, 2]);
  mirror.noteEvent({ type: 'embedding-snapshot', runId: 'run-4', epoch: 2, coords, rows });
  assert.deepEqual(mirror.state().activeSnapshot, { epoch: 2, coords, rows });
  // another run's settings and epochs are not this one's
  mirror.noteEvent({ type: 'run-failed', runId: 'run-4', error: { kind: 'training', message: 'stopped' } });
  assert.equal(mirror.state().activeHistory, undefined, 'no run in progress');
  assert.equal(mirror.state().activeSnapshot, undefined);
  mirror.noteResult('startTraining', { runId: 'run-5' });
  assert.equal(mirror.state().activeRequest, undefined);
  assert.equal(mirror.state().activeHistory, undefined);
  assert.equal(mirror.state().activeSnapshot, undefined);
  mirror.noteEvent({ type: 'train-epoch', runId: 'run-5', entry: history[0] });
  assert.deepEqual(mirror.state().activeHistory, [history[0]]);
});

test('the host’s copy holds a retrain’s edited labels and the last progress of the run in progress', () => {
  const mirror = new StateMirror();
  const edits = {
    column: 'label_edited',
    source: 'label',
    categories: ['T', 'B'],
    codes: new Int32Array([0, 1]),
  };
  // the settings the engine resolved come with its reply (a page joining while the worker is busy fills its
  // form from them), the labels from the call
  const request = { labelColumn: 'label_edited', epochs: 5 };
  mirror.noteResult('retrainWithLabels', { runId: 'run-6', request });
  mirror.noteRun('run-6', undefined, edits);
  assert.deepEqual(mirror.state().activeEditedLabels, edits);
  assert.deepEqual(mirror.state().activeRequest, request);
  assert.equal(mirror.state().activeProgress, undefined, 'no step yet');
  const progress = {
    epoch: 2,
    epochs: 5,
    step: 3,
    steps: 4,
    loss: 0.3,
    activeFraction: 0.5,
    elapsedMs: 1234,
    etaMs: 99,
  };
  mirror.noteEvent({ type: 'train-progress', runId: 'run-6', ...progress });
  assert.deepEqual(mirror.state().activeProgress, progress);
  // the engine's getState answer gives them again; the labels and progress stay
  mirror.noteResult('getState', {
    dataset: null,
    activeRunId: 'run-6',
    activeRequest: request,
    activeEditedLabels: edits,
    lastRun: null,
  });
  assert.deepEqual(mirror.state().activeRequest, request);
  assert.deepEqual(mirror.state().activeEditedLabels, edits);
  assert.deepEqual(mirror.state().activeProgress, progress);
  // another run's are not this one's
  mirror.noteEvent({ type: 'run-failed', runId: 'run-6', error: { kind: 'training', message: 'stopped' } });
  mirror.noteResult('startTraining', { runId: 'run-7' });
  assert.equal(mirror.state().activeEditedLabels, undefined);
  assert.equal(mirror.state().activeProgress, undefined);
});

test('the host’s copy holds the run in progress’s step points as the page that started it draws them', () => {
  const mirror = new StateMirror();
  mirror.noteResult('startTraining', { runId: 'run-4' });
  let page: AppState = reduce(INITIAL_STATE, { type: 'training-started', runId: 'run-4' });
  // more steps than the chart keeps, a non-finite loss among them: both thin them alike
  const steps = 7;
  for (let i = 0; i < MAX_LOSS_POINTS + 3 * steps; i++) {
    const event = {
      type: 'train-progress' as const,
      runId: 'run-4',
      epoch: Math.floor(i / steps) + 1,
      epochs: 1000,
      step: (i % steps) + 1,
      steps,
      loss: i === 5 ? Number.NaN : 1 / (i + 1),
      activeFraction: 0.5,
      elapsedMs: i,
      etaMs: 0,
    };
    mirror.noteEvent(event);
    page = reduce(page, { type: 'engine', event });
  }
  const held = mirror.state().activeSteps;
  assert.ok(held && held.length <= MAX_LOSS_POINTS, `${held?.length} points kept`);
  assert.deepEqual(held, page.training?.lossPoints);
  mirror.noteEvent({ type: 'run-failed', runId: 'run-4', error: { kind: 'training', message: 'stopped' } });
  assert.equal(mirror.state().activeSteps, undefined, 'no run in progress');
  mirror.noteResult('startTraining', { runId: 'run-5' });
  assert.equal(mirror.state().activeSteps, undefined, 'the next run starts without the last one’s steps');
});
