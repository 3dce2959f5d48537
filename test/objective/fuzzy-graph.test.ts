// The fuzzy simplicial set: bandwidths, memberships and the fuzzy union, against hand-worked values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FAR_DISTANCE,
  farDistance,
  fuzzyGraph,
  graphFromNeighbours,
  resetLocalConnectivity,
  smoothKnnBandwidth,
  superviseGraph,
} from '../../src/objective/fuzzy-graph.js';

test('smoothKnnBandwidth: rho is the nearest distance, sigma solves the log2 k sum', () => {
  // distances 1, 2, 3: ρ = 1; Σ exp(−(d − 1)/σ) = 1 + y + y² = log2 3 with y = e^(−1/σ):
  // y = (−1 + √(1 + 4 (log2 3 − 1))) / 2 = 0.413763, σ = −1 / ln y = 1.133193.
  const { rho, sigma } = smoothKnnBandwidth([1, 2, 3]);
  assert.equal(rho, 1);
  assert.ok(Math.abs(sigma - 1.133193) < 1e-4, `${sigma}`);
  // a duplicate row (distance 0) does not count as the nearest: ρ is the first non-zero distance
  assert.equal(smoothKnnBandwidth([0, 2, 5]).rho, 2);
});

test('graphFromNeighbours: memberships, fuzzy union, each edge once', () => {
  // Rows 0, 1, 2 at 0, 1, 3 on a line, k = 2. With k = 2 the target is log2 2 = 1 = exp(0), so σ shrinks until
  // the second neighbour's membership is within the search tolerance (1e-5) of 0: w(0→1) = w(1→0) =
  // w(2→1) = 1, the rest ≈ 0. Union: {0,1}: 1 + 1 − 1·1 = 1 (found from both ends, listed once);
  // {1,2}: ≈0 + 1 − 0 = 1; {0,2}: ≈0.
  const index = Int32Array.from([1, 2, 0, 2, 1, 0]);
  const distances = [1, 3, 1, 2, 2, 3];
  const g = graphFromNeighbours(3, 2, index, distances);
  const edges = Array.from(g.from, (f, e) => [Math.min(f, g.to[e]), Math.max(f, g.to[e]), g.weight[e]]);
  edges.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const faint = edges.filter((e) => e[2] < 1e-5);
  assert.ok(
    faint.every((e) => e[0] === 0 && e[1] === 2),
    `${faint}`,
  );
  const strong = edges.filter((e) => e[2] >= 1e-5).map(([a, b, w]) => [a, b, Math.round(w * 1e5) / 1e5]);
  assert.deepEqual(strong, [
    [0, 1, 1],
    [1, 2, 1],
  ]);
});

test('graphFromNeighbours: partial memberships combine as a + b − ab', () => {
  // k = 3 around row 0 with distances 1, 2, 3 (σ = 1.133193 above): w(0→2) = exp(−1/σ) = 0.413763,
  // w(0→3) = 0.171200. Row 2 lists 0 at its nearest (w(2→0) = 1), row 3 lists 0 third, with its own
  // distances 1, 2, 3 → w(3→0) = 0.171200. Unions: {0,2} = 0.413763 + 1 − 0.413763 = 1;
  // {0,3} = 0.171200 + 0.171200 − 0.171200² = 0.313090.
  const index = Int32Array.from([1, 2, 3, 0, 2, 3, 0, 1, 3, 1, 2, 0]);
  const distances = [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3];
  const g = graphFromNeighbours(4, 3, index, distances);
  const weightOf = (a: number, b: number): number => {
    const e = Array.from(g.from).findIndex(
      (f, i) => (f === a && g.to[i] === b) || (f === b && g.to[i] === a),
    );
    return e < 0 ? NaN : g.weight[e];
  };
  assert.ok(Math.abs(weightOf(0, 2) - 1) < 1e-5);
  assert.ok(Math.abs(weightOf(0, 3) - 0.31309) < 1e-4, `${weightOf(0, 3)}`);
});

test('fuzzyGraph finds the neighbours itself; superviseGraph weakens edges between classes only', async () => {
  // four rows: two tight pairs far apart; with k = 1 each row's graph edge is its pair
  const x = { rows: 4, cols: 1, data: Float32Array.from([0, 0.1, 10, 10.1]) };
  const g = await fuzzyGraph(x, 1);
  assert.equal(g.weight.length, 2);
  const labels = Int32Array.from([0, 1, 1, -1]);
  const s = superviseGraph(g, labels);
  for (let e = 0; e < g.weight.length; e++) {
    const a = labels[g.from[e]];
    const b = labels[g.to[e]];
    const expected = a >= 0 && b >= 0 && a !== b ? g.weight[e] * Math.exp(-FAR_DISTANCE) : g.weight[e];
    assert.ok(Math.abs(s.weight[e] - expected) < 1e-7);
  }
  assert.ok(
    s.weight.some((w, e) => w < g.weight[e]),
    'the 0–1 edge joins two classes',
  );
});

test('farDistance is umap-learn’s 2.5 / (1 − target_weight); at 1 the edges between classes are dropped', () => {
  assert.equal(farDistance(0.5), FAR_DISTANCE);
  assert.equal(farDistance(0), 2.5);
  assert.equal(farDistance(0.75), 10);
  assert.equal(farDistance(1), Infinity);
  // rows 0, 1 class 0; row 2 class 1; row 3 unlabeled: edges 0–1, 1–2, 2–3
  const g = {
    rows: 4,
    from: Int32Array.from([0, 1, 2]),
    to: Int32Array.from([1, 2, 3]),
    weight: Float32Array.from([0.5, 0.8, 0.25]),
  };
  const cut = superviseGraph(g, Int32Array.from([0, 0, 1, -1]), farDistance(1));
  assert.deepEqual(Array.from(cut.from), [0, 2]);
  assert.deepEqual(Array.from(cut.to), [1, 3]);
  assert.deepEqual(Array.from(cut.weight), [0.5, 0.25]);
});

test('resetLocalConnectivity: each row’s strongest edge becomes 1, then the fuzzy union, by hand', () => {
  // edges 0–1 (0.5), 1–2 (0.25), 0–2 (0.2): row maxima 0.5, 0.5, 0.25.
  // 0–1: p = 0.5/0.5 = 1, q = 0.5/0.5 = 1 → 1.
  // 1–2: p = 0.25/0.5 = 0.5, q = 0.25/0.25 = 1 → 0.5 + 1 − 0.5 = 1.
  // 0–2: p = 0.2/0.5 = 0.4, q = 0.2/0.25 = 0.8 → 0.4 + 0.8 − 0.32 = 0.88.
  const g = {
    rows: 3,
    from: Int32Array.from([0, 1, 0]),
    to: Int32Array.from([1, 2, 2]),
    weight: Float32Array.from([0.5, 0.25, 0.2]),
  };
  const reset = resetLocalConnectivity(g);
  const expected = [1, 1, 0.88];
  for (let e = 0; e < 3; e++)
    assert.ok(Math.abs(reset.weight[e] - expected[e]) < 1e-6, `${e}: ${reset.weight[e]}`);
  assert.deepEqual(Array.from(g.weight), Array.from(Float32Array.from([0.5, 0.25, 0.2])), 'input untouched');
});
