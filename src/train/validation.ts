/**
 * The validation rows of a big table's run: a fixed, seeded subsample of the labelled training rows held
 * aside — their labels are hidden from the sampler, so training never sees them — and their score, the
 * leave-one-out kNN-5 accuracy of their map coordinates among themselves. That is the run's held-out kNN-5
 * metric in small, and cheap: one forward pass over a few thousand rows and an exact kNN among them.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { selectRows } from '../data/select-rows.js';
import { knnAccuracy } from '../evaluate/knn.js';
import { subsampleRows } from '../util/subsample.js';
import { embedRows, type EmbedPlan } from '../model/embed-rows.js';
import type { Random } from '../util/random.js';

/** Rows held aside for validation. */
export const VALIDATION_ROWS = 2000;

/** Steps between two validation checks. */
export const VALIDATION_EVERY = 250;

/** Only classes with at least this many labelled rows give validation rows (a small class keeps all its own). */
const MIN_CLASS_ROWS = 50;

/** Fewer validation rows than this would give too coarse a score: no validation then. */
const MIN_VALIDATION_ROWS = 200;

/** The held-aside rows, their input and labels, and the labels the sampler sees (theirs hidden: −1). */
export interface ValidationSet {
  rows: Int32Array;
  x: DenseMatrix;
  labels: Int32Array;
  trainingLabels: Int32Array;
}

/**
 * Holds aside up to `size` labelled rows (at most a tenth of those eligible), drawn with `random` from the
 * classes with ≥ 50 labelled rows; undefined when fewer than two such classes or 200 such rows exist.
 */
export function holdAsideValidation(
  x: DenseMatrix,
  labels: Int32Array,
  random: Random,
  size = VALIDATION_ROWS,
): ValidationSet | undefined {
  const counts = new Map<number, number>();
  for (const l of labels) if (l >= 0) counts.set(l, (counts.get(l) ?? 0) + 1);
  const big = new Set([...counts].filter(([, n]) => n >= MIN_CLASS_ROWS).map(([c]) => c));
  if (big.size < 2) return undefined;
  const eligible = Int32Array.from(labels.keys()).filter((r) => big.has(labels[r]));
  // never more than a tenth of them, so a mostly unlabeled table keeps its labels for training
  const take = Math.min(size, Math.floor(eligible.length / 10));
  if (take < MIN_VALIDATION_ROWS) return undefined;
  const rows = subsampleRows(eligible, take, random);
  const trainingLabels = labels.slice();
  for (const r of rows) trainingLabels[r] = -1;
  return { rows, x: selectRows(x, rows), labels: Int32Array.from(rows, (r) => labels[r]), trainingLabels };
}

/** Leave-one-out kNN-5 accuracy of the validation rows embedded with the current weights (no dropout). */
export function validationScore(set: ValidationSet, plan: EmbedPlan): number {
  const coords = embedRows(set.x, plan);
  return knnAccuracy(coords, set.labels, coords, set.labels, 5);
}
