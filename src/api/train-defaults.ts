/**
 * The engine's defaults for a training run, read from the option schema (src/api/option-schema.ts), so that
 * the page (which cannot load the trainer or tfjs) shows and sends exactly what a plain
 * `tripletlens train FILE --label COL` uses. test/api/train-defaults.test.ts checks the engine resolves them.
 */
import { OPTION_SCHEMA as S } from './option-schema.js';

export const TRAIN_DEFAULTS = {
  dims: S.dims.default,
  preset: S.preset.default,
  sampler: S.sampler.default,
  loss: S.loss.default,
  distance: S.distance.default,
  margin: S.margin.default,
  /** Margin for cosine and angular distances (which are at most 2). */
  directionalMargin: S.margin.directionalDefault,
  epochs: S.epochs.default,
  batchSize: S.batchSize.default,
  /** Undefined: the engine picks it (auto; see OPTION_SCHEMA.learningRate). */
  learningRate: S.learningRate.default ?? undefined,
  patience: S.patience.default,
  seed: S.seed.default,
  holdout: S.holdout.default,
  unlabeled: S.unlabeled.default,
  snapshotEvery: S.snapshotEvery.default,
} as const;
