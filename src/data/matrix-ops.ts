/** Small whole-matrix steps import needs after parsing: turning round, and filling gaps. */

/** Transposes a rows × cols row-major matrix into a new cols × rows one. */
export function transposeMatrix(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  // Blocked so that both the reads and the writes stay within cache-sized tiles.
  const block = 64;
  for (let r0 = 0; r0 < rows; r0 += block) {
    const r1 = Math.min(rows, r0 + block);
    for (let c0 = 0; c0 < cols; c0 += block) {
      const c1 = Math.min(cols, c0 + block);
      for (let r = r0; r < r1; r++) {
        const rowBase = r * cols;
        for (let c = c0; c < c1; c++) out[c * rows + r] = data[rowBase + c];
      }
    }
  }
  return out;
}

/**
 * Replaces NaN entries by the mean of the other values in their column. A column with no values at all is
 * filled with 0. Returns the indices of those all-missing columns.
 */
export function fillNaNWithColumnMeans(data: Float32Array, rows: number, cols: number): number[] {
  const sums = new Float64Array(cols);
  const counts = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const v = data[base + c];
      if (v === v) {
        sums[c] += v;
        counts[c]++;
      }
    }
  }
  const empty: number[] = [];
  const means = new Float32Array(cols);
  for (let c = 0; c < cols; c++) {
    if (counts[c] === 0) empty.push(c);
    means[c] = counts[c] > 0 ? sums[c] / counts[c] : 0;
  }
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) if (data[base + c] !== data[base + c]) data[base + c] = means[c];
  }
  return empty;
}
