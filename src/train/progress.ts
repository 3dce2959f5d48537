/** What the trainer reports while it runs, and the hooks that receive it. */
import type { DenseMatrix } from '../api/matrix.js';
import type { TrainHistoryEntry, TrainProgress } from '../api/progress.js';
import type { StageStep } from '../api/stage-step.js';
import type { ThreadEntry } from '../neighbours/thread-pool.js';

/** Moved to src/api/progress.ts (the contract layer); re-exported for code written before the move. */
export type { TrainProgress };

/** Default for TrainHooks.yieldBudgetMs. */
export const DEFAULT_YIELD_BUDGET_MS = 20;

export interface TrainHooks {
  /**
   * Most time the loop computes between two yields to the event loop (checked after each step and each
   * snapshot chunk), so a worker answers requests during training. 0 yields after every step. Default 20.
   */
  yieldBudgetMs?: number;
  /** Called after each yield (tests count them). Default: none. */
  onYield?(): void;
  /** Called after every step; returning false stops training cleanly after that step. */
  onProgress?(p: TrainProgress): boolean | void;
  /**
   * Called with each epoch's history entry as it is recorded (the same entry the run's history ends up
   * with), so a caller holds the history so far while the run goes on: a page reloaded mid-run draws its loss
   * chart from the first epoch. Default: none.
   */
  onEpoch?(entry: TrainHistoryEntry): void;
  /** Call onSnapshot every this many epochs. Default: never. */
  snapshotEvery?: number;
  /** The whole input embedded with the current weights (no dropout). */
  onSnapshot?(coords: DenseMatrix, epoch: number): void;
  /**
   * Also every `snapshotEvery` epochs: `embed` maps any rows (same columns as the training input) through
   * the encoder as it is now (no dropout), so a caller can score cells the trainer never sees — the
   * comparison bench records held-out kNN over training with it. Awaited before training goes on; it
   * touches no seeded stream, so it does not change the run. Default: none.
   */
  onCheckpoint?(embed: (rows: DenseMatrix) => Promise<DenseMatrix>, epoch: number): Promise<void> | void;
  /**
   * Start from these weights ([kernel, bias] per layer, as TrainedEncoder.weightValues() gives them)
   * instead of a seeded initialisation: fine-tuning an earlier encoder. Their shapes must match the
   * architecture the options resolve to. Default: none (a fresh initialisation).
   */
  initialWeights?: readonly EncoderWeights[];
  /**
   * Aborting stops the input-space neighbour search before training (its worker threads end) and rejects
   * with the signal's reason. Default: none.
   */
  signal?: AbortSignal;
  /**
   * A step before the first training step starts: the input-space neighbour search (tens of seconds at 10⁵
   * cells). Default: none.
   */
  onPrepareStep?(step: StageStep): void;
  /**
   * Tests only: the input-space neighbour search's exact-search limit (above it the forest runs on worker
   * threads) and its worker script. Default: EXACT_MAX_ROWS (20 000) and forest-worker.
   */
  neighbourSearch?: { exactMaxRows?: number; entry?: ThreadEntry };
}

/** One dense layer's weights: kernel (inputs × units, row-major) and bias (units). */
export interface EncoderWeights {
  kernel: Float32Array;
  bias: Float32Array;
}
