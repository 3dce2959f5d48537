/**
 * Import options a file's format cannot honour are errors, not silently ignored: `--layer` on a CSV,
 * `--transpose` or `--genes-from` on an h5ad, `--missing zero` on a matrix that cannot hold a missing value…
 * The error kind is 'unknown-column' (the option names something the file does not have; 'no-such-matrix'
 * for a layer or input), which the CLI turns into a usage error (exit 2) and the engine session into an
 * 'invalid-request' (isOptionErrorKind).
 *
 * Options that agree with the format are accepted: `--layer X` and `--input genes` on a one-matrix file,
 * `transpose: false` (cells as rows) on HDF5, `--missing error` (the default), and — for h5ad, loom, Cell
 * Ranger and MatrixMarket files — `--id` naming the id column the file has and `--meta` naming metadata
 * columns it has (which then keeps exactly those, as for text).
 */
import { DataImportError, NoEmbeddingsError, type DataImportErrorKind } from './errors.js';
import type { ImportOptions } from './options.js';
import type { ExpressionTable, SourceFormatKind } from './types.js';
import { GENES_INPUT } from '../api/matrix-input.js';
import { didYouMean } from './did-you-mean.js';

/** The formats as people know them, with their article, for messages. */
const FORMAT_NAMES: Record<SourceFormatKind, string> = {
  text: 'a delimited text (CSV/TSV) file',
  h5ad: 'an AnnData .h5ad file',
  loom: 'a loom file',
  '10x-h5': 'a Cell Ranger .h5 file',
  '10x-mtx': 'a MatrixMarket (Cell Ranger) matrix',
  mtx: 'a MatrixMarket file',
};

function refuse(
  file: string,
  option: string,
  format: SourceFormatKind,
  why: string,
  kind: DataImportErrorKind = 'unknown-column',
): DataImportError {
  return new DataImportError(kind, file, refusalDetail(option, format, why));
}

function refusalDetail(option: string, format: SourceFormatKind, why: string): string {
  return `${option} does not apply to ${FORMAT_NAMES[format]}: ${why} Leave ${option.split(' ')[0]} out.`;
}

/** The option set on `options` that `format` cannot honour, checked before the file is read. */
export function rejectInapplicableOptions(
  format: SourceFormatKind,
  options: ImportOptions,
  file: string,
): void {
  if (format === 'text') {
    if (options.layer !== undefined && options.layer !== 'X') {
      throw refuse(
        file,
        `--layer "${options.layer}"`,
        format,
        'a text table holds one matrix and no layers.',
        'no-such-matrix',
      );
    }
    if (options.input !== undefined && options.input !== GENES_INPUT) {
      const why = 'a text table holds no embeddings (obsm); its numeric columns are the genes.';
      const detail = refusalDetail(`--input "${options.input}"`, format, why);
      throw new NoEmbeddingsError(file, detail, FORMAT_NAMES[format]);
    }
    return;
  }
  const structured = 'its cells, genes and metadata are stored apart, so there are no columns to choose.';
  if (options.genesFrom !== undefined) throw refuse(file, '--genes-from', format, structured);
  if (options.delimiter !== undefined) {
    throw refuse(file, '--delimiter', format, 'it is not a delimited text table.');
  }
  if (options.decimal !== undefined) {
    throw refuse(file, '--decimal', format, 'it is not a delimited text table.');
  }
  if (options.missing !== undefined && options.missing !== 'error') {
    throw refuse(
      file,
      `--missing ${options.missing}`,
      format,
      'its matrix has no missing-value cells (a NaN or infinite value is an error naming the dataset).',
    );
  }
  if (format === '10x-mtx' && options.transpose === false) {
    throw new DataImportError(
      'unknown-column',
      file,
      'cells as rows (transpose off) does not apply to a Cell Ranger matrix: Cell Ranger writes genes as rows and cells as columns, and it is read that way. Leave the orientation to the file.',
    );
  }
  const hdf5 = format === 'h5ad' || format === 'loom' || format === '10x-h5';
  if (hdf5 && options.transpose === true) {
    throw refuse(
      file,
      '--transpose',
      format,
      'the file itself says which axis holds cells (it is read cells × genes already).',
    );
  }
}

/**
 * After a structured file is read (before a metadata file is joined): `--id` must name the id column it has;
 * `--meta` keeps exactly the metadata columns named, each of which must exist.
 */
export function applyColumnChoices(table: ExpressionTable, options: ImportOptions, file: string): void {
  const format = table.format?.kind ?? 'text';
  if (options.idColumn !== undefined && options.idColumn !== table.idColumn) {
    throw refuse(
      file,
      `--id "${options.idColumn}"`,
      format,
      `its cell ids are fixed by the file ("${table.idColumn}").`,
    );
  }
  if (options.metaColumns === undefined) return;
  const have = new Set(table.metadata.map((m) => m.name));
  const unknown = options.metaColumns.filter((name) => !have.has(name));
  if (unknown.length > 0) {
    const listed = have.size > 0 ? [...have].join(', ') : 'none';
    throw new DataImportError(
      'unknown-column',
      file,
      `--meta "${unknown[0]}" is not a metadata column of ${FORMAT_NAMES[format]}; it has: ${listed}.${didYouMean(unknown[0], [...have])}`,
    );
  }
  const wanted = new Set(options.metaColumns);
  table.metadata = table.metadata.filter((m) => wanted.has(m.name));
}
