/**
 * What the trainer reports while it runs and how a run ends: shared by the trainer, the engine, the CLI's
 * progress line and the page. Contract layer: no imports.
 */

/** One training step's progress. */
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

/** How a run ended. */
export type StoppedReason = 'completed' | 'early-stopping' | 'stopped' | 'nan';

/** One epoch of the training history. */
export interface TrainHistoryEntry {
  epoch: number;
  /** Mean loss over the epoch's steps. */
  loss: number;
  /** Mean fraction of triplets (or pairs) with a non-zero loss. */
  activeFraction: number;
}
