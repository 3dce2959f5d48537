/**
 * An integer expression matrix holds counts (UMIs, reads): a negative value in one is damage, not data — scaled
 * or log-ratio values, which may be below 0, are stored as floats. The h5ad and loom readers refuse one (as the
 * Cell Ranger .h5 and MatrixMarket `integer` readers do), naming the HDF5 object, the value's place and its cell
 * and gene; a float matrix's negatives stay accepted. `featureWord` says a Cell Ranger feature's type in the
 * .h5's and the MatrixMarket folder's refusals alike.
 */
import { shownValue } from '../errors.js';
import { GENE_EXPRESSION } from './features-dropped.js';
import type { Hdf5File } from './h5-file.js';
import type { StoredValue } from './h5-sparse.js';

/** The dtype of a signed-integer dataset ('int32'), or undefined for any other: floats, unsigned, booleans. */
export function signedIntegerDtype(h5: Hdf5File, path: string): string | undefined {
  const meta = h5.metadata(path);
  // type 0 is HDF5's integer class; an unsigned one cannot hold a negative value, so it needs no check
  return meta.type === 0 && meta.signed ? `int${meta.size * 8}` : undefined;
}

/**
 * What a feature of Cell Ranger output is called in a message: 'gene' for a Gene Expression feature, and for an
 * untyped one (v2's genes, a features file of two columns), else its type as Cell Ranger and scanpy's
 * feature_types name it — 'Antibody Capture feature' (a walkthrough: an antibody's negative count was said to
 * be at a plain "feature", which named no type the user would recognise).
 */
export function featureWord(type: string | undefined): string {
  if (type === undefined || type.trim() === '' || type === GENE_EXPRESSION) return 'gene';
  return `${shownValue(type)} feature`;
}

/** The cell and gene names, when the reader has them, for the message. */
export interface MatrixNames {
  cells?: readonly string[];
  genes?: readonly string[];
}

/** How the matrix is stored, which decides how a value's place is said. */
export type CountStorage = 'sparse' | 'dense' | 'genes-by-cells';

function named(index: number, names: readonly string[] | undefined): string {
  const name = names?.[index];
  return name === undefined ? '' : ` "${shownValue(name)}"`;
}

/**
 * The error for a negative value of a signed-integer matrix at `path` (the dataset read: `/X/data`, `/X`,
 * `/matrix`). `at.row` is the cell, `at.column` the gene (0-based); `at.entry` the value's place in a sparse
 * matrix's data.
 */
export function negativeCountError(
  h5: Hdf5File,
  path: string,
  dtype: string,
  storage: CountStorage,
  at: StoredValue,
  names: MatrixNames,
): Error {
  const cell = `cell ${at.row + 1}${named(at.row, names.cells)}`;
  const gene = `gene ${at.column + 1}${named(at.column, names.genes)}`;
  const place =
    storage === 'sparse'
      ? `at entry ${at.entry + 1} (${cell}, ${gene}; 1-based)`
      : storage === 'dense'
        ? `at row ${at.row + 1}, column ${at.column + 1} (1-based; ${cell}, ${gene})`
        : `at row ${at.column + 1}, column ${at.row + 1} (1-based, genes × cells as stored; ${gene}, ${cell})`;
  return h5.fail(
    path,
    `the value ${at.value} ${place} is negative, but the matrix is stored as integers (${dtype}), which are counts and cannot be below 0: the file is damaged, or values that are not counts were stored as integers (scaled or log-ratio values are stored as floats).`,
  );
}
