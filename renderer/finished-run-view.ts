/**
 * What a finished run's result tells the Train screen that the page did not see as it ran: a page reloaded (or
 * a second tab opened) after the run's first steps, or after its end, got none or only some of its progress
 * events, so its loss chart started where it joined and its Loss, Epoch and Elapsed read '—' or 0.0 s beside
 * "finished". The result holds the run's per-epoch history and its report the epoch budget and the training
 * time.
 */
import type { RunResult } from '../src/api/engine-api.js';
import { withEarlierEpochs } from './loss-plot-model.js';
import type { TrainingView } from './state.js';

/** A finite number at `path` of the report (an untyped record on the page), or undefined. */
function reportNumber(report: Record<string, unknown>, ...path: string[]): number | undefined {
  let value: unknown = report;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Fills `training` (the page's view of run `result`, now finished) with what it missed of the run. */
export function fillUnseen(training: TrainingView, result: RunResult): void {
  training.lossPoints = withEarlierEpochs(training.lossPoints, result.history);
  const last = result.history[result.history.length - 1];
  if (!last) return;
  // a page that saw no step said '—' for the loss of a run whose every epoch the result holds
  if (!Number.isFinite(training.loss)) {
    training.loss = last.loss;
    training.activeFraction = last.activeFraction;
  }
  // and '—' for its epoch, 0.0 s for its time: the last epoch of the budget, and the training stage's time
  if (training.epochs === 0) {
    training.epoch = last.epoch;
    training.epochs = Math.max(last.epoch, reportNumber(result.report, 'parameters', 'epochs') ?? 0);
  }
  if (training.elapsedMs === 0) training.elapsedMs = reportNumber(result.report, 'timings', 'trainMs') ?? 0;
}
