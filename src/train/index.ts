/** The trainer's public API. */
export { trainEncoder } from './train-encoder.js';
export {
  resolveTrainOptions,
  LOSS_KINDS,
  type LossKind,
  type ResolvedTrainOptions,
  type TrainOptions,
} from './options.js';
export type { EncoderWeights, TrainHooks, TrainProgress } from './progress.js';
export { loadEncoder } from '../model/trained-encoder.js';
export type { TrainedEncoder, TrainHistoryEntry, StoppedReason } from '../model/trained-encoder.js';
export { SAMPLER_KINDS, type SamplerKind } from '../triplets/sampler.js';
export { DISTANCE_KINDS, type DistanceKind } from '../losses/distance.js';
export type { EncoderPreset } from '../model/encoder-architecture.js';
