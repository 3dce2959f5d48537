/**
 * The epochs of a run: steps over seeded batches with per-step progress, a snapshot every N epochs, early
 * stopping, a clean stop when onProgress returns false, and a clear stop on a NaN/Inf loss. Yields to the
 * event loop when due (the worker answers status and stop requests meanwhile); yielding never touches the
 * seeded streams, so results are the same for every yield budget.
 */
import type { DenseMatrix } from '../api/matrix.js';
import type { StoppedReason, TrainHistoryEntry } from '../api/progress.js';
import type { Batch } from '../triplets/batch.js';
import { earlyStopping } from './early-stopping.js';
import { DEFAULT_YIELD_BUDGET_MS, type TrainHooks } from './progress.js';
import { trainStep, type StepModel } from './train-step.js';

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
  /** All of x embedded with the current weights (no dropout), awaiting `pause` between chunks. */
  snapshot(pause: () => Promise<void>): Promise<DenseMatrix>;
  /** Any rows embedded with the current weights (no dropout), awaiting `pause` between chunks. */
  embed(rows: DenseMatrix, pause: () => Promise<void>): Promise<DenseMatrix>;
}

/** How the loop ended: the per-epoch history, why it stopped, and a sentence when not completed. */
export interface EpochLoopOutcome {
  history: TrainHistoryEntry[];
  stoppedReason: StoppedReason;
  message?: string;
}

/** An epoch that ran all its steps (its mean loss and active share), or a stop within it. */
type EpochEnd =
  | { stopped: false; entry: TrainHistoryEntry }
  | { stopped: true; reason: StoppedReason; message: string; entry?: TrainHistoryEntry };

/** Yields to the event loop; the worker answers requests (status, stop) while training runs. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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

/** Runs the steps of epoch `epoch`. */
async function runEpoch(
  loop: EpochLoop,
  epoch: number,
  started: number,
  hooks: TrainHooks,
  pause: () => Promise<void>,
): Promise<EpochEnd> {
  const { steps, epochs } = loop;
  let lossSum = 0;
  let activeSum = 0;
  for (let step = 1; step <= steps; step++) {
    const { loss, active, total } = await trainStep(loop.model, loop.x, loop.sampler.next());
    if (!Number.isFinite(loss)) {
      const message =
        `Training stopped at epoch ${epoch}, step ${step}: the loss became ${loss}. ` +
        'Try a lower learning rate, or check the input for extreme values (it should be scaled, e.g. z-scored or PCA).';
      return { stopped: true, reason: 'nan', message };
    }
    const activeFraction = total > 0 ? active / total : 0;
    lossSum += loss;
    activeSum += activeFraction;
    const elapsedMs = Date.now() - started;
    const done = (epoch - 1) * steps + step;
    const keepGoing = hooks.onProgress?.({
      epoch,
      epochs,
      step,
      steps,
      loss,
      activeFraction,
      elapsedMs,
      etaMs: (elapsedMs / done) * (epochs * steps - done),
    });
    if (keepGoing === false) {
      const message = `Stopped on request at epoch ${epoch}, step ${step}`;
      const entry = { epoch, loss: lossSum / steps, activeFraction: activeSum / steps };
      return { stopped: true, reason: 'stopped', message, ...(step === steps ? { entry } : {}) };
    }
    await pause();
  }
  return { stopped: false, entry: { epoch, loss: lossSum / steps, activeFraction: activeSum / steps } };
}

/** Runs epochs until the last one, an early stop, a stop on request, or a non-finite loss. */
export async function runEpochs(loop: EpochLoop, hooks: TrainHooks): Promise<EpochLoopOutcome> {
  const history: TrainHistoryEntry[] = [];
  const started = Date.now();
  const pause = yielder(hooks.yieldBudgetMs ?? DEFAULT_YIELD_BUDGET_MS, hooks.onYield);
  const shouldStop = earlyStopping(loop.patience, loop.epochs);
  for (let epoch = 1; epoch <= loop.epochs; epoch++) {
    const end = await runEpoch(loop, epoch, started, hooks, pause);
    if (end.entry) history.push(end.entry);
    if (end.stopped) return { history, stoppedReason: end.reason, message: end.message };
    if (hooks.onSnapshot && hooks.snapshotEvery && epoch % hooks.snapshotEvery === 0) {
      hooks.onSnapshot(await loop.snapshot(pause), epoch);
    }
    if (hooks.onCheckpoint && hooks.snapshotEvery && epoch % hooks.snapshotEvery === 0) {
      await hooks.onCheckpoint((rows) => loop.embed(rows, pause), epoch);
    }
    const message = shouldStop(epoch, end.entry.loss, end.entry.activeFraction);
    if (message !== undefined) return { history, stoppedReason: 'early-stopping', message };
  }
  return { history, stoppedReason: 'completed' };
}
