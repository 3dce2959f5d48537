/**
 * Per-column statistics in float64: mean, population variance, minimum and maximum (min === max is the
 * exact test for a constant gene). Only non-zero values are visited — the zeros are counted, not summed —
 * so a sparse matrix (its stored values plus the implicit zeros) and its dense copy give the same bits:
 * both feed the same non-zeros to the same accumulators in the same (row) order.
 *
 * The non-zeros of a column are accumulated around a shift (the column's first non-zero), which keeps the
 * one-pass sums free of cancellation when the spread is small next to the mean; the zeros are then merged
 * in exactly (Chan et al.'s pairwise update: a group of z zeros has mean 0 and no spread).
 */
import { blockSteps, type RowSource } from './row-transform.js';
import { runNow, type Paced } from './paced.js';

export interface ColumnStats {
  mean: Float64Array;
  /** Population variance (divided by n); exactly 0 for a constant column. */
  variance: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

/** Running sums of the non-zero values of each column; `add` them in row order, then `finish`. */
export class ColumnAccumulator {
  readonly count: Float64Array;
  private readonly shift: Float64Array;
  private readonly sum: Float64Array;
  private readonly squares: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;

  constructor(readonly cols: number) {
    this.count = new Float64Array(cols);
    this.shift = new Float64Array(cols);
    this.sum = new Float64Array(cols);
    this.squares = new Float64Array(cols);
    this.min = new Float64Array(cols).fill(Infinity);
    this.max = new Float64Array(cols).fill(-Infinity);
  }

  /** Adds a non-zero value of column `c` (zeros must not be added: they are implied by `finish`'s n). */
  add(c: number, v: number): void {
    if (this.count[c] === 0) this.shift[c] = v;
    this.count[c]++;
    const d = v - this.shift[c];
    this.sum[c] += d;
    this.squares[c] += d * d;
    if (v < this.min[c]) this.min[c] = v;
    if (v > this.max[c]) this.max[c] = v;
  }

  /** The statistics of `n` rows: every value not added is a zero. */
  finish(n: number): ColumnStats {
    const g = this.cols;
    const mean = new Float64Array(g);
    const variance = new Float64Array(g);
    const min = new Float64Array(g);
    const max = new Float64Array(g);
    for (let j = 0; j < g; j++) {
      const k = this.count[j];
      if (n === 0) continue;
      const zeros = n - k;
      min[j] = zeros > 0 ? Math.min(0, this.min[j]) : this.min[j];
      max[j] = zeros > 0 ? Math.max(0, this.max[j]) : this.max[j];
      if (k === 0) continue;
      const m = this.sum[j] / k;
      const nonZeroMean = this.shift[j] + m;
      const nonZeroM2 = Math.max(0, this.squares[j] - this.sum[j] * m);
      mean[j] = zeros === 0 ? nonZeroMean : (nonZeroMean * k) / n;
      const m2 = zeros === 0 ? nonZeroM2 : nonZeroM2 + ((nonZeroMean * nonZeroMean * k) / n) * zeros;
      variance[j] = min[j] === max[j] ? 0 : m2 / n;
    }
    return { mean, variance, min, max };
  }
}

/** The statistics of every column of a row source (dense blocks; zeros skipped as described above). */
export function columnStats(source: RowSource): ColumnStats {
  return runNow(columnStatSteps(source));
}

/** `columnStats`, pausing after each block with the rows done. */
export function* columnStatSteps(source: RowSource): Paced<ColumnStats, number> {
  const g = source.cols;
  const acc = new ColumnAccumulator(g);
  yield* blockSteps(source, (block) => {
    for (let i = 0; i < block.length; i += g) {
      for (let j = 0; j < g; j++) {
        const v = block[i + j];
        if (v !== 0) acc.add(j, v);
      }
    }
  });
  return acc.finish(source.rows);
}
