/**
 * Whether a file's values are on the scale a model was trained on. The recipe re-applies the training's
 * normalisation and z-score to new cells, so log-normalised values fed to a counts model (an h5ad's X,
 * typically), raw counts fed to a model of transformed values, or values the user centred per gene (sc.pp.scale's
 * X) fed to a model of uncentred ones — or the reverse — give a wrong map without any error: say so instead.
 */
import { describeValues, looksLikeCounts } from '../data/counts.js';
import { matrixCentring, recipeCentring } from './centring.js';
import type { FileFormatKind } from '../api/file-format.js';
import type { ExpressionMatrix } from '../api/matrix.js';
import type { PreprocessRecipe } from '../preprocess/types.js';

/** How the warning names the choice of matrix: the CLI's `--layer`, or the app's Project ▸ Matrix field. */
export type MatrixChoiceWords = 'cli' | 'app';

/** The formats whose matrices have names to choose between, each with its own words for them. */
type NamedFormat = Extract<FileFormatKind, 'h5ad' | 'loom'>;

const COUNTS_HINT: Record<NamedFormat, Record<MatrixChoiceWords, string>> = {
  h5ad: {
    cli: ' (in an h5ad often --layer counts)',
    app: ' (in an h5ad often its layers/counts: choose it under Project another file ▸ Matrix)',
  },
  // a loom's layers are named by the tool that wrote it (velocyto: spliced, unspliced…); its counts are
  // usually the main matrix
  loom: {
    cli: ' (in a loom usually its main matrix, --layer matrix)',
    app: ' (in a loom usually its main matrix: choose matrix under Project another file ▸ Matrix)',
  },
};
const OTHER_HINT: Record<NamedFormat, Record<MatrixChoiceWords, string>> = {
  h5ad: {
    cli: ' (in an h5ad, choose that matrix with --layer)',
    app: ' (in an h5ad, choose that matrix under Project another file ▸ Matrix)',
  },
  loom: {
    cli: ' (in a loom, choose that layer with --layer)',
    app: ' (in a loom, choose that layer under Project another file ▸ Matrix)',
  },
};

// an h5ad that was scaled keeps its log-normalised matrix in raw/X (scanpy's sc.pp.scale after adata.raw = adata)
const UNSCALED_HINT: Record<NamedFormat, Record<MatrixChoiceWords, string>> = {
  h5ad: {
    cli: ' (in an h5ad often raw/X: --layer raw)',
    app: ' (in an h5ad often its raw/X: choose raw under Project another file ▸ Matrix)',
  },
  loom: OTHER_HINT.loom,
};

// the usual case: a map of scanpy's log-normalised X given a new sample's counts, which the engine can
// normalise the same way when asked (query-log-normalise.ts)
const LOG_NORMALISE_HINT: Record<MatrixChoiceWords, string> = {
  cli:
    ", or, if the training data was log-normalised (scanpy's normalize_total + log1p), add --log-normalize " +
    'to normalise these counts the same way',
  app:
    ", or, if the training data was log-normalised (scanpy's normalize_total + log1p), tick Project another " +
    'file ▸ Log-normalise counts and project the file again',
};

const named = (format: FileFormatKind | undefined): format is NamedFormat =>
  format === 'h5ad' || format === 'loom';

/**
 * A file's format as the hints need it: its kind, or with the other matrices it holds (`SourceFormat.layers`:
 * 'layers/counts', 'raw/X'…), so a hint can name the one it has rather than where counts often are.
 */
export type MatrixFormat =
  | FileFormatKind
  | {
      kind: FileFormatKind;
      layers?: readonly string[];
      /** An h5ad's raw/X holds counts (`data/formats/raw-counts.ts`, a bounded sample). Default false. */
      rawCounts?: boolean;
    };

const kindOf = (format: MatrixFormat | undefined): FileFormatKind | undefined =>
  typeof format === 'object' ? format.kind : format;

// QA: an h5ad of log-normalised X holding layers/counts, onto a model trained on counts (a CSV, a 10x folder),
// was told "in an h5ad often --layer counts" — as if it might not have one: a file that has it is told so
const HAS_COUNTS: Record<MatrixChoiceWords, (file: string) => string> = {
  cli: (file) => ` (${file} has layers/counts: give --layer counts)`,
  app: (file) => ` (${file} has layers/counts: choose layers/counts under Project another file ▸ Matrix)`,
};

// some pipelines keep an h5ad's counts only in raw/X (no layers/counts): when a sample of it is counts, say so
const HAS_RAW_COUNTS: Record<MatrixChoiceWords, (file: string) => string> = {
  cli: (file) => ` (${file} has counts in raw/X: give --layer raw)`,
  app: (file) => ` (${file} has counts in raw/X: choose raw/X under Project another file ▸ Matrix)`,
};

/**
 * Where a file of `format` keeps its raw counts, in `words`' terms, with a leading space: an h5ad holding
 * layers/counts is told it has them (`file` names it, default 'the file'); '' for a format of one matrix (a
 * text table, Cell Ranger's, MatrixMarket), which has no other to choose. Without layers/counts, one whose
 * raw/X holds counts (`rawCounts`) is told that instead.
 */
export function countsHint(
  format: MatrixFormat | undefined,
  words: MatrixChoiceWords = 'cli',
  file = 'the file',
): string {
  const kind = kindOf(format);
  if (kind === 'h5ad' && typeof format === 'object' && format.layers?.includes('layers/counts')) {
    return HAS_COUNTS[words](file);
  }
  if (kind === 'h5ad' && typeof format === 'object' && format.rawCounts === true) {
    return HAS_RAW_COUNTS[words](file);
  }
  return named(kind) ? COUNTS_HINT[kind][words] : '';
}

/**
 * A one-line warning when `matrix` (from `file`, of `matrixFormat`: the hint where the other matrix may be is
 * worded for it — naming the file's layers/counts when it has one —; none for a format of one matrix) is not on
 * the scale `recipe` expects, else undefined.
 */
export function scaleMismatch(
  recipe: Pick<PreprocessRecipe, 'normalize' | 'log1p' | 'means' | 'scales' | 'spreads'>,
  matrix: ExpressionMatrix,
  file: string,
  words: MatrixChoiceWords = 'cli',
  matrixFormat?: MatrixFormat,
): string | undefined {
  const format = kindOf(matrixFormat);
  const expectsCounts = recipe.normalize !== null || recipe.log1p;
  const counts = looksLikeCounts(matrix);
  if (expectsCounts && !counts) {
    return (
      `the model was trained on raw counts (it normalises and log-transforms them), but ${file} holds ` +
      `${describeValues(matrix)}: the map will be wrong. Give the raw counts${countsHint(matrixFormat, words, file)}.`
    );
  }
  if (!expectsCounts && counts) {
    return (
      `the model was trained on already-transformed values (no normalisation), but ${file} holds raw ` +
      `${describeValues(matrix)}: the map will be wrong. Give values transformed as the training data was` +
      `${named(format) ? OTHER_HINT[format][words] : ''}${LOG_NORMALISE_HINT[words]}.`
    );
  }
  return centringMismatch(recipe, matrix, file, words, format);
}

/** What the model does with a new cell's values, by whether its recipe z-scores. */
const USES_VALUES = {
  zscore: "it scales new cells with the training's own gene means and spreads",
  // a model trained with --no-zscore (or on an embedding) reads the values as they are
  'as-given': "it takes new cells' values as they are",
} as const;

/**
 * Values centred per gene onto a model whose training input was not (or the reverse): the model subtracts
 * its training means, so a query scaled with its own statistics lands off the training cells.
 */
function centringMismatch(
  recipe: Pick<PreprocessRecipe, 'means' | 'scales' | 'spreads'>,
  matrix: ExpressionMatrix,
  file: string,
  words: MatrixChoiceWords,
  format: FileFormatKind | undefined,
): string | undefined {
  const trained = recipeCentring(recipe);
  if (trained === 'unclear') return undefined;
  const given = matrixCentring(matrix);
  if (given === 'unclear' || given === trained) return undefined;
  if (given === 'centred') {
    const uses = USES_VALUES[recipe.scales === null ? 'as-given' : 'zscore'];
    return (
      `the model was trained on values not centred per gene (${uses}), but ${file} holds values centred per ` +
      `gene (each gene's mean near 0, as sc.pp.scale leaves X): the map will be wrong. Give the ` +
      `log-normalised matrix, not a scaled one` +
      `${named(format) ? UNSCALED_HINT[format][words] : ''}.`
    );
  }
  return (
    `the model was trained on values centred per gene (each gene's mean near 0, as sc.pp.scale leaves X), ` +
    `but ${file} holds ${describeValues(matrix)}, not centred: the map will be wrong. Give values scaled as ` +
    `the training data was${named(format) ? OTHER_HINT[format][words] : ''}.`
  );
}
