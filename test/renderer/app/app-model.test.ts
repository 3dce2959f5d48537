import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatasetSummary, RunResult } from '../../../src/api/engine-api.js';
import { INITIAL_STATE, reduce, type AppState } from '../../../renderer/state.js';
import {
  adoptEngineState,
  columnCacheKey,
  eventsAfterJoin,
  SCREEN_ORDER,
  SCREEN_TITLES,
  tabAfterKey,
} from '../../../renderer/app/app-model.js';
import { formatDuration } from '../../../renderer/format.js';
import { progressText } from '../../../renderer/screens/train/train-model.js';
import { REMAINING_FINISHING, remainingWords } from '../../../src/api/remaining-time.js';

const dataset = { datasetId: 'd1', suggestedLabel: 'label', warnings: [] } as unknown as DatasetSummary;
const lastRun = { runId: 'r1', history: [], stoppedReason: 'completed', coords: {} } as unknown as RunResult;

test('tabs in order with numbered titles; the arrow keys move round them', () => {
  assert.deepEqual(SCREEN_ORDER, ['import', 'train', 'explore', 'export']);
  assert.deepEqual(
    SCREEN_ORDER.map((n) => SCREEN_TITLES[n]),
    ['1 Import', '2 Train', '3 Explore', '4 Export'],
  );
  assert.equal(tabAfterKey('import', 'ArrowRight'), 'train');
  assert.equal(tabAfterKey('import', 'ArrowLeft'), 'export');
  assert.equal(tabAfterKey('export', 'ArrowRight'), 'import');
  assert.equal(tabAfterKey('train', 'Enter'), null);
});

test('column values are cached per dataset, and a gene does not share a cache entry with a column', () => {
  const gene = columnCacheKey('d1', { kind: 'gene', gene: 'CD3E' });
  assert.notEqual(gene, columnCacheKey('d1', { kind: 'metadata', column: 'CD3E' }));
  assert.notEqual(gene, columnCacheKey('d2', { kind: 'gene', gene: 'CD3E' }));
  assert.equal(gene, columnCacheKey('d1', { kind: 'gene', gene: 'CD3E' }));
  // the live map's coded labels are not the text Explore colours by
  const text = columnCacheKey('d1', { kind: 'metadata', column: 'louvain' });
  assert.notEqual(text, columnCacheKey('d1', { kind: 'metadata', column: 'louvain', coded: true }));
  assert.equal(text, columnCacheKey('d1', { kind: 'metadata', column: 'louvain', coded: false }));
});

test('a reloaded page takes over the engine’s data and last run; a page that shows them keeps its own', () => {
  const held = { dataset, activeRunId: null, lastRun };
  const actions = adoptEngineState(held, INITIAL_STATE);
  assert.deepEqual(
    actions.map((a) => a.type),
    ['dataset-opened', 'engine'],
  );
  const s = actions.reduce(reduce, INITIAL_STATE);
  assert.equal(s.dataset, dataset);
  assert.equal(s.result, lastRun);
  // the finished run is now the page's training view: a stale active id (the finished run's own, whose end
  // overtook its start reply) does not start another one
  assert.deepEqual(adoptEngineState({ ...held, activeRunId: 'r1' }, INITIAL_STATE).length, 2);
  assert.deepEqual(adoptEngineState(held, s), [], 'nothing to take over');
});

test('a run in progress is followed after a reload', () => {
  const actions = adoptEngineState({ dataset, activeRunId: 'r2', lastRun: null }, INITIAL_STATE);
  assert.deepEqual(actions.at(-1), { type: 'training-started', runId: 'r2' });
  const shown: AppState = actions.reduce(reduce, INITIAL_STATE);
  assert.equal(shown.training?.runId, 'r2');
  assert.equal(shown.training?.status, 'running');
});

test('a page reloaded during a long stage shows that stage, not "starting"', () => {
  const held = { dataset, activeRunId: 'r2', activeStage: 'preprocess', lastRun: null };
  const shown: AppState = adoptEngineState(held, INITIAL_STATE).reduce(reduce, INITIAL_STATE);
  assert.equal(shown.training?.runId, 'r2');
  assert.equal(shown.training?.stage, 'preprocess');
});

test('a page reloaded during a long stage shows its step at once, not from the next step', () => {
  const step = { name: 'pca', done: 2, total: 9, unit: 'passes' } as const;
  const held = { dataset, activeRunId: 'r2', activeStage: 'preprocess', activeStep: step, lastRun: null };
  const shown: AppState = adoptEngineState(held, INITIAL_STATE).reduce(reduce, INITIAL_STATE);
  assert.equal(shown.training?.stage, 'preprocess');
  assert.deepEqual(shown.training?.stageStep, step);
});

test('a run in progress beside a finished one is followed after a reload (Stop works, Start waits)', () => {
  // the user trained, trained again and reloaded the page mid-run: the engine holds r1 finished and r2 running
  const held = { dataset, activeRunId: 'r2', lastRun };
  const actions = adoptEngineState(held, INITIAL_STATE);
  assert.deepEqual(
    actions.map((a) => a.type),
    ['dataset-opened', 'engine', 'training-started'],
  );
  const shown: AppState = actions.reduce(reduce, INITIAL_STATE);
  assert.equal(shown.result, lastRun, 'the finished map stays on Explore meanwhile');
  assert.equal(shown.training?.runId, 'r2');
  assert.equal(shown.training?.status, 'running');
  assert.deepEqual(adoptEngineState(held, shown), [], 'a page following r2 already takes over nothing');
});

test('a page that joins a run in progress draws its earlier epochs and shows its settings and label column', () => {
  const history = [1, 2, 3].map((epoch) => ({ epoch, loss: 1 / epoch, activeFraction: 0.5, steps: 4 }));
  const activeRequest = {
    labelColumn: 'cell_type',
    epochs: 40,
    margin: 0.7,
    preprocess: { topGenes: 500 },
  };
  const joined = { ...dataset, recommendedPreprocess: { topGenes: 2000, pcaComponents: 50 } };
  const activeSnapshot = {
    epoch: 3,
    coords: { rows: 2, cols: 2, data: new Float32Array([1, 2, 3, 4]) },
    rows: new Int32Array([0, 2]),
  };
  const held = {
    dataset: joined,
    activeRunId: 'r2',
    activeStage: 'train',
    activeRequest,
    activeHistory: history,
    activeSnapshot,
  };

  const shown: AppState = adoptEngineState({ ...held, lastRun: null }, INITIAL_STATE).reduce(
    reduce,
    INITIAL_STATE,
  );
  const t = shown.training;
  assert.deepEqual(
    t?.lossPoints.map((p) => p.x),
    [1, 2, 3],
    'one point an epoch done',
  );
  assert.equal(t?.epoch, 3);
  assert.equal(t?.epochs, 40, 'of the run’s budget');
  assert.equal(t?.loss, history[2].loss);
  assert.deepEqual(t?.request, activeRequest, 'the Train form shows the run’s settings');
  assert.equal(shown.labelColumn, 'cell_type', 'the run’s label column, not the suggested one');
  assert.equal(shown.preprocessValues.topGenes, '500');
  assert.deepEqual(t?.snapshot, { ...activeSnapshot, final: false }, 'the map so far, drawn at once');
  // the run's next step follows on the chart
  const next = reduce(shown, {
    type: 'engine',
    event: {
      type: 'train-progress',
      runId: 'r2',
      epoch: 4,
      epochs: 40,
      step: 1,
      steps: 4,
      loss: 0.2,
      activeFraction: 0.4,
      elapsedMs: 10,
      etaMs: 100,
    },
  });
  assert.deepEqual(
    next.training?.lossPoints.map((p) => p.x),
    [1, 2, 3, 3.25],
  );
});

test('a page that joins a run in progress draws the engine’s step points, not its epochs’ mean losses', () => {
  const history = [1, 2].map((epoch) => ({ epoch, loss: 1 / epoch, activeFraction: 0.5, steps: 4 }));
  // the steps the engine sent: some mid-epoch, and each epoch's last step
  const activeSteps = [0.5, 1, 1.75, 2, 2.5].map((x) => ({ x, loss: 2 / (x + 1), activeFraction: 0.4 }));
  const held = { dataset, activeRunId: 'r2', activeStage: 'train', activeHistory: history, activeSteps };
  const step = (step: number) => ({
    type: 'train-progress' as const,
    runId: 'r2',
    epoch: 3,
    epochs: 40,
    step,
    steps: 4,
    loss: 0.1 * step,
    activeFraction: 0.3,
    elapsedMs: 10,
    etaMs: 100,
  });
  const shown = adoptEngineState({ ...held, lastRun: null }, INITIAL_STATE).reduce(reduce, INITIAL_STATE);
  // the page's stream gave it a step the reply holds and one after while it asked the engine's state
  const next = eventsAfterJoin([step(2), step(3)], shown).reduce(
    (s, event) => reduce(s, { type: 'engine', event }),
    shown,
  );
  assert.deepEqual(next.training?.lossPoints, [
    ...activeSteps,
    { x: 2.75, loss: step(3).loss, activeFraction: 0.3 },
  ]);
});

test('a page that joins a retrain shows its settings, its source column and colours by its edited labels', () => {
  const editedLabels = {
    column: 'label_edited',
    source: 'cell_type',
    categories: ['T renamed', 'B'],
    codes: new Int32Array([0, 1, -1]),
  };
  const activeRequest = { labelColumn: 'label_edited', epochs: 5, margin: 0.7 };
  const held = {
    dataset,
    activeRunId: 'r2',
    activeStage: 'train',
    activeRequest,
    activeEditedLabels: editedLabels,
    activeHistory: [],
    lastRun: null,
  };
  const shown = adoptEngineState(held, INITIAL_STATE).reduce(reduce, INITIAL_STATE);
  assert.deepEqual(shown.training?.request, activeRequest, 'the Train form shows the retrain’s settings');
  assert.equal(shown.training?.editedLabels, editedLabels, 'the map so far is coloured by the edited labels');
  assert.equal(
    shown.labelColumn,
    'cell_type',
    'the data’s column the edits started from, not the edited one',
  );
  // its edits in Edit labels, the legend and the exports, as on the page that started the retrain
  assert.equal(shown.annotation.present.editedLabels, editedLabels, 'the edits are the page’s own');
  assert.equal(shown.annotation.past.length, 0, 'not a step Undo takes back');
});

test('a page that joins a run shows its elapsed time, time left and progress at once, also during the metrics', () => {
  const activeProgress = {
    epoch: 3,
    epochs: 4,
    step: 2,
    steps: 4,
    loss: 0.25,
    activeFraction: 0.5,
    elapsedMs: 65_000,
    etaMs: 20_000,
    totalStep: 10,
    totalSteps: 16,
  };
  const history = [1, 2].map((epoch) => ({ epoch, loss: 1 / epoch, activeFraction: 0.5, steps: 4 }));
  const base = {
    dataset,
    activeRunId: 'r2',
    activeRequest: { labelColumn: 'label', epochs: 4 },
    activeHistory: history,
    activeProgress,
    lastRun: null,
  };
  const started = progressText(reduce(INITIAL_STATE, { type: 'training-started', runId: 'r2' }).training);
  const during = adoptEngineState({ ...base, activeStage: 'train' }, INITIAL_STATE).reduce(
    reduce,
    INITIAL_STATE,
  );
  const text = progressText(during.training);
  assert.equal(during.training?.stage, 'training', 'in its steps, as a progress event says');
  assert.equal(text.elapsed, formatDuration(activeProgress.elapsedMs), 'the run’s elapsed time');
  assert.notEqual(text.elapsed, started.elapsed, 'the run’s elapsed time, not the new page’s nothing');
  assert.equal(
    text.value,
    activeProgress.totalStep / activeProgress.totalSteps,
    'the bar filled as far as it went',
  );
  assert.equal(text.eta, remainingWords(activeProgress), 'its time left');
  // joined after the epochs: no progress event comes again
  const metrics = adoptEngineState({ ...base, activeStage: 'metrics' }, INITIAL_STATE).reduce(
    reduce,
    INITIAL_STATE,
  );
  const late = progressText(metrics.training);
  assert.equal(late.elapsed, text.elapsed);
  assert.equal(late.value, text.value);
  assert.equal(late.eta, REMAINING_FINISHING);
  assert.equal(metrics.training?.stage, 'metrics');
});

/** A train-progress event of run r2: epoch `epoch`, step `step` of 4. */
function progressEvent(epoch: number, step: number) {
  return {
    type: 'train-progress' as const,
    runId: 'r2',
    epoch,
    epochs: 40,
    step,
    steps: 4,
    loss: 1 / (epoch + step),
    activeFraction: 0.5,
    elapsedMs: 10,
    etaMs: 100,
  };
}

test('a page that joins a run draws the step it is at: the epoch in progress has its point, as on the starting page', () => {
  const history = [1, 2].map((epoch) => ({ epoch, loss: 1 / epoch, activeFraction: 0.5, steps: 4 }));
  const base = { dataset, activeRunId: 'r2', activeStage: 'train', lastRun: null, activeHistory: history };
  const { type: _type, runId: _run, ...midEpoch } = progressEvent(3, 2);
  const joinedMid = adoptEngineState({ ...base, activeProgress: midEpoch }, INITIAL_STATE).reduce(
    reduce,
    INITIAL_STATE,
  );
  assert.deepEqual(
    joinedMid.training?.lossPoints.map((p) => [p.x, p.loss]),
    [
      [1, 1],
      [2, 0.5],
      [2.5, midEpoch.loss],
    ],
    'the epochs done, then the step the starting page drew last',
  );
  // joined between an epoch's last step and the engine's record of that epoch: the step is the epoch's point
  const { type: _t, runId: _r, ...epochEnd } = progressEvent(3, 4);
  const joinedEnd = adoptEngineState({ ...base, activeProgress: epochEnd }, INITIAL_STATE).reduce(
    reduce,
    INITIAL_STATE,
  );
  assert.deepEqual(
    joinedEnd.training?.lossPoints.map((p) => p.x),
    [1, 2, 3],
  );
  // once the engine recorded it, the epoch is not drawn twice
  const recorded = adoptEngineState(
    {
      ...base,
      activeHistory: [...history, { epoch: 3, loss: 0.3, activeFraction: 0.5, steps: 4 }],
      activeProgress: epochEnd,
    },
    INITIAL_STATE,
  ).reduce(reduce, INITIAL_STATE);
  assert.deepEqual(
    recorded.training?.lossPoints.map((p) => [p.x, p.loss]),
    [
      [1, 1],
      [2, 0.5],
      [3, epochEnd.loss],
    ],
    'once: its last step, as the starting page drew it, not the epoch’s mean',
  );
});

test('events that came while the page asked the state follow it, but for the steps the state already holds', () => {
  const history = [1, 2].map((epoch) => ({ epoch, loss: 1 / epoch, activeFraction: 0.5, steps: 4 }));
  const { type: _type, runId: _run, ...progress } = progressEvent(3, 2);
  const held = { dataset, activeRunId: 'r2', activeStage: 'train', lastRun: null, activeHistory: history };
  const joined = adoptEngineState({ ...held, activeProgress: progress }, INITIAL_STATE).reduce(
    reduce,
    INITIAL_STATE,
  );
  const early = [
    progressEvent(3, 1),
    progressEvent(3, 2),
    progressEvent(3, 4),
    {
      type: 'train-epoch' as const,
      runId: 'r2',
      entry: { epoch: 3, loss: 0.3, activeFraction: 0.5, steps: 4 },
    },
    progressEvent(4, 1),
  ];
  const kept = eventsAfterJoin(early, joined);
  assert.deepEqual(kept, early.slice(2), 'the steps after the state’s, and every other event');
  const shown = kept.reduce((s, event) => reduce(s, { type: 'engine', event }), joined);
  assert.deepEqual(
    shown.training?.lossPoints.map((p) => p.x),
    [1, 2, 2.5, 3, 3.25],
    'the epoch that ended meanwhile has its point, and no point is drawn twice',
  );
  // a page that joined no run applies them all
  assert.deepEqual(eventsAfterJoin(early, INITIAL_STATE), early);
});
