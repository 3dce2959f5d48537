/**
 * Joins the neighbour-graph term to the triplet sampler: every batch the triplet sampler makes gets a step's
 * sampled graph edges appended to its rows ([triplet rows; heads; tails]), so the trainer embeds both in one
 * forward pass and the batch loss adds the weighted UMAP cross-entropy over the appended rows
 * (src/train/batch-loss.ts). The graph is built once, over the trainer's rows, before training. `graphOnly`
 * batches (edges and nothing else) feed the optional graph-only warm-up, parametric UMAP's training alone.
 */
import type { DenseMatrix } from '../api/matrix.js';
import type { Batch } from '../triplets/batch.js';
import type { TripletSampler } from '../triplets/sampler.js';
import type { Random } from '../util/random.js';
import { createEdgeSampler, type EdgeBatch } from './edge-sampler.js';
import { farDistance, fuzzyGraph, resetLocalConnectivity, superviseGraph } from './fuzzy-graph.js';
import { EXACT_MAX_ROWS } from '../neighbours/row-neighbours.js';
import type { ThreadEntry } from '../neighbours/thread-pool.js';

/** Default negative samples per sampled edge (umap-learn's negative_sample_rate). */
export const NEGATIVES_PER_EDGE = 5;

export interface GraphTermOptions {
  /** Input-space neighbours of the graph (umap-learn's n_neighbors). */
  neighbours: number;
  /** Edges sampled per step. */
  edgesPerStep: number;
  /** Edges sampled per mixed (triplet + graph) step. Default edgesPerStep. */
  mixedEdgesPerStep?: number;
  /** Negative samples per edge. Default NEGATIVES_PER_EDGE. */
  negatives?: number;
  /** umap-learn's target_weight: cross-class edges keep exp(−2.5 / (1 − w)) of their strength. Default 0.5. */
  targetWeight?: number;
  /** Apply umap-learn's reset_local_connectivity after the label intersection. Default false. */
  resetConnectivity?: boolean;
  /**
   * Negatives drawn uniformly over all rows, moving only the head (umap-learn's layout), instead of the
   * tails of other sampled edges moving both ends. Default false.
   */
  uniformNegatives?: boolean;
  /** Threads of the graph's neighbour search (the same graph for any count). Default: the core count. */
  threads?: number;
  /** Aborting stops the neighbour search and rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Told why (the error's first line) when the search's worker threads could not start or failed and it ran
   * in the calling thread instead (`findRowNeighbours`' onFallback): the same neighbours. Default: none.
   */
  onFallback?(reason: string): void;
  /** Most rows searched exactly, above which the forest runs (`RowNeighbourOptions`). Default EXACT_MAX_ROWS. */
  exactMaxRows?: number;
  /** Tests only: the neighbour search's worker script. Default: forest-worker (`threadEntry`). */
  entry?: ThreadEntry;
}

/** Where a batch's graph rows start, how many edges they hold, the negative samples' shifts and source. */
export interface GraphRows {
  offset: number;
  edges: number;
  shifts: Int32Array;
  /** A block of E uniformly drawn negatives follows the tails. Default false. */
  uniformNegatives?: boolean;
}

/** The triplet sampler with a graph-only batch for the warm-up phase (the graph term alone). */
export interface GraphSampler extends TripletSampler {
  /** A batch of sampled graph edges only: no triplet rows, graph rows from offset 0. */
  graphOnly(): Batch;
}

const NO_TRIPLETS = { anchor: new Int32Array(0), positive: new Int32Array(0), negative: new Int32Array(0) };

/** The batch with the graph rows appended; unlabeled (−1) so no miner ever takes them as a triplet row. */
export function appendGraphRows(batch: Batch, step: EdgeBatch): Batch {
  const { rows, edges, shifts } = step;
  const offset = batch.rows.length;
  const all = new Int32Array(offset + rows.length);
  all.set(batch.rows);
  all.set(rows, offset);
  const labels = new Int32Array(offset + rows.length).fill(-1);
  labels.set(batch.labels);
  const uniform = step.uniformNegatives ? { uniformNegatives: true } : {};
  return { ...batch, rows: all, labels, graph: { offset, edges, shifts, ...uniform } };
}

/**
 * `sampler` whose batches also carry sampled edges of the fuzzy graph over `x`, intersected with `labels`
 * (class per row, −1 unlabeled) as umap-learn's supervised fit does (with its connectivity reset on request).
 */
export async function withGraphEdges(
  sampler: TripletSampler,
  x: DenseMatrix,
  labels: Int32Array,
  options: GraphTermOptions,
  random: Random,
): Promise<GraphSampler> {
  const seed =
    x.rows > (options.exactMaxRows ?? EXACT_MAX_ROWS) ? { seed: Math.floor(random() * 4294967296) } : {};
  const threading = {
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onFallback ? { onFallback: options.onFallback } : {}),
    ...(options.exactMaxRows !== undefined ? { exactMaxRows: options.exactMaxRows } : {}),
    ...(options.entry ? { entry: options.entry } : {}),
  };
  const full = await fuzzyGraph(x, options.neighbours, { ...seed, ...threading });
  const supervised = superviseGraph(full, labels, farDistance(options.targetWeight ?? 0.5));
  const graph = options.resetConnectivity ? resetLocalConnectivity(supervised) : supervised;
  const negatives = options.negatives ?? NEGATIVES_PER_EDGE;
  const uniform = options.uniformNegatives ?? false;
  const edges = createEdgeSampler(graph, options.edgesPerStep, negatives, random, uniform);
  const mixed =
    options.mixedEdgesPerStep === undefined || options.mixedEdgesPerStep === options.edgesPerStep
      ? edges
      : createEdgeSampler(graph, options.mixedEdgesPerStep, negatives, random, uniform);
  return {
    ...sampler,
    next: () => {
      const step = mixed.next();
      return appendGraphRows(sampler.next(), step);
    },
    graphOnly: () => {
      const empty: Batch = { rows: new Int32Array(0), labels: new Int32Array(0), fixed: NO_TRIPLETS };
      return appendGraphRows(empty, edges.next());
    },
  };
}
