/**
 * Preprocessing's refusal of a value (a negative under normalisation or log1p, a non-finite one) as training
 * tells it: naming the file, and in each side's words — the CLI's flags (`--no-normalize --no-log1p`) in
 * `message`, the Train screen's settings ('Normalise library size', 'log1p') in `appMessage` — and a column
 * of an h5ad's embedding (`--input obsm:X_pca`) as the column of obsm X_pca it is, not as a gene. A user gave
 * `--normalize` with an embedding and was told to "turn normalisation and log1p off", the page's words, about
 * "gene 'X_pca_3'". The recipe's notes on such a matrix name its columns alike, `matrixColumnWords`.
 */
import { embeddingOfMatrix } from '../api/matrix-input.js';
import { optionSpec, type OptionKey } from '../api/option-schema.js';
import { pageOptionName, type OptionSide } from '../api/option-words.js';
import type { ExpressionTable } from '../data/types.js';
import { PreprocessError, describeCell } from '../preprocess/errors.js';
import { GENE_WORDS, type ColumnWords } from '../preprocess/index.js';

/**
 * What the columns of the matrix `matrix` (as `SourceFormat.matrix` names it) are called in the recipe's
 * notes: an h5ad embedding's "columns of obsm X_pca", else genes.
 */
export function matrixColumnWords(matrix: string): ColumnWords {
  const embedding = embeddingOfMatrix(matrix);
  if (embedding === null) return GENE_WORDS;
  return { one: `column of obsm ${embedding}`, many: `columns of obsm ${embedding}` };
}

/** A switch's off flag, `--no-normalize` (its flag when it has none). */
function offFlag(key: OptionKey): string {
  const spec = optionSpec(key);
  return `--${'offFlag' in spec && spec.offFlag ? spec.offFlag : spec.flag}`;
}

/** What to do about a negative value: switch normalisation and log1p off, as `side` sets them. */
function negativeAdvice(embedding: string | null, side: OptionSide): string {
  const why =
    embedding === null
      ? 'These values look already transformed'
      : `obsm ${embedding} is an embedding, not counts`;
  return side === 'cli'
    ? `${why}: give ${offFlag('normalize')} ${offFlag('log1p')}.`
    : `${why}: turn ${pageOptionName('normalize')} and ${pageOptionName('log1p')} off.`;
}

/**
 * A value's place, `row` counted from 0: "row 3, gene 'CD3E'", or for an embedding "row 3, column 'X_pca_3' of
 * obsm X_pca" (`embedding` its obsm name, else null). Training's refusals and `embed`'s say it alike.
 */
export function valuePlace(row: number, column: string | undefined, embedding: string | null): string {
  if (embedding === null || column === undefined) return describeCell(row, column);
  return `row ${row + 1}, column '${column}' of obsm ${embedding}`;
}

/** The refusal's text on `side`; null for an error this module does not word (no row or no value). */
function refusalText(err: PreprocessError, table: ExpressionTable, side: OptionSide): string | null {
  if (err.row === undefined || err.value === undefined) return null;
  const embedding = embeddingOfMatrix(table.format?.matrix ?? '');
  const place = valuePlace(err.row, err.gene, embedding);
  if (err.kind === 'negative') {
    return (
      `${table.source}: Cannot normalise or log-transform: ${place} is ${err.value}, but library-size ` +
      `normalisation and log1p need non-negative values (raw counts). ${negativeAdvice(embedding, side)}`
    );
  }
  if (err.kind === 'not-finite') {
    const what = embedding === null ? 'every expression value' : `every value of obsm ${embedding}`;
    return `${table.source}: Cannot preprocess: ${place} holds ${err.value}; ${what} must be a finite number`;
  }
  return null;
}

/**
 * `err` as training tells it about `table`: a refused value in each side's words (see the file's comment),
 * any other error with a row prefixed with the file; else `err` as it is.
 */
export function trainingPreprocessError(err: unknown, table: ExpressionTable): unknown {
  if (!(err instanceof PreprocessError) || err.row === undefined) return err;
  const where = { row: err.row, gene: err.gene, value: err.value };
  const [cli, page] = [refusalText(err, table, 'cli'), refusalText(err, table, 'page')];
  if (cli === null || page === null) {
    return new PreprocessError(err.kind, `${table.source}: ${err.message}`, where);
  }
  const worded = new PreprocessError(err.kind, cli, where);
  if (page !== cli) worded.appMessage = page;
  return worded;
}
