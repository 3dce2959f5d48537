/**
 * What a run's history tells the Train screen that the page did not see as it ran: a page reloaded (or a
 * second tab opened) after the run's first steps, or after its end, got none or only some of its progress
 * events, so its loss chart started where it joined and its Loss, Epoch and Elapsed read '—' or 0.0 s. A
 * finished run's result holds the run's per-epoch history and its report the epoch budget and the training
 * time; a run still going on gives its epochs so far, its settings and its last progress (getState's
 * activeHistory, activeRequest and activeProgress), which a page that joins it takes the same way.
 */
import type { RunResult } from '../src/api/engine-api.js';
import type { TrainHistoryEntry, TrainProgress } from '../src/api/progress.js';
import { appendLossPoint, fractionalEpoch, withEarlierEpochs } from './loss-plot-model.js';
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

/**
 * `training` (a run the page joined in progress) with its last progress drawn after its epochs done: the page
 * that started the run drew that step's point from the same event, and the history holds finished epochs only
 * — joined after an epoch's last step but before the engine recorded the epoch, the page had no point for that
 * epoch at all, and one joined mid-epoch none for it until the epoch ended. Never drawn twice: the history's
 * record of the epoch that step ended gives way to it, and a step before the page's last point is left out.
 */
export function withProgressPoint(training: TrainingView, progress: TrainProgress | undefined): void {
  if (!progress || !Number.isFinite(progress.loss)) return;
  const x = fractionalEpoch(progress.epoch, progress.step, progress.steps);
  const last = training.lossPoints[training.lossPoints.length - 1];
  if (last && x < last.x) return;
  const point = { x, loss: progress.loss, activeFraction: progress.activeFraction };
  // the epoch it ended, recorded too: its last step's loss, as the starting page drew it, not the epoch's mean
  const before = last && x === last.x ? training.lossPoints.slice(0, -1) : training.lossPoints;
  training.lossPoints = appendLossPoint(before, point);
}

/**
 * `training` (a run the page joined in progress) with the run's last progress, when the page has seen no step
 * of its own: its elapsed time, time left, steps and progress bar, at once — the next progress event may be
 * seconds away, and none comes once the epochs are over (the metrics). A run in its steps ('train') reads
 * 'training', as a progress event makes it.
 */
export function withUnseenProgress(
  training: TrainingView,
  progress: TrainProgress | undefined,
): TrainingView {
  if (!progress || training.steps > 0) return training;
  const joined: TrainingView = { ...training, ...progress };
  if (training.stage !== 'train') return joined;
  // the stage's step (the neighbour search before the first step) is over
  const { stageStep: _over, ...inSteps } = joined;
  return { ...inSteps, stage: 'training' };
}
