/**
 * When a validation score has stopped improving: `patience` checks in a row without beating the best score
 * by more than `tolerance`. Pure bookkeeping over the scores (higher is better); no tensors, no clock, so a
 * seeded run stops at the same step every time.
 */
import { countText } from '../api/count-text.js';

/** A score must beat the best one by more than this (kNN-5 accuracy, 0–1) to count as an improvement. */
export const PLATEAU_TOLERANCE = 0.002;

/** Checks in a row without an improvement that stop the run. */
export const PLATEAU_PATIENCE = 5;

/** Creates the rule; it returns why to stop after a check, or undefined to go on. */
export function plateauStopping(
  tolerance = PLATEAU_TOLERANCE,
  patience = PLATEAU_PATIENCE,
): (score: number, step: number) => string | undefined {
  let best = -Infinity;
  let sinceBest = 0;
  return (score, step) => {
    if (!Number.isFinite(score)) return undefined;
    if (score > best + tolerance) {
      best = score;
      sinceBest = 0;
      return undefined;
    }
    if (++sinceBest < patience) return undefined;
    return `Stopped at step ${countText(step)}: the validation kNN-5 accuracy has not improved by more than ${tolerance} for ${patience} checks (best ${best.toFixed(3)})`;
  };
}
