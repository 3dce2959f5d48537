import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minimiseLbfgs } from '../../src/preprocess/lbfgs.js';

test('an ill-conditioned quadratic: the minimum A⁻¹b, in a handful of evaluations', () => {
  // f(x) = ½ (x₀² + 100 x₁²) − (x₀ + 100 x₁): the minimum is (1, 1) by hand (∇f = (x₀ − 1, 100 x₁ − 100)).
  let evaluations = 0;
  const x = minimiseLbfgs(
    (p) => {
      evaluations++;
      return {
        value: 0.5 * (p[0] ** 2 + 100 * p[1] ** 2) - (p[0] + 100 * p[1]),
        gradient: Float64Array.from([p[0] - 1, 100 * p[1] - 100]),
      };
    },
    new Float64Array(2),
    { tolerance: 1e-10, relativeDecrease: 0 },
  );
  assert.ok(Math.abs(x[0] - 1) < 1e-9 && Math.abs(x[1] - 1) < 1e-9, `${x[0]}, ${x[1]}`);
  // steepest descent with a safe step would need hundreds; curvature pairs make it a few tens at most
  assert.ok(evaluations < 60, `${evaluations} evaluations`);
});

test('Rosenbrock’s valley: the minimum (1, 1) from (−1.2, 1)', () => {
  const x = minimiseLbfgs(
    ([a, b]) => ({
      value: (1 - a) ** 2 + 100 * (b - a * a) ** 2,
      gradient: Float64Array.from([-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]),
    }),
    Float64Array.from([-1.2, 1]),
    { tolerance: 1e-8, relativeDecrease: 0, maxIterations: 500 },
  );
  assert.ok(Math.abs(x[0] - 1) < 1e-5 && Math.abs(x[1] - 1) < 1e-5, `${x[0]}, ${x[1]}`);
});

test('it stops when an iteration no longer lowers the value by the relative amount asked', () => {
  let evaluations = 0;
  minimiseLbfgs(
    (p) => {
      evaluations++;
      return { value: 1 + 1e-12 * p[0] ** 2, gradient: Float64Array.from([2e-12 * p[0]]) };
    },
    Float64Array.from([1]),
    { tolerance: 0, relativeDecrease: 1e-7, maxIterations: 1000 },
  );
  assert.ok(evaluations <= 3, `${evaluations} evaluations`);
});
