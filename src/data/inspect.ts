/**
 * The facts `tripletlens inspect` prints and the UI shows after loading a file: shape, metadata columns,
 * the likely label column, counts or log data, missing values, and the preprocessing to propose.
 */
import type { PreprocessOptions } from '../api/preprocess-options.js';
import { zscoresByDefault } from '../api/matrix-input.js';
import { looksLikeCounts, nonZeroFraction } from './counts.js';
import { importTable } from './import-table.js';
import { metadataLabelFacts, suggestLabelFromClasses, type ColumnLabelFacts } from './label-column.js';
import type { DataSource, ImportOptions, ReadLimit } from './options.js';
import { orientationHint, type HintWords } from './orientation.js';
import { everyClassOneRow } from './shared-class.js';
import type { ExpressionTable, SourceFormat } from './types.js';
import type { ImportWarning } from '../api/import-warning.js';

export interface TableFacts {
  file: string;
  /** Cells (estimated when `sampled` is present and the file is not transposed). */
  rows: number;
  /** Genes (estimated when `sampled` is present and the file is transposed). */
  genes: number;
  /** The file's format, the matrix read, and the other layers and embeddings (obsm) it offers. */
  format: SourceFormat;
  /** The fraction of matrix values that are not zero (0…1): how sparse the data is. */
  nonZeroFraction: number;
  /**
   * Present when only the first rows of the file were read (see INSPECT_READ_LIMIT): how many file rows
   * were read, and about how many the file holds. The other facts describe those rows.
   */
  sampled?: { rowsRead: number; estimatedRows: number };
  /** The id column's name ('id' when rows were numbered or the file was transposed). */
  idColumn: string;
  /**
   * Each metadata column with its distinct labels (None, <NA>… not counted), and `continuous: true` for a
   * measurement (see isContinuousColumn: a fraction, or more distinct numbers than a label may have), which
   * is no label. Absent (false) for the others. `missing`: its values without a label (empty, NA, None,
   * <NA>…, `isUnlabeled`; NaN in a numeric column), present when there are any. `oneRowEach: true` for a
   * column whose values are each held by one row only (an id, such as a copy of obs_names): train refuses it
   * as a label and the page's label picker greys it out, by the one rule of `shared-class.ts`; absent otherwise.
   */
  metadataColumns: {
    name: string;
    distinct: number;
    continuous?: boolean;
    oneRowEach?: boolean;
    missing?: number;
  }[];
  /** The column proposed as labels, or null when no metadata column fits. */
  suggestedLabel: string | null;
  looksLikeCounts: boolean;
  /**
   * Missing values found in the matrix — the gene columns — (before the chosen policy filled or dropped them);
   * the metadata columns' are `metadataColumns[].missing`.
   */
  missingValues: number;
  /** Present when the file may be the wrong way round. */
  orientationHint?: string;
  recommendedPreprocessing: PreprocessOptions;
  warnings: ImportWarning[];
  /**
   * An h5ad's uns['log1p']['base'] (`ExpressionTable.log1pBase`: `sc.pp.log1p(base=2)`), which the marker fold
   * changes undo; absent when the file sets none (natural log, or None).
   */
  log1pBase?: number;
}

/**
 * What `inspect` reads of a text file: the first 5 000 rows or 32 MB of text, whichever comes first. That is
 * enough to describe columns, labels and values, and keeps inspecting a many-gigabyte (or gzip-bomb) file
 * quick and small; the row count is then estimated from the file size.
 */
export const INSPECT_READ_LIMIT: ReadLimit = { rows: 5000, textChars: 32 * 2 ** 20 };

/** Genes kept by the highly-variable-gene step when there are more. */
export const RECOMMENDED_TOP_GENES = 2000;
/** PCA components proposed when there are more genes than this. */
export const RECOMMENDED_PCA = 50;

/**
 * The preprocessing proposed for data of this shape and scale: counts → normalise to 10 000 + log1p;
 * more than 2 000 genes → keep the 2 000 most variable; z-score (clip ±10) unless `matrix` (as the
 * file names it) is an embedding such as obsm/X_pca (`zscoresByDefault`); more than 50 genes left → PCA to 50
 * components, or to `cells` − 1 when that is fewer (centred data of n cells have rank ≤ n − 1, and the PCA
 * caps itself there: a panel of 26 samples was told "PCA to 50" and got 25). `cells` undefined: no cap.
 */
export function recommendPreprocessing(
  genes: number,
  counts: boolean,
  matrix = '',
  cells?: number,
): PreprocessOptions {
  const kept = genes > RECOMMENDED_TOP_GENES ? RECOMMENDED_TOP_GENES : genes;
  const pca = cells === undefined ? RECOMMENDED_PCA : Math.max(0, Math.min(RECOMMENDED_PCA, cells - 1));
  return {
    normalize: counts,
    ...(counts ? { targetSum: 10_000 } : {}),
    log1p: counts,
    topGenes: genes > RECOMMENDED_TOP_GENES ? RECOMMENDED_TOP_GENES : 0,
    zscore: zscoresByDefault(matrix),
    clip: 10,
    pcaComponents: kept > RECOMMENDED_PCA ? pca : 0,
    seed: 0,
  };
}

/** What a delimited text table offers: one matrix, no layers or embeddings. */
const TEXT_FORMAT: SourceFormat = { kind: 'text', matrix: '', layers: [], obsm: [] };

/**
 * Facts about an imported table. `transposed` says whether it was imported with `transpose`. Each metadata
 * column is read once (`metadataLabelFacts`: a column held as numbers from its numbers, else
 * `columnLabelFacts`): its class count, continuous flag and its classes for the suggested
 * label all come from that pass. A column named like an earlier one is judged by the earlier one's values, as
 * `findLabelColumn` finds it.
 */
export function inspectTable(table: ExpressionTable, transposed = false): TableFacts {
  const rows = table.ids.length;
  const names = table.metadata.map((m) => m.name);
  const facts = table.metadata.map((m, i) =>
    names.indexOf(m.name) === i ? metadataLabelFacts(m, rows) : undefined,
  );
  const byName = names.map((name) => ({ name, ...(facts[names.indexOf(name)] as ColumnLabelFacts) }));
  return factsOf(table, transposed, {
    metadataColumns: byName.map(({ name, distinct, continuous, missing }) => ({
      name,
      distinct,
      ...(continuous ? { continuous: true } : {}),
      // a continuous column is already no label (said so); an id is told apart by the same one pass's counts
      ...(!continuous && everyClassOneRow({ distinct, missing }, rows) ? { oneRowEach: true } : {}),
      ...(missing > 0 ? { missing } : {}),
    })),
    suggestedLabel: suggestLabelFromClasses(byName) ?? null,
  });
}

/** `TableFacts` but the metadata columns' class counts and the suggested label, which read every column. */
export type MatrixFacts = Omit<TableFacts, 'metadataColumns' | 'suggestedLabel'>;

/**
 * `inspectTable`'s facts without reading the metadata columns: the Import summary counts each column once
 * itself and takes the class counts and the suggested label from its counts (`countMetadataColumn`, `suggestLabelFromClasses`).
 * `words`: whose words the orientation hint uses (default: the CLI's).
 */
export function inspectMatrix(
  table: ExpressionTable,
  transposed = false,
  words: HintWords = 'cli',
): MatrixFacts {
  return factsOf(table, transposed, {}, words);
}

/** The facts, with `columns` in their place in the object (the order `inspect --json` prints). */
function factsOf<C extends object>(
  table: ExpressionTable,
  transposed: boolean,
  columns: C,
  words: HintWords = 'cli',
): MatrixFacts & C {
  const counts = looksLikeCounts(table.values);
  // h5ad, loom and Cell Ranger .h5 files say which axis holds cells (--transpose does not apply to them).
  const kind = table.format?.kind ?? 'text';
  const fixedAxes = kind === 'h5ad' || kind === 'loom' || kind === '10x-h5';
  const hint = fixedAxes ? undefined : orientationHint(table, transposed, words);
  const { sampled } = table;
  const rows = sampled && !transposed ? sampled.estimatedRows : table.values.rows;
  const genes = sampled && transposed ? sampled.estimatedRows : table.values.cols;
  return {
    file: table.source,
    format: table.format ?? TEXT_FORMAT,
    nonZeroFraction: nonZeroFraction(table.values),
    rows,
    genes,
    ...(sampled ? { sampled } : {}),
    idColumn: table.idColumn,
    ...columns,
    looksLikeCounts: counts,
    missingValues: table.missingValues ?? 0,
    ...(hint ? { orientationHint: hint } : {}),
    ...(table.log1pBase !== undefined ? { log1pBase: table.log1pBase } : {}),
    recommendedPreprocessing: recommendPreprocessing(genes, counts, table.format?.matrix, rows),
    warnings: table.warnings,
  };
}

/**
 * Imports the start of a file (INSPECT_READ_LIMIT unless `options.readLimit` says otherwise) and returns
 * its facts (the table itself is not kept).
 */
export async function inspectFile(source: DataSource, options: ImportOptions = {}): Promise<TableFacts> {
  const table = await importTable(source, { readLimit: INSPECT_READ_LIMIT, ...options });
  return inspectTable(table, options.transpose ?? false);
}
