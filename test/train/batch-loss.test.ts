// The two ways the trainer computes a batch's loss — per-triplet slices of an aligned batch (offline
// samplers) and hinge terms read from the pairwise distance matrix (online samplers) — agree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { computeBatchLoss } from '../../src/train/batch-loss.js';
import { resolveTrainOptions, LOSS_KINDS } from '../../src/train/options.js';
import { resolveArchitecture } from '../../src/model/encoder-architecture.js';
import { EncoderNet } from '../../src/model/encoder-net.js';
import { BatchBuilder } from '../../src/triplets/batch.js';
import { selectRows } from '../../src/data/select-rows.js';
import { seededRandom } from '../../src/util/random.js';
import { blobs } from './blobs.js';
import { TEST_BACKENDS } from './backends.js';

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: aligned (slice) and distance-matrix batch losses are equal for every loss`, async () => {
    await load();
    const { x, labels } = blobs(30, 5, 3, 1);
    // 'wide' has no dropout, so both forward passes see the same network output
    const net = EncoderNet.create(5, resolveArchitecture('wide', 3), seededRandom(1));
    const random = seededRandom(2);
    const aligned = new BatchBuilder(labels);
    const shared = new BatchBuilder(labels);
    for (let q = 0; q < 12; q++) {
      const a = Math.floor(random() * 30);
      const p = (a + 3 * (1 + Math.floor(random() * 8))) % 30; // same class (label = row % 3)
      const n = (a + 1) % 30;
      const n2 = q % 4 === 0 ? -1 : (a + 2) % 30;
      aligned.triplet(a, p, n, n2);
      shared.triplet(a, p, n, n2);
    }
    const batches = [aligned.buildAligned(), shared.build()];
    for (const loss of LOSS_KINDS) {
      // a margin this large keeps every term active (which terms are active is tested in losses/matrix-loss)
      const options = resolveTrainOptions({ loss, sampler: 'random', margin: 100 });
      const values = batches.map((batch) =>
        tf.tidy(() => {
          const ctx = {
            net,
            mode: 'stock' as const,
            options,
            dropoutRandom: seededRandom(3),
            miningRandom: seededRandom(4),
          };
          const xb = tf.tensor2d(selectRows(x, batch.rows).data, [batch.rows.length, 5]);
          const result = computeBatchLoss(ctx, xb, batch, false);
          return { loss: result.loss.dataSync()[0], active: result.active, total: result.total };
        }),
      );
      assert.ok(values[0].loss > 0, `${loss}: the fixture has a non-zero loss`);
      assert.ok(
        Math.abs(values[0].loss - values[1].loss) < 1e-4 * Math.max(1, values[0].loss),
        `${loss}: ${JSON.stringify(values)}`,
      );
      assert.equal(values[0].total, values[1].total, `${loss}: totals`);
    }
    net.dispose();
  });
}
