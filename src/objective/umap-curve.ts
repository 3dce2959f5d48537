/**
 * UMAP's a and b from min_dist (umap-learn's find_ab_params, spread 1): the least-squares fit of
 * q(d) = 1 / (1 + a·d^(2b)) to the target curve 1 for d < min_dist, exp(−(d − min_dist)) beyond, on 300 evenly
 * spaced d in [0, 3]. A smaller min_dist gives a steeper curve near 0 and so tighter groups of neighbours.
 * Solved by Gauss–Newton with a step-halving line search from umap's own a, b at min_dist 0.1 — deterministic
 * and about 30 iterations of O(300) work, once per run.
 */
import type { UmapCurve } from '../losses/umap-loss.js';
import { UMAP_A, UMAP_B } from '../losses/umap-loss.js';

const SAMPLES = 300;
const SPREAD = 1;
const ITERATIONS = 100;

/** Sum of squared residuals of the curve with parameters a, b over the sample points. */
function residualSum(xs: Float64Array, ys: Float64Array, a: number, b: number): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    const r = 1 / (1 + a * Math.pow(xs[i], 2 * b)) - ys[i];
    sum += r * r;
  }
  return sum;
}

/** Fits already made, by min_dist (the trainer asks once a step for the same value). */
const fitted = new Map<number, Required<UmapCurve>>();

/** a and b of UMAP's output curve for `minDist` (in [0, 1)), as umap-learn's find_ab_params(1, minDist). */
export function fitUmapCurve(minDist: number): Required<UmapCurve> {
  const known = fitted.get(minDist);
  if (known) return known;
  const curve = fitCurve(minDist);
  fitted.set(minDist, curve);
  return curve;
}

function fitCurve(minDist: number): Required<UmapCurve> {
  const xs = Float64Array.from({ length: SAMPLES }, (_, i) => (3 * SPREAD * i) / (SAMPLES - 1));
  const ys = Float64Array.from(xs, (x) => (x < minDist ? 1 : Math.exp(-(x - minDist) / SPREAD)));
  let a = UMAP_A;
  let b = UMAP_B;
  let current = residualSum(xs, ys, a, b);
  for (let it = 0; it < ITERATIONS; it++) {
    // normal equations of the 2-parameter Gauss–Newton step (d = 0 contributes no gradient)
    let jaa = 0;
    let jab = 0;
    let jbb = 0;
    let ga = 0;
    let gb = 0;
    for (let i = 1; i < SAMPLES; i++) {
      const p = Math.pow(xs[i], 2 * b);
      const q = 1 / (1 + a * p);
      const r = q - ys[i];
      const da = -p * q * q;
      const db = -a * p * 2 * Math.log(xs[i]) * q * q;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    const det = jaa * jbb - jab * jab;
    if (!(Math.abs(det) > 0)) break;
    const stepA = (jbb * ga - jab * gb) / det;
    const stepB = (jaa * gb - jab * ga) / det;
    let scale = 1;
    let accepted = false;
    for (let halving = 0; halving < 30; halving++) {
      const na = a - scale * stepA;
      const nb = b - scale * stepB;
      const next = na > 0 && nb > 0 ? residualSum(xs, ys, na, nb) : Infinity;
      if (next < current) {
        a = na;
        b = nb;
        accepted = current - next > 1e-15 * current;
        current = next;
        break;
      }
      scale /= 2;
    }
    if (!accepted) break;
  }
  return { a, b };
}
