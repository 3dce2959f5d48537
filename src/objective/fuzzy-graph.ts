/**
 * UMAP's fuzzy simplicial set over the input-space kNN graph (McInnes et al. 2018, as umap-learn's
 * `fuzzy_simplicial_set` and parametric UMAP build it): each row i gets a distance to its nearest neighbour
 * ρᵢ and a bandwidth σᵢ chosen so that Σⱼ exp(−max(dᵢⱼ − ρᵢ, 0) / σᵢ) = log₂ k over its k neighbours; the
 * directed memberships wᵢⱼ = exp(−max(dᵢⱼ − ρᵢ, 0) / σᵢ) are symmetrised by the fuzzy union
 * w = wᵢⱼ + wⱼᵢ − wᵢⱼ·wⱼᵢ. The neighbours come from the trainer's own search (exact up to 20 000 rows, the
 * seeded random-projection forest above), so the graph costs one more search and O(n·k²) to symmetrise —
 * nothing n × n.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { squaredRowDistance } from '../neighbours/row-distance.js';
import { findRowNeighbours, type ThreadedRowNeighbourOptions } from '../neighbours/row-neighbours.js';

/** An undirected weighted graph over the rows of the training matrix, each edge listed once. */
export interface FuzzyGraph {
  /** Rows of the matrix the graph is over. */
  rows: number;
  /** Edge e joins rows `from[e]` and `to[e]` with membership strength `weight[e]` in (0, 1]. */
  from: Int32Array;
  to: Int32Array;
  weight: Float32Array;
}

/** Binary-search iterations for σ (umap-learn uses 64). */
const SIGMA_ITERATIONS = 64;
/** Relative tolerance of the σ search, as umap-learn's SMOOTH_K_TOLERANCE. */
const SIGMA_TOLERANCE = 1e-5;
/** σ never falls below this fraction of the row's mean neighbour distance (umap-learn's MIN_K_DIST_SCALE). */
const MIN_SIGMA_SCALE = 1e-3;

/**
 * ρ and σ of one row from its k neighbour distances (ascending): ρ is the first non-zero distance (local
 * connectivity 1), σ solves Σⱼ exp(−max(dⱼ − ρ, 0) / σ) = log₂ k by bisection.
 */
export function smoothKnnBandwidth(distances: ArrayLike<number>): { rho: number; sigma: number } {
  const k = distances.length;
  let rho = 0;
  for (let j = 0; j < k; j++) {
    if (distances[j] > 0) {
      rho = distances[j];
      break;
    }
  }
  const target = Math.log2(Math.max(k, 2));
  let lo = 0;
  let hi = Infinity;
  let sigma = 1;
  for (let it = 0; it < SIGMA_ITERATIONS; it++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(-Math.max(distances[j] - rho, 0) / sigma);
    if (Math.abs(sum - target) < SIGMA_TOLERANCE) break;
    if (sum > target) {
      hi = sigma;
      sigma = (lo + hi) / 2;
    } else {
      lo = sigma;
      sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2;
    }
  }
  let mean = 0;
  for (let j = 0; j < k; j++) mean += distances[j];
  mean /= Math.max(k, 1);
  return { rho, sigma: Math.max(sigma, MIN_SIGMA_SCALE * mean) };
}

/**
 * The directed memberships of a kNN list (`index`/`distances`: rows × k, nearest first) symmetrised into
 * an undirected graph. Exposed apart from the search so a test can feed it a hand-made neighbour list.
 */
export function graphFromNeighbours(
  rows: number,
  k: number,
  index: Int32Array,
  distances: ArrayLike<number>,
): FuzzyGraph {
  const membership = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) {
    const d = Array.from({ length: k }, (_, j) => distances[i * k + j]);
    const { rho, sigma } = smoothKnnBandwidth(d);
    for (let j = 0; j < k; j++) membership[i * k + j] = Math.exp(-Math.max(d[j] - rho, 0) / sigma);
  }
  // w(i→j) when j is in i's list, else −1 (not listed; a listed neighbour's membership can be 0)
  const directed = (i: number, j: number): number => {
    for (let q = 0; q < k; q++) if (index[i * k + q] === j) return membership[i * k + q];
    return -1;
  };
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let q = 0; q < k; q++) {
      const j = index[i * k + q];
      if (j === i || j < 0) continue;
      const listed = directed(j, i);
      // an edge found from both ends is emitted once, by its lower row
      if (listed >= 0 && j < i) continue;
      const back = Math.max(listed, 0);
      const w = membership[i * k + q];
      const union = w + back - w * back;
      if (union <= 0) continue;
      from.push(i);
      to.push(j);
      weight.push(union);
    }
  }
  return { rows, from: Int32Array.from(from), to: Int32Array.from(to), weight: Float32Array.from(weight) };
}

/**
 * The fuzzy graph over every row of `x` with `k` neighbours (capped at rows − 1); the search runs on
 * options.threads worker threads (the same graph for any count).
 */
export async function fuzzyGraph(
  x: DenseMatrix,
  k: number,
  options: ThreadedRowNeighbourOptions = {},
): Promise<FuzzyGraph> {
  const all = Int32Array.from({ length: x.rows }, (_, i) => i);
  const found = await findRowNeighbours(x, all, k, options);
  const kk = found.k;
  const distances = new Float64Array(x.rows * kk);
  for (let i = 0; i < x.rows; i++) {
    for (let q = 0; q < kk; q++) {
      const j = found.index[i * kk + q];
      distances[i * kk + q] =
        j >= 0 ? Math.sqrt(squaredRowDistance(x.data, i * x.cols, x.data, j * x.cols, x.cols)) : Infinity;
    }
  }
  return graphFromNeighbours(x.rows, kk, found.index, distances);
}

/** umap-learn's far_dist at its default target_weight 0.5: 2.5 / (1 − 0.5). */
export const FAR_DISTANCE = 5;

/** umap-learn's far_dist for a target_weight in [0, 1]: 2.5 / (1 − w), and Infinity (edges cut) at 1. */
export function farDistance(targetWeight: number): number {
  return targetWeight < 1 ? 2.5 / (1 - targetWeight) : Infinity;
}

/**
 * The graph intersected with the labels, as umap-learn's supervised fit does it
 * (discrete_metric_simplicial_set_intersection): an edge between two labelled rows of different classes
 * keeps exp(−far) of its strength (far = FAR_DISTANCE: ≈ 0.0067; Infinity: the edge is dropped), so the
 * graph term stops pulling classes together against the triplet loss and spends itself on neighbourhoods
 * inside a class and across unlabeled rows. Edges touching an unlabeled row (label −1) are kept as they are.
 * Returns a new graph.
 */
export function superviseGraph(graph: FuzzyGraph, labels: Int32Array, far = FAR_DISTANCE): FuzzyGraph {
  const factor = Math.exp(-far);
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  for (let e = 0; e < graph.weight.length; e++) {
    const a = labels[graph.from[e]];
    const b = labels[graph.to[e]];
    const w = a >= 0 && b >= 0 && a !== b ? graph.weight[e] * factor : graph.weight[e];
    if (!(w > 0)) continue;
    from.push(graph.from[e]);
    to.push(graph.to[e]);
    weight.push(w);
  }
  return {
    rows: graph.rows,
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    weight: Float32Array.from(weight),
  };
}

/**
 * umap-learn's reset_local_connectivity, which its supervised fit applies after the label intersection:
 * every row's memberships are divided by that row's strongest (so each row again has a neighbour at 1, the
 * local-connectivity assumption), and the two directions are joined by the fuzzy union p + q − p·q. On this
 * symmetric edge list an edge of weight w between rows i and j becomes p = w / maxᵢ, q = w / maxⱼ.
 */
export function resetLocalConnectivity(graph: FuzzyGraph): FuzzyGraph {
  const strongest = new Float64Array(graph.rows);
  for (let e = 0; e < graph.weight.length; e++) {
    const w = graph.weight[e];
    strongest[graph.from[e]] = Math.max(strongest[graph.from[e]], w);
    strongest[graph.to[e]] = Math.max(strongest[graph.to[e]], w);
  }
  const weight = Float32Array.from(graph.weight, (w, e) => {
    const p = w / strongest[graph.from[e]];
    const q = w / strongest[graph.to[e]];
    return Math.min(1, p + q - p * q);
  });
  return { ...graph, weight };
}
