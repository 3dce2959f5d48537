/**
 * The PCA baseline of every run: the same data projected on its first `dims` principal components (the
 * preprocessing's randomised PCA, centred, not scaled), so the learnt map can be compared with the linear
 * map of the same size.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { fitPca, matrixSource, projectRows } from '../preprocess/index.js';

/**
 * @param dims output width; capped at min(rows, cols) when the data are smaller.
 * @param seed seed of the randomised start. Default 0.
 */
export function pcaBaseline(x: DenseMatrix, dims: number, seed = 0): DenseMatrix {
  const k = Math.min(dims, x.cols, x.rows);
  if (k < 1)
    throw new RangeError(`PCA baseline: cannot project ${x.rows} × ${x.cols} data to ${dims} dimensions`);
  const source = matrixSource(x);
  const fit = fitPca(source, k, { seed });
  return { data: projectRows(source, fit.mean, fit.loadings, k), rows: x.rows, cols: k };
}
