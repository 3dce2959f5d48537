/** Input checks before training: shapes agree and every value is finite (an error names the cell). */
import { assertFinite } from '../data/assert-finite.js';
import type { DenseMatrix } from '../api/matrix.js';
import { CoreError } from '../api/core-error.js';

export function checkTrainingInput(x: DenseMatrix, labels: Int32Array): void {
  if (!Number.isInteger(x.rows) || !Number.isInteger(x.cols) || x.rows < 1 || x.cols < 1) {
    throw new CoreError(
      'bad-input',
      `The training matrix is ${x.rows} × ${x.cols}; it needs at least one row and one column`,
    );
  }
  if (x.data.length !== x.rows * x.cols) {
    throw new CoreError(
      'bad-input',
      `The training matrix holds ${x.data.length} values; ${x.rows} × ${x.cols} needs ${x.rows * x.cols}`,
    );
  }
  if (labels.length !== x.rows) {
    throw new CoreError(
      'bad-input',
      `There are ${labels.length} labels for ${x.rows} rows; expected one label per row`,
    );
  }
  assertFinite(x, 'The training matrix');
}
