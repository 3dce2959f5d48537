/** HDF5-based expression files: AnnData .h5ad, loom, Cell Ranger .h5. */
import { DataImportError } from '../errors.js';
import type { DataSource, ImportOptions } from '../options.js';
import { sourceName } from '../source-text.js';
import type { ExpressionTable } from '../types.js';

/** Reads an HDF5 expression file (h5ad, loom or Cell Ranger .h5, told apart by their groups). */
export async function importHdf5(source: DataSource, options: ImportOptions = {}): Promise<ExpressionTable> {
  void options;
  throw new DataImportError('unsupported-format', sourceName(source), 'HDF5 files cannot be read yet.');
}
