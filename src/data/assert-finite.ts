/** The one check that a dense matrix holds only finite numbers, before training on it or writing it out. */
import type { DenseMatrix } from '../api/matrix.js';
import { CoreError } from '../api/core-error.js';

/**
 * Throws when `m` holds NaN or ±Infinity, naming `what` it is and the first bad cell (1-based row and
 * column), so no non-finite number reaches the trainer or a file.
 */
export function assertFinite(m: DenseMatrix, what: string): void {
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i])) {
      const row = Math.floor(i / m.cols);
      throw new CoreError(
        'numeric',
        `${what} holds a non-finite value (${m.data[i]}) at row ${row + 1}, column ${(i % m.cols) + 1} (1-based)`,
      );
    }
  }
}
