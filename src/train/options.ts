/** Training options, their defaults, and their validation. */
import { DISTANCE_KINDS, type DistanceKind } from '../losses/distance-kinds.js';
import type { EncoderPreset } from '../model/encoder-architecture.js';
import type { DenseGradientMode } from '../model/dense-gradient.js';
import { SAMPLER_KINDS, type SamplerKind } from '../triplets/sampler-kinds.js';

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
  /**
   * Weight w of the neighbour-graph term: the loss is triplet + w × parametric UMAP's cross-entropy over the
   * fuzzy kNN graph of the input rows (src/objective), which keeps neighbourhoods inside a class. 0 gives
   * the pure triplet loss. Default 0 (GRAPH_WEIGHT_DEFAULT): measured on the comparison datasets, weight 10
   * raised trustworthiness by 0.03–0.09 but lowered held-out kNN-5 and silhouette (bench/README.md,
   * "Neighbour-graph term"); 10–20 suits a map read for neighbourhoods.
   */
  graphWeight?: number;
  /** Input-space neighbours of that graph (UMAP's n_neighbors). Default 15. */
  graphNeighbours?: number;
  /** Graph edges sampled per step, each with 5 negative samples. Default 512. */
  graphEdges?: number;
  /** Class names by index, used in warnings. Default "class <index>". */
  classNames?: readonly string[];
}

export type ResolvedTrainOptions = Required<Omit<TrainOptions, 'stepsPerEpoch' | 'classNames'>> &
  Pick<TrainOptions, 'stepsPerEpoch' | 'classNames'>;

/** Default weight of the neighbour-graph (UMAP cross-entropy) term; see TrainOptions.graphWeight. */
export const GRAPH_WEIGHT_DEFAULT = 0;

function oneOf<T extends string>(name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new Error(`Unknown ${name} '${String(value)}'; valid choices: ${allowed.join(', ')}`);
  }
  return value;
}

/** A numeric option's valid values: inclusive bounds, and whether only whole numbers are allowed. */
export interface NumberRange {
  min: number;
  max: number;
  integer: boolean;
}

/**
 * The valid range of every numeric training option. The trainer checks against it and the CLI parses its
 * arguments against it (src/cli/train-args.ts), so a value the CLI accepts is one the trainer accepts.
 */
export const TRAIN_OPTION_RANGES = {
  dims: { min: 1, max: 10, integer: true },
  margin: { min: 0, max: 1e6, integer: false },
  centerLossWeight: { min: 0, max: 1e6, integer: false },
  epochs: { min: 1, max: 1e6, integer: true },
  batchSize: { min: 2, max: 1e5, integer: true },
  learningRate: { min: 1e-9, max: 10, integer: false },
  patience: { min: 0, max: 1e6, integer: true },
  seed: { min: -(2 ** 53), max: 2 ** 53, integer: true },
  neighbours: { min: 1, max: 1000, integer: true },
  neighbourShare: { min: 0, max: 1, integer: false },
  cellsPerClass: { min: 2, max: 1e5, integer: true },
  stepsPerEpoch: { min: 1, max: 1e7, integer: true },
  graphWeight: { min: 0, max: 1e6, integer: false },
  graphNeighbours: { min: 2, max: 200, integer: true },
  graphEdges: { min: 2, max: 1e5, integer: true },
} as const satisfies Record<string, NumberRange>;

function checkNumber(name: keyof typeof TRAIN_OPTION_RANGES, value: number): number {
  const { min, max, integer } = TRAIN_OPTION_RANGES[name];
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
    dims: checkNumber('dims', options.dims ?? 3),
    preset: options.preset ?? 'default',
    sampler,
    loss,
    distance,
    margin: checkNumber('margin', options.margin ?? (directional ? 0.2 : 1)),
    centerLossWeight: checkNumber('centerLossWeight', options.centerLossWeight ?? 0),
    epochs: checkNumber('epochs', options.epochs ?? 30),
    batchSize: checkNumber('batchSize', options.batchSize ?? 128),
    learningRate: checkNumber('learningRate', options.learningRate ?? 0.001),
    patience: checkNumber('patience', options.patience ?? 5),
    seed: checkNumber('seed', options.seed ?? 0),
    unlabeled: oneOf('unlabeled', options.unlabeled ?? 'knn', UNLABELED_MODES),
    neighbours: checkNumber('neighbours', options.neighbours ?? 10),
    neighbourShare: checkNumber('neighbourShare', options.neighbourShare ?? 0.3),
    cellsPerClass: checkNumber('cellsPerClass', options.cellsPerClass ?? 16),
    graphWeight: checkNumber('graphWeight', options.graphWeight ?? GRAPH_WEIGHT_DEFAULT),
    graphNeighbours: checkNumber('graphNeighbours', options.graphNeighbours ?? 15),
    graphEdges: checkNumber('graphEdges', options.graphEdges ?? 512),
    denseGradient: oneOf('denseGradient', options.denseGradient ?? 'auto', [
      'auto',
      'custom',
      'stock',
    ] as const),
  };
  if (options.stepsPerEpoch !== undefined) {
    resolved.stepsPerEpoch = checkNumber('stepsPerEpoch', options.stepsPerEpoch);
  }
  if (options.classNames) resolved.classNames = options.classNames;
  return resolved;
}
