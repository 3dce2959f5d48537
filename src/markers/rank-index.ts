/**
 * A rank index of a CSR matrix for marker tests against the rest: when every cell takes part, each gene's
 * ranks (ties averaged, the zeros one tied block) and its tie term do not depend on the selection, so they are
 * found once per matrix — a float32 rank beside each stored value (half-integers are exact in float32 below
 * 2²³ cells), plus per gene the zeros' rank, Σ(t³ − t), the sum of values and the count of positive values.
 * A group's rank sum is then a walk over its own CSR rows only: O(its stored values) instead of gathering and
 * sorting every gene's values again. Costs 4 bytes per stored value; built only when the memory guard says it
 * fits, and one matrix's index at a time.
 */
import type { CsrMatrix } from '../data/types.js';
import { availableMemory } from '../data/memory-guard.js';
import { CellTransform, DEFAULT_BLOCK_VALUES } from './gene-values.js';
import type { RankSum } from './rank-sum.js';
import { sortFloat32Paired } from './sort-float32.js';

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

/** Bytes an index of `matrix` needs while it is built (the block buffers included) and kept. */
export function rankIndexBytes(matrix: CsrMatrix, blockValues = DEFAULT_BLOCK_VALUES): number {
  const stored = matrix.indptr[matrix.rows];
  return stored * 4 + matrix.cols * 28 + matrix.rows * 8 + Math.min(stored, blockValues) * 20;
}

/** Whether an index of `matrix` fits: at most half of `availableBytes` (default: the memory guard's figure). */
export function rankIndexFits(matrix: CsrMatrix, availableBytes = availableMemory().bytes): boolean {
  return (
    matrix.rows < MAX_INDEXED_CELLS &&
    matrix.indptr[matrix.rows] < 2 ** 31 &&
    rankIndexBytes(matrix) <= availableBytes * MEMORY_SHARE
  );
}

/** Builds the rank index of `matrix` with values transformed by `factors` (as gene-values.ts does). */
export function buildRankIndex(
  matrix: CsrMatrix,
  genes: readonly string[],
  factors: Float64Array | null,
  blockValues: number = DEFAULT_BLOCK_VALUES,
): RankIndex {
  const { rows, cols, indptr, indices, data } = matrix;
  const counts = new Int32Array(cols);
  for (let k = 0; k < indptr[rows]; k++) if (data[k] !== 0) counts[indices[k]]++;
  let largest = 0;
  for (let g = 0; g < cols; g++) largest = Math.max(largest, counts[g]);
  const size = Math.max(blockValues, largest, 1);
  const values = new Float32Array(size);
  const where = new Uint32Array(size);
  const slotRank = new Float32Array(size);
  const scratchKeys = new Uint32Array(largest);
  const scratchWhere = new Uint32Array(largest);
  // positions fit int32 (rankIndexFits refuses more stored values), which V8 indexes faster than doubles
  const start = new Int32Array(cols + 1);
  const write = new Int32Array(cols);
  const cursor = Int32Array.from({ length: rows }, (_, r) => indptr[r]);
  const blockStart = new Int32Array(rows);
  const transform = new CellTransform(factors, genes);
  const index: RankIndex = {
    ranks: new Float32Array(indptr[rows]),
    zeroRank: new Float64Array(cols),
    ties: new Float64Array(cols),
    sum: new Float64Array(cols),
    positive: new Int32Array(cols),
    stored: counts,
  };
  let g0 = 0;
  while (g0 < cols) {
    let g1 = g0;
    let used = 0;
    while (g1 < cols && (g1 === g0 || used + counts[g1] <= size)) {
      start[g1] = used;
      write[g1] = used;
      used += counts[g1];
      g1++;
    }
    blockStart.set(cursor);
    for (let r = 0; r < rows; r++) {
      const end = indptr[r + 1];
      let k = cursor[r];
      for (; k < end && indices[k] < g1; k++) {
        const v = data[k];
        if (v === 0) continue;
        const g = indices[k];
        const at = write[g]++;
        values[at] = transform.value(v, r, g);
        where[at] = at;
      }
      cursor[r] = k;
    }
    for (let g = g0; g < g1; g++) {
      const a = start[g];
      const gv = values.subarray(a, a + counts[g]);
      const gw = where.subarray(a, a + counts[g]);
      sortFloat32Paired(gv, gw, scratchKeys, scratchWhere);
      rankGene(index, g, gv, gw, slotRank, rows - counts[g]);
      write[g] = a;
    }
    // the ranks back to the stored values, row by row in the order they were gathered: the writes into the
    // index are sequential (scattering them straight from the sorted order missed the cache on every value)
    for (let r = 0; r < rows; r++) {
      const end = cursor[r];
      for (let k = blockStart[r]; k < end; k++) {
        if (data[k] !== 0) index.ranks[k] = slotRank[write[indices[k]]++];
      }
    }
    g0 = g1;
  }
  return index;
}

/**
 * Ranks one gene's sorted non-zero values and its `zeros` zeros as rank-sum.ts's rankSum does (the zero block
 * goes before the first positive value), writing each value's rank at its block slot (`where`) in `out`.
 */
function rankGene(
  index: RankIndex,
  g: number,
  sorted: Float32Array,
  where: Uint32Array,
  out: Float32Array,
  zeros: number,
): void {
  let below = 0;
  let ties = 0;
  let sum = 0;
  let positive = 0;
  let zerosDone = zeros === 0;
  const block = (t: number): number => {
    const rank = below + (t + 1) / 2;
    if (t > 1) ties += t * t * t - t;
    below += t;
    return rank;
  };
  let i = 0;
  while (i < sorted.length) {
    const v = sorted[i];
    if (!zerosDone && v > 0) {
      index.zeroRank[g] = block(zeros);
      zerosDone = true;
    }
    let j = i;
    while (j < sorted.length && sorted[j] === v) j++;
    const rank = block(j - i);
    for (let m = i; m < j; m++) out[where[m]] = rank;
    sum += v * (j - i);
    if (v > 0) positive += j - i;
    i = j;
  }
  if (!zerosDone) index.zeroRank[g] = block(zeros);
  index.ties[g] = ties;
  index.sum[g] = sum;
  index.positive[g] = positive;
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

/** Each matrix's index, freed with the matrix; `lastKey` lets a new matrix's index drop the previous one. */
const indexes = new WeakMap<CsrMatrix, RankIndex>();
let lastKey: WeakRef<CsrMatrix> | null = null;

/**
 * The index of `matrix`, built on first use; the previous matrix's index is dropped (one at a time, so a
 * newly opened dataset frees the last one's). Null when it would not fit in `availableBytes` (default: the
 * memory guard's available memory).
 */
export function rankIndexOf(
  matrix: CsrMatrix,
  genes: readonly string[],
  factors: Float64Array | null,
  availableBytes?: number,
): RankIndex | null {
  const kept = indexes.get(matrix);
  if (kept) return kept;
  forgetRankIndex();
  if (!rankIndexFits(matrix, availableBytes)) return null;
  const index = buildRankIndex(matrix, genes, factors);
  indexes.set(matrix, index);
  lastKey = new WeakRef(matrix);
  return index;
}

/** Whether `matrix` has an index built already. */
export function hasRankIndex(matrix: CsrMatrix): boolean {
  return indexes.has(matrix);
}

/** Whether an index is kept for any matrix still alive. */
export function rankIndexHeld(): boolean {
  const last = lastKey?.deref();
  return last !== undefined && indexes.has(last);
}

/** Drops the kept index (before another matrix's is built; when the session opens other data). */
export function forgetRankIndex(): void {
  const last = lastKey?.deref();
  if (last) indexes.delete(last);
  lastKey = null;
}
