/** One column (a gene's value in every cell) of either matrix shape, without densifying the rest. */
import { isCsr } from './sparse.js';
import type { ExpressionMatrix } from './types.js';

/** Column `c` of `m` as rows float32 values (implicit zeros of a CSR included). */
export function matrixColumn(m: ExpressionMatrix, c: number): Float32Array {
  const out = new Float32Array(m.rows);
  if (!isCsr(m)) {
    for (let r = 0; r < m.rows; r++) out[r] = m.data[r * m.cols + c];
    return out;
  }
  const { indptr, indices, data } = m;
  for (let r = 0; r < m.rows; r++) {
    // columns ascend within a row: binary search for c
    let lo = indptr[r];
    let hi = indptr[r + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const col = indices[mid];
      if (col === c) {
        out[r] = data[mid];
        break;
      }
      if (col < c) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return out;
}
