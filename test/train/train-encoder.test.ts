// The training loop: memory, reproducibility, stopping, progress, snapshots, NaN handling, bad input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { trainEncoder } from '../../src/train/train-encoder.js';
import type { TrainProgress } from '../../src/api/progress.js';
import { SAMPLER_KINDS } from '../../src/triplets/sampler.js';
import { LOSS_KINDS, type TrainOptions } from '../../src/train/options.js';
import { blobs } from './blobs.js';
import { selectRows } from '../../src/data/select-rows.js';
import { knnAccuracy } from './shared-dataset.js';
import { TEST_BACKENDS } from './backends.js';

const small: TrainOptions = { preset: [16, 16], epochs: 3, batchSize: 24 };

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: tf.memory().numTensors does not grow across epochs or runs`, async () => {
    await load();
    const { x, labels } = blobs(90, 5, 3, 1);
    // warm-up: the first run may create backend-level tensors once
    (await trainEncoder(x, labels, { ...small, epochs: 1 })).dispose();
    const start = tf.memory().numTensors;
    const perEpoch: number[] = [];
    for (const sampler of SAMPLER_KINDS) {
      const encoder = await trainEncoder(
        x,
        labels,
        { ...small, sampler, centerLossWeight: 0.1 },
        { onProgress: (p) => void (p.step === p.steps && perEpoch.push(tf.memory().numTensors)) },
      );
      encoder.embed(x);
      encoder.dispose();
      assert.equal(tf.memory().numTensors, start, `${sampler}: tensors left after the run`);
    }
    // within a run, the count at the end of each epoch is the same
    for (let i = 0; i < perEpoch.length; i += 3) {
      assert.equal(perEpoch[i + 1], perEpoch[i], 'tensors grew between epochs');
      assert.equal(perEpoch[i + 2], perEpoch[i], 'tensors grew between epochs');
    }
  });

  test(`${name}: one seed reproduces the run exactly; another seed differs`, async () => {
    await load();
    const { x, labels } = blobs(60, 4, 3, 2);
    const run = async (seed: number): Promise<{ coords: Float32Array; losses: number[] }> => {
      const encoder = await trainEncoder(x, labels, { ...small, seed, sampler: 'semi-hard' });
      const result = { coords: encoder.embed(x).data, losses: encoder.history.map((h) => h.loss) };
      encoder.dispose();
      return result;
    };
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    assert.deepEqual(a.losses, b.losses);
    assert.deepEqual(Array.from(a.coords), Array.from(b.coords));
    assert.notDeepEqual(Array.from(a.coords), Array.from(c.coords));
  });

  test(`${name}: every loss and distance trains to a finite map that separates blobs`, async () => {
    await load();
    const { x, labels } = blobs(120, 8, 3, 3);
    const train = Array.from({ length: 90 }, (_, i) => i);
    const held = Array.from({ length: 30 }, (_, i) => 90 + i);
    const trainLabels = labels.subarray(0, 90);
    for (const loss of LOSS_KINDS) {
      for (const distance of ['euclidean', 'squared', 'cosine', 'angular'] as const) {
        const encoder = await trainEncoder(selectRows(x, train), trainLabels, {
          ...small,
          loss,
          distance,
          epochs: 4,
          sampler: loss === 'quadruplet' ? 'hard' : 'semi-hard',
        });
        const e = encoder.embed(x);
        assert.ok(e.data.every(Number.isFinite), `${loss}/${distance}: non-finite output`);
        const acc = knnAccuracy(selectRows(e, train), trainLabels, selectRows(e, held), labels.subarray(90));
        assert.ok(acc >= 0.9, `${loss}/${distance}: held-out kNN ${acc}`);
        encoder.dispose();
      }
    }
  });
}

test('progress: per step, with loss, active fraction, elapsed and ETA; snapshots every N epochs', async () => {
  const { x, labels } = blobs(60, 4, 3, 4);
  const seen: TrainProgress[] = [];
  const snapshots: { epoch: number; rows: number; cols: number }[] = [];
  const encoder = await trainEncoder(
    x,
    labels,
    { ...small, epochs: 4, patience: 0, sampler: 'random', batchSize: 20 },
    {
      onProgress: (p) => void seen.push(p),
      snapshotEvery: 2,
      onSnapshot: (coords, epoch) => snapshots.push({ epoch, rows: coords.rows, cols: coords.cols }),
    },
  );
  assert.equal(seen.length, 4 * 3, '60 anchors / 20 per step = 3 steps per epoch');
  assert.deepEqual(
    seen.slice(0, 4).map((p) => [p.epoch, p.step, p.steps, p.epochs]),
    [
      [1, 1, 3, 4],
      [1, 2, 3, 4],
      [1, 3, 3, 4],
      [2, 1, 3, 4],
    ],
  );
  for (const p of seen) {
    assert.ok(Number.isFinite(p.loss) && p.loss >= 0);
    assert.ok(p.activeFraction >= 0 && p.activeFraction <= 1);
    // no estimate (NaN) until the first steps were timed, then a time ≥ 0
    assert.ok(p.elapsedMs >= 0 && (Number.isNaN(p.etaMs) || p.etaMs >= 0));
  }
  assert.ok(seen.slice(3).every((p) => p.etaMs >= 0));
  assert.equal(seen.at(-1)!.etaMs, 0);
  assert.deepEqual(
    seen.map((p) => [p.totalStep, p.totalSteps]),
    seen.map((_, i) => [i + 1, 12]),
  );
  assert.deepEqual(
    encoder.history.map((h) => h.steps),
    [3, 3, 3, 3],
  );
  assert.deepEqual(snapshots, [
    { epoch: 2, rows: 60, cols: 3 },
    { epoch: 4, rows: 60, cols: 3 },
  ]);
  assert.equal(encoder.history.length, 4);
  assert.equal(encoder.stoppedReason, 'completed');
  encoder.dispose();
});

test('onProgress returning false stops cleanly after that step, with a usable encoder', async () => {
  const { x, labels } = blobs(60, 4, 3, 5);
  let calls = 0;
  const encoder = await trainEncoder(
    x,
    labels,
    { ...small, epochs: 50, batchSize: 20 },
    { onProgress: () => ++calls < 5 },
  );
  assert.equal(calls, 5);
  assert.equal(encoder.stoppedReason, 'stopped');
  assert.equal(encoder.history.length, 1, 'only the one completed epoch is in the history');
  assert.ok(encoder.embed(x).data.every(Number.isFinite));
  encoder.dispose();
});

test('early stopping when the loss stops improving', async () => {
  const { x, labels } = blobs(60, 4, 3, 6);
  // blobs this far apart reach zero loss quickly; then nothing improves
  const encoder = await trainEncoder(x, labels, { ...small, epochs: 200, patience: 2, sampler: 'random' });
  assert.equal(encoder.stoppedReason, 'early-stopping');
  assert.ok(encoder.history.length < 200);
  assert.match(encoder.message ?? '', /not improved for 2 epochs/);
  encoder.dispose();
});

test("a NaN/Inf loss stops training with stoppedReason 'nan' and a clear message", async () => {
  const { x, labels } = blobs(40, 4, 2, 7);
  // finite inputs so large that the float32 distance matrix overflows (the tensor-op loss, 'stock'; the
  // host losses compute distances in float64 and train on)
  const huge = { ...x, data: x.data.map((v) => v * 1e37) };
  const encoder = await trainEncoder(huge, labels, { ...small, denseGradient: 'stock' });
  assert.equal(encoder.stoppedReason, 'nan');
  assert.match(encoder.message ?? '', /epoch 1, step 1: the loss became (NaN|Infinity)/);
  encoder.dispose();
});

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: a NaN in the network stops training on the default path too (host losses included)`, async () => {
    await load();
    const { x, labels } = blobs(40, 4, 2, 7);
    const start = await trainEncoder(x, labels, { ...small, epochs: 1 });
    const weights = start.weightValues();
    start.dispose();
    weights[1].kernel[0] = Number.NaN;
    for (const sampler of ['semi-hard', 'random'] as const) {
      const encoder = await trainEncoder(x, labels, { ...small, sampler }, { initialWeights: weights });
      assert.equal(encoder.stoppedReason, 'nan', sampler);
      assert.match(encoder.message ?? '', /epoch 1, step 1: the loss became NaN/);
      encoder.dispose();
    }
  });
}

test('bad input and options are refused with errors naming the problem', async () => {
  const { x, labels } = blobs(20, 3, 2, 8);
  const withNaN = { ...x, data: x.data.slice() };
  withNaN.data[3 * 4 + 2] = NaN;
  await assert.rejects(trainEncoder(withNaN, labels, small), /non-finite value \(NaN\) at row 5, column 3/);
  await assert.rejects(trainEncoder(x, labels.subarray(1), small), /19 labels for 20 rows/);
  await assert.rejects(trainEncoder(x, labels, { dims: 11 }), /dims must be an integer from 1 to 10/);
  await assert.rejects(
    trainEncoder(x, labels, { sampler: 'nope' as 'hard' }),
    /--sampler must be one of: random, balanced/,
  );
  await assert.rejects(trainEncoder(x, labels, { loss: 'quadruplet', sampler: 'batch-all' }), /quadruplet/);
  await assert.rejects(trainEncoder(x, new Int32Array(20).fill(0), small), /Only one class/);
  await assert.rejects(
    trainEncoder(
      x,
      Int32Array.from({ length: 20 }, (_, i) => i),
      small,
    ),
    /No class has two/,
  );
});

test('the loop yields to the event loop between steps: a message handler runs while training', async () => {
  await TEST_BACKENDS[0].load();
  const { x, labels } = blobs(60, 4, 3, 4);
  const order: string[] = [];
  let yields = 0;
  const run = async (yieldBudgetMs: number) => {
    order.length = 0;
    const encoder = await trainEncoder(
      x,
      labels,
      { ...small, epochs: 2, seed: 3 },
      {
        yieldBudgetMs,
        onYield: () => yields++,
        onProgress: (p) => {
          order.push(`step ${p.epoch}.${p.step}`);
          // what the worker does when a request arrives mid-run: a callback queued on the event loop
          if (p.epoch === 1 && p.step === 1) setImmediate(() => order.push('handler'));
        },
      },
    );
    const coords = Array.from(encoder.embed(x).data);
    encoder.dispose();
    return coords;
  };
  const eager = await run(0);
  assert.ok(yields >= 4, `yielded ${yields} times`);
  assert.equal(order[1], 'handler', `the handler ran right after the first step: ${order.join(', ')}`);
  // the budget changes when the loop yields, never what it computes
  assert.deepEqual(await run(1e9), eager);
});

test('training stops early when no triplet is active for `patience` epochs, and says why', async () => {
  await TEST_BACKENDS[0].load();
  // far-apart blobs, a zero margin and no dropout: after two epochs every triplet is satisfied (the loss
  // rule alone would go on one more epoch, and on a big table for all of them)
  const { x, labels } = blobs(90, 5, 3, 7);
  for (let i = 0; i < x.data.length; i++) x.data[i] *= 10;
  const encoder = await trainEncoder(x, labels, {
    preset: 'wide',
    batchSize: 24,
    epochs: 30,
    patience: 3,
    margin: 0,
    sampler: 'random',
    neighbourShare: 0,
  });
  const history = encoder.history;
  encoder.dispose();
  assert.equal(encoder.stoppedReason, 'early-stopping');
  assert.ok(history.length < 30, `ran ${history.length} epochs`);
  assert.match(encoder.message ?? '', /no triplet was active for 3 epochs/);
  for (const h of history.slice(-3)) assert.equal(h.activeFraction, 0);
});

test('one embed path: the snapshot after the last epoch is the finished encoder’s map', async () => {
  await TEST_BACKENDS[0].load();
  for (const distance of ['euclidean', 'cosine'] as const) {
    const { x, labels } = blobs(60, 4, 3, 8);
    let last: Float32Array | undefined;
    const encoder = await trainEncoder(
      x,
      labels,
      { ...small, distance, patience: 0 },
      { snapshotEvery: 1, onSnapshot: (coords) => (last = coords.data) },
    );
    const final = encoder.embed(x).data;
    encoder.dispose();
    assert.ok(last, 'no snapshot');
    assert.equal(last.length, final.length);
    const worst = last.reduce((m, v, i) => Math.max(m, Math.abs(v - final[i])), 0);
    assert.ok(worst < 1e-5, `${distance}: snapshot and final map differ by ${worst}`);
  }
});

test('a hook that throws mid-run (progress or snapshot) leaves no tensor behind', async () => {
  await TEST_BACKENDS[0].load();
  const { x, labels } = blobs(60, 4, 3, 9);
  (await trainEncoder(x, labels, { ...small, epochs: 1 })).dispose();
  const start = tf.memory().numTensors;
  const broken = new Error('the progress listener broke');
  await assert.rejects(
    trainEncoder(
      x,
      labels,
      { ...small, centerLossWeight: 0.1 },
      {
        onProgress: () => {
          throw broken;
        },
      },
    ),
    /progress listener broke/,
  );
  assert.equal(tf.memory().numTensors, start, 'tensors left after a throwing onProgress');
  await assert.rejects(
    trainEncoder(x, labels, small, {
      snapshotEvery: 1,
      onSnapshot: () => {
        throw broken;
      },
    }),
    /progress listener broke/,
  );
  assert.equal(tf.memory().numTensors, start, 'tensors left after a throwing onSnapshot');
});

test('onCheckpoint: embeds other rows every N epochs, the last equals the finished map, the run is unchanged', async () => {
  await TEST_BACKENDS[0].load();
  const { x, labels } = blobs(60, 4, 3, 10);
  const others = blobs(12, 4, 3, 11).x;
  const options: TrainOptions = { ...small, epochs: 4, patience: 0 };
  const plain = await trainEncoder(x, labels, options);
  const expected = plain.embed(x).data;
  plain.dispose();
  const epochs: number[] = [];
  let last: Float32Array | undefined;
  const encoder = await trainEncoder(x, labels, options, {
    snapshotEvery: 2,
    onCheckpoint: async (embed, epoch) => {
      epochs.push(epoch);
      const coords = await embed(others);
      assert.equal(coords.rows, others.rows);
      last = coords.data;
    },
  });
  const finalOthers = encoder.embed(others).data;
  const finalX = encoder.embed(x).data;
  encoder.dispose();
  assert.deepEqual(epochs, [2, 4]);
  assert.ok(last);
  assert.ok(
    last.every((v, i) => Math.abs(v - finalOthers[i]) < 1e-5),
    'last checkpoint differs from the final map',
  );
  assert.ok(
    expected.every((v, i) => Math.abs(v - finalX[i]) < 1e-5),
    'checkpoints changed the run',
  );
});
