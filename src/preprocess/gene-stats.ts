/**
 * Per-column statistics of a row source in float64: mean, population variance (two passes, so no
 * cancellation), minimum and maximum (min === max is the exact test for a constant gene).
 */
import { forEachBlock, type RowSource } from './row-transform.js';

export interface ColumnStats {
  mean: Float64Array;
  /** Population variance (divided by n). */
  variance: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export function columnStats(source: RowSource): ColumnStats {
  const g = source.cols;
  const n = source.rows;
  const sum = new Float64Array(g);
  const min = new Float64Array(g).fill(Infinity);
  const max = new Float64Array(g).fill(-Infinity);
  forEachBlock(source, (block) => {
    for (let i = 0; i < block.length; i += g) {
      for (let j = 0; j < g; j++) {
        const v = block[i + j];
        sum[j] += v;
        if (v < min[j]) min[j] = v;
        if (v > max[j]) max[j] = v;
      }
    }
  });
  const mean = sum.map((s) => (n > 0 ? s / n : 0));
  const squares = new Float64Array(g);
  forEachBlock(source, (block) => {
    for (let i = 0; i < block.length; i += g) {
      for (let j = 0; j < g; j++) {
        const d = block[i + j] - mean[j];
        squares[j] += d * d;
      }
    }
  });
  const variance = squares.map((s, j) => (n > 0 && min[j] !== max[j] ? s / n : 0));
  return { mean, variance, min, max };
}
