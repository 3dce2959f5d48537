/**
 * Exact k nearest neighbours (euclidean) of every query row among reference rows, by brute force in
 * blocks so that 20 000 queries × 80 000 references never hold more than a few MB of distances at once.
 * Embeddings (≤ 4 columns) are searched exactly in float64 with a k-d tree (kd-tree.ts; it replaced a sweep
 * along one axis, which scanned most of a compact class for every query); 5–16 columns use a plain float64 loop, which
 * beats a matMul there; wider data compute a·b with tfjs matMul per block and finish d² = |a|² + |b|² − 2a·b
 * and the selection in JS. Neighbours come nearest first; equal distances go to the lower reference index.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { squaredRowDistance, squaredRowNorms } from './row-distance.js';
import { offerProducts, TopK } from './top-k.js';
import { QUERY_BLOCK, ReferenceBlocks } from './product-blocks.js';
import { KdTree } from './kd-tree.js';

export interface NeighbourOptions {
  /** For each query row, a reference row to skip (−1: none) — leave-one-out when both sets are the same. */
  exclude?: Int32Array;
}

export interface Neighbours {
  /** Neighbours per query (min(k, available references)). */
  k: number;
  /** queries × k reference indices, nearest first. */
  indices: Int32Array;
  /** queries × k euclidean distances, matching `indices`. */
  distances: Float32Array;
}

/** Widest data searched with a k-d tree (a map's coordinates); the tree prunes less as columns grow. */
const TREE_MAX_COLS = 4;
/** Widest data searched by a plain float64 loop; wider data use tfjs matMul products (product-blocks.ts). */
export const JS_MAX_COLS = 16;

/** Throws a RangeError naming what is wrong with the shapes or k. */
export function checkShapes(reference: DenseMatrix, query: DenseMatrix, k: number): void {
  if (reference.cols !== query.cols) {
    throw new RangeError(
      `nearest neighbours: reference has ${reference.cols} columns but query has ${query.cols}`,
    );
  }
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`nearest neighbours: k must be a whole number ≥ 1, got ${k}`);
}

function searchJs(reference: DenseMatrix, query: DenseMatrix, top: TopK, exclude?: Int32Array): void {
  const d = query.cols;
  const ref = reference.data;
  for (let q = 0; q < query.rows; q++) {
    const qo = q * d;
    const skip = exclude ? exclude[q] : -1;
    for (let j = 0; j < reference.rows; j++) {
      if (j === skip) continue;
      const s = squaredRowDistance(query.data, qo, ref, j * d, d);
      if (s <= top.bound(q)) top.offer(q, j, s);
    }
  }
}

function searchTf(reference: DenseMatrix, query: DenseMatrix, top: TopK, exclude?: Int32Array): void {
  const refNorms = squaredRowNorms(reference);
  const queryNorms = squaredRowNorms(query);
  const blocks = new ReferenceBlocks(reference);
  try {
    for (let q0 = 0; q0 < query.rows; q0 += QUERY_BLOCK) {
      const qn = Math.min(QUERY_BLOCK, query.rows - q0);
      blocks.products(query, q0, qn, (dots, { start, size }) => {
        for (let i = 0; i < qn; i++) {
          const q = q0 + i;
          const row = { dots, offset: i * size, start, size };
          offerProducts(top, q, queryNorms[q], refNorms, row, exclude ? exclude[q] : -1);
        }
      });
    }
  } finally {
    blocks.dispose();
  }
}

/** The k nearest reference rows of each query row. */
export function nearestNeighbours(
  reference: DenseMatrix,
  query: DenseMatrix,
  k: number,
  options: NeighbourOptions = {},
): Neighbours {
  checkShapes(reference, query, k);
  const available = reference.rows - (options.exclude ? 1 : 0);
  const kk = Math.max(0, Math.min(k, available));
  const top = new TopK(query.rows, kk);
  if (kk > 0) {
    if (query.cols <= TREE_MAX_COLS) new KdTree(reference).search(query, top, options.exclude);
    else if (query.cols <= JS_MAX_COLS) searchJs(reference, query, top, options.exclude);
    else searchTf(reference, query, top, options.exclude);
  }
  return { k: kk, indices: top.index, distances: Float32Array.from(top.dist, Math.sqrt) };
}

/**
 * The k nearest other rows of one row of `reference` (the row itself is skipped), exact in float64. For a
 * single query one plain pass beats both other paths: the sweep sorts every row first and the matMul path
 * uploads the whole reference; the pass is O(rows × cols) with no copy (the Explore view's neighbourhood check
 * asks this per click, on up to 10⁶ rows).
 */
export function neighboursOfRow(reference: DenseMatrix, row: number, k: number): Neighbours {
  if (!Number.isInteger(row) || row < 0 || row >= reference.rows)
    throw new RangeError(`nearest neighbours: row must be in 0…${reference.rows - 1}, got ${row}`);
  const d = reference.cols;
  const query: DenseMatrix = { rows: 1, cols: d, data: reference.data.subarray(row * d, (row + 1) * d) };
  checkShapes(reference, query, k);
  const kk = Math.max(0, Math.min(k, reference.rows - 1));
  const top = new TopK(1, kk);
  if (kk > 0) searchJs(reference, query, top, Int32Array.of(row));
  return { k: kk, indices: top.index, distances: Float32Array.from(top.dist, Math.sqrt) };
}
