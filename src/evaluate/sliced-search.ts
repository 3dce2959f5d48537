/**
 * A neighbour search run on slices of its queries, awaiting a callback before each: the metrics' exact search
 * of 15 000 held-out cells among 60 000 in the 50-D input took ~9 CPU s at 10⁵ cells (most of the metrics
 * stage) in one call, said nothing meanwhile and, in-thread, held the event loop. Each query's neighbours
 * depend on that query alone (its own top-k list) and a slice starts at a multiple of QUERY_BLOCK, so the
 * product blocks — and the result — are the unsliced search's bit for bit.
 */
import type { NeighbourOptions, Neighbours } from '../neighbours/nearest-neighbours.js';
import { QUERY_BLOCK } from '../neighbours/product-blocks.js';
import type { NeighbourSearch } from './knn.js';

/** Query rows of a slice (8 product blocks; ~1 CPU s of the 10⁵-cell search). */
export const QUERY_SLICE = 8 * QUERY_BLOCK;

/**
 * `search` on slices of `slice` query rows (rounded up to a multiple of QUERY_BLOCK), awaiting `before(done,
 * total)` — query rows searched so far and in all — before each slice; an error it throws ends the search.
 * @param slice query rows a slice. Default QUERY_SLICE.
 */
export function slicedSearch(
  search: NeighbourSearch,
  before: (done: number, total: number) => Promise<void>,
  slice = QUERY_SLICE,
): NeighbourSearch {
  const size = Math.max(1, Math.ceil(slice / QUERY_BLOCK)) * QUERY_BLOCK;
  return async (reference, query, k, options: NeighbourOptions = {}) => {
    const d = query.cols;
    const parts: Neighbours[] = [];
    for (let q0 = 0; q0 < query.rows || parts.length === 0; q0 += size) {
      await before(q0, query.rows);
      const q1 = Math.min(query.rows, q0 + size);
      const part = { data: query.data.subarray(q0 * d, q1 * d), rows: q1 - q0, cols: d };
      const exclude = options.exclude?.subarray(q0, q1);
      parts.push(await search(reference, part, k, exclude ? { exclude } : {}));
    }
    if (parts.length === 1) return parts[0];
    const indices = new Int32Array(parts.reduce((s, p) => s + p.indices.length, 0));
    const distances = new Float32Array(indices.length);
    let at = 0;
    for (const p of parts) {
      indices.set(p.indices, at);
      distances.set(p.distances, at);
      at += p.indices.length;
    }
    return { k: parts[0].k, indices, distances };
  };
}
