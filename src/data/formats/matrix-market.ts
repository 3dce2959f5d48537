/** MatrixMarket expression files: a Cell Ranger folder (v2 genes.tsv, v3 features.tsv.gz), or a plain .mtx. */
import { DataImportError } from '../errors.js';
import type { DataSource, ImportOptions } from '../options.js';
import { sourceName } from '../source-text.js';
import type { ExpressionTable } from '../types.js';

/** Reads a MatrixMarket file (with its barcodes/features files beside it) or a 10x folder. */
export async function importMatrixMarket(
  source: DataSource,
  options: ImportOptions = {},
): Promise<ExpressionTable> {
  void options;
  throw new DataImportError(
    'unsupported-format',
    sourceName(source),
    'MatrixMarket files cannot be read yet.',
  );
}
