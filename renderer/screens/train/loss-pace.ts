/**
 * How often the Train screen redraws its loss curve. Progress events come ten times a second, and each
 * redraw is a Plotly.react of a 2-D plot whose axes are laid out anew (its ranges grow): 0.3–1 s of the page's
 * thread without a GPU on a loaded machine, so redrawing at every frame kept the page busy for about half of a
 * run of minutes (a 200 000-cell run). The curve is drawn at most once per `everyMs`, the latest points at the
 * end of each interval, and at once when the run ends.
 */
import type { LossPoint } from '../../loss-plot-model.js';

/** At most one loss-curve draw per this many ms while a run goes on. */
export const LOSS_PLOT_EVERY_MS = 2000;

export interface LossPace {
  /** Draws `points` now or at the end of the interval; `final` (the run ended) draws now. */
  show(points: readonly LossPoint[], final: boolean): void;
}

export function createLossPace(
  draw: (points: readonly LossPoint[]) => void,
  {
    everyMs = LOSS_PLOT_EVERY_MS,
    now = Date.now,
    later = (run: () => void, ms: number) => void setTimeout(run, ms),
  }: { everyMs?: number; now?: () => number; later?: (run: () => void, ms: number) => void } = {},
): LossPace {
  let last = -Infinity;
  let pending: readonly LossPoint[] | null = null;
  let waiting = false;
  const drawNow = (points: readonly LossPoint[]) => {
    pending = null;
    last = now();
    draw(points);
  };
  return {
    show(points, final) {
      if (final || now() - last >= everyMs) return drawNow(points);
      pending = points;
      if (waiting) return;
      waiting = true;
      later(
        () => {
          waiting = false;
          if (pending) drawNow(pending);
        },
        Math.max(0, last + everyMs - now()),
      );
    },
  };
}
