/**
 * The work of building a rank index (rank-index.ts), in pieces a worker thread can take: counting each
 * gene's stored values over a range of rows, and ranking a contiguous range of genes. A gene's ranks, tie
 * term, sum and counts depend on its own values only — never on which genes share its block or its thread —
 * so any split of the genes gives the same index, bit for bit.
 */
import { CellTransform } from './gene-values.js';
import type { RankIndex } from './rank-index.js';
import { sortFloat32Paired } from './sort-float32.js';
import { lowerBound } from '../util/lower-bound.js';

/** The matrix (plain or shared arrays) and the value transform an index is built from. */
export interface RankIndexSource {
  rows: number;
  cols: number;
  indptr: Float64Array;
  indices: Int32Array;
  data: Float32Array;
  /** Per row: target sum / library size (values become log1p(value · factor)); null: as imported. */
  factors: Float64Array | null;
  /** Gene names, for the message about a value that cannot be ranked. */
  genes: readonly string[];
}

/** Adds each gene's non-zero values (`nonZero`) and stored entries, zeros included (`entries`), of rows [r0, r1). */
export function countStored(
  source: RankIndexSource,
  r0: number,
  r1: number,
  nonZero: Int32Array,
  entries: Int32Array,
): void {
  const { indptr, indices, data } = source;
  for (let k = indptr[r0], end = indptr[r1]; k < end; k++) {
    const g = indices[k];
    entries[g]++;
    if (data[k] !== 0) nonZero[g]++;
  }
}

/** The first position of row r's stored values whose column is ≥ g (columns ascend within a row). */
function firstAtOrAfter(source: RankIndexSource, r: number, g: number): number {
  return lowerBound(source.indices, g, source.indptr[r], source.indptr[r + 1]);
}

/**
 * Ranks genes [g0, g1) into `index` (ranks of their stored values, per-gene statistics); `index.stored`
 * holds every gene's non-zero count and `entries` its stored entries. Genes go in blocks whose entries fit
 * `blockValues` (a gene larger than that gets a block of its own); each block is one pass over the rows'
 * cursors gathering its values, a sort and ranking per gene, and one pass writing the ranks back.
 */
export function rankGenes(
  source: RankIndexSource,
  index: RankIndex,
  entries: Int32Array,
  g0: number,
  g1: number,
  blockValues: number,
): void {
  if (g1 <= g0) return; // an empty range (more threads than genes with values)
  const { rows, indptr, indices, data } = source;
  const counts = index.stored;
  let largest = 0;
  let total = 0;
  for (let g = g0; g < g1; g++) {
    largest = Math.max(largest, entries[g]);
    total += entries[g];
  }
  const size = Math.max(Math.min(blockValues, total), largest, 1);
  const values = new Float32Array(size);
  // each gathered value's place in the gathering order, whose rank `sequenceRank` holds after ranking
  const where = new Uint32Array(size);
  const sequenceRank = new Float32Array(size);
  const scratchKeys = new Uint32Array(largest);
  const scratchWhere = new Uint32Array(largest);
  // positions fit int32 (rankIndexFits refuses more stored values), which V8 indexes faster than doubles
  const start = new Int32Array(source.cols);
  const write = new Int32Array(source.cols);
  const cursor = new Int32Array(rows);
  for (let r = 0; r < rows; r++) cursor[r] = g0 === 0 ? indptr[r] : firstAtOrAfter(source, r, g0);
  const blockStart = new Int32Array(rows);
  const transform = new CellTransform(source.factors, source.genes);
  let b0 = g0;
  while (b0 < g1) {
    let b1 = b0;
    let used = 0;
    let slots = 0;
    while (b1 < g1 && (b1 === b0 || used + entries[b1] <= size)) {
      start[b1] = slots;
      write[b1] = slots;
      slots += counts[b1];
      used += entries[b1];
      b1++;
    }
    blockStart.set(cursor);
    let sequence = 0;
    for (let r = 0; r < rows; r++) {
      const end = indptr[r + 1];
      let k = cursor[r];
      for (; k < end && indices[k] < b1; k++) {
        const v = data[k];
        if (v === 0) {
          sequenceRank[sequence++] = 0; // a stored zero is no value: rank 0
          continue;
        }
        const g = indices[k];
        const at = write[g]++;
        values[at] = transform.value(v, r, g);
        where[at] = sequence++;
      }
      cursor[r] = k;
    }
    for (let g = b0; g < b1; g++) {
      const a = start[g];
      const gv = values.subarray(a, a + counts[g]);
      const gw = where.subarray(a, a + counts[g]);
      sortFloat32Paired(gv, gw, scratchKeys, scratchWhere);
      rankGene(index, g, gv, gw, sequenceRank, rows - counts[g]);
    }
    // the ranks back in the order they were gathered: sequential reads and writes, and neither the matrix's
    // indices nor its values read again
    sequence = 0;
    const ranks = index.ranks;
    for (let r = 0; r < rows; r++) {
      const end = cursor[r];
      for (let k = blockStart[r]; k < end; k++) ranks[k] = sequenceRank[sequence++];
    }
    b0 = b1;
  }
}

/**
 * Ranks one gene's sorted non-zero values and its `zeros` zeros as rank-sum.ts's rankSum does (the zero block
 * goes before the first positive value), writing each value's rank at its place (`where`) in `out`.
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
