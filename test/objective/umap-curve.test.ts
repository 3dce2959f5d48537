// UMAP's a, b from min_dist against umap-learn's find_ab_params (reference values printed by umap-learn 0.5
// in /work/venvs/peers: find_ab_params(1.0, m)), and the fit's own optimality.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UMAP_A, UMAP_B } from '../../src/losses/umap-loss.js';
import { fitUmapCurve } from '../../src/objective/umap-curve.js';

test('fitUmapCurve reproduces umap-learn’s a and b for several min_dist', () => {
  const reference: [number, number, number][] = [
    [0, 1.9328083979306352, 0.7904949733907061],
    [0.01, 1.8956058662833517, 0.8006378442524251],
    [0.1, UMAP_A, UMAP_B],
    [0.5, 0.5830300199950147, 1.334166993228519],
  ];
  for (const [minDist, a, b] of reference) {
    const fit = fitUmapCurve(minDist);
    assert.ok(Math.abs(fit.a - a) < 1e-5, `min_dist ${minDist}: a ${fit.a} vs ${a}`);
    assert.ok(Math.abs(fit.b - b) < 1e-5, `min_dist ${minDist}: b ${fit.b} vs ${b}`);
  }
});

test('a smaller min_dist gives a curve that falls off sooner (neighbours packed tighter)', () => {
  // q(d) = 1 / (1 + a d^2b) at d = 0.3 (ln 0.3 = −1.20397):
  // min_dist 0.01: 0.3^1.60128 = e^−1.92789 = 0.14546; × 1.89561 = 0.27573; q = 1 / 1.27573 = 0.78387;
  // min_dist 0.5:  0.3^2.66833 = e^−3.21259 = 0.04025; × 0.58303 = 0.02346; q = 1 / 1.02346 = 0.97707 —
  // the wider flat top of min_dist 0.5 keeps q near 1 out to d ≈ 0.5, the small one falls off at once.
  const q = (m: number, d: number): number => {
    const { a, b } = fitUmapCurve(m);
    return 1 / (1 + a * Math.pow(d, 2 * b));
  };
  assert.ok(Math.abs(q(0.01, 0.3) - 0.78387) < 1e-3, `${q(0.01, 0.3)}`);
  assert.ok(Math.abs(q(0.5, 0.3) - 0.97707) < 1e-3, `${q(0.5, 0.3)}`);
  assert.equal(fitUmapCurve(0.25), fitUmapCurve(0.25), 'one fit per min_dist, then reused');
});
