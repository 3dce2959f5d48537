/**
 * The engine's defaults for a training run, as plain values with no imports, so that the page (which cannot
 * load the trainer or tfjs) shows and sends exactly what a plain `tripletlens train FILE --label COL` uses.
 * The trainer (src/train/options.ts) and engine (src/engine/settings.ts) apply these values;
 * test/api/train-defaults.test.ts fails when they drift apart.
 */
export const TRAIN_DEFAULTS = {
  /** Output dimensions. */
  dims: 3,
  /** Encoder preset. */
  preset: 'default',
  /** Triplet sampling strategy. */
  sampler: 'semi-hard',
  /** Loss function. */
  loss: 'triplet',
  /** Distance in the embedding. */
  distance: 'euclidean',
  /** Margin for the euclidean and squared distances. */
  margin: 1,
  /** Margin for cosine and angular distances (which are at most 2). */
  directionalMargin: 0.2,
  /** Passes over the anchors. */
  epochs: 30,
  /** Triplets (or labelled cells, for the mining samplers) per step. */
  batchSize: 128,
  /** Adam learning rate. */
  learningRate: 0.001,
  /** Epochs without a 1% loss improvement before stopping; 0 never stops early. */
  patience: 5,
  /** Seed for split, sampling and initialisation. */
  seed: 0,
  /** Fraction of each labelled class held out for evaluation. */
  holdout: 0.2,
  /** What unlabeled cells do in training. */
  unlabeled: 'knn',
  /** Epochs between embedding snapshots sent while training; 0 sends none. */
  snapshotEvery: 5,
} as const;
