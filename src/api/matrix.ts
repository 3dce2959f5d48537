/**
 * The matrix shapes shared by the engine and the page: dense row-major and compressed-sparse-row float32.
 * Part of the contract layer (src/api): no imports, loaded by both tsconfigs.
 */

/** A dense row-major float32 matrix: element (r, c) is `data[r * cols + c]`. */
export interface DenseMatrix {
  /** Absent or 'dense'; it keeps a CsrMatrix from passing for a DenseMatrix by shape alone. */
  format?: 'dense';
  data: Float32Array;
  rows: number;
  cols: number;
}

/**
 * A compressed-sparse-row float32 matrix (cells × genes), how single-cell counts arrive (h5ad, 10x, loom).
 * Row r's stored values are `data[k]` at column `indices[k]` for `indptr[r] <= k < indptr[r + 1]`; columns
 * ascend within a row and never repeat. `indptr` is float64 because an atlas can hold over 2³¹ non-zeros.
 */
export interface CsrMatrix {
  format: 'csr';
  rows: number;
  cols: number;
  /** rows + 1 offsets into `indices`/`data`; indptr[0] = 0, indptr[rows] = number of stored values. */
  indptr: Float64Array;
  indices: Int32Array;
  data: Float32Array;
}

/** What an imported table holds: dense for delimited text, CSR for sparse single-cell formats. */
export type ExpressionMatrix = DenseMatrix | CsrMatrix;
