/** What the trainer reports while it runs, and the hooks that receive it. */
import type { DenseMatrix } from '../data/types.js';

export interface TrainProgress {
  /** 1-based epoch. */
  epoch: number;
  epochs: number;
  /** 1-based step within the epoch. */
  step: number;
  steps: number;
  /** This step's loss. */
  loss: number;
  /** Fraction of this step's triplets (or pairs) with a non-zero loss. */
  activeFraction: number;
  elapsedMs: number;
  /** Estimated time left, from the mean step time so far (for all remaining epochs). */
  etaMs: number;
}

export interface TrainHooks {
  /** Called after every step; returning false stops training cleanly after that step. */
  onProgress?(p: TrainProgress): boolean | void;
  /** Call onSnapshot every this many epochs. Default: never. */
  snapshotEvery?: number;
  /** The whole input embedded with the current weights (no dropout). */
  onSnapshot?(coords: DenseMatrix, epoch: number): void;
}
