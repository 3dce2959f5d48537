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
