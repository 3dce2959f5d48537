// Edge and negative sampling over the fuzzy graph: layout, seeding and frequencies ∝ weight.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEdgeSampler } from '../../src/objective/edge-sampler.js';
import { seededRandom } from '../../src/util/random.js';

const graph = {
  rows: 4,
  from: Int32Array.from([0, 1, 2]),
  to: Int32Array.from([1, 2, 3]),
  weight: Float32Array.from([0.1, 0.3, 0.6]),
};

test('createEdgeSampler: [heads; tails] are edges, shifts in [1, E), same seed same batches', () => {
  const a = createEdgeSampler(graph, 8, 5, seededRandom(3));
  const b = createEdgeSampler(graph, 8, 5, seededRandom(3));
  for (let step = 0; step < 20; step++) {
    const x = a.next();
    assert.deepEqual(x, b.next());
    assert.equal(x.rows.length, 2 * x.edges);
    assert.equal(x.shifts.length, 5);
    for (const s of x.shifts) assert.ok(s >= 1 && s < x.edges);
    for (let i = 0; i < x.edges; i++) {
      const [h, t] = [x.rows[i], x.rows[x.edges + i]];
      assert.equal(Math.abs(h - t), 1, `${h}–${t} is an edge of the path graph`);
    }
  }
});

test('createEdgeSampler: edges are drawn in proportion to their weight', () => {
  const sampler = createEdgeSampler(graph, 100, 1, seededRandom(7));
  const counts = [0, 0, 0];
  for (let step = 0; step < 200; step++) {
    const x = sampler.next();
    for (let i = 0; i < x.edges; i++) counts[Math.min(x.rows[i], x.rows[x.edges + i])]++;
  }
  const total = counts.reduce((s, c) => s + c, 0);
  [0.1, 0.3, 0.6].forEach((p, e) => assert.ok(Math.abs(counts[e] / total - p) < 0.02, `${counts}`));
  assert.throws(
    () => createEdgeSampler({ ...graph, weight: new Float32Array(0) }, 4, 1, seededRandom(1)),
    /no edges/,
  );
});

test('createEdgeSampler: uniform negatives are a third block drawn evenly over every row; edges as before', () => {
  const plain = createEdgeSampler(graph, 64, 5, seededRandom(11));
  const uniform = createEdgeSampler(graph, 64, 5, seededRandom(11), true);
  const first = uniform.next();
  const expected = plain.next();
  assert.equal(first.uniformNegatives, true);
  assert.equal(expected.uniformNegatives, undefined);
  assert.equal(first.rows.length, 3 * first.edges);
  assert.deepEqual(
    first.rows.subarray(0, 2 * first.edges),
    expected.rows,
    'the same edges from the same seed',
  );
  assert.deepEqual(first.shifts, expected.shifts);
  const counts = [0, 0, 0, 0];
  // 6 edges a step (twice the graph's 3), so 12 000 draws: a quarter ± 0.004 (one standard deviation)
  for (let step = 0; step < 2000; step++) {
    const x = uniform.next();
    for (const row of x.rows.subarray(2 * x.edges)) counts[row]++;
  }
  // by edge weight, row 0 ends 0.05 of the edges' ends and row 3 0.3; uniform, each row a quarter
  const total = counts.reduce((s, c) => s + c, 0);
  for (const c of counts) assert.ok(Math.abs(c / total - 0.25) < 0.02, `${counts}`);
});
