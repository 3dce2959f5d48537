/**
 * The remaining time of a run from its measured step times: an exponential moving average of the time
 * between steps (which includes the loop's own pauses, snapshots and validation checks), so the first slow
 * steps (kernel compilation, caches warming) fade out instead of weighing on the estimate for the whole run.
 * Display only: nothing stops on it.
 */

/** Steps not timed at all: the first ones, slow while the backend compiles its kernels. */
export const ETA_WARMUP_STEPS = 3;

/** Weight of the newest step time in the moving average (about the last 1 / 0.05 = 20 steps count). */
export const ETA_SMOOTHING = 0.05;

/** Records step ends and estimates the time of the steps left. */
export interface StepTimer {
  /** A step ended now. */
  lap(): void;
  /** Estimated time of `stepsLeft` more steps; NaN until enough steps were timed (0 when none are left). */
  remainingMs(stepsLeft: number): number;
}

/** @param now the clock, in ms (injectable for tests). Default performance.now. */
export function createStepTimer(now: () => number = () => performance.now()): StepTimer {
  let last = now();
  let laps = 0;
  let average = NaN;
  return {
    lap() {
      const t = now();
      const took = t - last;
      last = t;
      laps++;
      if (laps <= ETA_WARMUP_STEPS) return;
      average = Number.isNaN(average) ? took : average + ETA_SMOOTHING * (took - average);
    },
    remainingMs(stepsLeft) {
      return stepsLeft <= 0 ? 0 : stepsLeft * average;
    },
  };
}
