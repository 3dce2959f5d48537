import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSampler, SAMPLER_KINDS, type SamplerOptions } from '../../src/triplets/sampler.js';
import { mineHard, mineSemiHard, addSecondNegatives } from '../../src/triplets/mining.js';
import type { Batch } from '../../src/triplets/batch.js';
import type { TripletIndices } from '../../src/losses/matrix-loss.js';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { seededRandom, randomNormal } from '../../src/util/random.js';

/** 60 rows: classes 0 (30 rows), 1 (20), 2 (5), 3 (1, a singleton), rows 0–3 unlabeled (−1); 2-D points. */
function fixture(): { x: DenseMatrix; labels: Int32Array } {
  const random = seededRandom(9);
  const labels = Int32Array.from({ length: 60 }, (_, i) =>
    i < 4 ? -1 : i < 34 ? 0 : i < 54 ? 1 : i < 59 ? 2 : 3,
  );
  const data = Float32Array.from({ length: 120 }, (_, k) => randomNormal(random) + labels[k >> 1] * 3);
  return { x: { data, rows: 60, cols: 2 }, labels };
}

/** The `k` rows of `x` nearest to `row` (itself excluded), by brute force. */
function nearestRows(x: DenseMatrix, row: number, k: number): number[] {
  const dist = (r: number): number => {
    let s = 0;
    for (let c = 0; c < x.cols; c++) s += (x.data[r * x.cols + c] - x.data[row * x.cols + c]) ** 2;
    return s;
  };
  return Array.from({ length: x.rows }, (_, r) => r)
    .filter((r) => r !== row)
    .sort((u, v) => dist(u) - dist(v))
    .slice(0, k);
}

const options = (kind: SamplerOptions['kind'], extra: Partial<SamplerOptions> = {}): SamplerOptions => ({
  kind,
  batchSize: 24,
  unlabeled: 'knn',
  classNames: ['T cell', 'B cell', 'NK', 'Platelet'],
  ...extra,
});

/** Asserts every triplet is valid: anchor ≠ positive, anchor ≠ negative; labelled anchors: same class positive, other-class negative. */
function assertValid(batch: Batch, t: TripletIndices, labels: Int32Array): void {
  for (let q = 0; q < t.anchor.length; q++) {
    const [a, p, n] = [t.anchor[q], t.positive[q], t.negative[q]];
    assert.notEqual(a, p, 'an anchor is never its own positive');
    assert.notEqual(a, n, 'an anchor is never its own negative');
    assert.notEqual(batch.rows[a], batch.rows[p]);
    assert.notEqual(batch.rows[a], batch.rows[n]);
    const la = labels[batch.rows[a]];
    if (la >= 0) {
      assert.equal(labels[batch.rows[p]], la, 'positive shares the anchor class');
      assert.notEqual(labels[batch.rows[n]], la, 'negative has another class');
      assert.ok(labels[batch.rows[n]] >= 0, 'negatives of labelled anchors are labelled');
      const n2 = t.negative2?.[q] ?? -1;
      if (n2 >= 0) {
        assert.notEqual(labels[batch.rows[n2]], la);
        assert.notEqual(labels[batch.rows[n2]], labels[batch.rows[n]]);
      }
    }
  }
}

/** Random distances between batch rows (symmetric, zero diagonal), for mining. */
function randomDistances(n: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const d = new Float32Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) d[i * n + j] = d[j * n + i] = 0.1 + random() * 3;
  return d;
}

test('every sampler yields only valid triplets, with mining, quadruplet negatives and unlabeled anchors', async () => {
  const { x, labels } = fixture();
  for (const kind of SAMPLER_KINDS) {
    const sampler = await createSampler(x, labels, options(kind, { secondNegative: true }), seededRandom(1));
    for (let step = 0; step < 20; step++) {
      const batch = sampler.next();
      if (sampler.online)
        assert.equal(batch.rows.length, new Set(batch.rows).size, 'each input row once per batch');
      else assert.equal(batch.aligned, true, 'offline batches are laid out anchors; positives; negatives');
      assertValid(batch, batch.fixed, labels);
      if (sampler.online) {
        const d = randomDistances(batch.rows.length, step);
        assertValid(batch, mineHard(d, batch.labels), labels);
        const semi = mineSemiHard(d, batch.labels);
        assertValid(batch, semi, labels);
        assertValid(batch, addSecondNegatives(semi, batch.labels, seededRandom(step)), labels);
      }
    }
  }
});

test('hundreds of one-cell classes (a numeric column taken as the label) give one short warning', async () => {
  // 2 cells of class 0, then 300 classes of one cell each
  const labels = Int32Array.from({ length: 302 }, (_, i) => Math.max(0, i - 1));
  const x: DenseMatrix = { data: Float32Array.from({ length: 604 }, (_, k) => k % 7), rows: 302, cols: 2 };
  const classNames = Array.from({ length: 301 }, (_, c) => `n${c}`);
  const sampler = await createSampler(x, labels, options('random', { classNames }), seededRandom(2));
  assert.equal(sampler.warnings.length, 1);
  assert.match(sampler.warnings[0], /^Classes 'n1', 'n2', .*'n10', … \(300 in all\) have a single cell/);
  assert.ok(sampler.warnings[0].length < 300, sampler.warnings[0]);
});

test('a class with a single member is named in a warning and never anchors', async () => {
  const { x, labels } = fixture();
  for (const kind of SAMPLER_KINDS) {
    const sampler = await createSampler(x, labels, options(kind), seededRandom(2));
    assert.equal(sampler.warnings.length, 1);
    assert.match(sampler.warnings[0], /'Platelet'/);
    for (let step = 0; step < 10; step++) {
      const batch = sampler.next();
      const anchors = sampler.online
        ? mineHard(randomDistances(batch.rows.length, step), batch.labels).anchor
        : batch.fixed.anchor;
      for (const a of anchors) assert.notEqual(labels[batch.rows[a]], 3);
    }
  }
});

test("unlabeled rows anchor with input-space neighbours as positives ('knn'), or never appear ('exclude')", async () => {
  const { x, labels } = fixture();
  let unlabeledAnchors = 0;
  const sampler = await createSampler(x, labels, options('random', { neighbours: 3 }), seededRandom(3));
  for (let step = 0; step < 30; step++) {
    const batch = sampler.next();
    batch.fixed.anchor.forEach((a, q) => {
      const row = batch.rows[a];
      if (labels[row] >= 0) return;
      unlabeledAnchors++;
      // the positive must be among the 3 nearest rows of the anchor
      const nearest = nearestRows(x, row, 3);
      assert.ok(nearest.includes(batch.rows[batch.fixed.positive[q]]));
      assert.ok(!nearest.includes(batch.rows[batch.fixed.negative[q]]), 'the negative is not a neighbour');
    });
  }
  assert.ok(unlabeledAnchors > 0, 'unlabeled rows took part');
  for (const kind of SAMPLER_KINDS) {
    for (const neighbourShare of [0, 0.5]) {
      const excluded = await createSampler(
        x,
        labels,
        options(kind, { unlabeled: 'exclude', neighbourShare }),
        seededRandom(4),
      );
      for (let step = 0; step < 10; step++) {
        for (const row of excluded.next().rows)
          assert.ok(labels[row] >= 0, `${kind}: unlabeled row ${row} used`);
      }
    }
  }
});

test('balanced anchors are spread evenly over classes; random ones follow class sizes', async () => {
  const { x, labels } = fixture();
  const share = async (kind: 'random' | 'balanced'): Promise<number[]> => {
    const counts = [0, 0, 0, 0];
    const sampler = await createSampler(x, labels, options(kind, { unlabeled: 'exclude' }), seededRandom(5));
    for (let step = 0; step < 200; step++) {
      const batch = sampler.next();
      for (const a of batch.fixed.anchor) counts[labels[batch.rows[a]]]++;
    }
    const total = counts.reduce((s, c) => s + c, 0);
    return counts.map((c) => c / total);
  };
  const balanced = await share('balanced');
  const random = await share('random');
  // classes 0, 1, 2 have 30, 20, 5 members: balanced ≈ 1/3 each; random ≈ 30/55, 20/55, 5/55
  for (const c of [0, 1, 2]) assert.ok(Math.abs(balanced[c] - 1 / 3) < 0.03, `balanced ${balanced}`);
  assert.ok(Math.abs(random[0] - 30 / 55) < 0.03 && Math.abs(random[2] - 5 / 55) < 0.03, `random ${random}`);
  assert.equal(balanced[3], 0);
});

test('one seed gives the same batches; another seed different ones', async () => {
  const { x, labels } = fixture();
  for (const kind of SAMPLER_KINDS) {
    const run = async (seed: number): Promise<string> =>
      JSON.stringify(
        (
          await Promise.all(
            Array.from({ length: 5 }, () => createSampler(x, labels, options(kind), seededRandom(seed))),
          )
        ).map((s) => Array.from(s.next().rows)),
      );
    assert.equal(await run(7), await run(7));
    assert.notEqual(await run(7), await run(8));
  }
});

test('P × K batches hold several classes with several cells each', async () => {
  const { x, labels } = fixture();
  const sampler = await createSampler(
    x,
    labels,
    options('hard', { unlabeled: 'exclude', cellsPerClass: 6 }),
    seededRandom(6),
  );
  const batch = sampler.next();
  const perClass = new Map<number, number>();
  for (const l of batch.labels) perClass.set(l, (perClass.get(l) ?? 0) + 1);
  assert.ok(perClass.size >= 3, `classes ${[...perClass.keys()]}`);
  for (const [label, count] of perClass)
    if (label !== 2) assert.ok(count >= 6, `class ${label}: ${count} cells`);
});

test('mining by hand: batch-hard takes the farthest positive and the closest negative; semi-hard the closest farther negative', async () => {
  // rows 0,1,2 of class 0 and rows 3,4 of class 1 on a line: positions 0, 1, 4, 2, 6
  const pos = [0, 1, 4, 2, 6];
  const labels = Int32Array.from([0, 0, 0, 1, 1]);
  const d = new Float32Array(25);
  for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) d[i * 5 + j] = Math.abs(pos[i] - pos[j]);
  const hard = mineHard(d, labels);
  // anchor 0: positives at 1 and 4 → farthest row 2; negatives at 2 and 6 → closest row 3
  assert.deepEqual([hard.anchor[0], hard.positive[0], hard.negative[0]], [0, 2, 3]);
  // anchor 3 (at 2): only positive row 4; negatives at 0, 1, 4 → closest is row 1 (d 1) — tie-free
  const q3 = Array.from(hard.anchor).indexOf(3);
  assert.deepEqual([hard.positive[q3], hard.negative[q3]], [4, 1]);
  const semi = mineSemiHard(d, labels);
  // anchor 0, positive 1 (d 1): negatives at d 2 (row 3) and 6 (row 4) → closest farther than 1 is row 3
  const k01 = Array.from(semi.anchor).findIndex((a, q) => a === 0 && semi.positive[q] === 1);
  assert.equal(semi.negative[k01], 3);
  // anchor 0, positive 2 (d 4): negatives at d 2 and 6 → semi-hard is row 4 (6 > 4)
  const k02 = Array.from(semi.anchor).findIndex((a, q) => a === 0 && semi.positive[q] === 2);
  assert.equal(semi.negative[k02], 4);
  // anchor 2 (at 4), positive 0 (d 4): negatives at d 2 (row 3) and 2 (row 4); none farther → farthest, d 2
  const k20 = Array.from(semi.anchor).findIndex((a, q) => a === 2 && semi.positive[q] === 0);
  assert.ok([3, 4].includes(semi.negative[k20]));
  assert.equal(semi.anchor.length, 3 * 2 + 2 * 1, 'every anchor–positive pair once');
});

test('input-space neighbours are the exact nearest rows (itself excluded), for any subset of queries', async () => {
  const { rowNeighbours } = await import('../../src/neighbours/row-neighbours.js');
  const tf = await import('@tensorflow/tfjs');
  const random = seededRandom(11);
  const rows = 700;
  const cols = 60;
  const x = { data: Float32Array.from({ length: rows * cols }, () => randomNormal(random)), rows, cols };
  const before = tf.memory().numTensors;
  // 60 columns: the search multiplies with tfjs, so tensors must be released
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  const viaAll = rowNeighbours(x, all, 5);
  assert.equal(tf.memory().numTensors, before);
  const some = Int32Array.from([0, 17, 699]);
  const viaSome = rowNeighbours(x, some, 5);
  some.forEach((row, q) => {
    const expected = nearestRows(x, row, 5);
    assert.deepEqual(Array.from(viaSome.index.subarray(q * 5, q * 5 + 5)), expected);
    assert.deepEqual(Array.from(viaAll.index.subarray(row * 5, row * 5 + 5)), expected);
  });
  assert.deepEqual(rowNeighbours(x, some, 0), { k: 0, index: new Int32Array(0) });
});

test('neighbourShare: that share of triplets takes a labelled or unlabeled anchor with an input-space neighbour', async () => {
  const { x, labels } = fixture();
  const sampler = await createSampler(
    x,
    labels,
    options('random', { neighbourShare: 0.5, neighbours: 3 }),
    seededRandom(12),
  );
  let neighbourTriplets = 0;
  let total = 0;
  for (let step = 0; step < 40; step++) {
    const batch = sampler.next();
    batch.fixed.anchor.forEach((a, q) => {
      total++;
      const row = batch.rows[a];
      const nearest = nearestRows(x, row, 3);
      const p = batch.rows[batch.fixed.positive[q]];
      const n = batch.rows[batch.fixed.negative[q]];
      const fromLabels = labels[row] >= 0 && labels[p] === labels[row] && labels[n] !== labels[row];
      if (!fromLabels) {
        assert.ok(nearest.includes(p), 'a triplet is either label-based or neighbour-based');
        neighbourTriplets++;
      }
      assert.notEqual(p, row);
      assert.notEqual(n, row);
    });
  }
  // about half are neighbour triplets; some of those also look label-based, so fewer than half are counted
  assert.ok(
    neighbourTriplets / total > 0.25 && neighbourTriplets / total <= 0.55,
    `${neighbourTriplets}/${total}`,
  );
});

test('above the exact-search limit the sampler draws the same batches for 1 and 2 neighbour-search threads', async () => {
  // 20 400 rows: the seeded random-projection forest, whose per-query search runs on the worker threads
  const random = seededRandom(12);
  const rows = 20_400;
  const x = { rows, cols: 4, data: Float32Array.from({ length: rows * 4 }, () => random()) };
  const labels = Int32Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? -1 : i % 2));
  const batches = async (threads: number): Promise<string> => {
    const sampler = await createSampler(
      x,
      labels,
      options('random', { neighbourShare: 0.5, threads }),
      seededRandom(6),
    );
    return JSON.stringify(Array.from({ length: 20 }, () => Array.from(sampler.next().rows)));
  };
  assert.equal(await batches(2), await batches(1));
});

test('a step budget (totalSteps) draws neighbour anchors from its seeded subset, the same batches for 1 and 2 threads', async () => {
  const random = seededRandom(13);
  const rows = 20_400;
  const x = { rows, cols: 4, data: Float32Array.from({ length: rows * 4 }, () => random()) };
  const labels = Int32Array.from({ length: rows }, (_, i) => i % 2);
  const run = async (threads: number): Promise<{ batches: string; anchors: Set<number> }> => {
    const sampler = await createSampler(
      x,
      labels,
      // 10 steps × 24 triplets × share 0.5: 120 neighbour anchors searched out of 20 400
      options('random', { neighbourShare: 0.5, threads, totalSteps: 10 }),
      seededRandom(6),
    );
    const anchors = new Set<number>();
    // 200 batches, far past the budget: from every row they would show ~1 200 distinct neighbour anchors
    const drawn = Array.from({ length: 200 }, () => {
      const batch = sampler.next();
      const { anchor, positive } = batch.fixed!;
      for (let q = 0; q < anchor.length; q++) {
        // a neighbour triplet's positive has a different label half the time; label-based ones never do
        if (labels[batch.rows[positive[q]]] !== labels[batch.rows[anchor[q]]])
          anchors.add(batch.rows[anchor[q]]);
      }
      return Array.from(batch.rows);
    });
    return { batches: JSON.stringify(drawn), anchors };
  };
  const [one, two] = [await run(1), await run(2)];
  assert.equal(two.batches, one.batches);
  assert.ok(one.anchors.size > 0, 'some neighbour triplets were recognised');
  // anchors of neighbour triplets come from the searched subset: at most 120 distinct rows among them
  assert.ok(one.anchors.size <= 120, `${one.anchors.size} distinct neighbour anchors`);
});

test('a step budget given as a function of the epoch gets the epoch of every anchor once and bounds the search the same', async () => {
  const random = seededRandom(13);
  const rows = 20_400;
  const x = { rows, cols: 4, data: Float32Array.from({ length: rows * 4 }, () => random()) };
  const labels = Int32Array.from({ length: rows }, (_, i) => i % 2);
  const seen: number[] = [];
  const first = (totalSteps: number | ((epochSteps: number) => number)) =>
    createSampler(
      x,
      labels,
      options('random', { neighbourShare: 0.5, threads: 1, totalSteps }),
      seededRandom(6),
    );
  const byFunction = await first((epochSteps) => {
    seen.push(epochSteps);
    return 10;
  });
  const byNumber = await first(10);
  // 20 400 anchors in batches of 24 triplets: 850 steps an epoch
  assert.deepEqual(seen, [Math.ceil(rows / 24)]);
  const draw = (s: { next(): { rows: Int32Array } }) =>
    JSON.stringify(Array.from({ length: 30 }, () => Array.from(s.next().rows)));
  assert.equal(draw(byFunction), draw(byNumber));
});
