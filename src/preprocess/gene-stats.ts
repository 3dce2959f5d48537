/**
 * Per-column statistics of a row source in one pass, in float64: mean, population variance, minimum and
 * maximum (min === max is the exact test for a constant gene). The variance is accumulated around a shift
 * (each column's first value), which keeps the one-pass formula free of cancellation for data whose
 * spread is small next to their mean.
 */
import { forEachBlock, type RowSource } from './row-transform.js';

export interface ColumnStats {
  mean: Float64Array;
  /** Population variance (divided by n); exactly 0 for a constant column. */
  variance: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export function columnStats(source: RowSource): ColumnStats {
  const g = source.cols;
  const n = source.rows;
  const shift = new Float64Array(g);
  const sum = new Float64Array(g);
  const squares = new Float64Array(g);
  const min = new Float64Array(g).fill(Infinity);
  const max = new Float64Array(g).fill(-Infinity);
  forEachBlock(source, (block, r0) => {
    if (r0 === 0) for (let j = 0; j < g; j++) shift[j] = block[j];
    for (let i = 0; i < block.length; i += g) {
      for (let j = 0; j < g; j++) {
        const v = block[i + j];
        const d = v - shift[j];
        sum[j] += d;
        squares[j] += d * d;
        if (v < min[j]) min[j] = v;
        if (v > max[j]) max[j] = v;
      }
    }
  });
  const mean = new Float64Array(g);
  const variance = new Float64Array(g);
  for (let j = 0; j < g; j++) {
    if (n === 0) continue;
    const m = sum[j] / n;
    mean[j] = shift[j] + m;
    variance[j] = min[j] === max[j] ? 0 : Math.max(0, squares[j] / n - m * m);
  }
  return { mean, variance, min, max };
}
