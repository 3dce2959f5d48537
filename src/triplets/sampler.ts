/**
 * Triplet samplers. `random` and `balanced` decide whole triplets before embedding (offline); `semi-hard`,
 * `hard` and `batch-all` draw a batch of P classes × K cells and mine it after embedding (online, see
 * mining.ts). Unlabeled rows join every sampler through their input-space neighbours (or stay out).
 */
import { OPTION_SCHEMA } from '../api/option-schema.js';
import type { DenseMatrix } from '../api/matrix.js';
import { randomInt, shuffleInPlace, type Random } from '../util/random.js';
import { BatchBuilder, type Batch } from './batch.js';
import { buildClassIndex, type ClassIndex } from './class-index.js';
import { neighbourTriplet, pickNegative, pickPositive } from './pick.js';
import { inputAgreement } from './input-agreement.js';
import { anchorNeighbours } from './anchor-neighbours.js';
import { partialShuffle } from './partial-shuffle.js';
import { appendClassRatioTriplets, appendOrderTriplets } from './order-triplets.js';
import type { SamplerKind } from './sampler-kinds.js';
import { CoreError } from '../api/core-error.js';
import { quotedNames } from '../util/name-list.js';
import type { ThreadEntry } from '../neighbours/thread-pool.js';

// the names live in a dependency-free module so the CLI can check them without loading TensorFlow
export { SAMPLER_KINDS, type SamplerKind } from './sampler-kinds.js';

/** True for the samplers that mine triplets from the embedded batch. */
export function isOnline(kind: SamplerKind): boolean {
  return kind === 'semi-hard' || kind === 'hard' || kind === 'batch-all';
}

export interface SamplerOptions {
  /** Strategy. */
  kind: SamplerKind;
  /** Triplets per step (offline samplers) or labelled rows per step (online samplers). */
  batchSize: number;
  /** 'knn': unlabeled rows anchor with input-space neighbours as positives; 'exclude': left out. */
  unlabeled: 'knn' | 'exclude';
  /** Input-space neighbours an unlabeled row draws its positives from. Default 10. */
  neighbours?: number;
  /** Cells per class in an online batch (K of P × K). Default: the option schema's cellsPerClass (8). */
  cellsPerClass?: number;
  /** Also draw a second negative (quadruplet loss) from a third class. Default false. */
  secondNegative?: boolean;
  /**
   * Share of each batch's triplets drawn ivis-style from every row (labelled too): positive one of the
   * anchor's input-space neighbours, negative a random non-neighbour. Keeps the map faithful to the input's
   * local structure, so unseen cells land near their input-space neighbours. Default 0 (only unlabeled rows).
   */
  neighbourShare?: number;
  /**
   * Within-class neighbour-order triplets added to each batch (order-triplets.ts; `orderWeight`): their rows
   * follow the batch's own, and the input-space neighbours of every labelled row are searched for them.
   * Default 0 (none).
   */
  orderTriplets?: number;
  /** Negative candidates of each order triplet; the loss takes the one nearest the anchor. Default 1. */
  orderCandidates?: number;
  /**
   * Class-ratio triplets added to each batch after the order triplets (order-triplets.ts;
   * `classRatioWeight`). Default 0 (none).
   */
  classRatioTriplets?: number;
  /** Class names, for warnings. Default "class <index>". */
  classNames?: readonly string[];
  /** What warnings call a row: a text table's 'row'/'rows' (it may be a bulk panel's samples). Default cells. */
  rowWords?: { one: string; many: string };
  /** Threads of the input-space neighbour search (the same neighbours for any count). Default: the core count. */
  threads?: number;
  /** Aborting stops the neighbour search (its worker threads end) and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How far the input-space neighbour search is, in query visits (`findRowNeighbours`). Default: none. */
  onQueries?(done: number, total: number): void;
  /** How far the input-space neighbour search's trees are built (`findRowNeighbours`). Default: none. */
  onTrees?(done: number, total: number): void;
  /**
   * Told why (the error's first line) when the search's worker threads could not start or failed and it ran
   * in the calling thread instead (`findRowNeighbours`' onFallback): the same neighbours. Default: none.
   */
  onFallback?(reason: string): void;
  /** Most rows searched exactly, above which the forest runs (`RowNeighbourOptions`). Default EXACT_MAX_ROWS. */
  exactMaxRows?: number;
  /** Tests only: the neighbour search's worker script. Default: forest-worker (`threadEntry`). */
  entry?: ThreadEntry;
  /**
   * Most batches the run will draw (all epochs' steps): above the exact-search limit, only a seeded subset of
   * the neighbour-triplet anchors this many batches can draw gets its input-space neighbours searched
   * (anchor-neighbours.ts). A function gets the epoch's steps (every anchor once) and returns the total —
   * the trainer's step budget depends on them. Default: unbounded (every anchor is searched).
   */
  totalSteps?: number | ((stepsPerEpoch: number) => number);
}

export interface TripletSampler {
  /** The next step's rows and pre-decided triplets. */
  next(): Batch;
  /** Steps that make one pass over the anchors. */
  stepsPerEpoch: number;
  /**
   * Leave-one-out kNN-5 accuracy of the labelled rows among their input-space neighbours (input-agreement.ts),
   * when the neighbours of most labelled rows were searched; else undefined.
   */
  inputAgreement?: number;
  /** Non-fatal findings (classes that cannot anchor). */
  warnings: string[];
  /** Whether the trainer must mine the batch after embedding. */
  online: boolean;
}

/**
 * Builds a seeded sampler over `x` (input space, used only for unlabeled neighbours) and `labels`. Async:
 * the input-space neighbour search runs on worker threads (options.threads) before the first batch.
 */
export async function createSampler(
  x: DenseMatrix,
  labels: Int32Array,
  options: SamplerOptions,
  random: Random,
): Promise<TripletSampler> {
  if (labels.length !== x.rows) {
    throw new CoreError(
      'bad-input',
      `There are ${labels.length} labels for ${x.rows} rows; expected one label per row`,
    );
  }
  const index = buildClassIndex(labels);
  const name = (c: number): string => options.classNames?.[c] ?? `class ${c}`;
  const warnings: string[] = [];
  if (index.singletonClasses.length > 0) {
    const { one, many } = options.rowWords ?? { one: 'cell', many: 'cells' };
    const single = index.singletonClasses.length === 1;
    warnings.push(
      `${single ? 'Class' : 'Classes'} ${quotedNames(index.singletonClasses.map(name))} ${single ? 'has' : 'have'} ` +
        `a single ${one} and cannot anchor a triplet (no positive); ${single ? `its ${one} is` : `their ${many} are`} used only as negatives`,
    );
  }
  const useUnlabeled = options.unlabeled === 'knn' && index.unlabeled.length > 0;
  const classesPresent = index.members.filter((m) => m.length > 0).length;
  if (index.anchorRows.length > 0 && classesPresent < 2 && !useUnlabeled) {
    throw new CoreError(
      'bad-input',
      'Only one class is labelled: a triplet needs a negative from another class',
    );
  }
  if (index.anchorRows.length === 0 && !useUnlabeled) {
    throw new CoreError('bad-input', 'No class has two or more labelled cells, so no triplet can be formed');
  }
  const neighbourShare = options.neighbourShare ?? 0;
  const orderTriplets = options.orderTriplets ?? 0;
  // the rows training may touch: all of them, or only the labelled ones when unlabeled rows are excluded
  const pool =
    useUnlabeled || index.unlabeled.length === 0
      ? Int32Array.from({ length: x.rows }, (_, i) => i)
      : index.labelled;
  // rows that anchor neighbour triplets: the whole pool when neighbourShare > 0, else the unlabeled rows
  const candidates =
    neighbourShare > 0 || orderTriplets > 0 ? pool : useUnlabeled ? index.unlabeled : new Int32Array(0);
  const labelledCount = classesPresent >= 2 ? index.anchorRows.length : 0;
  const found = await anchorNeighbours(
    x,
    pool,
    candidates,
    {
      k: options.neighbours ?? 10,
      ...neighbourDraws(options, neighbourShare, labelledCount, useUnlabeled ? index.unlabeled.length : 0),
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onQueries ? { onQueries: options.onQueries } : {}),
      ...(options.onTrees ? { onTrees: options.onTrees } : {}),
      ...(options.onFallback ? { onFallback: options.onFallback } : {}),
      ...(options.exactMaxRows !== undefined ? { exactMaxRows: options.exactMaxRows } : {}),
      ...(options.entry ? { entry: options.entry } : {}),
    },
    random,
  );
  // the anchors that have neighbours (all candidates, or the budget's seeded subset of them)
  const neighbourAnchors = found.anchors;
  const neighbours = { k: found.k, index: found.index };
  const labelledAnchors = classesPresent >= 2 ? index.anchorRows.length : 0;
  const unlabeledAnchors = useUnlabeled && neighbours.k > 0 ? index.unlabeled.length : 0;
  const unlabeledShare = unlabeledAnchors / (labelledAnchors + unlabeledAnchors);
  const stepsPerEpoch = Math.max(1, Math.ceil((labelledAnchors + unlabeledAnchors) / options.batchSize));

  const addUnlabeled = (batch: BatchBuilder, count: number): void => {
    for (let q = 0; q < count; q++) {
      const slot = randomInt(random, neighbourAnchors.length);
      const anchor = neighbourAnchors[slot];
      const [positive, negative] = neighbourTriplet(anchor, slot, neighbours, pool, random);
      batch.triplet(anchor, positive, negative);
    }
  };
  const labelledTriplet = (batch: BatchBuilder, anchor: number): void => {
    const positive = pickPositive(index, labels, anchor, random);
    const negative = pickNegative(index, labels, [labels[anchor]], random);
    const negative2 = options.secondNegative
      ? pickNegative(index, labels, [labels[anchor], labels[negative]], random)
      : -1;
    batch.triplet(anchor, positive, negative, negative2);
  };
  // how many of a step's anchors are unlabeled: the expected share, with the fraction drawn at random
  const unlabeledCount = (size: number): number => {
    const expected = size * Math.max(unlabeledShare, neighbourShare);
    return Math.floor(expected) + (random() < expected - Math.floor(expected) ? 1 : 0);
  };

  const online = ['semi-hard', 'hard', 'batch-all'].includes(options.kind);
  let tripletBatch: () => Batch;
  if (!online) {
    const balanced = options.kind === 'balanced';
    tripletBatch = () => {
      const batch = new BatchBuilder(labels);
      const fromUnlabeled = labelledAnchors === 0 ? options.batchSize : unlabeledCount(options.batchSize);
      for (let q = fromUnlabeled; q < options.batchSize; q++) {
        let anchor: number;
        if (balanced) {
          const members = index.members[index.anchorClasses[randomInt(random, index.anchorClasses.length)]];
          anchor = members[randomInt(random, members.length)];
        } else {
          anchor = index.anchorRows[randomInt(random, index.anchorRows.length)];
        }
        labelledTriplet(batch, anchor);
      }
      addUnlabeled(batch, fromUnlabeled);
      return batch.buildAligned();
    };
  } else {
    tripletBatch = () => {
      const batch = new BatchBuilder(labels);
      const fromUnlabeled = labelledAnchors === 0 ? options.batchSize : unlabeledCount(options.batchSize);
      if (labelledAnchors > 0)
        addClassBlocks(batch, index, labels, options, options.batchSize - fromUnlabeled, random);
      addUnlabeled(batch, fromUnlabeled);
      return batch.build();
    };
  }
  const ratioTriplets = options.classRatioTriplets ?? 0;
  // the scale-free terms' triplets follow the batch's own rows: order first, then class ratio
  const next = (): Batch => {
    let batch = tripletBatch();
    if (labelledAnchors === 0) return batch;
    if (orderTriplets > 0) {
      const candidates = options.orderCandidates ?? 1;
      batch = appendOrderTriplets(batch, orderTriplets, candidates, found, index, labels, random);
    }
    if (ratioTriplets > 0) batch = appendClassRatioTriplets(batch, ratioTriplets, index, labels, random);
    return batch;
  };
  const agreement = inputAgreement(labels, found.anchors, found.k, found.index);
  return {
    next,
    stepsPerEpoch,
    warnings,
    online,
    ...(agreement !== undefined ? { inputAgreement: agreement } : {}),
  };
}

/**
 * The most neighbour-triplet anchors `options.totalSteps` batches draw: each batch draws the larger of
 * neighbourShare and the unlabeled rows' share of its anchors (all of them without labelled anchors). Empty
 * (no bound) without a step total.
 */
function neighbourDraws(
  options: SamplerOptions,
  neighbourShare: number,
  labelledAnchors: number,
  unlabeledAnchors: number,
): { draws?: number } {
  if (options.totalSteps === undefined) return {};
  const anchors = labelledAnchors + unlabeledAnchors;
  const totalSteps =
    typeof options.totalSteps === 'number'
      ? options.totalSteps
      : options.totalSteps(Math.max(1, Math.ceil(anchors / options.batchSize)));
  const share = labelledAnchors === 0 ? 1 : Math.max(neighbourShare, unlabeledAnchors / anchors);
  return { draws: totalSteps * (options.batchSize * share + (options.orderTriplets ?? 0)) };
}

/**
 * Adds about `size` labelled rows as P classes × K cells (classes drawn uniformly, so rare cell types are
 * mined as often as common ones). With fewer classes than P, K grows to fill the batch. When only one class
 * can anchor, rows of other classes are added so that every anchor has negatives.
 */
function addClassBlocks(
  batch: BatchBuilder,
  index: ClassIndex,
  labels: Int32Array,
  options: SamplerOptions,
  size: number,
  random: Random,
): void {
  if (size <= 0) return;
  const classes = shuffleInPlace(random, [...index.anchorClasses]);
  const k0 = Math.max(2, options.cellsPerClass ?? OPTION_SCHEMA.cellsPerClass.default);
  const p = Math.max(1, Math.min(classes.length, Math.round(size / k0)));
  const k = Math.max(2, Math.ceil(size / p));
  for (const c of classes.slice(0, p)) {
    const members = index.members[c];
    if (members.length <= k) {
      members.forEach((row) => batch.row(row));
    } else {
      // k distinct members: the first k of a partial Fisher–Yates shuffle (without copying the class)
      partialShuffle(members, k, random, (row) => batch.row(row));
    }
  }
  if (p === 1) {
    const only = classes[0];
    for (let i = 0; i < k; i++) {
      const negative = pickNegative(index, labels, [only], random);
      if (negative >= 0) batch.row(negative);
    }
  }
}
