// What the engine tells a page that joins a run in progress (a reload, a second tab): the run's settings as
// requested and its epochs so far, so the page draws the loss chart from the first epoch, fills the Train
// form and colours the map so far by the run's label column, as the page that started it does.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { EngineState, TrainRequest } from '../../src/api/engine-api.js';
import type { EditedLabels } from '../../src/api/annotation.js';
import type { TrainHistoryEntry, TrainProgress } from '../../src/api/progress.js';
import { appendLossPoint, lossStepPoint, type LossStepPoint } from '../../src/api/loss-steps.js';
import { EngineSession } from '../../src/engine/session.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { outcome } from './session-outcome.js';

test('getState gives the run in progress’s request and the epochs it has finished', async () => {
  const session = new EngineSession();
  try {
    await session.openFile({ kind: 'path', path: join(sharedDataPath(), 'pbmc_small_counts.csv') });
    const request: TrainRequest = {
      labelColumn: 'label',
      epochs: 3,
      margin: 0.7,
      dims: 2,
      snapshotEvery: 1,
      preprocess: { topGenes: 150 },
    };
    // what a page reloaded at the end of each epoch's last step would be told (getState reads the session
    // before its first await: the state at that step)
    const held: {
      epoch: number;
      progress: TrainProgress;
      steps: LossStepPoint[];
      state: Promise<EngineState>;
    }[] = [];
    const epochs: TrainHistoryEntry[] = [];
    // the chart's points of the progress events sent so far, as the page that started the run draws them
    let sent: LossStepPoint[] = [];
    let runId = '';
    session.onEvent((event) => {
      if (event.type === 'train-progress') sent = appendLossPoint(sent, lossStepPoint(event));
      if (event.type === 'train-progress' && event.step === event.steps) {
        const { type: _type, runId: _run, ...progress } = event;
        held.push({ epoch: event.epoch, progress, steps: sent, state: session.getState() });
      }
      if (event.type === 'train-epoch' && event.runId === runId) epochs.push(event.entry);
    });
    const finished = outcome(session);
    runId = (await session.startTraining(request)).runId;
    const result = await finished;
    // each epoch said as it ended, for the host's copy of the state
    assert.deepEqual(epochs, result.history);
    assert.ok(held.length >= 2, `the run reported ${held.length} epochs' last steps`);
    for (const { epoch, progress, steps, state } of held) {
      const s = await state;
      // its elapsed time, time left and steps done, as the step's progress event said them
      assert.deepEqual(s.activeProgress, progress, `during epoch ${epoch}`);
      assert.equal(s.activeRunId, result.runId);
      // the epochs before this one, as the finished run's history records them
      assert.deepEqual(s.activeHistory, result.history.slice(0, epoch - 1), `during epoch ${epoch}`);
      // the step points sent so far, mid-epoch ones too: a joining page draws what the starting page drew
      assert.deepEqual(s.activeSteps, steps, `during epoch ${epoch}`);
      assert.ok(steps.length > epoch - 1, `${steps.length} step points by epoch ${epoch}`);
      assert.deepEqual(s.activeRequest, request);
      // the map so far: the last epoch's snapshot (one an epoch), of the cells the encoder trains on
      assert.equal(s.activeSnapshot?.epoch, epoch > 1 ? epoch - 1 : undefined, `during epoch ${epoch}`);
      if (s.activeSnapshot) assert.equal(s.activeSnapshot.rows.length, s.activeSnapshot.coords.rows);
    }
    // a finished run is no run in progress
    const after = await session.getState();
    assert.equal(after.activeHistory, undefined);
    assert.equal(after.activeSteps, undefined);
    assert.equal(after.activeRequest, undefined);
    assert.equal(after.activeSnapshot, undefined);
    assert.equal(after.activeProgress, undefined);
  } finally {
    session.dispose();
  }
});

test('getState gives a retrain in progress’s settings, on its edited column, and its edited labels', async () => {
  const session = new EngineSession();
  try {
    await session.openFile({ kind: 'path', path: join(sharedDataPath(), 'pbmc_small_counts.csv') });
    const first = outcome(session);
    await session.startTraining({ labelColumn: 'label', epochs: 1, dims: 2, snapshotEvery: 0 });
    const trained = await first;
    // Explore's Edit labels: the first class renamed
    const categories = [...new Set(trained.labels)];
    const edits: EditedLabels = {
      column: 'label_edited',
      source: 'label',
      categories: [`${categories[0]} renamed`, ...categories.slice(1)],
      codes: Int32Array.from(trained.labels, (l) => categories.indexOf(l)),
    };
    const states: Promise<EngineState>[] = [];
    let runId = '';
    session.onEvent((event) => {
      if (event.type === 'train-progress' && event.runId === runId) states.push(session.getState());
    });
    const finished = outcome(session);
    // the Retrain panel's request: no label column, no dims (a fine-tune keeps the last run's), 2 epochs
    const started = await session.retrainWithLabels({ editedLabels: edits, epochs: 2, snapshotEvery: 1 });
    runId = started.runId;
    const sent = Int32Array.from(edits.codes);
    edits.codes.fill(-1); // the page's later edits are not the run's
    await finished;
    assert.ok(states.length > 0, 'the retrain reported its steps');
    for (const state of states) {
      const s = await state;
      assert.equal(s.activeRequest?.labelColumn, 'label_edited', 'the column it trains on');
      assert.equal(s.activeRequest?.epochs, 2);
      assert.equal(s.activeRequest?.dims, 2, 'the last run’s kept settings');
      assert.equal(s.activeRequest?.snapshotEvery, 1);
      assert.deepEqual(s.activeEditedLabels, { ...edits, codes: sent }, 'the labels that colour its map');
      // the reply's settings, which the host's copy of the state keeps for when the worker is busy
      assert.deepEqual(s.activeRequest, started.request);
    }
  } finally {
    session.dispose();
  }
});
