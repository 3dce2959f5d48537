/**
 * Stratified hold-out split: every class contributes about `holdoutFraction` of its cells to the hold-out
 * set, the total is round(labelled × fraction) (largest-remainder allocation, which passes over a class it
 * would leave with a single training cell: a class of 2 stays in training unless the fraction itself,
 * ⌊2 × fraction⌋, holds one out), and every class keeps at least one cell in training, so a class with a
 * single member always stays in train. Unlabeled rows take
 * part in neither side and are listed separately. Labels come as text or as class codes (e.g. the codes of
 * indexLabels in src/data, which the run shares with its sampler and metrics).
 */
import { seededRandom, shuffleInPlace, type Random } from '../util/random.js';
import { encodeLabels, type LabelInput } from './labels.js';

export interface Split {
  /** Labelled rows used for training, ascending. */
  train: number[];
  /** Labelled rows held out for evaluation, ascending. */
  holdout: number[];
  /** Rows without a label, ascending. */
  unlabeled: number[];
}

/**
 * @param holdoutFraction fraction of the labelled rows to hold out, in [0, 1). Default 0.2.
 * @param random the generator that picks the hold-out cells. Default seededRandom(0).
 */
export function stratifiedSplit(
  labels: LabelInput,
  holdoutFraction = 0.2,
  random: Random = seededRandom(0),
): Split {
  if (!(holdoutFraction >= 0 && holdoutFraction < 1)) {
    throw new RangeError(`holdout fraction must be in [0, 1), got ${holdoutFraction}`);
  }
  const { codes, names } = encodeLabels(labels);
  const members: number[][] = names.map(() => []);
  const unlabeled: number[] = [];
  codes.forEach((code, row) => (code < 0 ? unlabeled : members[code]).push(row));
  // classes in order of their first row, so the split (which draws from `random` class by class) does not
  // depend on how the classes are numbered: text labels and the codes of indexLabels give the same split
  const classes = members
    .map((rows, code) => ({ code, rows }))
    .filter((c) => c.rows.length > 0)
    .sort((a, b) => a.rows[0] - b.rows[0]);
  const labelled = classes.reduce((sum, c) => sum + c.rows.length, 0);

  const quota = classes.map((c) => Math.min(Math.floor(c.rows.length * holdoutFraction), c.rows.length - 1));
  let remaining = Math.round(labelled * holdoutFraction) - quota.reduce((a, b) => a + b, 0);
  const byRemainder = classes
    .map((c, i) => ({
      i,
      rest: c.rows.length * holdoutFraction - Math.floor(c.rows.length * holdoutFraction),
    }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (remaining <= 0) break;
    // the rounding's extra cell never leaves a class a single training cell: a bulk panel's class of 2
    // samples lost one to it at the default 0.2, and the one left could anchor no triplet (no positive) while
    // the held-out one could never win its 5-neighbour vote — the class was neither learned nor measured
    if (quota[i] < classes[i].rows.length - 2) {
      quota[i]++;
      remaining--;
    }
  }

  const train: number[] = [];
  const holdout: number[] = [];
  classes.forEach((c, i) => {
    const shuffled = shuffleInPlace(random, [...c.rows]);
    holdout.push(...shuffled.slice(0, quota[i]));
    train.push(...shuffled.slice(quota[i]));
  });
  const ascending = (a: number, b: number): number => a - b;
  return { train: train.sort(ascending), holdout: holdout.sort(ascending), unlabeled };
}
