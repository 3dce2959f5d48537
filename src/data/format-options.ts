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
import { DataImportError, NoEmbeddingsError, withAppWords, type DataImportErrorKind } from './errors.js';
import type { ImportOptions } from './options.js';
import type { ExpressionTable, SourceFormatKind } from './types.js';
import { GENES_INPUT } from '../api/matrix-input.js';
import { didYouMean } from './did-you-mean.js';
import { MISSING_LABELS } from './setting-words.js';

/** The formats as people know them, with their article, for messages. */
const FORMAT_NAMES: Record<SourceFormatKind, string> = {
  text: 'a delimited text (CSV/TSV) file',
  h5ad: 'an AnnData .h5ad file',
  loom: 'a loom file',
  '10x-h5': 'a Cell Ranger .h5 file',
  '10x-mtx': 'a MatrixMarket (Cell Ranger) matrix',
  mtx: 'a MatrixMarket file',
};

/**
 * An option as the CLI and the page name it: `cli` the flag with its value ('--layer "counts"'), `app` the
 * setting as the page shows it ('Import settings ▸ Delimiter (comma)'), and what to do about it there
 * (`appLeave`: 'Set it back to auto.'); the CLI's is "Leave --flag out.".
 */
interface OptionWords {
  cli: string;
  app: string;
  appLeave: string;
}

/** The Matrix field: Import settings' and Project another file's alike (either sends a layer or an input). */
const matrixWords = (flag: string, value: string): OptionWords => ({
  cli: `${flag} "${value}"`,
  app: `The matrix chosen ("${value}")`,
  appLeave: 'Choose its default under Matrix (Import settings, or Project another file).',
});

/** A text-table setting of Import settings, by the label its field shows, reset to `reset`. */
const settingWords = (flag: string, label: string, reset: string): OptionWords => ({
  cli: flag,
  app: `Import settings ▸ ${label}`,
  appLeave: `Set it back to ${reset}.`,
});

function refuse(
  file: string,
  option: OptionWords,
  format: SourceFormatKind,
  why: string,
  kind: DataImportErrorKind = 'unknown-column',
): DataImportError {
  const err = new DataImportError(kind, file, refusalDetail(option.cli, format, why));
  return withAppWords(err, appRefusalDetail(option, format, why));
}

function refusalDetail(option: string, format: SourceFormatKind, why: string): string {
  return `${option} does not apply to ${FORMAT_NAMES[format]}: ${why} Leave ${option.split(' ')[0]} out.`;
}

/** The refusal in the page's words: its setting, and how to undo it there. */
function appRefusalDetail(option: OptionWords, format: SourceFormatKind, why: string): string {
  return `${option.app} does not apply to ${FORMAT_NAMES[format]}: ${why} ${option.appLeave}`;
}

/**
 * A layer or input option an HDF5 format's reader cannot honour (a Cell Ranger .h5's one matrix, a loom's lack
 * of embeddings): the CLI's flag and "Leave --flag out.", the page's Matrix field; `why` may differ by side, to
 * name what the user can set instead (loom's layers: --layer, or the Matrix field).
 */
export function refuseMatrixOption(
  file: string,
  option: 'layer' | 'input',
  value: string,
  format: SourceFormatKind,
  why: { cli: string; app: string },
): DataImportError {
  const words = matrixWords(`--${option}`, value);
  const detail = refusalDetail(words.cli, format, why.cli);
  const err =
    option === 'input'
      ? new NoEmbeddingsError(file, detail, FORMAT_NAMES[format])
      : new DataImportError('no-such-matrix', file, detail);
  return withAppWords(err, appRefusalDetail(words, format, why.app));
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
        matrixWords('--layer', options.layer),
        format,
        'a text table holds one matrix and no layers.',
        'no-such-matrix',
      );
    }
    if (options.input !== undefined && options.input !== GENES_INPUT) {
      const why = 'a text table holds no embeddings (obsm); its numeric columns are the genes.';
      const words = matrixWords('--input', options.input);
      const detail = refusalDetail(words.cli, format, why);
      throw withAppWords(
        new NoEmbeddingsError(file, detail, FORMAT_NAMES[format]),
        appRefusalDetail(words, format, why),
      );
    }
    return;
  }
  rejectTextOptions(format, options, file);
  if (format === '10x-mtx' && options.transpose === false) {
    throw withAppWords(
      new DataImportError(
        'unknown-column',
        file,
        'cells as rows (transpose off) does not apply to a Cell Ranger matrix: Cell Ranger writes genes as rows and cells as columns, and it is read that way. Leave the orientation to the file.',
      ),
      'Import settings ▸ Orientation (cells are rows) does not apply to a Cell Ranger matrix: Cell Ranger writes genes as rows and cells as columns, and it is read that way. Set it back to auto-detect.',
    );
  }
  const hdf5 = format === 'h5ad' || format === 'loom' || format === '10x-h5';
  if (hdf5 && options.transpose === true) {
    throw refuse(
      file,
      {
        cli: '--transpose',
        // Import settings' Orientation, or the one under Project another file
        app: 'Orientation: genes are rows (transpose)',
        appLeave: 'Set Orientation back to its default.',
      },
      format,
      'the file itself says which axis holds cells (it is read cells × genes already).',
    );
  }
}

/** The text-table options (genes from, delimiter, decimal separator, missing values) on another format. */
function rejectTextOptions(format: SourceFormatKind, options: ImportOptions, file: string): void {
  const structured = 'its cells, genes and metadata are stored apart, so there are no columns to choose.';
  if (options.genesFrom !== undefined) {
    throw refuse(file, settingWords('--genes-from', 'Genes start at', 'detected'), format, structured);
  }
  const notText = 'it is not a delimited text table.';
  if (options.delimiter !== undefined) {
    throw refuse(file, settingWords('--delimiter', 'Delimiter', 'auto'), format, notText);
  }
  // a metadata file joined to it is a text table, whose numbers the choice reads (a tab-separated file's 0,73
  // is never detected as a number): refused only when there is none
  if (options.decimal !== undefined && options.metaFile === undefined) {
    throw refuse(
      file,
      settingWords('--decimal', 'Decimal separator', 'auto'),
      format,
      'it is not a delimited text table, and no metadata file is joined to it (whose numbers it would read).',
    );
  }
  if (options.missing !== undefined && options.missing !== 'error') {
    const label = MISSING_LABELS[options.missing] ?? options.missing;
    throw refuse(
      file,
      {
        cli: `--missing ${options.missing}`,
        app: `Import settings ▸ Missing values (${label})`,
        appLeave: 'Set it back to stop with an error.',
      },
      format,
      'its matrix has no missing-value cells (a NaN or infinite value is an error naming the dataset).',
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
      {
        cli: `--id "${options.idColumn}"`,
        app: `Import settings ▸ Id column ("${options.idColumn}")`,
        appLeave: `Choose "${table.idColumn}".`,
      },
      format,
      `its cell ids are fixed by the file ("${table.idColumn}").`,
    );
  }
  if (options.metaColumns === undefined) return;
  const have = new Set(table.metadata.map((m) => m.name));
  const unknown = options.metaColumns.filter((name) => !have.has(name));
  if (unknown.length > 0) {
    const listed = have.size > 0 ? [...have].join(', ') : 'none';
    const rest = `is not a metadata column of ${FORMAT_NAMES[format]}; it has: ${listed}.${didYouMean(unknown[0], [...have])}`;
    throw withAppWords(
      new DataImportError('unknown-column', file, `--meta "${unknown[0]}" ${rest}`),
      `Import settings ▸ Metadata columns: "${unknown[0]}" ${rest}`,
    );
  }
  const wanted = new Set(options.metaColumns);
  table.metadata = table.metadata.filter((m) => wanted.has(m.name));
}
