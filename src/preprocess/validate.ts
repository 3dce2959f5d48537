/** Shape checks shared by fitting and applying: a matrix and its gene names must agree. */
import { isCsr } from '../data/sparse.js';
import type { CsrMatrix, ExpressionMatrix } from '../api/matrix.js';
import { PreprocessError } from './errors.js';

function shapeError(message: string): PreprocessError {
  return new PreprocessError('shape', `Cannot preprocess: ${message}`);
}

/**
 * A CSR matrix whose offsets or column indices are out of order or out of range would be read wrongly
 * (typed arrays ignore out-of-range writes), so the structure is checked once, in O(non-zeros).
 */
function checkCsr(m: CsrMatrix): void {
  const { rows, cols, indptr, indices, data } = m;
  if (indptr.length !== rows + 1 || indptr[0] !== 0) {
    throw shapeError(`the sparse matrix claims ${rows} rows but has ${indptr.length} row offsets`);
  }
  const nnz = indptr[rows];
  if (!(nnz <= indices.length && nnz <= data.length)) {
    throw shapeError(
      `the sparse matrix claims ${nnz} stored values but holds ${Math.min(indices.length, data.length)}`,
    );
  }
  for (let r = 0; r < rows; r++) {
    const start = indptr[r];
    const end = indptr[r + 1];
    if (!(end >= start)) throw shapeError(`the sparse matrix's row offsets decrease at row ${r + 1}`);
    let previous = -1;
    for (let k = start; k < end; k++) {
      const c = indices[k];
      if (!(c > previous && c < cols)) {
        throw shapeError(
          `row ${r + 1} of the sparse matrix has column index ${c} ` +
            (c >= cols || c < 0 ? `outside 0…${cols - 1}` : 'out of ascending order or repeated'),
        );
      }
      previous = c;
    }
  }
}

/** Throws unless `matrix` is rows × cols with one unique name per column; returns name → column. */
export function checkMatrixAndGenes(matrix: ExpressionMatrix, genes: readonly string[]): Map<string, number> {
  const { rows, cols } = matrix;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw shapeError(`the matrix claims ${rows} × ${cols}`);
  }
  if (isCsr(matrix)) checkCsr(matrix);
  else if (matrix.data.length !== rows * cols) {
    throw shapeError(`the matrix claims ${rows} × ${cols} but holds ${matrix.data.length} values`);
  }
  if (genes.length !== cols) {
    throw shapeError(`${genes.length} gene names for a matrix with ${cols} gene columns`);
  }
  const index = new Map<string, number>();
  genes.forEach((gene, c) => {
    const earlier = index.get(gene);
    if (earlier !== undefined) {
      throw new PreprocessError(
        'duplicate-gene',
        `Cannot preprocess: gene '${gene}' appears twice (columns ${earlier + 1} and ${c + 1}); gene names must be unique`,
        { gene },
      );
    }
    index.set(gene, c);
  });
  return index;
}
