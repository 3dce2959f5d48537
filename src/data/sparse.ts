/** Helpers for the two matrix shapes an ExpressionTable may hold. */
import type { CsrMatrix, DenseMatrix, ExpressionMatrix } from '../api/matrix.js';

/** True when the matrix is stored sparse (CSR). */
export function isCsr(m: ExpressionMatrix): m is CsrMatrix {
  return m.format === 'csr';
}

/** Number of stored values: non-zeros for CSR, every cell for dense. */
export function storedValues(m: ExpressionMatrix): number {
  return isCsr(m) ? m.indptr[m.rows] : m.rows * m.cols;
}

/** The dense row-major copy of a CSR matrix (rows × cols × 4 bytes: only for matrices known to be small). */
export function csrToDense(m: CsrMatrix): DenseMatrix {
  const data = new Float32Array(m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) {
    const base = r * m.cols;
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) data[base + m.indices[k]] = m.data[k];
  }
  return { data, rows: m.rows, cols: m.cols };
}

/** The matrix as dense: itself when dense, a copy when CSR. */
export function asDense(m: ExpressionMatrix): DenseMatrix {
  return isCsr(m) ? csrToDense(m) : m;
}

/** The CSR form of a dense matrix (zeros are not stored). */
export function denseToCsr(m: DenseMatrix): CsrMatrix {
  let nnz = 0;
  for (let i = 0; i < m.data.length; i++) if (m.data[i] !== 0) nnz++;
  const indptr = new Float64Array(m.rows + 1);
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  let k = 0;
  for (let r = 0; r < m.rows; r++) {
    const base = r * m.cols;
    for (let c = 0; c < m.cols; c++) {
      const v = m.data[base + c];
      if (v !== 0) {
        indices[k] = c;
        data[k++] = v;
      }
    }
    indptr[r + 1] = k;
  }
  return { format: 'csr', rows: m.rows, cols: m.cols, indptr, indices, data };
}

/**
 * One column (a gene) of a matrix as one value per row: a strided read of a dense matrix, a binary search in
 * each row of a CSR one (columns are ascending within a row) — never a dense copy of the whole matrix.
 */
export function columnOf(m: ExpressionMatrix, col: number): Float32Array {
  const out = new Float32Array(m.rows);
  if (!isCsr(m)) {
    for (let r = 0; r < m.rows; r++) out[r] = m.data[r * m.cols + col];
    return out;
  }
  for (let r = 0; r < m.rows; r++) {
    let lo = m.indptr[r];
    let hi = m.indptr[r + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = m.indices[mid];
      if (c === col) {
        out[r] = m.data[mid];
        break;
      }
      if (c < col) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return out;
}
