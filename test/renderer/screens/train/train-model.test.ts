import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatasetSummary, RunResult } from '../../../../src/api/engine-api.js';
import { INITIAL_STATE } from '../../../../renderer/state.js';
import {
  editedLiveLabels,
  finishedRunSummary,
  liveLabelsOf,
  liveMap,
  needsLiveLabels,
  progressText,
  startRequest,
  SKIP_METRICS,
  trainControls,
  type LiveLabels,
} from '../../../../renderer/screens/train/train-model.js';
import { datasetFixture, runResultFixture } from '../../fixtures.js';
import { rowWords } from '../../../../src/api/file-format.js';
import { encodeColumnCodes } from '../../../../src/api/column-codes.js';
import { stageStepText, type StageStep } from '../../../../src/api/stage-step.js';
import { run, event } from '../../reduce-steps.js';

function dataset(id = 'd1'): DatasetSummary {
  return datasetFixture({
    datasetId: id,
    valueKind: 'counts',
    recommendedPreprocess: { normalize: true, log1p: true, topGenes: 2000, zscore: true, pcaComponents: 50 },
  });
}

function result(runId: string, over: Partial<RunResult> = {}): RunResult {
  return runResultFixture(runId, {
    coords: { data: Float32Array.from([0, 0, 1, 1, 2, 2]), rows: 3, cols: 2 },
    metrics: {
      knn_holdout: 0.5,
      knn_train: 1,
      knn_holdout_pca: 0.25,
      knn_holdout_input: 0.5,
      silhouette: 0.4,
      trustworthiness: 0.9,
    },
    history: [{ epoch: 4, loss: 0.1, activeFraction: 0.2 }],
    ...over,
  });
}

const opened = run(INITIAL_STATE, { type: 'dataset-opened', summary: dataset() });

test('Start waits for data and a label column; Stop is offered while a run trains, once', () => {
  assert.deepEqual(trainControls(INITIAL_STATE), {
    startDisabled: true,
    stopDisabled: true,
    stopLabel: 'Stop',
    labelLine: 'Open data and choose a label column on the Import screen first.',
  });
  assert.deepEqual(trainControls(opened), {
    startDisabled: false,
    stopDisabled: true,
    stopLabel: 'Stop',
    labelLine: 'Training on pbmc.csv, label column “label”.',
  });
  const training = run(opened, { type: 'training-started', runId: 'r1' });
  assert.equal(trainControls(training).startDisabled, true);
  assert.equal(trainControls(training).stopDisabled, false);
  assert.equal(trainControls(run(training, { type: 'stop-requested' })).stopDisabled, true);
});

// At 10⁵ cells the metrics of a run stopped during its epochs took minutes, its Stop disabled ("stopping…")
// all along: it is enabled again as Skip metrics once the metrics stage is said, and a press skips them.
test('a run stopped in its epochs offers Skip metrics during its metrics, once', () => {
  const stage = (stage: string) => event({ type: 'train-stage', runId: 'r1', stage });
  const training = run(opened, { type: 'training-started', runId: 'r1' }, stage('train'));
  const stopping = run(training, { type: 'stop-requested' }, stage('embed'));
  assert.deepEqual(
    [trainControls(stopping).stopDisabled, trainControls(stopping).stopLabel],
    [true, 'Stop'],
    'nothing to skip before the metrics',
  );
  const metrics = run(stopping, stage('metrics'));
  assert.equal(progressText(metrics.training).stage, 'stopping… metrics');
  assert.deepEqual(
    [trainControls(metrics).stopDisabled, trainControls(metrics).stopLabel],
    [false, SKIP_METRICS],
  );
  const skipping = run(metrics, { type: 'stop-requested' });
  assert.equal(skipping.training?.status, 'stopping');
  assert.equal(progressText(skipping.training).stage, 'stopping… metrics: skipping those not yet computed');
  assert.equal(skipping.training?.skippingMetrics, true);
  assert.deepEqual([trainControls(skipping).stopDisabled, trainControls(skipping).stopLabel], [true, 'Stop']);
  // a Stop pressed during the metrics stage skips them already: no second button
  const inMetrics = run(training, stage('metrics'), { type: 'stop-requested' });
  assert.equal(inMetrics.training?.skippingMetrics, true);
  assert.deepEqual(
    [trainControls(inMetrics).stopDisabled, trainControls(inMetrics).stopLabel],
    [true, 'Stop'],
  );
});

// A walkthrough: the Train screen's line named the bundled sample by its path in serve's temporary package
// snapshot ("Training on /tmp/tripletlens-pkg-ubCSWa/samples/pbmc68k_reduced_lognorm.csv"): a file's name now.
test('the label line names the file, not its path', () => {
  for (const source of [
    '/tmp/tripletlens-pkg-ubCSWa/samples/pbmc68k_reduced_lognorm.csv',
    'C:\\Program Files\\TripletLens\\resources\\samples\\pbmc68k_reduced_lognorm.csv',
    'pbmc68k_reduced_lognorm.csv',
  ]) {
    const s = run(INITIAL_STATE, { type: 'dataset-opened', summary: { ...dataset(), source } });
    assert.equal(
      trainControls(s).labelLine,
      'Training on pbmc68k_reduced_lognorm.csv, label column “label”.',
      source,
    );
  }
  const folder = run(INITIAL_STATE, {
    type: 'dataset-opened',
    summary: { ...dataset(), source: '/data/run1/filtered_feature_bc_matrix/' },
  });
  // a Cell Ranger folder as the File line names it: every sample's is filtered_feature_bc_matrix
  assert.match(trainControls(folder).labelLine, /^Training on run1\/filtered_feature_bc_matrix, /);
});

// A walkthrough: Start clicked while another file uploaded trained the new file with the old label column.
test('Start waits while another file uploads or opens, and says so', () => {
  for (const kind of ['upload', 'import', 'metadata'] as const) {
    const message = `Uploading counts.h5ad…`;
    const busy = run(opened, { type: 'busy', task: { kind, message, fraction: null, cancellable: true } });
    assert.deepEqual(trainControls(busy), {
      startDisabled: true,
      stopDisabled: true,
      stopLabel: 'Stop',
      labelLine: 'Uploading counts.h5ad… Start training waits until it is open.',
    });
    assert.equal(trainControls(run(busy, { type: 'idle' })).startDisabled, false);
  }
  // other work (an export, a column's values) leaves the data as it is
  const exporting = run(opened, {
    type: 'busy',
    task: { kind: 'export', message: 'Writing…', fraction: null, cancellable: false },
  });
  assert.equal(trainControls(exporting).startDisabled, false);
});

test('the request takes the preprocessing the Import screen left in the state, not its form', () => {
  const untouched = startRequest(opened, {});
  assert.ok('request' in untouched);
  assert.deepEqual(untouched.request, { labelColumn: 'label' }, 'defaults are not sent');
  const edited = run(opened, {
    type: 'preprocess-edited',
    values: { normalize: 'true', log1p: 'true', topGenes: '500', zscore: 'true', pcaComponents: '50' },
  });
  const out = startRequest(edited, { epochs: '7' });
  assert.ok('request' in out);
  assert.deepEqual(out.request, { labelColumn: 'label', epochs: 7, preprocess: { topGenes: 500 } });
  assert.equal(out.dataset.datasetId, 'd1');
});

test('nothing to train on, or a bad setting, becomes a notice that names the problem', () => {
  assert.deepEqual(startRequest(INITIAL_STATE, {}), {
    notice: {
      level: 'info',
      title: 'Nothing to train on',
      message: 'Open a file or the sample on the Import screen first.',
      about: 'run',
    },
  });
  const bad = startRequest(run(opened, { type: 'preprocess-edited', values: { topGenes: '-1' } }), {
    batchSize: '1',
  });
  assert.ok('notice' in bad);
  assert.equal(bad.notice.level, 'error');
  assert.equal(bad.notice.title, 'Check the settings');
  assert.match(bad.notice.message, /Batch size must be between 2 and/);
  assert.match(bad.notice.message, /Most variable genes must be between 0 and/);
  const noLabel = startRequest(run(opened, { type: 'label-chosen', column: null }), {});
  assert.ok('notice' in noLabel);
  assert.match(noLabel.notice.message, /Choose a label column/);
});

test('a refused start\'s "Check the settings" goes once a run starts with the settings fixed', () => {
  // the page dispatches the refusal as a notice (train-screen.ts start); it stood over Explore and the
  // finished run's screens after the corrected settings had trained
  const refused = startRequest(opened, { margin: '-1' });
  assert.ok('notice' in refused);
  let s = run(opened, { type: 'notice', ...refused.notice });
  assert.deepEqual(
    s.notices.map((n) => n.title),
    ['Check the settings'],
  );
  const fixed = startRequest(s, { margin: '2.5' });
  assert.ok('request' in fixed);
  s = run(s, { type: 'training-started', runId: 'r1' });
  assert.deepEqual(s.notices, []);
});

test("a page that saw none or only the last of a run's steps draws its earlier epochs' loss from the result", () => {
  const history = [1, 2, 3, 4].map((epoch) => ({ epoch, loss: 1 / epoch, activeFraction: 0.5 / epoch }));
  const finished = (runId: string) => event({ type: 'run-finished', result: result(runId, { history }) });
  // reloaded after the run: its chart was empty, Loss and Active triplets '—', beside "finished"
  const reloaded = run(opened, finished('r1')).training;
  assert.ok(reloaded);
  assert.deepEqual(
    reloaded.lossPoints,
    history.map((h) => ({ x: h.epoch, loss: h.loss, activeFraction: h.activeFraction })),
  );
  assert.equal(progressText(reloaded).loss, progressText({ ...reloaded, loss: 0.25 }).loss);
  // and Epoch '—', Elapsed 0.0 s: now the last epoch of the budget and the training's time, from its report
  const report = { parameters: { epochs: 30 }, timings: { trainMs: 83_000 } };
  const reported = run(opened, event({ type: 'run-finished', result: result('r3', { history, report }) }));
  assert.equal(progressText(reported.training).epoch, '4 / 30');
  assert.equal(
    progressText(reported.training).elapsed,
    progressText({ ...reloaded, elapsedMs: 83_000 }).elapsed,
  );
  assert.notEqual(
    progressText(reported.training).elapsed,
    progressText({ ...reloaded, elapsedMs: 0 }).elapsed,
  );
  // a report without them (an older engine's): the epochs the history holds, no time said
  assert.equal(progressText(reloaded).epoch, '4 / 4');
  // reloaded during epoch 3: its chart started there
  const joined = run(
    opened,
    { type: 'training-started', runId: 'r2' },
    event({
      type: 'train-progress',
      runId: 'r2',
      epoch: 3,
      epochs: 4,
      step: 1,
      steps: 2,
      loss: 0.3,
      activeFraction: 0.1,
      elapsedMs: 1,
      etaMs: 1,
    }),
    finished('r2'),
  ).training;
  assert.deepEqual(
    joined?.lossPoints.map((p) => p.x),
    [1, 2, 2.5],
  );
  // what the page saw of the run stays: its epoch budget and elapsed time
  assert.equal(joined?.epochs, 4);
  assert.equal(joined?.elapsedMs, 1);
});

test("a stage's step is said after the stage, as the CLI says it, until the next stage or the first step", () => {
  let s = run(opened, { type: 'training-started', runId: 'r1' });
  s = run(s, event({ type: 'train-stage', runId: 'r1', stage: 'preprocess' }));
  s = run(
    s,
    event({
      type: 'train-stage',
      runId: 'r1',
      stage: 'preprocess',
      step: { name: 'gene-statistics', done: 40_000, total: 100_000 },
    }),
  );
  assert.equal(
    progressText(s.training, 12_000).stage,
    'preprocess: gene statistics, 40\u202f000 of 100\u202f000 cells (12 s)',
  );
  assert.equal(
    progressText(s.training, 12_000, rowWords('text')).stage,
    'preprocess: gene statistics, 40\u202f000 of 100\u202f000 rows (12 s)',
  );
  s = run(s, event({ type: 'train-stage', runId: 'r1', stage: 'split' }));
  assert.equal(progressText(s.training, 12_000).stage, 'split (12 s)');
  s = run(s, event({ type: 'train-stage', runId: 'r1', stage: 'train', step: { name: 'neighbours' } }));
  assert.equal(progressText(s.training, 12_000).stage, 'train: finding input-space neighbours (12 s)');
  s = run(
    s,
    event({
      type: 'train-progress',
      runId: 'r1',
      epoch: 1,
      epochs: 2,
      step: 1,
      steps: 4,
      loss: 0.5,
      activeFraction: 0.5,
      elapsedMs: 100,
      etaMs: 1000,
    }),
  );
  assert.equal(progressText(s.training, 0).stage, 'training');
});

test('progress before the first step: a moving bar, the time in the stage, no elapsed time stuck at 0', () => {
  let s = run(opened, { type: 'training-started', runId: 'r1' });
  s = run(s, event({ type: 'train-stage', runId: 'r1', stage: 'preprocess' }));
  const p = progressText(s.training, 65_000);
  assert.equal(p.value, null);
  assert.equal(p.stage, 'preprocess (1 min 5 s)');
  assert.equal(p.elapsed, '—');
  // after the steps, a stage without events (the metrics) keeps its time; the bar stays where training left it
  s = run(
    s,
    event({
      type: 'train-progress',
      runId: 'r1',
      epoch: 2,
      epochs: 2,
      step: 2,
      steps: 2,
      loss: 0.25,
      activeFraction: 0.5,
      elapsedMs: 2000,
      etaMs: 0,
    }),
    event({ type: 'train-stage', runId: 'r1', stage: 'metrics' }),
  );
  const after = progressText(s.training, 8_000);
  assert.equal(after.value, 1);
  assert.equal(after.stage, 'metrics (8.0 s)');
  assert.equal(after.elapsed, '2.0 s');
});

test('progress: fraction through the epochs, the stage in words, time left only while running', () => {
  assert.deepEqual(progressText(null), {
    value: 0,
    stage: '—',
    epoch: '—',
    loss: '—',
    active: '—',
    elapsed: '—',
    eta: '—',
  });
  let s = run(opened, { type: 'training-started', runId: 'r1' });
  s = run(
    s,
    event({
      type: 'train-progress',
      runId: 'r1',
      epoch: 2,
      epochs: 4,
      step: 1,
      steps: 2,
      loss: 0.25,
      activeFraction: 0.5,
      elapsedMs: 2000,
      etaMs: 6000,
    }),
  );
  const p = progressText(s.training);
  assert.equal(p.value, 0.375);
  assert.equal(p.stage, 'training');
  assert.equal(p.epoch, '2 / 4');
  assert.equal(p.loss, '0.2500');
  assert.equal(p.active, '50 %');
  assert.equal(p.elapsed, '2.0 s');
  assert.equal(p.eta, 'a few seconds left');
  assert.equal(progressText(run(s, { type: 'stop-requested' }).training).stage, 'stopping…');
  const early = run(
    s,
    event({
      type: 'run-finished',
      result: result('r1', { stoppedReason: 'early-stopping', stopMessage: 'no gain in 5 epochs' }),
    }),
  );
  const done = progressText(early.training);
  assert.equal(done.value, 1);
  assert.equal(done.stage, 'finished (no gain in 5 epochs)');
  assert.equal(done.eta, '—');
  const nan = run(s, event({ type: 'run-finished', result: result('r1', { stoppedReason: 'nan' }) }));
  assert.equal(progressText(nan.training).stage, 'stopped: loss became NaN');
});

test('progress of a budgeted run: the fraction and the step count by the budget, the time left in words, the reason at the end', () => {
  let s = run(opened, { type: 'training-started', runId: 'r1' });
  const at = (totalStep: number, etaMs: number) =>
    event({
      type: 'train-progress',
      runId: 'r1',
      epoch: 2,
      epochs: 30,
      step: 100,
      steps: 1000,
      loss: 0.25,
      activeFraction: 0.5,
      elapsedMs: 60_000,
      etaMs,
      totalStep,
      totalSteps: 4000,
    });
  s = run(s, at(1100, 130_000));
  const p = progressText(s.training);
  assert.equal(p.value, 1100 / 4000);
  assert.equal(p.epoch, '2 / 30, step 1\u202f100 of 4\u202f000');
  // the budget's estimate is a ceiling: the plateau check usually stops the run sooner
  assert.equal(p.eta, 'up to about 2 min left');
  // it updates as the estimate moves
  s = run(s, at(3900, 20_000));
  assert.equal(progressText(s.training).eta, 'up to about 20 s left');
  assert.equal(progressText(s.training).value, 3900 / 4000);
  const plateau = run(
    s,
    event({
      type: 'run-finished',
      result: result('r1', { stoppedReason: 'plateau', stopMessage: 'Stopped at step 3900: no gain' }),
    }),
  );
  assert.equal(progressText(plateau.training).stage, 'finished (Stopped at step 3900: no gain)');
  const budget = run(s, event({ type: 'run-finished', result: result('r1', { stoppedReason: 'budget' }) }));
  assert.equal(progressText(budget.training).stage, 'finished (step budget reached)');
});

test('after its steps a run says it is finishing: the steps’ last estimate is not the embedding’s or metrics’', () => {
  let s = run(opened, { type: 'training-started', runId: 'r1' });
  s = run(
    s,
    event({
      type: 'train-progress',
      runId: 'r1',
      epoch: 4,
      epochs: 30,
      step: 375,
      steps: 625,
      loss: 0.01,
      activeFraction: 0.01,
      elapsedMs: 85_000,
      etaMs: 540_000,
      totalStep: 2250,
      totalSteps: 14824,
    }),
  );
  assert.equal(progressText(s.training).eta, 'up to about 9 min left');
  for (const stage of ['embed', 'metrics', 'report']) {
    const after = run(s, event({ type: 'train-stage', runId: 'r1', stage }));
    assert.equal(progressText(after.training, 1000).eta, 'finishing', stage);
  }
});

test('progress before any step was timed: the time left is being estimated', () => {
  let s = run(opened, { type: 'training-started', runId: 'r1' });
  s = run(
    s,
    event({
      type: 'train-progress',
      runId: 'r1',
      epoch: 1,
      epochs: 3,
      step: 1,
      steps: 10,
      loss: 0.5,
      activeFraction: 1,
      elapsedMs: 100,
      etaMs: NaN,
      totalStep: 1,
      totalSteps: 30,
    }),
  );
  assert.equal(progressText(s.training).eta, 'estimating time left…');
  // a run that ends with its epochs shows no step count
  assert.equal(progressText(s.training).epoch, '1 / 3');
});

/** Live labels as a page gets them from a text reply (a reopened session's page answers with the run's labels). */
function textLabels(values: string[]): LiveLabels {
  const labels = liveLabelsOf('d1', 'label', { kind: 'text', name: 'label', values });
  assert.ok(labels);
  return labels;
}

test('the live map colours snapshot rows by the labels fetched at start, the final map by its own', () => {
  const labels = textLabels(['x', 'y', 'z']);
  assert.equal(needsLiveLabels(null, 'd1', 'label'), true);
  assert.equal(needsLiveLabels(labels, 'd1', 'label'), false);
  assert.equal(needsLiveLabels(labels, 'd2', 'label'), true);
  assert.equal(needsLiveLabels(labels, 'd1', 'other'), true);

  let s = run(opened, { type: 'training-started', runId: 'r1' });
  assert.equal(liveMap(s, labels), null, 'no map before the first snapshot');
  s = run(
    s,
    event({
      type: 'embedding-snapshot',
      runId: 'r1',
      epoch: 2,
      coords: { data: Float32Array.from([0, 0, 1, 1]), rows: 2, cols: 2 },
      rows: Int32Array.from([2, 0]),
    }),
  );
  const snap = liveMap(s, labels);
  assert.equal(snap?.caption, 'Epoch 2: cells coloured by label.');
  // a page reloaded during the run has no labels for its snapshots: it does not claim to colour by them
  assert.equal(
    liveMap(s, null)?.caption,
    'Epoch 2: cells in grey until the run ends (this page has not read their labels).',
  );
  const names = [...new Set((snap?.figure.data ?? []).map((t) => (t as { name?: string }).name))].sort();
  assert.deepEqual(names, ['x', 'z'], 'rows 2 and 0 of the label column');
  assert.equal(snap?.figure.layout.showlegend, false);
  s = run(s, event({ type: 'run-finished', result: result('r1') }));
  const final = liveMap(s, null);
  assert.equal(final?.caption, 'Final map after epoch 4: cells coloured by label.');
  assert.deepEqual(
    [...new Set((final?.figure.data ?? []).map((t) => (t as { name?: string }).name))].sort(),
    ['x', 'y'],
  );
});

test('a big live map in 3-D draws the subsample under the limit it is given and says so', () => {
  const rows = 400;
  const values = Array.from({ length: rows }, (_, i) => (i % 2 ? 'x' : 'y'));
  const labels = textLabels(values);
  let s = run(opened, { type: 'training-started', runId: 'r1' });
  s = run(
    s,
    event({
      type: 'embedding-snapshot',
      runId: 'r1',
      epoch: 1,
      coords: { data: Float32Array.from({ length: rows * 3 }, (_, i) => (i * 0.37) % 5), rows, cols: 3 },
    }),
  );
  const drawn = (m: ReturnType<typeof liveMap>) =>
    (m?.figure.data ?? []).reduce(
      (sum, t) => sum + ((t as { customdata?: ArrayLike<number> }).customdata?.length ?? 0),
      0,
    );
  const small = liveMap(s, labels, 100);
  assert.equal(drawn(small), 100);
  assert.equal(
    small?.caption,
    'Epoch 1: cells coloured by label. Showing a density-preserving subsample of 100 of 400 cells.',
  );
  const whole = liveMap(s, labels);
  assert.equal(drawn(whole), rows);
  assert.equal(whole?.caption, 'Epoch 1: cells coloured by label.');
});

test('the live map of a big run draws at most 20 000 points (LIVE_MAP_POINTS), in 3-D and in 2-D', () => {
  const rows = 50_000;
  const values = Array.from({ length: rows }, (_, i) => `c${i % 7}`);
  const labels = textLabels(values);
  const drawn = (m: ReturnType<typeof liveMap>) =>
    (m?.figure.data ?? []).reduce(
      (sum, t) => sum + ((t as { customdata?: ArrayLike<number> }).customdata?.length ?? 0),
      0,
    );
  for (const cols of [3, 2]) {
    let s = run(opened, { type: 'training-started', runId: 'r1' });
    s = run(
      s,
      event({
        type: 'embedding-snapshot',
        runId: 'r1',
        epoch: 1,
        coords: { data: Float32Array.from({ length: rows * cols }, (_, i) => (i * 0.37) % 5), rows, cols },
      }),
    );
    const map = liveMap(s, labels);
    assert.ok(Math.abs(drawn(map) - 20_000) <= 7, `${cols}-D: ${drawn(map)}`);
    assert.match(
      map?.caption ?? '',
      /Showing a density-preserving subsample of (19\D?99\d|20\D?00\d) of 50\D?000 cells\.$/,
    );
  }
});

test('the finished run is summed up with its regime and the notes on its metrics (issue 13)', () => {
  let s = run(opened, { type: 'training-started', runId: 'r1' });
  assert.deepEqual(finishedRunSummary(s), [], 'nothing while training');
  const note = 'too small a hold-out for a reliable estimate (only 3 held-out cells)';
  s = run(
    s,
    event({
      type: 'run-finished',
      result: result('r1', {
        report: { regime: 'small', metricNotes: { knn_holdout: note, knn_holdout_pca: note } },
      }),
    }),
  );
  const lines = finishedRunSummary(s);
  assert.equal(
    lines[0],
    'kNN accuracy of held-out cells 50.0 % (PCA baseline 25.0 %), trustworthiness 0.900.',
  );
  assert.match(lines[1], /^Regime: small \(/);
  assert.equal(lines[2], `kNN accuracy, held-out cells, PCA baseline: ${note}.`);
  assert.equal(lines.length, 3);
  // a standard run without caveats: its figures and regime only
  const plain = run(
    opened,
    event({ type: 'run-finished', result: result('r2', { report: { regime: 'standard' } }) }),
  );
  assert.deepEqual(finishedRunSummary(plain).slice(1), ['Regime: standard.']);
  // the next run starts: the old summary goes
  assert.deepEqual(finishedRunSummary(run(s, { type: 'training-started', runId: 'r3' })), []);
});

// A walkthrough (the 38-sample Golub leukaemia panel as a CSV): the Train screen said "Final map after epoch 3:
// cells coloured by label" and "kNN accuracy of held-out cells … 30 training cells".
test('a text table’s run says rows in the live map’s caption and the finished-run summary; an h5ad’s cells', () => {
  const textFormat = { kind: 'text' as const, matrix: '', layers: [], obsm: [] };
  const h5adFormat = { kind: 'h5ad' as const, matrix: 'X', layers: [], obsm: [] };
  const summed = (kind: 'text' | 'h5ad') => {
    const format = kind === 'text' ? textFormat : h5adFormat;
    let s = run(INITIAL_STATE, {
      type: 'dataset-opened',
      summary: datasetFixture({ ...dataset(), format }),
    });
    s = run(s, { type: 'training-started', runId: 'r1' });
    const report = {
      regime: 'small',
      split: { train: 30 },
      input: { format: { kind, matrix: format.matrix } },
    };
    s = run(s, event({ type: 'run-finished', result: result('r1', { report }) }));
    return { caption: liveMap(s, null)?.caption, lines: finishedRunSummary(s) };
  };
  const bulk = summed('text');
  assert.equal(bulk.caption, 'Final map after epoch 4: rows coloured by label.');
  assert.equal(
    bulk.lines[0],
    'kNN accuracy of held-out rows 50.0 % (PCA baseline 25.0 %), trustworthiness 0.900.',
  );
  assert.match(bulk.lines[1], /^Regime: small \(30 training rows, at most 100: /);
  const cells = summed('h5ad');
  assert.equal(cells.caption, 'Final map after epoch 4: cells coloured by label.');
  assert.equal(
    cells.lines[0],
    'kNN accuracy of held-out cells 50.0 % (PCA baseline 25.0 %), trustworthiness 0.900.',
  );
  assert.match(cells.lines[1], /^Regime: small \(30 training cells, at most 100: /);
});

test("the live map draws the same classes from the engine's coded labels as from the text they stand for", () => {
  const rows = 3000;
  // more than 256 classes would need four bytes a code: here a byte, with '' (unlabeled) among them
  const values = Array.from({ length: rows }, (_, i) => (i % 11 === 0 ? '' : `type ${(i * 7) % 13}`));
  const coded = liveLabelsOf('d1', 'label', { kind: 'coded', name: 'label', ...encodeColumnCodes(values) });
  assert.ok(coded);
  assert.ok(coded.labels.codes instanceof Uint8Array);
  let s = run(opened, { type: 'training-started', runId: 'r1' });
  s = run(
    s,
    event({
      type: 'embedding-snapshot',
      runId: 'r1',
      epoch: 1,
      coords: {
        data: Float32Array.from({ length: 1000 * 2 }, (_, i) => (i * 0.37) % 5),
        rows: 1000,
        cols: 2,
      },
      // the snapshot's rows are dataset rows, in any order
      rows: Int32Array.from({ length: 1000 }, (_, i) => (i * 1013) % rows),
    }),
  );
  const classes = (m: ReturnType<typeof liveMap>) =>
    (m?.figure.data ?? []).map((t) => {
      const trace = t as { name?: string; customdata?: ArrayLike<number> };
      return [trace.name, Array.from(trace.customdata ?? [])];
    });
  const fromCodes = classes(liveMap(s, coded));
  assert.deepEqual(fromCodes, classes(liveMap(s, textLabels(values))));
  // and they are the snapshot rows' own labels
  const names = new Set(Array.from({ length: 1000 }, (_, i) => values[(i * 1013) % rows] || 'unlabeled'));
  assert.deepEqual(new Set(fromCodes.map(([name]) => name).filter((n) => names.has(String(n)))), names);
});

// The metrics of a run stopped in its epochs take minutes at 10⁵ cells: the stage line said only "stopping…"
// all along, as if the run hung; it now says which metric is computed, and how far, as a running run's does.
test('a stopping run says the metric it still computes, and its step', () => {
  const stage = (stage: string, step?: StageStep) => event({ type: 'train-stage', runId: 'r1', stage, step });
  const training = run(opened, { type: 'training-started', runId: 'r1' }, stage('train'));
  const stopping = run(training, { type: 'stop-requested' });
  assert.equal(progressText(stopping.training).stage, 'stopping…', 'its epochs still ending');
  const step: StageStep = { name: 'knn-input', done: 4096, total: 15000 };
  const metrics = run(stopping, stage('metrics', step));
  assert.equal(
    progressText(metrics.training).stage,
    `stopping… metrics: ${stageStepText(step, rowWords(undefined))}`,
  );
  assert.match(
    progressText(metrics.training).stage,
    /kNN accuracy in the input space, 4\s096 of 15\s000 cells$/u,
  );
});

test('a retrain’s map so far is coloured by its edited labels, on the page that started it', () => {
  const editedLabels = {
    column: 'label_edited',
    source: 'label',
    categories: ['x renamed', 'z'],
    codes: Int32Array.from([0, -1, 1]),
  };
  let s = run(opened, { type: 'training-started', runId: 'r2', editedLabels });
  assert.equal(s.training?.editedLabels, editedLabels, 'the run’s view keeps the labels it trains on');
  s = run(
    s,
    event({
      type: 'embedding-snapshot',
      runId: 'r2',
      epoch: 1,
      coords: { data: Float32Array.from([0, 0, 1, 1, 2, 2]), rows: 3, cols: 2 },
      rows: Int32Array.from([2, 1, 0]),
    }),
  );
  const snap = liveMap(s, editedLiveLabels('d1', editedLabels));
  assert.equal(snap?.caption, 'Epoch 1: cells coloured by label_edited.');
  const names = new Set((snap?.figure.data ?? []).map((t) => (t as { name?: string }).name));
  assert.ok(names.has('x renamed') && names.has('z'), `the edited classes: ${[...names].join(', ')}`);
});
