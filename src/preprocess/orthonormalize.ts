/**
 * Orthonormal columns for the PCA's subspace iteration: modified Gram–Schmidt applied twice ("twice is
 * enough" for float64), in JS because the block is only genes × (K + 10). A column that collapses (the data
 * have lower rank than the subspace, e.g. fewer cells than components) is replaced by a fresh seeded random
 * direction orthogonal to the others, so the basis always has full width.
 */
import { randomNormal, type Random } from '../util/random.js';
import { CoreError } from '../api/core-error.js';

/** Orthonormalises the columns of `a` (rows × cols, row-major) in place. */
export function orthonormalizeColumns(a: Float64Array, rows: number, cols: number, random: Random): void {
  for (let j = 0; j < cols; j++) {
    for (let attempt = 0; ; attempt++) {
      let before = 0;
      for (let i = 0; i < rows; i++) before += a[i * cols + j] ** 2;
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < j; k++) {
          let dot = 0;
          for (let i = 0; i < rows; i++) dot += a[i * cols + k] * a[i * cols + j];
          for (let i = 0; i < rows; i++) a[i * cols + j] -= dot * a[i * cols + k];
        }
      }
      let after = 0;
      for (let i = 0; i < rows; i++) after += a[i * cols + j] ** 2;
      if (after > 1e-20 * before && after > 0) {
        const inv = 1 / Math.sqrt(after);
        for (let i = 0; i < rows; i++) a[i * cols + j] *= inv;
        break;
      }
      if (attempt > 10 || j >= rows) {
        throw new CoreError(
          'numeric',
          `orthonormalizeColumns: cannot build ${cols} orthonormal columns in ${rows} dimensions`,
        );
      }
      for (let i = 0; i < rows; i++) a[i * cols + j] = randomNormal(random);
    }
  }
}
