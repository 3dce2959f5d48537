/**
 * The epochs of a run: steps over seeded batches with per-step progress (and the time left, from the
 * measured step times), a snapshot every N epochs, early stopping, a step budget, a validation plateau
 * check every few steps on big tables, a clean stop when onProgress returns false, and a clear stop on a
 * NaN/Inf loss. Yields to the event loop when due (the worker answers status and stop requests meanwhile);
 * yielding never touches the seeded streams, and no stop depends on wall time, so results are the same for
 * every yield budget and machine load.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { countText } from '../api/count-text.js';
import type { StoppedReason, TrainHistoryEntry } from '../api/progress.js';
import type { Batch } from '../triplets/batch.js';
import { earlyStopping } from './early-stopping.js';
import { DEFAULT_YIELD_BUDGET_MS, type TrainHooks } from './progress.js';
import { plateauStopping } from './plateau.js';
import { createStepTimer, type StepTimer } from './step-timer.js';
import { trainStep, type StepModel } from './train-step.js';
import { yieldToEventLoop } from '../util/yield-to-event-loop.js';

/** What the loop runs: the input, its batches, the step, and how long. */
export interface EpochLoop {
  x: DenseMatrix;
  sampler: { next(): Batch };
  model: StepModel;
  epochs: number;
  /** Steps per epoch. */
  steps: number;
  /** Epochs without improvement (or without an active triplet) before stopping early; 0 never stops. */
  patience: number;
  /**
   * Steps over which the loss's own weighting still changes (the graph weight's schedule): early stopping
   * waits until the epoch holding the last of them has run, and counts patience from there. Default 0.
   */
  holdEarlyStopSteps?: number;
  /** Most steps of the whole run (the step budget); epochs × steps when it does not bind. */
  maxSteps: number;
  /** A validation score (higher is better) checked every `every` steps; a plateau stops the run. */
  validation?: { every: number; score(): number };
  /** All of x embedded with the current weights (no dropout), awaiting `pause` between chunks. */
  snapshot(pause: () => Promise<void>): Promise<DenseMatrix>;
  /** Graph-only steps before the first epoch (reported as epoch 0), and their batches. Default: none. */
  warmup?: { steps: number; next(): Batch };
  /** Any rows embedded with the current weights (no dropout), awaiting `pause` between chunks. */
  embed(rows: DenseMatrix, pause: () => Promise<void>): Promise<DenseMatrix>;
}

/** How the loop ended: the per-epoch history, why it stopped, and a sentence when not completed. */
export interface EpochLoopOutcome {
  history: TrainHistoryEntry[];
  stoppedReason: StoppedReason;
  message?: string;
  /** Steps run in all (the graph warm-up's not counted: it is not part of the step budget). */
  stepsRun: number;
}

/** What runs across epochs: the step count, the step timer and the plateau rule. */
interface RunState {
  started: number;
  /** Steps run so far. */
  done: number;
  /** Steps the run takes at most. */
  total: number;
  timer: StepTimer;
  plateau: (score: number, step: number) => string | undefined;
}

/** An epoch that ran all its steps (its mean loss and active share), or a stop within it. */
type EpochEnd =
  | { stopped: false; entry: TrainHistoryEntry; monitored: number }
  | { stopped: true; reason: StoppedReason; message: string; entry?: TrainHistoryEntry };

/**
 * Yields whenever more than `budgetMs` passed since the last yield, so the event loop waits at most about one
 * step or one embedding chunk plus the budget.
 */
function yielder(budgetMs: number, onYield: (() => void) | undefined): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < budgetMs) return;
    await yieldToEventLoop();
    onYield?.();
    last = performance.now();
  };
}

/** An epoch's running sums: the loss, the part early stopping watches, the active share, the last validation. */
interface EpochSums {
  loss: number;
  monitored: number;
  active: number;
  validation?: number;
}

/** The epoch's summary after `step` of its `steps` steps. */
function epochEntry(epoch: number, sums: EpochSums, step: number): TrainHistoryEntry {
  return {
    epoch,
    loss: sums.loss / step,
    activeFraction: sums.active / step,
    steps: step,
    ...(sums.validation !== undefined ? { validation: sums.validation } : {}),
  };
}

/** Why to stop after the run's step `done` — the budget, or a validation plateau — or undefined. */
function budgetOrPlateau(
  loop: EpochLoop,
  run: RunState,
  sums: { validation?: number },
): { reason: StoppedReason; message: string } | undefined {
  if (loop.validation && run.done % loop.validation.every === 0) {
    const score = loop.validation.score();
    sums.validation = score;
    const message = run.plateau(score, run.done);
    if (message !== undefined) return { reason: 'plateau', message };
  }
  if (run.done >= loop.maxSteps && run.done < loop.epochs * loop.steps) {
    return { reason: 'budget', message: `Stopped at the step budget: ${countText(loop.maxSteps)} steps` };
  }
  return undefined;
}

/** Runs the steps of epoch `epoch`. */
async function runEpoch(
  loop: EpochLoop,
  epoch: number,
  run: RunState,
  hooks: TrainHooks,
  pause: () => Promise<void>,
): Promise<EpochEnd> {
  const { steps, epochs } = loop;
  const sums: EpochSums = { loss: 0, monitored: 0, active: 0 };
  for (let step = 1; step <= steps; step++) {
    const { loss, monitored, active, total } = await trainStep(loop.model, loop.x, loop.sampler.next());
    if (!Number.isFinite(loss)) {
      const message =
        `Training stopped at epoch ${epoch}, step ${step}: the loss became ${loss}. ` +
        'Try a lower learning rate, or check the input for extreme values (it should be scaled, e.g. z-scored or PCA).';
      return { stopped: true, reason: 'nan', message };
    }
    const activeFraction = total > 0 ? active / total : 0;
    sums.loss += loss;
    sums.monitored += monitored;
    sums.active += activeFraction;
    run.done++;
    run.timer.lap();
    const keepGoing = hooks.onProgress?.({
      epoch,
      epochs,
      step,
      steps,
      loss,
      activeFraction,
      elapsedMs: Date.now() - run.started,
      totalStep: run.done,
      totalSteps: run.total,
      etaMs: run.timer.remainingMs(run.total - run.done),
    });
    if (keepGoing === false) {
      const message = `Stopped on request at epoch ${epoch}, step ${step}`;
      const entry = epochEntry(epoch, sums, step);
      return { stopped: true, reason: 'stopped', message, ...(step === steps ? { entry } : {}) };
    }
    const stop = budgetOrPlateau(loop, run, sums);
    if (stop) return { stopped: true, ...stop, entry: epochEntry(epoch, sums, step) };
    await pause();
  }
  return { stopped: false, entry: epochEntry(epoch, sums, steps), monitored: sums.monitored / steps };
}

/**
 * The graph-only warm-up (parametric UMAP's training before the triplet loss joins): `warmup.steps` steps
 * reported as epoch 0. Returns a stop when one happens, else undefined.
 */
async function runWarmup(
  loop: EpochLoop,
  run: RunState,
  hooks: TrainHooks,
  pause: () => Promise<void>,
): Promise<Extract<EpochEnd, { stopped: true }> | undefined> {
  const steps = loop.warmup?.steps ?? 0;
  for (let step = 1; step <= steps && loop.warmup; step++) {
    const { loss } = await trainStep(loop.model, loop.x, loop.warmup.next());
    if (!Number.isFinite(loss)) {
      const message = `Training stopped in the graph warm-up, step ${step}: the loss became ${loss}. Try a lower learning rate.`;
      return { stopped: true, reason: 'nan', message };
    }
    const elapsedMs = Date.now() - run.started;
    const progress = { epoch: 0, epochs: loop.epochs, step, steps, loss, activeFraction: 0, elapsedMs };
    if (hooks.onProgress?.({ ...progress, etaMs: (elapsedMs / step) * (steps - step) }) === false) {
      return {
        stopped: true,
        reason: 'stopped',
        message: `Stopped on request in the graph warm-up, step ${step}`,
      };
    }
    await pause();
  }
  return undefined;
}

/** Runs epochs until the last one, an early stop, a stop on request, or a non-finite loss. */
export async function runEpochs(loop: EpochLoop, hooks: TrainHooks): Promise<EpochLoopOutcome> {
  const history: TrainHistoryEntry[] = [];
  const run: RunState = {
    started: Date.now(),
    done: 0,
    total: Math.min(loop.maxSteps, loop.epochs * loop.steps),
    timer: createStepTimer(),
    plateau: plateauStopping(),
  };
  const pause = yielder(hooks.yieldBudgetMs ?? DEFAULT_YIELD_BUDGET_MS, hooks.onYield);
  const holdEpochs = Math.ceil((loop.holdEarlyStopSteps ?? 0) / Math.max(1, loop.steps));
  const shouldStop = earlyStopping(loop.patience, loop.epochs, holdEpochs);
  const warm = await runWarmup(loop, run, hooks, pause);
  if (warm) return { history, stoppedReason: warm.reason, message: warm.message, stepsRun: 0 };
  for (let epoch = 1; epoch <= loop.epochs; epoch++) {
    const end = await runEpoch(loop, epoch, run, hooks, pause);
    if (end.entry) {
      history.push(end.entry);
      hooks.onEpoch?.({ ...end.entry });
    }
    if (end.stopped) {
      return { history, stoppedReason: end.reason, message: end.message, stepsRun: run.done };
    }
    if (hooks.onSnapshot && hooks.snapshotEvery && epoch % hooks.snapshotEvery === 0) {
      hooks.onSnapshot(await loop.snapshot(pause), epoch);
    }
    if (hooks.onCheckpoint && hooks.snapshotEvery && epoch % hooks.snapshotEvery === 0) {
      await hooks.onCheckpoint((rows) => loop.embed(rows, pause), epoch);
    }
    const message = shouldStop(epoch, end.monitored, end.entry.activeFraction);
    if (message !== undefined) {
      return { history, stoppedReason: 'early-stopping', message, stepsRun: run.done };
    }
  }
  return { history, stoppedReason: 'completed', stepsRun: run.done };
}
