/**
 * The Train screen's clock of the run's current stage: when the page saw the run enter it, and a timer that
 * redraws the progress once a second while a run is active, so the time in a long stage without events
 * (preprocessing or the neighbour search of 200 000 cells: minutes) keeps moving.
 */
import { isActive, type TrainingView } from '../../state.js';

export interface StageClock {
  /** Notes the run as the state now shows it (a new run or stage restarts the clock; an ended run stops it). */
  see(t: TrainingView | null): void;
  /** Milliseconds since the page saw the run last noted enter its stage. */
  ms(): number;
}

/** A clock calling `tick` with the run once a second while it is running or stopping outside its training stage. */
export function createStageClock(
  tick: (t: TrainingView) => void,
  now: () => number = Date.now,
  every: (run: () => void) => () => void = (run) => {
    const id = setInterval(run, 1000);
    return () => clearInterval(id);
  },
): StageClock {
  let key = '';
  let since = 0;
  let latest: TrainingView | null = null;
  let stop: (() => void) | null = null;
  return {
    see(t) {
      latest = t;
      const next = t ? `${t.runId}\u0000${t.stage}` : '';
      if (next !== key) {
        key = next;
        since = now();
      }
      // in the training stage the steps' progress events move the clock; the tick is for the silent stages
      const active = isActive(t) && t.stage !== 'training';
      if (active && !stop) stop = every(() => latest && tick(latest));
      if (!active && stop) {
        stop();
        stop = null;
      }
    },
    ms: () => now() - since,
  };
}
