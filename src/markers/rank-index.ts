/**
 * A rank index of a CSR matrix for marker tests against the rest: when every cell takes part, each gene's
 * ranks (ties averaged, the zeros one tied block) and its tie term do not depend on the selection, so they are
 * found once per matrix — a float32 rank beside each stored value (half-integers are exact in float32 below
 * 2²³ cells), plus per gene the zeros' rank, Σ(t³ − t), the sum of values and the count of positive values.
 * A group's rank sum is then a walk over its own CSR rows only: O(its stored values) instead of gathering and
 * sorting every gene's values again. Costs 4 bytes per stored value; built only when the memory guard says it
 * fits, and one matrix's index at a time (rank-index-store.ts), in this thread or on worker threads
 * (rank-index-threads.ts) with the same result.
 */
import type { CsrMatrix } from '../data/types.js';
import { availableMemory } from '../data/memory-guard.js';
import { isShared } from '../util/shared-arrays.js';
import { CellTransform, DEFAULT_BLOCK_VALUES } from './gene-values.js';
import type { RankSum } from './rank-sum.js';
import { countStored, rankGenes, type RankIndexSource } from './rank-index-kernel.js';

/** Per-gene ranks over all cells of one matrix, aligned with its stored values. */
export interface RankIndex {
  /** Rank (1-based, ties averaged) of each stored value among its gene's cells; 0 for a stored zero. */
  ranks: Float32Array;
  /** Per gene: the rank every zero of the gene shares. */
  zeroRank: Float64Array;
  /** Per gene: Σ(t³ − t) over its groups of tied values (the zeros included). */
  ties: Float64Array;
  /** Per gene: the sum of its (transformed, float32) values over all cells. */
  sum: Float64Array;
  /** Per gene: how many cells have a positive value. */
  positive: Int32Array;
  /** Per gene: how many cells have a non-zero value. */
  stored: Int32Array;
}

/** Cells from which float32 can no longer hold every half-integer rank exactly. */
export const MAX_INDEXED_CELLS = 2 ** 22;

/** Share of the available memory the index may take (the rest is for everything else). */
const MEMORY_SHARE = 0.5;

/**
 * Bytes an index of `matrix` needs while `threads` threads build it (their block buffers included) and once
 * kept; the threads also need the matrix on shared memory, a copy when the importer did not put it there.
 */
export function rankIndexBytes(matrix: CsrMatrix, threads = 1, blockValues = DEFAULT_BLOCK_VALUES): number {
  const stored = matrix.indptr[matrix.rows];
  const perThread = matrix.rows * 16 + Math.min(stored, blockValues) * 12 + matrix.cols * 16;
  const copy = threads > 1 && !(isShared(matrix.indices) && isShared(matrix.data)) ? stored * 8 : 0;
  return stored * 4 + matrix.cols * 36 + threads * perThread + copy;
}

/**
 * Whether an index of `matrix` fits: at most half of `availableBytes` (default: the memory guard's figure)
 * while `threads` threads build it.
 */
export function rankIndexFits(
  matrix: CsrMatrix,
  availableBytes = availableMemory().bytes,
  threads = 1,
): boolean {
  return (
    matrix.rows < MAX_INDEXED_CELLS &&
    matrix.indptr[matrix.rows] < 2 ** 31 &&
    rankIndexBytes(matrix, threads) <= availableBytes * MEMORY_SHARE
  );
}

/** Per-gene counts of `matrix`'s stored values: non-zero (the index's `stored`) and all entries. */
export function storedCounts(source: RankIndexSource): { nonZero: Int32Array; entries: Int32Array } {
  const nonZero = new Int32Array(source.cols);
  const entries = new Int32Array(source.cols);
  countStored(source, 0, source.rows, nonZero, entries);
  return { nonZero, entries };
}

/** Builds the rank index of `matrix` in this thread, values transformed by `factors` (as gene-values.ts does). */
export function buildRankIndex(
  matrix: CsrMatrix,
  genes: readonly string[],
  factors: Float64Array | null,
  blockValues: number = DEFAULT_BLOCK_VALUES,
): RankIndex {
  const source: RankIndexSource = { ...matrix, factors, genes };
  const { nonZero, entries } = storedCounts(source);
  const index = emptyRankIndex(
    matrix,
    nonZero,
    (n) => new Float32Array(n),
    (n) => new Float64Array(n),
  );
  rankGenes(source, index, entries, 0, matrix.cols, blockValues);
  return index;
}

/** An index to fill: ranks and per-gene arrays from the allocators given (plain or shared memory). */
export function emptyRankIndex(
  matrix: CsrMatrix,
  stored: Int32Array,
  float32: (length: number) => Float32Array,
  float64: (length: number) => Float64Array,
  int32: (length: number) => Int32Array = (n) => new Int32Array(n),
): RankIndex {
  return {
    ranks: float32(matrix.indptr[matrix.rows]),
    zeroRank: float64(matrix.cols),
    ties: float64(matrix.cols),
    sum: float64(matrix.cols),
    positive: int32(matrix.cols),
    stored,
  };
}

/** A group's statistics per gene from the index: its rank sums, value sums and positive counts. */
export interface IndexedGroup {
  rankSum: Float64Array;
  sum: Float64Array;
  positive: Int32Array;
  /** Non-zero values per gene in the group. */
  stored: Int32Array;
}

/** Walks only the group's rows (ascending `groupRows`) of `matrix`, whose index is `index`. */
export function indexedGroup(
  matrix: CsrMatrix,
  genes: readonly string[],
  factors: Float64Array | null,
  index: RankIndex,
  groupRows: Int32Array,
): IndexedGroup {
  const { cols, indptr, indices, data } = matrix;
  const rankSum = new Float64Array(cols);
  const sum = new Float64Array(cols);
  const positive = new Int32Array(cols);
  const stored = new Int32Array(cols);
  const transform = new CellTransform(factors, genes);
  const one = new Float32Array(1);
  for (let i = 0; i < groupRows.length; i++) {
    const r = groupRows[i];
    for (let k = indptr[r]; k < indptr[r + 1]; k++) {
      const v = data[k];
      if (v === 0) continue;
      const g = indices[k];
      one[0] = transform.value(v, r, g); // float32, as the direct path's buffers hold it
      rankSum[g] += index.ranks[k];
      sum[g] += one[0];
      if (one[0] > 0) positive[g]++;
      stored[g]++;
    }
  }
  for (let g = 0; g < cols; g++) rankSum[g] += (groupRows.length - stored[g]) * index.zeroRank[g];
  return { rankSum, sum, positive, stored };
}

/** One gene's RankSum for rank-sum.ts's rankTest. */
export function indexedRankSum(group: IndexedGroup, index: RankIndex, g: number): RankSum {
  return { rankSumA: group.rankSum[g], ties: index.ties[g] };
}
