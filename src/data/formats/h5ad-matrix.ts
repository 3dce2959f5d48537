/**
 * One AnnData matrix element (X, a layer, raw/X, an obsm entry): what its encoding and shape are, and
 * reading it as DenseMatrix (dense storage) or CsrMatrix (csr_matrix / csc_matrix).
 */
import type { ExpressionMatrix } from '../../api/matrix.js';
import { shownValue } from '../errors.js';
import type { Hdf5File, ReadControl } from './h5-file.js';
import { readDense } from './h5-dense.js';
import { readCompressed, type StoredValue } from './h5-sparse.js';
import { garbledName } from './hdf5-damage.js';
import { type MatrixNames, negativeCountError, signedIntegerDtype } from './negative-counts.js';

/** A matrix element's storage and shape. */
export interface MatrixElement {
  path: string;
  storage: 'dense' | 'csr' | 'csc';
  rows: number;
  cols: number;
}

const SUPPORTED = 'array, csr_matrix, csc_matrix';

function shapeOf(h5: Hdf5File, path: string): number[] | undefined {
  const value = h5.attr(path, 'shape') ?? h5.attr(path, 'h5sparse_shape');
  if (value === undefined || !ArrayBuffer.isView(value)) return undefined;
  const shape = Array.from(value as ArrayLike<number | bigint>, Number);
  return shape.length === 2 && shape.every((n) => Number.isInteger(n) && n >= 0) ? shape : undefined;
}

/** Describes the matrix at `path` (which must exist), or says why TripletLens cannot read it. */
export function describeMatrix(h5: Hdf5File, path: string): MatrixElement {
  if (h5.isDataset(path)) {
    const shape = h5.shape(path);
    const kind = h5.valueKind(path);
    if (shape.length !== 2 || (kind !== 'int' && kind !== 'float' && kind !== 'bool')) {
      throw h5.fail(
        path,
        `expected a 2-D numeric matrix, found a ${shape.length}-D ${kind} dataset.`,
        'unsupported-format',
      );
    }
    h5.checkSize(path, shape[0], shape[1]);
    return { path, storage: 'dense', rows: shape[0], cols: shape[1] };
  }
  if (!h5.isGroup(path)) throw h5.fail(path, 'this matrix is missing.');
  const legacy = h5.stringAttr(path, 'h5sparse_format');
  const encoding = h5.stringAttr(path, 'encoding-type') ?? (legacy ? `${legacy}_matrix` : undefined);
  if (encoding === 'dataframe') {
    // an obsm dataframe (scvi-tools' protein counts…): to_memory() would not help, converting it does
    const key = path.split('/').pop() ?? path;
    throw h5.fail(
      path,
      `this is a dataframe (named columns), not a matrix; TripletLens reads ${SUPPORTED}. Store it as an array, e.g. adata.obsm["${key}"] = adata.obsm["${key}"].to_numpy(), and save again.`,
      'unsupported-format',
    );
  }
  if (encoding !== undefined && garbledName(encoding)) {
    // bytes that are no text are damage, not an encoding another tool wrote: re-saving would not help
    const attribute =
      h5.stringAttr(path, 'encoding-type') !== undefined ? 'encoding-type' : 'h5sparse_format';
    throw h5.fail(
      path,
      `the ${attribute} attribute of this matrix is not text (HDF5 read bytes that are no encoding): the file is damaged. Copy it again.`,
    );
  }
  if (encoding !== 'csr_matrix' && encoding !== 'csc_matrix') {
    const found = encoding ? `encoding "${shownValue(encoding)}"` : 'no encoding-type attribute';
    throw h5.fail(
      path,
      `this matrix has ${found}, which TripletLens cannot read (it reads ${SUPPORTED}). Save it with anndata's write_h5ad from an in-memory AnnData (e.g. adata.to_memory()).`,
      'unsupported-format',
    );
  }
  const shape = shapeOf(h5, path);
  if (!shape) throw h5.fail(path, 'this sparse matrix has no valid shape attribute.');
  h5.checkSize(path, shape[0], shape[1]);
  return { path, storage: encoding === 'csr_matrix' ? 'csr' : 'csc', rows: shape[0], cols: shape[1] };
}

/**
 * Reads a described matrix: dense stays dense, sparse becomes CSR. `expression` — given for X, a layer or
 * raw/X, with the cell and gene names for messages — refuses a negative value when the values are stored as
 * signed integers, which are counts; default: none, as for an obsm embedding, whose integers (spatial
 * coordinates) may be below 0.
 */
export async function readMatrix(
  h5: Hdf5File,
  element: MatrixElement,
  control: ReadControl = {},
  expression?: MatrixNames,
): Promise<ExpressionMatrix> {
  const { path, rows, cols, storage } = element;
  const valuesPath = storage === 'dense' ? path : `${path}/data`;
  const dtype = expression && signedIntegerDtype(h5, valuesPath);
  const refuseNegative = dtype
    ? (at: StoredValue) =>
        negativeCountError(
          h5,
          valuesPath,
          dtype,
          storage === 'dense' ? 'dense' : 'sparse',
          at,
          expression ?? {},
        )
    : undefined;
  if (storage === 'dense') return readDense(h5, path, rows, cols, control, refuseNegative);
  return readCompressed(
    h5,
    {
      group: path,
      rows,
      cols,
      major: storage === 'csr' ? 'row' : 'col',
      ...(refuseNegative ? { refuseNegative } : {}),
    },
    control,
  );
}
