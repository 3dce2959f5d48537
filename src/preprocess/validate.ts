/** Shape checks shared by fitting and applying: a matrix and its gene names must agree. */
import type { DenseMatrix } from '../data/types.js';
import { PreprocessError } from './errors.js';

/** Throws unless `matrix` is rows × cols with one unique name per column; returns name → column. */
export function checkMatrixAndGenes(matrix: DenseMatrix, genes: readonly string[]): Map<string, number> {
  const { rows, cols, data } = matrix;
  if (
    !Number.isInteger(rows) ||
    !Number.isInteger(cols) ||
    rows < 0 ||
    cols < 0 ||
    data.length !== rows * cols
  ) {
    throw new PreprocessError(
      'shape',
      `Cannot preprocess: the matrix claims ${rows} × ${cols} but holds ${data.length} values`,
    );
  }
  if (genes.length !== cols) {
    throw new PreprocessError(
      'shape',
      `Cannot preprocess: ${genes.length} gene names for a matrix with ${cols} gene columns`,
    );
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
