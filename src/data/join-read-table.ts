/**
 * A metadata file joined to a table already read, without reading its expression file again. Every reader
 * joins the metadata file as its last step (`importText`, `joinStructuredMetadata`), after the matrix, ids and
 * columns are final, so joining to the table as read gives what `importTable` with `metaFile` gives — while the
 * open data keeps one matrix: reading the file again held a second copy of the matrix at the join's peak (at
 * 2·10⁵ cells × 2 000 genes, 10 % stored, another 0.3 GB; bench/README "Replacing the loaded data").
 */
import { checkMetadataSource } from './formats/metadata-source.js';
import { joinMetadataFile, joinStructuredMetadata } from './metadata-join.js';
import type { DataSource, DecimalSeparator } from './options.js';
import type { ExpressionTable, ImportWarning } from './types.js';

/** The warning `importTable` adds after the reader's (and so after a join's): kept last, as it puts it. */
const EMPTY_CELLS = 'empty-cells';

export interface ReadTableJoinOptions {
  /**
   * The decimal separator chosen: for a text table the data file's own (`ImportOptions.decimal`), for an
   * h5ad, loom or 10x input the one chosen with the metadata file. Default: detected in the metadata file.
   */
  decimal?: DecimalSeparator;
  /**
   * Whether the text table was turned round as read (`ImportOptions.transpose`), for the advice of a refusal
   * whose ids are the table's column names. Default: read as laid out.
   */
  transposed?: boolean;
  /** Cancels the join (rejects with kind 'aborted'). Default: none. */
  signal?: AbortSignal;
  /**
   * Rewords the join's own warnings before they join `read`'s, which were reworded when it was read (the
   * engine session names the page's fields and an upload's file name). Default: as they are.
   */
  wordWarnings?: (warnings: ImportWarning[]) => ImportWarning[];
}

/**
 * `read` — a table as imported, no metadata file joined — with `metaFile` joined: a new table sharing `read`'s
 * matrix, ids, genes and columns, its own metadata list and warnings (the join's after the reader's, the
 * empty-cells warning last). `read` itself is not changed, so a refused join leaves the open data as it was.
 * @throws DataImportError for the metadata file (an expression file given as metadata, no cell matched…)
 */
export async function joinToReadTable(
  read: ExpressionTable,
  metaFile: DataSource,
  options: ReadTableJoinOptions = {},
): Promise<ExpressionTable> {
  await checkMetadataSource(metaFile);
  const { decimal, signal, transposed } = options;
  const table: ExpressionTable = { ...read, metadata: [...read.metadata], warnings: [] };
  if ((read.format?.kind ?? 'text') === 'text') {
    await joinMetadataFile(table, metaFile, { signal, decimal, transposed });
  } else {
    await joinStructuredMetadata(table, { metaFile, decimal, signal });
  }
  const joined = options.wordWarnings ? options.wordWarnings(table.warnings) : table.warnings;
  table.warnings = [
    ...read.warnings.filter((w) => w.code !== EMPTY_CELLS),
    ...joined,
    ...read.warnings.filter((w) => w.code === EMPTY_CELLS),
  ];
  return table;
}
