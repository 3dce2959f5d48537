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
  /**
   * Steps run so far in the whole run (1-based: this step's number). The trainer always sets it and
   * totalSteps; optional so that progress written by hand (fakes, tests) may leave both out.
   */
  totalStep?: number;
  /** Steps the run will take at most: every epoch's steps, or the step budget when it is smaller. */
  totalSteps?: number;
  /**
   * Estimated time left for the steps still to run (totalSteps − totalStep), from a moving average of the
   * measured step times (the first, slow steps fade out); NaN until a few steps were timed. For display only:
   * no stopping decision depends on wall time.
   */
  etaMs: number;
}

/**
 * How a run ended: all epochs ('completed'), the epoch loss stopped improving ('early-stopping'), the step
 * budget ran out ('budget'), the validation score stopped improving ('plateau'), on request, or a NaN loss.
 */
export type StoppedReason = 'completed' | 'early-stopping' | 'budget' | 'plateau' | 'stopped' | 'nan';

/** One epoch of the training history. */
export interface TrainHistoryEntry {
  epoch: number;
  /** Mean loss over the epoch's steps. */
  loss: number;
  /** Mean fraction of triplets (or pairs) with a non-zero loss. */
  activeFraction: number;
  /**
   * Steps run in this epoch (fewer than an epoch's when a stop came within it); absent in models saved
   * before it was recorded.
   */
  steps?: number;
  /** The last validation score (kNN-5 accuracy on the validation rows) measured in this epoch, if any. */
  validation?: number;
}
