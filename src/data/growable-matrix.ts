/**
 * Rows of float32 values appended one at a time into a single row-major Float32Array. The array starts at
 * an estimated size and grows by 25% when the estimate was short, so that the peak memory while growing or
 * trimming stays near twice the final matrix, never three times.
 */
export class GrowableMatrix {
  readonly cols: number;
  rows = 0;
  data: Float32Array;

  /** @param expectedRows a guess of the final row count (a short guess costs a copy, not correctness) */
  constructor(cols: number, expectedRows: number) {
    this.cols = cols;
    this.data = new Float32Array(Math.max(1, Math.ceil(expectedRows)) * cols);
  }

  /** The offset where row `this.rows` starts, growing the array first when it is full. */
  nextRowOffset(): number {
    const offset = this.rows * this.cols;
    if (offset + this.cols > this.data.length) {
      const capacityRows = this.data.length / this.cols;
      const grown = new Float32Array(Math.ceil(Math.max(capacityRows * 1.25, capacityRows + 64)) * this.cols);
      grown.set(this.data);
      this.data = grown;
    }
    return offset;
  }

  /** The filled rows as an exactly sized array (copied only when the array is larger than needed). */
  finish(): Float32Array {
    const used = this.rows * this.cols;
    if (this.data.length === used) return this.data;
    const exact = this.data.slice(0, used);
    this.data = exact;
    return exact;
  }

  /** The filled rows as a view (no copy; the backing array may be larger). */
  view(): Float32Array {
    return this.data.subarray(0, this.rows * this.cols);
  }
}
