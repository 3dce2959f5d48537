/** The columns of an expression matrix, copied whole (sparse stays sparse): the reference the h5ad writer's block-by-block selection (XColumns) is checked against. Tests only. */
import type { CsrMatrix, DenseMatrix, ExpressionMatrix } from '../../../src/api/matrix.js';
import { isCsr } from '../../../src/data/sparse.js';

function denseColumns(m: DenseMatrix, columns: readonly number[]): DenseMatrix {
  const k = columns.length;
  const data = new Float32Array(m.rows * k);
  for (let r = 0; r < m.rows; r++) {
    const from = r * m.cols;
    const to = r * k;
    for (let j = 0; j < k; j++) data[to + j] = m.data[from + columns[j]];
  }
  return { data, rows: m.rows, cols: k };
}

function csrColumns(m: CsrMatrix, columns: readonly number[]): CsrMatrix {
  const position = new Int32Array(m.cols).fill(-1);
  columns.forEach((c, j) => (position[c] = j));
  const indptr = new Float64Array(m.rows + 1);
  let nnz = 0;
  for (let k = 0; k < m.indptr[m.rows]; k++) if (position[m.indices[k]] >= 0) nnz++;
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  let out = 0;
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) {
      const j = position[m.indices[k]];
      if (j < 0) continue;
      indices[out] = j;
      data[out++] = m.data[k];
    }
    indptr[r + 1] = out;
  }
  return { format: 'csr', rows: m.rows, cols: columns.length, indptr, indices, data };
}

/**
 * The matrix restricted to `columns`, which must ascend (then CSR rows keep ascending column indices, as
 * the CSR contract and anndata's readers want).
 */
export function selectColumns(m: ExpressionMatrix, columns: readonly number[]): ExpressionMatrix {
  for (let j = 1; j < columns.length; j++) {
    if (!(columns[j] > columns[j - 1])) throw new RangeError('selectColumns: columns must ascend');
  }
  return isCsr(m) ? csrColumns(m, columns) : denseColumns(m, columns);
}
