// Training with the neighbour-graph term: no tensor leak, seeded, and weight 0 is the plain triplet run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { trainEncoder } from '../../src/train/train-encoder.js';
import { resolveTrainOptions, type TrainOptions } from '../../src/train/options.js';
import { blobs } from '../train/blobs.js';
import { TEST_BACKENDS } from '../train/backends.js';

const small: TrainOptions = {
  preset: [16, 16],
  epochs: 2,
  batchSize: 24,
  graphEdges: 32,
  graphWarmupSteps: 0,
  patience: 0,
};

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: graph term trains without leaking tensors, reproducibly, for every sampler family`, async () => {
    await load();
    const { x, labels } = blobs(60, 5, 3, 2);
    (await trainEncoder(x, labels, { ...small, graphWeight: 1, epochs: 1 })).dispose();
    const start = tf.memory().numTensors;
    for (const sampler of ['semi-hard', 'random', 'batch-all'] as const) {
      const runs = [];
      for (let r = 0; r < 2; r++) {
        const encoder = await trainEncoder(x, labels, { ...small, sampler, graphWeight: 2 });
        runs.push(encoder.history.map((h) => h.loss));
        assert.ok(runs[r].every(Number.isFinite), `${sampler}: ${runs[r]}`);
        encoder.dispose();
      }
      assert.deepEqual(runs[0], runs[1], `${sampler}: same seed, same losses`);
    }
    assert.equal(tf.memory().numTensors, start);
  });

  test(`${name}: graphWeight 0 is the pure triplet loss; a positive weight changes the loss`, async () => {
    await load();
    const { x, labels } = blobs(60, 5, 3, 4);
    const loss = async (options: TrainOptions): Promise<number[]> => {
      const encoder = await trainEncoder(x, labels, { ...small, ...options });
      const out = encoder.history.map((h) => h.loss);
      encoder.dispose();
      return out;
    };
    const plain = await loss({ graphWeight: 0 });
    assert.deepEqual(
      await loss({ graphWeight: 0, graphEdges: 64 }),
      plain,
      'graphEdges is unused at weight 0',
    );
    assert.notDeepEqual(await loss({ graphWeight: 1 }), plain);
  });
}

test('the graph warm-up changes the map, is seeded, leaks nothing, and is ignored at weight 0', async () => {
  const { load } = TEST_BACKENDS[0];
  await load();
  const { x, labels } = blobs(60, 5, 3, 5);
  const warm: TrainOptions = { ...small, graphWeight: 1, graphWarmupSteps: 4 };
  const run = async (options: TrainOptions): Promise<number[]> => {
    const encoder = await trainEncoder(x, labels, options);
    const coords = Array.from(encoder.embed(x).data);
    encoder.dispose();
    return coords;
  };
  (await trainEncoder(x, labels, { ...warm, epochs: 1 })).dispose();
  const start = tf.memory().numTensors;
  const first = await run(warm);
  assert.deepEqual(await run(warm), first, 'same seed, same map');
  assert.notDeepEqual(await run({ ...warm, graphWarmupSteps: 0 }), first, 'the warm-up trained the net');
  assert.deepEqual(
    await run({ ...small, graphWeight: 0, graphWarmupSteps: 4 }),
    await run({ ...small, graphWeight: 0 }),
    'no graph, no warm-up',
  );
  assert.equal(tf.memory().numTensors, start);
});

test('umap-learn’s knobs of the graph term: defaults, ranges, each changes the map, none matters at weight 0', async () => {
  const resolved = resolveTrainOptions({});
  assert.equal(resolved.graphMinDist, 0.1);
  assert.equal(resolved.graphNegatives, 5);
  assert.equal(resolved.graphTargetWeight, 0.5);
  assert.equal(resolved.graphResetConnectivity, false);
  assert.equal(resolved.graphMixedEdges ?? null, null, 'unset: graphEdges');
  assert.equal(resolved.graphWeightEnd ?? null, null, 'unset: graphWeight throughout');
  assert.equal(resolved.graphLearningRateDecay, false);
  assert.equal(resolved.graphUniformNegatives, false);
  assert.throws(() => resolveTrainOptions({ graphMinDist: 1 }), /graphMinDist/);
  assert.throws(() => resolveTrainOptions({ graphNegatives: 0 }), /graphNegatives/);
  assert.throws(() => resolveTrainOptions({ graphTargetWeight: 1.5 }), /graphTargetWeight/);
  const { load } = TEST_BACKENDS[0];
  await load();
  // labels across the blobs, so that strong graph edges join different classes and the label weight acts
  const { x } = blobs(60, 5, 3, 6);
  const labels = Int32Array.from({ length: 60 }, (_, i) => Math.floor(i / 3) % 2);
  const run = async (options: TrainOptions): Promise<number[]> => {
    const encoder = await trainEncoder(x, labels, { ...small, epochs: 1, ...options });
    const coords = Array.from(encoder.embed(x).data);
    encoder.dispose();
    return coords;
  };
  const knobs: TrainOptions[] = [
    { graphMinDist: 0.01 },
    { graphNegatives: 2 },
    { graphTargetWeight: 0 },
    { graphResetConnectivity: true },
    { graphMixedEdges: 8 },
    { graphWeightEnd: 0 },
    { graphLearningRateDecay: true },
    { graphUniformNegatives: true },
  ];
  const base = await run({ graphWeight: 1 });
  assert.deepEqual(await run({ graphWeight: 1, graphMixedEdges: small.graphEdges }), base, 'the same count');
  assert.deepEqual(await run({ graphWeight: 1, graphWeightEnd: 1 }), base, 'a constant schedule');
  const plain = await run({ graphWeight: 0 });
  for (const knob of knobs) {
    assert.notDeepEqual(await run({ graphWeight: 1, ...knob }), base, JSON.stringify(knob));
    assert.deepEqual(await run({ graphWeight: 0, ...knob }), plain, `${JSON.stringify(knob)} at weight 0`);
  }
});

test('early stopping waits for the graph weight’s schedule; without a schedule or a graph it stops as before', async () => {
  const { load } = TEST_BACKENDS[0];
  await load();
  // far-apart blobs and a zero margin: no triplet is active after an epoch or two, so patience 2 stops a
  // run early unless something holds it
  const { x, labels } = blobs(60, 5, 3, 7);
  for (let i = 0; i < x.data.length; i++) x.data[i] *= 10;
  const stopping: TrainOptions = { ...small, epochs: 10, patience: 2, margin: 0, sampler: 'random' };
  const run = async (options: TrainOptions) => {
    const encoder = await trainEncoder(x, labels, { ...stopping, ...options });
    const out = {
      epochs: encoder.history.length,
      reason: encoder.stoppedReason,
      coords: Array.from(encoder.embed(x).data),
    };
    encoder.dispose();
    return out;
  };
  const constant = await run({ graphWeight: 1 });
  assert.equal(constant.reason, 'early-stopping', 'a constant graph weight stops early as before');
  const scheduled = await run({ graphWeight: 1, graphWeightEnd: 4 });
  assert.equal(scheduled.reason, 'completed');
  assert.equal(scheduled.epochs, 10, 'the schedule spans the run: every epoch runs');
  assert.deepEqual(scheduled, await run({ graphWeight: 1, graphWeightEnd: 4, patience: 0 }), 'as patience 0');
  assert.deepEqual(await run({ graphWeight: 1, graphWeightEnd: 1 }), constant, 'an end equal to the start');
  // the plain run's loss is noisier (dropout, no graph pull): patience 1 stops it early
  const plain = await run({ patience: 1 });
  assert.equal(plain.reason, 'early-stopping');
  assert.deepEqual(
    await run({ patience: 1, graphWeightEnd: 4 }),
    plain,
    'no graph term: the default map is unchanged',
  );
});
