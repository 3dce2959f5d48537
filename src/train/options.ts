/** Training options, their defaults, and their validation. */
import { DISTANCE_KINDS, type DistanceKind } from '../losses/distance.js';
import type { EncoderPreset } from '../model/encoder-architecture.js';
import type { DenseGradientMode } from '../model/dense-gradient.js';
import { SAMPLER_KINDS, type SamplerKind } from '../triplets/sampler.js';

export type LossKind = 'triplet' | 'pn' | 'contrastive' | 'quadruplet';
export const LOSS_KINDS: readonly LossKind[] = ['triplet', 'pn', 'contrastive', 'quadruplet'];
/** What happens to unlabeled rows: 'knn' trains them via input-space neighbours, 'exclude' leaves them out. */
export const UNLABELED_MODES = ['knn', 'exclude'] as const;

export interface TrainOptions {
  /** Output dimensions, 1–10. Default 3. */
  dims?: number;
  /** Encoder architecture. Default 'default' (3 × 128 SELU + AlphaDropout 0.1). */
  preset?: EncoderPreset;
  /** Triplet sampling strategy. Default 'semi-hard'. */
  sampler?: SamplerKind;
  /** Loss. Default 'triplet'. */
  loss?: LossKind;
  /** Distance between embeddings. Default 'euclidean'. */
  distance?: DistanceKind;
  /** Triplet/contrastive margin. Default 1 (0.2 for cosine and angular, whose distances are ≤ 2). */
  margin?: number;
  /** Weight of the auxiliary center loss; 0 turns it off. Default 0. */
  centerLossWeight?: number;
  /** Passes over the anchors. Default 30. */
  epochs?: number;
  /** Triplets per step ('random', 'balanced') or labelled cells per step (mining samplers). Default 128. */
  batchSize?: number;
  /** Adam learning rate. Default 0.001. */
  learningRate?: number;
  /** Stop after this many epochs without the epoch loss improving by 1%. 0 disables. Default 5. */
  patience?: number;
  /** Seed for initialisation, sampling and dropout. Default 0. */
  seed?: number;
  /** Unlabeled rows (label −1): 'knn' trains them via input-space neighbours, 'exclude' leaves them out. Default 'knn'. */
  unlabeled?: 'knn' | 'exclude';
  /** Steps per epoch. Default: enough for every anchor once (anchors ÷ batchSize, rounded up). */
  stepsPerEpoch?: number;
  /** Input-space neighbours a neighbour triplet draws its positive from. Default 10. */
  neighbours?: number;
  /** Cells per class (K) in the mining samplers' P × K batches. Default 16 (measured best of 8, 16, 32 on ../shared/data). */
  cellsPerClass?: number;
  /** Gradient path of the dense layers. Default 'auto' (custom on wasm, stock elsewhere). */
  denseGradient?: 'auto' | DenseGradientMode;
  /**
   * Share of triplets drawn ivis-style from input-space neighbours of every training row (0–1), beside the
   * label-based ones: keeps the map faithful to the input's local structure, so unseen cells land near
   * their input-space neighbours. Default 0.3 (on ../shared/data it raised held-out kNN-5 over 0; 0.5 was worse).
   */
  neighbourShare?: number;
  /** Class names by index, used in warnings. Default "class <index>". */
  classNames?: readonly string[];
}

export type ResolvedTrainOptions = Required<Omit<TrainOptions, 'stepsPerEpoch' | 'classNames'>> &
  Pick<TrainOptions, 'stepsPerEpoch' | 'classNames'>;

function oneOf<T extends string>(name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new Error(`Unknown ${name} '${String(value)}'; valid choices: ${allowed.join(', ')}`);
  }
  return value;
}

function checkNumber(name: string, value: number, min: number, max: number, integer: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(
      `${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}; got ${value}`,
    );
  }
  if (integer && !Number.isInteger(value)) throw new Error(`${name} must be an integer; got ${value}`);
  return value;
}

/** Fills in defaults and checks every option, with an error naming the option and its valid range. */
export function resolveTrainOptions(options: TrainOptions = {}): ResolvedTrainOptions {
  const distance = oneOf('distance', options.distance ?? 'euclidean', DISTANCE_KINDS);
  const directional = distance === 'cosine' || distance === 'angular';
  const sampler = oneOf('sampler', options.sampler ?? 'semi-hard', SAMPLER_KINDS);
  const loss = oneOf('loss', options.loss ?? 'triplet', LOSS_KINDS);
  if (loss === 'quadruplet' && sampler === 'batch-all') {
    throw new Error(
      "The quadruplet loss needs sampled quadruplets; use sampler 'random', 'balanced', 'semi-hard' or 'hard'",
    );
  }
  const resolved: ResolvedTrainOptions = {
    dims: checkNumber('dims', options.dims ?? 3, 1, 10, true),
    preset: options.preset ?? 'default',
    sampler,
    loss,
    distance,
    margin: checkNumber('margin', options.margin ?? (directional ? 0.2 : 1), 0, 1e6, false),
    centerLossWeight: checkNumber('centerLossWeight', options.centerLossWeight ?? 0, 0, 1e6, false),
    epochs: checkNumber('epochs', options.epochs ?? 30, 1, 1e6, true),
    batchSize: checkNumber('batchSize', options.batchSize ?? 128, 2, 1e5, true),
    learningRate: checkNumber('learningRate', options.learningRate ?? 0.001, 1e-9, 10, false),
    patience: checkNumber('patience', options.patience ?? 5, 0, 1e6, true),
    seed: checkNumber('seed', options.seed ?? 0, -(2 ** 53), 2 ** 53, true),
    unlabeled: oneOf('unlabeled', options.unlabeled ?? 'knn', UNLABELED_MODES),
    neighbours: checkNumber('neighbours', options.neighbours ?? 10, 1, 1000, true),
    neighbourShare: checkNumber('neighbourShare', options.neighbourShare ?? 0.3, 0, 1, false),
    cellsPerClass: checkNumber('cellsPerClass', options.cellsPerClass ?? 16, 2, 1e5, true),
    denseGradient: oneOf('denseGradient', options.denseGradient ?? 'auto', [
      'auto',
      'custom',
      'stock',
    ] as const),
  };
  if (options.stepsPerEpoch !== undefined) {
    resolved.stepsPerEpoch = checkNumber('stepsPerEpoch', options.stepsPerEpoch, 1, 1e7, true);
  }
  if (options.classNames) resolved.classNames = options.classNames;
  return resolved;
}
