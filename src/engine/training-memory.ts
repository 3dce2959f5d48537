/**
 * A floor under the memory a training run holds, known before it starts from the matrix's shape and the
 * preprocessing options: the matrix itself and the preprocessing's largest arrays. `--max-memory` limits only
 * the import (memory-guard.ts); a run whose floor is over it is told so (train's warning), not held to it.
 * TensorFlow's tensors, the model, the neighbour graphs and the metrics come on top: not counted here.
 */
import type { ExpressionMatrix } from '../api/matrix.js';
import type { PreprocessOptions } from '../api/preprocess-options.js';
import { denseBytes } from '../data/memory-guard.js';
import { keepsPcaInput } from '../preprocess/kept-input.js';
import { DEFAULT_PCA_COMPONENTS, DEFAULT_TOP_GENES } from '../preprocess/resolve-options.js';

/** The bytes of the matrix's arrays as held (a CSR matrix's values, column indices and row offsets). */
export function matrixBytes(matrix: ExpressionMatrix): number {
  if (matrix.format !== 'csr') return matrix.data.byteLength;
  return matrix.data.byteLength + matrix.indices.byteLength + matrix.indptr.byteLength;
}

/**
 * The bytes the preprocessing fit holds besides the matrix (fit.ts): the kept genes as rows × genes float32 —
 * the PCA's input when it is kept (kept-input.ts, by the same `availableBytes`), the result itself without a
 * PCA — and the PCA's rows × components output.
 * @param availableBytes the memory the PCA's input may be kept in (default: the memory guard's figure, as the fit's)
 */
export function preprocessBytes(
  rows: number,
  cols: number,
  options: PreprocessOptions = {},
  availableBytes?: number,
): number {
  const topGenes = options.topGenes ?? DEFAULT_TOP_GENES;
  const kept = topGenes <= 0 ? cols : Math.min(topGenes, cols);
  // fit.ts's rule: a PCA when fewer components are asked for than genes kept, capped at rows − 1
  const wanted = options.pcaComponents ?? DEFAULT_PCA_COMPONENTS;
  const components = Math.min(wanted, rows - 1);
  const pca = wanted > 0 && kept > wanted && components >= 1;
  if (!pca) return denseBytes(rows, kept);
  const input = keepsPcaInput(rows, kept, availableBytes) ? denseBytes(rows, kept) : 0;
  return input + denseBytes(rows, components);
}

/** The floor of a run's memory on `matrix`: the matrix and its preprocessing (see the file's comment). */
export function trainingMemoryFloor(
  matrix: ExpressionMatrix,
  options: PreprocessOptions = {},
  availableBytes?: number,
): number {
  return matrixBytes(matrix) + preprocessBytes(matrix.rows, matrix.cols, options, availableBytes);
}
