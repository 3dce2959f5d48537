// The polish (issue 13): polishEpochs of the triplet loss alone at polishLearningRate inside one trainer run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { TrainHistoryEntry, TrainProgress } from '../../src/api/progress.js';
import { trainEncoder } from '../../src/train/train-encoder.js';
import { resolveTrainOptions, type TrainOptions } from '../../src/train/options.js';
import { joinOutcomes } from '../../src/train/polish.js';
import type { TrainHooks } from '../../src/train/progress.js';
import { blobs } from './blobs.js';
import { TEST_BACKENDS } from './backends.js';

// the graph term on with a schedule and a warm-up, as the digits recipe: the polish must switch all of it off
const graphRun: TrainOptions = {
  preset: [16, 16],
  epochs: 3,
  batchSize: 24,
  patience: 0,
  graphWeight: 2,
  graphWeightEnd: 6,
  graphEdges: 32,
  graphWarmupSteps: 3,
  graphLearningRateDecay: true,
};

/** The map of every row, the history and the reason of one trainer run (the encoder freed). */
async function trained(
  x: Parameters<typeof trainEncoder>[0],
  labels: Int32Array,
  options: TrainOptions,
  hooks: TrainHooks = {},
) {
  const encoder = await trainEncoder(x, labels, options, hooks);
  const out = {
    coords: Array.from(encoder.embed(x).data),
    history: encoder.history,
    reason: encoder.stoppedReason,
    weights: encoder.weightValues(),
    learningRate: encoder.learningRate,
  };
  encoder.dispose();
  return out;
}

test('the polish options: off by default, 0.0002, their ranges', () => {
  const resolved = resolveTrainOptions({});
  assert.equal(resolved.polishEpochs, 0);
  assert.equal(resolved.polishLearningRate, 0.0002);
  assert.equal(resolved.polishNeighbourShare ?? null, null, 'unset: the run’s neighbourShare');
  assert.throws(() => resolveTrainOptions({ polishNeighbourShare: 1.5 }), /polishNeighbourShare/);
  assert.throws(() => resolveTrainOptions({ polishEpochs: -1 }), /--polish-epochs/);
  assert.throws(() => resolveTrainOptions({ polishEpochs: 1.5 }), /--polish-epochs/);
  assert.throws(() => resolveTrainOptions({ polishLearningRate: 0 }), /--polish-learning-rate/);
});

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: polishEpochs is the two-run recipe in one: triplet-only epochs at polishLearningRate from the run's weights`, async () => {
    await load();
    const { x, labels } = blobs(60, 5, 3, 11);
    const first = await trained(x, labels, graphRun);
    // the second run as fine-tuning (bench/objective-sweep.ts --then) makes it
    const then = await trained(
      x,
      labels,
      { ...graphRun, graphWeight: 0, epochs: 2, patience: 0, learningRate: 0.003 },
      { initialWeights: first.weights },
    );
    const start = tf.memory().numTensors;
    const polished = await trained(x, labels, { ...graphRun, polishEpochs: 2, polishLearningRate: 0.003 });
    assert.equal(tf.memory().numTensors, start, 'no tensor left behind');
    assert.deepEqual(polished.coords, then.coords, 'the same map as the second run');
    assert.deepEqual(
      polished.history.map((h) => [h.epoch, h.loss]),
      [...first.history, ...then.history.map((h) => ({ ...h, epoch: h.epoch + 3 }))].map((h) => [
        h.epoch,
        h.loss,
      ]),
      'the run’s epochs, then the polish’s numbered on',
    );
    assert.equal(polished.learningRate, first.learningRate, 'the record keeps the run’s rate');
    assert.notDeepEqual(polished.coords, first.coords, 'the polish moved the map');
    const otherRate = await trained(x, labels, { ...graphRun, polishEpochs: 2, polishLearningRate: 0.0005 });
    assert.notDeepEqual(otherRate.coords, polished.coords, 'the polish runs at its own rate');
    // polishNeighbourShare is the second run's neighbourShare, the run's own left as it was
    const classOnly = await trained(x, labels, {
      ...graphRun,
      polishEpochs: 2,
      polishLearningRate: 0.003,
      polishNeighbourShare: 0,
    });
    const thenClassOnly = await trained(
      x,
      labels,
      { ...graphRun, graphWeight: 0, epochs: 2, patience: 0, learningRate: 0.003, neighbourShare: 0 },
      { initialWeights: first.weights },
    );
    assert.deepEqual(classOnly.coords, thenClassOnly.coords, 'the same map as the second run with its share');
    assert.notDeepEqual(classOnly.coords, polished.coords, 'the share changed the polish');
  });
}

test('polishEpochs 0 is the run as before; progress and snapshots number the polish after the run', async () => {
  const { load } = TEST_BACKENDS[0];
  await load();
  const { x, labels } = blobs(60, 5, 3, 12);
  const plain = await trained(x, labels, { ...graphRun, graphWeight: 0 });
  assert.deepEqual(
    (await trained(x, labels, { ...graphRun, graphWeight: 0, polishEpochs: 0 })).coords,
    plain.coords,
  );
  const seen: TrainProgress[] = [];
  const snapshots: number[] = [];
  const epochs: TrainHistoryEntry[] = [];
  const polished = await trained(
    x,
    labels,
    { ...graphRun, graphWeight: 0, polishEpochs: 2 },
    {
      onProgress: (p) => void seen.push(p),
      snapshotEvery: 1,
      onSnapshot: (_coords, epoch) => void snapshots.push(epoch),
      onEpoch: (entry) => void epochs.push(entry),
    },
  );
  assert.deepEqual(
    polished.history.map((h) => h.epoch),
    [1, 2, 3, 4, 5],
  );
  assert.deepEqual(snapshots, [1, 2, 3, 4, 5]);
  // the history as it grew (what a page reloaded mid-run is given) is the run's history
  assert.deepEqual(epochs, polished.history);
  const last = seen[seen.length - 1];
  assert.equal(last.epoch, 5);
  assert.equal(last.epochs, 5);
  assert.equal(last.totalStep, last.totalSteps, 'the last step is the last of both stages');
  assert.deepEqual(
    seen.map((p) => p.totalStep),
    seen.map((_, i) => i + 1),
    'step numbers run on through the polish',
  );
});

test('a run stopped on request is not polished', async () => {
  const { load } = TEST_BACKENDS[0];
  await load();
  const { x, labels } = blobs(60, 5, 3, 13);
  let steps = 0;
  const stopped = await trained(
    x,
    labels,
    { ...graphRun, graphWeight: 0, polishEpochs: 2 },
    { onProgress: () => ++steps < 2 },
  );
  assert.equal(stopped.reason, 'stopped');
  assert.equal(steps, 2, 'no polish step after the stop');
  assert.equal(stopped.history.length, 0, 'the first epoch did not end');
});

test('joinOutcomes: an early stop stays on the record after a completed polish; a stopped polish says so', () => {
  const entry = (epoch: number) => ({ epoch, loss: 1, activeFraction: 0.5, steps: 4 });
  const run = {
    history: [entry(1), entry(2)],
    stoppedReason: 'early-stopping' as const,
    message: 'Stopped early at epoch 2',
    stepsRun: 8,
  };
  const done = joinOutcomes(run, { history: [entry(1)], stoppedReason: 'completed', stepsRun: 4 });
  assert.deepEqual(
    done.history.map((h) => h.epoch),
    [1, 2, 3],
  );
  assert.equal(done.stoppedReason, 'early-stopping');
  assert.equal(done.message, run.message);
  assert.equal(done.stepsRun, 12);
  const halted = joinOutcomes(run, {
    history: [],
    stoppedReason: 'stopped',
    message: 'Stopped on request at epoch 1, step 2',
    stepsRun: 2,
  });
  assert.equal(halted.stoppedReason, 'stopped');
  assert.match(halted.message ?? '', /on request/);
});
