/**
 * The loss chart's step points of a run, as the Train screen draws them: one point a train-progress event,
 * thinned the same way wherever they are kept — by the page that started the run, and by the engine (and the
 * worker host's copy of the run), which hands them to a page that joins the run in progress (getState's
 * `activeSteps`), so both pages draw the same points.
 */
import type { TrainProgress } from './progress.js';

/** One step's reading, as the loss chart draws it. */
export interface LossStepPoint {
  /** Fractional epoch: epoch − 1 + step / steps. */
  x: number;
  loss: number;
  activeFraction: number;
}

/** The most points kept: a long run stays cheap to draw and to send to a page that joins it. */
export const MAX_LOSS_POINTS = 2000;

/** The fractional epoch of a progress event (epochs count from 1, steps from 1). */
export function fractionalEpoch(epoch: number, step: number, steps: number): number {
  if (!(steps > 0)) return epoch;
  return epoch - 1 + Math.min(step, steps) / steps;
}

/**
 * `points` with `point` appended (a non-finite loss is not drawn), keeping at most `max` by dropping every
 * other old one when full. The result depends only on the sequence of points appended since the run's first:
 * every holder that appends the run's train-progress events in their order holds the same points.
 */
export function appendLossPoint<T extends LossStepPoint>(
  points: readonly T[],
  point: T,
  max = MAX_LOSS_POINTS,
): T[] {
  if (!Number.isFinite(point.loss)) return [...points];
  const next = [...points, point];
  if (next.length <= max) return next;
  return next.filter((_, i) => i % 2 === 1 || i === next.length - 1);
}

/** The chart's point of a train-progress event. */
export function lossStepPoint(progress: TrainProgress): LossStepPoint {
  return {
    x: fractionalEpoch(progress.epoch, progress.step, progress.steps),
    loss: progress.loss,
    activeFraction: progress.activeFraction,
  };
}
