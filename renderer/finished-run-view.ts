/**
 * What a run's history tells the Train screen that the page did not see as it ran: a page reloaded (or a
 * second tab opened) after the run's first steps, or after its end, got none or only some of its progress
 * events, so its loss chart started where it joined and its Loss, Epoch and Elapsed read '—' or 0.0 s. A
 * finished run's result holds the run's per-epoch history and its report the epoch budget and the training
 * time; a run still going on gives its epochs so far and its settings (getState's activeHistory and
 * activeRequest), which a page that joins it takes the same way.
 */
import type { RunResult } from '../src/api/engine-api.js';
import type { TrainHistoryEntry } from '../src/api/progress.js';
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

/**
 * Fills `training` with the epochs of `history` it did not see: the loss chart's earlier epochs, and the
 * last epoch's loss and number where the page had none. `budget`: the run's epoch budget, when known.
 */
export function fillUnseenEpochs(
  training: TrainingView,
  history: readonly TrainHistoryEntry[],
  budget: number | undefined,
): void {
  training.lossPoints = withEarlierEpochs(training.lossPoints, history);
  const last = history[history.length - 1];
  if (!last) return;
  // a page that saw no step said '—' for the loss of a run whose epochs the history holds
  if (!Number.isFinite(training.loss)) {
    training.loss = last.loss;
    training.activeFraction = last.activeFraction;
  }
  // and '—' for its epoch: the last epoch done, of the budget
  if (training.epochs === 0) {
    training.epoch = last.epoch;
    training.epochs = Math.max(last.epoch, budget ?? 0);
  }
}

/** Fills `training` (the page's view of run `result`, now finished) with what it missed of the run. */
export function fillUnseen(training: TrainingView, result: RunResult): void {
  fillUnseenEpochs(training, result.history, reportNumber(result.report, 'parameters', 'epochs'));
  // and 0.0 s for its time: the training stage's time
  if (result.history.length > 0 && training.elapsedMs === 0)
    training.elapsedMs = reportNumber(result.report, 'timings', 'trainMs') ?? 0;
}
