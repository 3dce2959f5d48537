/** The trainer's public API. */
export { trainEncoder } from './train-encoder.js';
export {
  resolveTrainOptions,
  LOSS_KINDS,
  type LossKind,
  type ResolvedTrainOptions,
  type TrainOptions,
} from './options.js';
export type { EncoderWeights, TrainHooks } from './progress.js';
export type { TrainProgress } from '../api/progress.js';
export { loadEncoder } from '../model/trained-encoder.js';
export type { TrainedEncoder } from '../model/trained-encoder.js';
export type { TrainHistoryEntry, StoppedReason } from '../api/progress.js';
export { SAMPLER_KINDS, type SamplerKind } from '../triplets/sampler.js';
export { DISTANCE_KINDS, type DistanceKind } from '../losses/distance.js';
export type { EncoderPreset } from '../model/encoder-architecture.js';
