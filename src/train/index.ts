/** The trainer's public API. */
export { trainEncoder } from './train-encoder.js';
export {
  resolveTrainOptions,
  LOSS_KINDS,
  type LossKind,
  type ResolvedTrainOptions,
  type TrainOptions,
} from './options.js';
export type { TrainHooks, TrainProgress } from './progress.js';
export { loadEncoder } from '../model/trained-encoder.js';
export type { TrainedEncoder, TrainHistoryEntry, StoppedReason } from '../model/trained-encoder.js';
