/**
 * Shared reference data for the metric tests. X: 14 × 5 values drawn once with numpy
 * (np.random.default_rng(7).normal(size=(14, 5)), rounded to 2 decimals); Y: X[:, :2] plus noise
 * (scale 0.6, same generator), rounded — a plausible, imperfect 2-D embedding of X. The expected values in
 * the tests were computed from exactly these numbers with scikit-learn 1.9.1 in a throwaway venv.
 */
import { matrix } from '../preprocess/helpers.js';

export const SKLEARN_X = matrix([
  [0.0, 0.3, -0.27, -0.89, -0.45],
  [-0.99, 0.06, 1.34, -0.49, -0.62],
  [0.49, 0.36, 0.11, -0.93, -0.03],
  [0.7, -1.34, -0.46, -1.9, -1.29],
  [-1.84, -0.24, -1.27, 0.27, 0.16],
  [-0.19, -2.52, -0.54, -0.05, 0.11],
  [-1.53, -0.48, -0.98, -0.81, 1.06],
  [-0.81, -0.03, 0.88, -0.58, -0.11],
  [0.11, 0.06, -1.23, 0.08, 1.36],
  [-1.55, 0.86, 0.12, -0.64, 2.0],
  [0.76, -1.2, 0.07, 0.58, -0.19],
  [0.68, -0.07, 0.67, 1.44, -0.68],
  [0.2, -0.46, 0.13, -1.19, -0.58],
  [-0.2, 0.9, 1.15, -1.32, -0.79],
]);

export const SKLEARN_Y = matrix([
  [0.39, -0.9],
  [-1.27, 0.0],
  [1.24, 0.77],
  [0.5, -1.56],
  [-1.99, 0.67],
  [-0.45, -2.7],
  [-1.32, -0.55],
  [-0.93, -0.7],
  [0.1, -0.21],
  [-0.85, 1.25],
  [0.75, -0.8],
  [0.48, 0.56],
  [0.2, -0.11],
  [-0.97, 1.11],
]);

export const SKLEARN_LABELS = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'c', 'c', 'c', 'c', 'c'];
