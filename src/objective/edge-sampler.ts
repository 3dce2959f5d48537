/**
 * Seeded edge and negative sampling over the fuzzy graph, as UMAP optimises it: each step draws edges with
 * probability proportional to their membership strength (umap-learn's epochs_per_sample, parametric UMAP's
 * weighted edge dataset), orients each at random (the graph is symmetric), and pairs every head with the
 * tails of `negatives` other edges as negative samples. The rows are laid out [heads; tails], and negative r
 * pairs head i with tail (i + shift_r) mod E, so the loss takes every pair with slices and one roll — no
 * tf.gather, whose gradient the wasm backend lacks. With `uniformNegatives` a third block of E rows drawn
 * uniformly over all cells follows, and negative r pairs head i with row (i + shift_r) mod E of that block
 * instead (umap-learn's layout: `tau_rand_int % n_vertices`; the loss then moves only the head).
 */
import { randomInt, type Random } from '../util/random.js';
import type { FuzzyGraph } from './fuzzy-graph.js';
import { CoreError } from '../api/core-error.js';

/**
 * One step's edges: input rows `rows` = [E heads; E tails] (then E uniform negatives when `uniformNegatives`);
 * `shifts` the negative samples' offsets into the tails (or the uniform block).
 */
export interface EdgeBatch {
  rows: Int32Array;
  edges: number;
  /** One cyclic shift in [1, E) per negative sample of every head. */
  shifts: Int32Array;
  /** The rows end with a block of E negatives drawn uniformly over all cells. Default false. */
  uniformNegatives?: boolean;
}

export interface EdgeSampler {
  next(): EdgeBatch;
}

/** Index of the first entry of the ascending `cumulative` that exceeds `u`. */
function searchCumulative(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A sampler of `edgesPerStep` edges a step (fewer when the graph is smaller) and `negatives` negative
 * samples per edge, drawn from the other edges' tails or, with `uniformNegatives`, uniformly over the
 * graph's rows. Throws when the graph has no edge.
 */
export function createEdgeSampler(
  graph: FuzzyGraph,
  edgesPerStep: number,
  negatives: number,
  random: Random,
  uniformNegatives = false,
): EdgeSampler {
  const count = graph.weight.length;
  if (count === 0)
    throw new CoreError(
      'bad-input',
      'The neighbour graph has no edges (every row is a duplicate of another?)',
    );
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let e = 0; e < count; e++) cumulative[e] = total += graph.weight[e];
  const edges = Math.max(2, Math.min(edgesPerStep, 2 * count));
  return {
    next(): EdgeBatch {
      const rows = new Int32Array((uniformNegatives ? 3 : 2) * edges);
      for (let i = 0; i < edges; i++) {
        const e = searchCumulative(cumulative, random() * total);
        const flip = random() < 0.5;
        rows[i] = flip ? graph.to[e] : graph.from[e];
        rows[edges + i] = flip ? graph.from[e] : graph.to[e];
      }
      const shifts = Int32Array.from({ length: negatives }, () => 1 + randomInt(random, edges - 1));
      if (!uniformNegatives) return { rows, edges, shifts };
      for (let i = 2 * edges; i < rows.length; i++) rows[i] = randomInt(random, graph.rows);
      return { rows, edges, shifts, uniformNegatives: true };
    },
  };
}
