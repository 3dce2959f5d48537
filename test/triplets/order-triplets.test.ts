// Within-class neighbour-order triplets (orderWeight): where their rows go in a batch, and what each row is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSampler, type SamplerOptions } from '../../src/triplets/sampler.js';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';

/** 60 rows in 2-D: classes 0 (30 rows), 1 (20), 2 (2: too small to order), rows 0–7 unlabeled (−1). */
function fixture(): { x: DenseMatrix; labels: Int32Array } {
  const random = seededRandom(4);
  const labels = Int32Array.from({ length: 60 }, (_, i) => (i < 8 ? -1 : i < 38 ? 0 : i < 58 ? 1 : 2));
  const data = Float32Array.from({ length: 120 }, (_, k) => randomNormal(random) + labels[k >> 1] * 3);
  return { x: { data, rows: 60, cols: 2 }, labels };
}

/** The `k` rows nearest `row` (itself excluded), by brute force. */
function nearest(x: DenseMatrix, row: number, k: number): number[] {
  const d = (r: number) =>
    (x.data[2 * r] - x.data[2 * row]) ** 2 + (x.data[2 * r + 1] - x.data[2 * row + 1]) ** 2;
  return Array.from({ length: x.rows }, (_, r) => r)
    .filter((r) => r !== row)
    .sort((u, v) => d(u) - d(v))
    .slice(0, k);
}

const base: SamplerOptions = { kind: 'semi-hard', batchSize: 16, unlabeled: 'knn', neighbours: 5 };

test('order triplets follow the batch rows: anchor, a same-class input neighbour, other cells of the class', async () => {
  const { x, labels } = fixture();
  for (const candidates of [1, 3]) {
    const sampler = await createSampler(
      x,
      labels,
      { ...base, orderTriplets: 12, orderCandidates: candidates, threads: 1 },
      seededRandom(1),
    );
    for (let step = 0; step < 20; step++) {
      const batch = sampler.next();
      assert.ok(batch.order, 'every batch has order rows');
      const { offset, count } = batch.order;
      assert.equal(batch.order.candidates, candidates);
      assert.equal(count, 12);
      assert.equal(batch.rows.length, offset + (2 + candidates) * count);
      // no miner may take them: they are labelled −1 in the batch
      assert.ok(batch.labels.subarray(offset).every((l) => l === -1));
      // the triplet rows before them are the sampler's own, untouched
      for (let i = 0; i < batch.fixed.anchor.length; i++) assert.ok(batch.fixed.anchor[i] < offset);
      for (let q = 0; q < count; q++) {
        const a: number = batch.rows[offset + q];
        const p: number = batch.rows[offset + count + q];
        const label = labels[a];
        assert.ok(label === 0 || label === 1, 'anchors are labelled cells of a class of three or more');
        assert.equal(labels[p], label);
        assert.ok(nearest(x, a, 5).includes(p), 'the positive is one of the anchor’s input neighbours');
        for (let j = 0; j < candidates; j++) {
          const n: number = batch.rows[offset + (2 + j) * count + q];
          assert.equal(labels[n], label, 'negatives come from the anchor’s class');
          assert.ok(n !== a && n !== p);
        }
      }
    }
  }
});

test('without orderTriplets a batch has no order rows, and its draws are unchanged', async () => {
  const { x, labels } = fixture();
  const plain = await createSampler(
    x,
    labels,
    { ...base, neighbourShare: 0.25, threads: 1 },
    seededRandom(2),
  );
  const zero = await createSampler(
    x,
    labels,
    { ...base, neighbourShare: 0.25, orderTriplets: 0, threads: 1 },
    seededRandom(2),
  );
  for (let step = 0; step < 5; step++) {
    const [a, b] = [plain.next(), zero.next()];
    assert.equal(a.order, undefined);
    assert.deepEqual(b, a);
  }
});

test('class-ratio triplets follow the order rows: anchor, a cell of its class, a cell of another class', async () => {
  const { x, labels } = fixture();
  const sampler = await createSampler(
    x,
    labels,
    { ...base, orderTriplets: 6, classRatioTriplets: 10, threads: 1 },
    seededRandom(3),
  );
  for (let step = 0; step < 20; step++) {
    const batch = sampler.next();
    assert.ok(batch.order && batch.ratio, 'both blocks are there');
    const { offset, count } = batch.ratio;
    assert.equal(
      offset,
      batch.order.offset + 3 * batch.order.count,
      'the class-ratio rows come after the order rows',
    );
    assert.equal(count, 10);
    assert.equal(batch.rows.length, offset + 3 * count);
    assert.ok(batch.labels.subarray(batch.order.offset).every((l) => l === -1));
    for (let q = 0; q < count; q++) {
      const [a, p, n]: number[] = [0, 1, 2].map((role) => batch.rows[offset + role * count + q]);
      assert.ok(
        labels[a] >= 0 && labels[a] === labels[p] && a !== p,
        'the positive shares the anchor’s class',
      );
      assert.ok(labels[n] >= 0 && labels[n] !== labels[a], 'the negative is of another class');
    }
  }
});
