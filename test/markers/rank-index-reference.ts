/**
 * The rank index builder as it was before the threaded build (commit a547ce1, src/markers/rank-index.ts): one
 * thread, blocks of genes, ranks written back through each gathered value's block slot. Kept as the
 * reference the threaded and in-thread builds must equal bit for bit (rank-index-threads.test.ts).
 */
import type { CsrMatrix } from '../../src/data/types.js';
import { CellTransform, DEFAULT_BLOCK_VALUES } from '../../src/markers/gene-values.js';
import type { RankIndex } from '../../src/markers/rank-index.js';
import { sortFloat32Paired } from '../../src/markers/sort-float32.js';

/** Builds the rank index of `matrix` with values transformed by `factors` (as gene-values.ts does). */
export function referenceRankIndex(
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
