/**
 * Limited-memory BFGS with a backtracking (Armijo) line search: a small, dependable minimiser for smooth
 * convex problems of a few thousand parameters (the class-evidence step's logistic regression). Gradient
 * descent, even accelerated, needed over a thousand passes on pbmc68k's principal components, whose
 * variances span two orders of magnitude; the curvature pairs undo that scaling.
 */
import { runNow, type Paced } from './paced.js';

/** The objective's value and gradient at a point. */
export type Objective = (x: Float64Array) => { value: number; gradient: Float64Array };

/** When to stop. */
export interface LbfgsOptions {
  /** Most iterations. Default 200. */
  maxIterations?: number;
  /** Stops when the largest gradient component is below this. Default 1e-5. */
  tolerance?: number;
  /** Curvature pairs kept. Default 10. */
  memory?: number;
  /**
   * Stops when an iteration lowers the value by less than this fraction of it (scipy's `ftol`). Default
   * 1e-7: a float32 objective cannot tell smaller changes from rounding.
   */
  relativeDecrease?: number;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

const largest = (a: Float64Array): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** The two-loop recursion: −H·g from the stored pairs (s, y) and their 1 / (yᵀs). */
function direction(g: Float64Array, s: Float64Array[], y: Float64Array[], rho: number[]): Float64Array {
  const q = g.slice();
  const alpha = new Array<number>(s.length);
  for (let i = s.length - 1; i >= 0; i--) {
    alpha[i] = rho[i] * dot(s[i], q);
    for (let j = 0; j < q.length; j++) q[j] -= alpha[i] * y[i][j];
  }
  // the initial Hessian guess γ·I, γ = sᵀy / yᵀy of the latest pair (Nocedal & Wright 7.20)
  const last = s.length - 1;
  const gamma = last >= 0 ? 1 / (rho[last] * dot(y[last], y[last])) : 1 / Math.max(1, largest(g));
  for (let j = 0; j < q.length; j++) q[j] *= gamma;
  for (let i = 0; i < s.length; i++) {
    const beta = rho[i] * dot(y[i], q);
    for (let j = 0; j < q.length; j++) q[j] += (alpha[i] - beta) * s[i][j];
  }
  for (let j = 0; j < q.length; j++) q[j] = -q[j];
  return q;
}

/** Minimises `objective` from `start`; returns the last point reached. */
export function minimiseLbfgs(
  objective: Objective,
  start: Float64Array,
  options: LbfgsOptions = {},
): Float64Array {
  return runNow(minimiseLbfgsSteps(objective, start, options));
}

/** `minimiseLbfgs`, pausing after each iteration with the iterations done. */
export function* minimiseLbfgsSteps(
  objective: Objective,
  start: Float64Array,
  options: LbfgsOptions = {},
): Paced<Float64Array, number> {
  const { maxIterations = 200, tolerance = 1e-5, memory = 10, relativeDecrease = 1e-7 } = options;
  let x = start.slice();
  let { value, gradient } = objective(x);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  for (let it = 0; it < maxIterations && largest(gradient) >= tolerance; it++) {
    let d = direction(gradient, s, y, rho);
    let slope = dot(gradient, d);
    if (!(slope < 0)) {
      // not a descent direction (rounding): start the memory again from steepest descent
      s.length = y.length = rho.length = 0;
      d = direction(gradient, s, y, rho);
      slope = dot(gradient, d);
    }
    let step = 1;
    let next: { value: number; gradient: Float64Array } | undefined;
    let candidate = x;
    for (let tries = 0; tries < 20; tries++) {
      candidate = x.map((v, i) => v + step * d[i]);
      const at = objective(candidate);
      if (Number.isFinite(at.value) && at.value <= value + 1e-4 * step * slope) {
        next = at;
        break;
      }
      step /= 2;
    }
    // no decrease along the direction: the point is as good as the objective's precision can tell
    if (!next) break;
    const sk = candidate.map((v, i) => v - x[i]);
    const yk = next.gradient.map((v, i) => v - gradient[i]);
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
      if (s.length > memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
    }
    x = candidate;
    const decrease = value - next.value;
    ({ value, gradient } = next);
    if (decrease <= relativeDecrease * Math.max(1, Math.abs(value))) break;
    yield it + 1;
  }
  return x;
}
