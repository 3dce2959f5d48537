import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatasetSummary } from '../../src/api/engine-api.js';
import { INITIAL_STATE, isTraining, MAX_NOTICES, reduce, type Action } from '../../renderer/state.js';
import { projectedNotices } from '../../renderer/screens/project/project-model.js';
import { datasetFixture, projectedFixture, runResultFixture } from './fixtures.js';
import { run, event } from './reduce-steps.js';

const dataset = (id: string, over: Partial<DatasetSummary> = {}): DatasetSummary =>
  datasetFixture({ datasetId: id, ...over });

const result = runResultFixture;

const progress = (runId: string, epoch: number, loss: number): Action =>
  event({
    type: 'train-progress',
    runId,
    epoch,
    epochs: 10,
    step: 2,
    steps: 2,
    loss,
    activeFraction: 0.5,
    elapsedMs: 100 * epoch,
    etaMs: 1000 - 100 * epoch,
  });

test('opening a file picks the suggested label and turns import warnings into notes', () => {
  const s = run(INITIAL_STATE, {
    type: 'dataset-opened',
    summary: dataset('d1', { warnings: [{ code: 'dup', message: '2 duplicate genes renamed' }] }),
  });
  assert.equal(s.labelColumn, 'label');
  assert.equal(s.notices.length, 1);
  assert.equal(s.notices[0].level, 'warning');
  assert.match(s.notices[0].message, /duplicate genes/);
});

test('a failed import keeps the loaded dataset and its run', () => {
  let s = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    { type: 'training-started', runId: 'r1' },
    event({ type: 'run-finished', result: result('r1') }),
  );
  s = run(s, {
    type: 'busy',
    task: { kind: 'import', message: 'Reading bad.csv…', fraction: null, cancellable: true },
  });
  s = run(s, {
    type: 'failed',
    title: 'Import failed',
    error: { kind: 'import', message: 'bad.csv line 3, column 2: not a number' },
  });
  assert.equal(s.busy, null);
  assert.equal(s.dataset?.datasetId, 'd1');
  assert.equal(s.result?.runId, 'r1');
  assert.equal(s.notices.at(-1)?.title, 'Import failed');
  assert.match(s.notices.at(-1)?.message ?? '', /line 3, column 2/);
});

test('joining metadata keeps the chosen label and the finished run; a new file clears them', () => {
  let s = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    { type: 'training-started', runId: 'r1' },
    event({ type: 'run-finished', result: result('r1') }),
  );
  s = run(s, {
    type: 'metadata-joined',
    summary: dataset('d2', {
      metadataSource: 'meta.csv',
      suggestedLabel: 'other',
      metadata: [
        { name: 'label', distinct: 2, missing: 0, topValues: [] },
        { name: 'other', distinct: 3, missing: 0, topValues: [] },
      ],
    }),
  });
  assert.equal(s.labelColumn, 'label');
  assert.equal(s.result?.runId, 'r1');
  s = run(s, { type: 'dataset-opened', summary: dataset('d3', { suggestedLabel: null }) });
  assert.equal(s.labelColumn, null);
  assert.equal(s.result, null);
  assert.equal(s.training, null);
});

test('progress events of the current run build the loss curve; other runs are ignored', () => {
  const s = run(
    INITIAL_STATE,
    { type: 'training-started', runId: 'r1' },
    progress('r1', 1, 0.9),
    progress('old', 1, 5),
    progress('r1', 2, 0.5),
  );
  assert.ok(s.training);
  assert.equal(s.training.epoch, 2);
  assert.equal(s.training.loss, 0.5);
  assert.deepEqual(
    s.training.lossPoints.map((p) => [p.x, p.loss]),
    [
      [1, 0.9],
      [2, 0.5],
    ],
  );
  assert.ok(isTraining(s));
});

test('a NaN loss is not plotted', () => {
  const s = run(
    INITIAL_STATE,
    { type: 'training-started', runId: 'r1' },
    progress('r1', 1, 0.9),
    progress('r1', 2, NaN),
  );
  assert.equal(s.training?.lossPoints.length, 1);
});

test('a finished run moves from Train to Explore; a NaN stop stays and explains', () => {
  const base = run(
    INITIAL_STATE,
    { type: 'show-screen', screen: 'train' },
    { type: 'training-started', runId: 'r1' },
  );
  const done = run(base, event({ type: 'run-finished', result: result('r1') }));
  assert.equal(done.screen, 'explore');
  assert.equal(done.training?.status, 'finished');
  assert.equal(isTraining(done), false);
  const nan = run(base, event({ type: 'run-finished', result: result('r1', { stoppedReason: 'nan' }) }));
  assert.equal(nan.screen, 'train');
  assert.match(nan.notices.at(-1)?.title ?? '', /NaN/);
});

test('a dead worker fails the running run, clears busy, and keeps data and result', () => {
  let s = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    { type: 'training-started', runId: 'r1' },
    event({ type: 'run-finished', result: result('r1') }),
    { type: 'training-started', runId: 'r2' },
  );
  s = run(s, { type: 'busy', task: { kind: 'label', message: 'x', fraction: null, cancellable: false } });
  s = run(
    s,
    event({ type: 'worker-exit', message: 'The engine worker exited', code: null, signal: 'SIGKILL' }),
  );
  assert.equal(s.training?.status, 'failed');
  assert.equal(s.busy, null);
  assert.equal(s.workerExits, 1);
  assert.equal(s.dataset?.datasetId, 'd1');
  assert.match(s.notices.at(-1)?.message ?? '', /The engine worker exited.*stays loaded/);
});

test('a dead worker during training is reported once, whichever event comes first', () => {
  const base = run(INITIAL_STATE, { type: 'training-started', runId: 'r1' });
  const message = 'The engine worker was killed by SIGKILL unexpectedly.';
  const failed = event({ type: 'run-failed', runId: 'r1', error: { kind: 'worker', message } });
  const exit = event({ type: 'worker-exit', message, code: null, signal: 'SIGKILL' });
  for (const order of [
    [failed, exit],
    [exit, failed],
  ]) {
    const s = run(base, ...order);
    assert.equal(s.notices.length, 1);
    assert.equal(s.training?.status, 'failed');
    assert.equal(s.workerExits, 1);
  }
  // without a message the exit still explains itself
  const bare = run(base, event({ type: 'worker-exit', message: '', code: 3, signal: null }));
  assert.match(bare.notices[0].message, /exit code 3/);
});

test('stop marks the run stopping; notices are capped and dismissable', () => {
  let s = run(INITIAL_STATE, { type: 'training-started', runId: 'r1' }, { type: 'stop-requested' });
  assert.equal(s.training?.status, 'stopping');
  for (let i = 0; i < MAX_NOTICES + 3; i++)
    s = run(s, { type: 'notice', level: 'info', title: `n${i}`, message: '' });
  assert.equal(s.notices.length, MAX_NOTICES);
  assert.equal(s.notices.at(-1)?.title, `n${MAX_NOTICES + 2}`);
  s = run(s, { type: 'dismiss', id: s.notices[0].id });
  assert.equal(s.notices.length, MAX_NOTICES - 1);
});

test('label summaries for a column no longer chosen are dropped', () => {
  const s = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    { type: 'label-chosen', column: 'other' },
    { type: 'label-summary', summary: { column: 'label', classes: [], unlabeled: 0, tooSmall: [] } },
  );
  assert.equal(s.labelSummary, null);
});

test('choosing the label column that is already chosen keeps its class counts', () => {
  const counts = { column: 'label', classes: [{ name: 'B', count: 3 }], unlabeled: 0, tooSmall: [] };
  const s = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    { type: 'label-chosen', column: 'label' },
    { type: 'label-summary', summary: counts },
    { type: 'label-chosen', column: 'label' },
  );
  assert.equal(s.labelColumn, 'label');
  assert.deepEqual(s.labelSummary, counts);
  // another column still clears them (its own counts are fetched)
  assert.equal(reduce(s, { type: 'label-chosen', column: 'other' }).labelSummary, null);
});

test("the Import screen's preprocessing form lives in the state: kept across a metadata join, cleared by another file", () => {
  const edited = { normalize: 'false', topGenes: '500', pcaComponents: '20' };
  let s = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    { type: 'preprocess-edited', values: edited },
  );
  assert.deepEqual(s.preprocessValues, edited);
  assert.notEqual(s.preprocessValues, edited, 'a copy: the page cannot change the state behind the reducer');
  s = run(s, { type: 'metadata-joined', summary: dataset('d1', { metadataSource: 'meta.csv' }) });
  assert.deepEqual(s.preprocessValues, edited, 'joined columns do not change the matrix it preprocesses');
  s = run(s, { type: 'dataset-opened', summary: dataset('d2') });
  assert.deepEqual(s.preprocessValues, {}, 'another file starts from its own recommended settings');
  const dead = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    { type: 'preprocess-edited', values: edited },
    event({ type: 'worker-exit', message: 'gone', code: 1, signal: null, reopens: null }),
  );
  assert.deepEqual(dead.preprocessValues, {}, 'no data loaded: no form to remember');
});

test('a run that ends before its first snapshot shows the final map as "Map so far"', () => {
  const s = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    { type: 'training-started', runId: 'r1' },
    { type: 'engine', event: { type: 'run-finished', result: result('r1') } },
  );
  assert.equal(s.training?.snapshot?.final, true);
  assert.equal(s.training?.snapshot?.coords, s.result?.coords);
  assert.equal(s.training?.snapshot?.rows, null);
});

test('a snapshot keeps the dataset rows its coordinates belong to', () => {
  const rows = Int32Array.from([0, 2]);
  const coords = { data: new Float32Array(6), rows: 2, cols: 3 };
  const s = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    { type: 'training-started', runId: 'r1' },
    { type: 'engine', event: { type: 'embedding-snapshot', runId: 'r1', epoch: 5, coords, rows } },
  );
  assert.deepEqual(s.training?.snapshot, { epoch: 5, coords, rows, final: false });
});

test('a run another page replaced (or a dead worker took) keeps its map, says so, and is marked lost', () => {
  const trained = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    { type: 'training-started', runId: 'r1' },
    event({ type: 'run-finished', result: result('r1') }),
  );
  const message = 'The trained map (r1) is no longer held by the engine because iris.csv was opened.';
  const replaced = run(
    trained,
    event({ type: 'run-discarded', runId: 'r1', cause: 'data-replaced', message }),
  );
  assert.equal(replaced.resultLost, message);
  assert.equal(replaced.result?.runId, 'r1', 'the map stays on screen');
  assert.equal(replaced.notices.at(-1)?.level, 'warning');
  assert.match(replaced.notices.at(-1)?.title ?? '', /replaced/);
  // another run's discard, and this page's own Open (busy importing), change nothing
  assert.equal(
    run(trained, event({ type: 'run-discarded', runId: 'r9', cause: 'data-replaced', message })),
    trained,
  );
  const opening = run(trained, {
    type: 'busy',
    task: { kind: 'import', message: 'Reading', fraction: null, cancellable: true },
  });
  const own = run(opening, event({ type: 'run-discarded', runId: 'r1', cause: 'data-replaced', message }));
  assert.equal(own.resultLost, null);
  // a new run clears the mark
  const retrained = run(replaced, event({ type: 'run-finished', result: result('r2') }));
  assert.equal(retrained.resultLost, null);
  const died = run(
    trained,
    event({ type: 'run-discarded', runId: 'r1', cause: 'worker-exit', message: 'died' }),
  );
  assert.match(died.notices.at(-1)?.title ?? '', /lost/);
});

test('a worker that died with nothing to reopen leaves no data shown as loaded', () => {
  const s = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    event({
      type: 'worker-exit',
      message:
        'The engine worker was killed by SIGABRT. big.csv.gz was being opened and is not loaded. No data is loaded.',
      code: null,
      signal: 'SIGABRT',
      failedOpen: 'big.csv.gz',
      reopens: null,
    }),
  );
  assert.equal(s.dataset, null);
  assert.doesNotMatch(s.notices.at(-1)?.message ?? '', /stays loaded/);
  const kept = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    event({
      type: 'worker-exit',
      message:
        'The engine worker was killed by SIGKILL. The loaded data (pbmc.csv) will be reopened on the next action.',
      code: null,
      signal: 'SIGKILL',
      reopens: 'pbmc.csv',
    }),
  );
  assert.equal(kept.dataset?.datasetId, 'd1');
  assert.doesNotMatch(kept.notices.at(-1)?.message ?? '', /stays loaded/, 'said once, by the host');
});

test('a run that stopped early carries the engine’s reason to the Train screen', () => {
  const stopMessage = 'Stopped early at epoch 5: no triplet was active for 5 epochs';
  const s = run(
    INITIAL_STATE,
    { type: 'training-started', runId: 'r1' },
    event({ type: 'run-finished', result: result('r1', { stoppedReason: 'early-stopping', stopMessage }) }),
  );
  assert.equal(s.training?.stage, 'early-stopping');
  assert.equal(s.training?.stopMessage, stopMessage);
});

test('a newly opened file clears the notices about what it replaced (a failed open, a dead worker, old notes)', () => {
  let s = run(INITIAL_STATE, {
    type: 'dataset-opened',
    summary: dataset('d1', { warnings: [{ code: 'features', message: '1 feature left out' }] }),
  });
  s = run(s, { type: 'training-started', runId: 'r1' });
  s = run(s, {
    type: 'failed',
    title: 'Could not open bad.h5ad',
    error: { kind: 'import', message: 'bad.h5ad: not an HDF5 file' },
  });
  const message = 'The engine worker was killed by SIGKILL. The loaded data (pbmc.csv) will be reopened.';
  s = run(s, event({ type: 'run-failed', runId: 'r1', error: { kind: 'worker', message } }));
  assert.equal(s.notices.length, 3);
  s = run(s, {
    type: 'dataset-opened',
    summary: dataset('d2', { source: 'cells.h5ad', warnings: [{ code: 'dup', message: '2 genes renamed' }] }),
  });
  assert.deepEqual(
    s.notices.map((n) => n.message),
    ['2 genes renamed'],
    'only the new file’s own notes are shown',
  );
});

test('starting a new run clears the notice that the last one failed', () => {
  let s = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    { type: 'training-started', runId: 'r1' },
  );
  s = run(
    s,
    event({ type: 'run-failed', runId: 'r1', error: { kind: 'training', message: 'out of memory' } }),
  );
  s = run(s, { type: 'notice', level: 'info', title: 'Saved', message: 'coords.csv saved' });
  s = run(s, { type: 'training-started', runId: 'r2' });
  assert.deepEqual(
    s.notices.map((n) => n.title),
    ['Saved'],
  );
});

test('selections and label edits are undoable; a run keeps them, another file clears them', () => {
  let s = run(INITIAL_STATE, { type: 'dataset-opened', summary: dataset('d1') });
  const edited = {
    column: 'label_edited',
    source: 'label',
    categories: ['x', 'y'],
    codes: Int32Array.from([1, 1, 0]),
  };
  s = run(
    s,
    { type: 'annotate', label: 'Select 2 cells', selection: Int32Array.from([0, 1]) },
    { type: 'annotate', label: 'Label 2 cells as y', editedLabels: edited },
  );
  assert.equal(s.annotation.present.editedLabels, edited);
  s = run(s, { type: 'undo' });
  assert.equal(s.annotation.present.editedLabels, null);
  assert.deepEqual([...s.annotation.present.selection], [0, 1]);
  s = run(s, { type: 'redo' });
  assert.equal(s.annotation.present.editedLabels, edited);

  s = run(s, { type: 'engine', event: { type: 'run-finished', result: result('r1') } });
  assert.equal(s.annotation.present.editedLabels, edited, 'a run on the same data keeps the edits');

  s = run(s, { type: 'dataset-opened', summary: dataset('d2') });
  assert.equal(s.annotation.present.editedLabels, null);
  assert.equal(s.annotation.present.selection.length, 0);
  assert.equal(s.annotation.past.length, 0, 'nothing to undo into the old file');
});

const donor = { name: 'donor', distinct: 2, missing: 0, topValues: [] };
const flatCoords = { data: new Float32Array(6), rows: 3, cols: 2 };

test('the Explore view settings live in the state: a retrain keeps the 2-D/3-D choice and colouring, another file starts a new colour book', () => {
  const opened = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1', { metadata: [...dataset('d1').metadata, donor] }) },
    event({ type: 'run-finished', result: result('r1') }),
  );
  const edited = run(
    opened,
    { type: 'explore-view', patch: { dims: '2', pointSize: 9, colorBy: 'gene', gene: 'CD3E' } },
    { type: 'explore-view', patch: { classColours: { B: '#1f77b4' } } },
  );
  assert.deepEqual(edited.exploreView, {
    dims: '2',
    colorBy: 'gene',
    gene: 'CD3E',
    pointSize: 9,
    opacity: INITIAL_STATE.exploreView.opacity,
    classColours: { B: '#1f77b4' },
  });
  // a retrain on the same data: the user's 2-D view and colouring stay (they were reset to 3-D and the label,
  // which the user had to pick again after every retrain)
  const retrained = run(edited, event({ type: 'run-finished', result: result('r2') }));
  assert.deepEqual(retrained.exploreView, edited.exploreView);
  const byDonor = run(retrained, { type: 'explore-view', patch: { colorBy: 'meta:donor' } });
  assert.equal(
    run(byDonor, event({ type: 'run-finished', result: result('r3') })).exploreView.colorBy,
    'meta:donor',
  );
  // a colouring that no longer exists falls back to the label: a column the data lacks, or the run's label
  const gone = run(retrained, { type: 'explore-view', patch: { colorBy: 'meta:gone' } });
  assert.equal(run(gone, event({ type: 'run-finished', result: result('r4') })).exploreView.colorBy, 'label');
  const asLabel = run(
    byDonor,
    event({ type: 'run-finished', result: result('r5', { labelColumn: 'donor' }) }),
  );
  assert.equal(asLabel.exploreView.colorBy, 'label');
  // a 2-column map was 2-D without a choice: the next (3-D) map's dimensions are the screen's pick
  const flat = run(opened, event({ type: 'run-finished', result: result('f1', { coords: flatCoords }) }));
  const flatShown = run(flat, { type: 'explore-view', patch: { dims: '2' } });
  assert.equal(run(flatShown, event({ type: 'run-finished', result: result('f2') })).exploreView.dims, null);
  const other = run(retrained, { type: 'dataset-opened', summary: dataset('d2') });
  assert.deepEqual(other.exploreView.classColours, {});
  assert.equal(other.exploreView.pointSize, 9);
  assert.deepEqual([other.exploreView.dims, other.exploreView.colorBy], [null, 'label']);
});

test('opening another file mid-run keeps the word that the run was cancelled, whichever comes first', () => {
  const cancelled = 'Training was cancelled because other data was opened';
  const started = run(
    INITIAL_STATE,
    { type: 'dataset-opened', summary: dataset('d1') },
    { type: 'training-started', runId: 'r1' },
    { type: 'notice', level: 'info', title: 'Saved', message: 'coords.csv saved' },
    {
      type: 'busy',
      task: { kind: 'import', message: 'Reading iris.csv…', fraction: null, cancellable: true },
    },
  );
  const failed = event({ type: 'run-failed', runId: 'r1', error: { kind: 'training', message: cancelled } });
  const opened: Action = { type: 'dataset-opened', summary: dataset('d2') };
  for (const order of [
    [failed, opened],
    [opened, failed],
  ]) {
    const s = run(started, ...order);
    assert.deepEqual(
      s.notices.map((n) => `${n.title}: ${n.message}`),
      [`Training failed: ${cancelled}`],
      'the cancelled run is reported; the old file’s notes are gone',
    );
    assert.equal(s.dataset?.datasetId, 'd2');
  }
});

test('an export’s “is downloading” notice turns into “was downloaded”, or an error when the download was cut off', () => {
  const downloading = (id: string): Action => ({
    type: 'notice',
    level: 'info',
    title: 'AnnData .h5ad',
    message: `${id}.h5ad (1.0 MB) is downloading: the browser saves it as it arrives.`,
    download: { id, done: `${id}.h5ad (1.0 MB) was downloaded.` },
  });
  const ended = (downloadId: string, ok: boolean): Action =>
    event({ type: 'download-ended', downloadId, fileName: `${downloadId}.h5ad`, ok });
  let s = run(INITIAL_STATE, downloading('a'), downloading('b'));
  s = run(s, ended('other-page', true));
  assert.equal(s.notices.length, 2, 'another page’s download is not ours');
  s = run(s, ended('a', true), ended('b', false));
  assert.deepEqual(
    s.notices.map((n) => [n.level, n.message]),
    [
      ['info', 'a.h5ad (1.0 MB) was downloaded.'],
      [
        'error',
        'b.h5ad did not finish downloading (the download was cancelled or the connection broke); the server keeps no copy: export it again.',
      ],
    ],
  );
  assert.equal(run(s, ended('a', true)), s, 'told twice: nothing more changes');
});

test('Colour ✕ by is kept until another file is projected, which starts from the predicted class', () => {
  const projected = projectedFixture();
  let state = run(INITIAL_STATE, { type: 'projected', result: projected });
  assert.equal(state.projectedColour, '');
  state = run(state, { type: 'projected-colour', column: 'donor' });
  assert.equal(state.projectedColour, 'donor');
  assert.equal(state.projected, projected);
  state = run(state, { type: 'projected', result: { ...projected, source: 'other.csv' } });
  assert.equal(state.projectedColour, '');
});

test('a step that overtakes the start reply is kept with its stage', () => {
  const opened = run(INITIAL_STATE, { type: 'dataset-opened', summary: dataset('d1') });
  const step = { name: 'library-sizes' as const, done: 0, total: 10 };
  const s = run(opened, event({ type: 'train-stage', runId: 'r2', stage: 'preprocess', step }), {
    type: 'training-started',
    runId: 'r2',
  });
  assert.equal(s.training?.stage, 'preprocess');
  assert.deepEqual(s.training?.stageStep, step);
});

test('a stage that overtakes the start reply is the new run’s stage once the reply comes', () => {
  const opened = run(INITIAL_STATE, { type: 'dataset-opened', summary: dataset('d1') });
  const s = run(opened, event({ type: 'train-stage', runId: 'r2', stage: 'preprocess' }), {
    type: 'training-started',
    runId: 'r2',
  });
  assert.equal(s.training?.runId, 'r2');
  assert.equal(s.training?.stage, 'preprocess');
  assert.equal(s.earlyStage, undefined);
  // another run's stage is no stage of this one
  const other = run(opened, event({ type: 'train-stage', runId: 'r9', stage: 'metrics' }), {
    type: 'training-started',
    runId: 'r3',
  });
  assert.equal(other.training?.stage, 'starting');
});

// A scanpy walkthrough: after Remove projected cells, the banner "350 cells from half.h5ad (X) are shown on
// the map as ✕ … Remove them under Project another file" and the read's warning ("the map will be wrong")
// stayed over a map without crosses; a new run, which takes the crosses off, left them too.
test('what a projection said about its cells goes when they leave the map: removed, replaced, a new run', () => {
  const projected = {
    ...projectedFixture(),
    warnings: ['the model was trained on raw counts: the map will be wrong'],
    notes: ['Metadata file meta.csv: 350 of 350 cells matched.'],
  };
  const shown = (p: typeof projected): Action[] => [
    { type: 'projected', result: p },
    ...projectedNotices(p).map((n): Action => ({ type: 'notice', ...n })),
  ];
  const before = run(INITIAL_STATE, { type: 'notice', level: 'info', title: 'Other', message: 'kept' });
  const withCells = run(before, ...shown(projected));
  assert.equal(withCells.notices.length, 4, 'the cells shown, the warning and the note, and the other one');
  const removed = run(withCells, { type: 'projected', result: null });
  assert.deepEqual(
    removed.notices.map((n) => n.message),
    ['kept'],
  );
  const other = { ...projected, source: 'other.h5ad', warnings: [], notes: [] };
  const replaced = run(withCells, ...shown(other));
  assert.deepEqual(
    replaced.notices.map((n) => n.title),
    ['Other', 'Projected other.h5ad'],
  );
  const retrained = run(withCells, { type: 'training-started', runId: 'r2' });
  assert.deepEqual(
    retrained.notices.map((n) => n.message),
    ['kept'],
  );
});
