/**
 * The shapes data takes once imported. Everything downstream (preprocessing, training, the UI) works from
 * these, never from the raw file.
 */
import type { EmbeddingInfo } from '../api/matrix-input.js';
import type { FileFormatKind } from '../api/file-format.js';
import type { DenseMatrix, CsrMatrix, ExpressionMatrix } from '../api/matrix.js';
import type { ImportWarning } from '../api/import-warning.js';
import type { FolderPrint } from '../api/annotate.js';

/** Moved to src/api (the contract layer); re-exported for code written before the move. New code imports from src/api. */
export type { DenseMatrix, CsrMatrix, ExpressionMatrix, ImportWarning };

/** A text column kept beside the numbers (cell type, batch, donor…), one entry per row. */
export interface MetadataColumn {
  name: string;
  values: string[];
  /**
   * How the source file stored the column, when it said (h5ad obs/var); absent for text files, whose
   * columns are typed by inference when written out. Only writers of AnnData results use it; everything
   * else reads `values`.
   */
  stored?: StoredColumn;
  /**
   * The column came from a metadata file joined to the input (`--meta-file`, Import's metadata), not from
   * the input itself: a session keeps only these, as the input gives back its own. Default: absent.
   */
  joined?: true;
}

/**
 * A column's encoding in an AnnData dataframe: a categorical with its categories in stored order, strings,
 * floats (float32 or float64), integers or booleans. `nullable` marks pandas' nullable arrays (a mask beside
 * the values); a missing value is '' in `values` either way.
 */
export interface StoredColumn {
  kind: 'categorical' | 'string' | 'number' | 'integer' | 'boolean';
  /** categorical: the categories in their stored order (codes index into it). */
  categories?: string[];
  /** categorical: pandas' `ordered` flag. Default false. */
  ordered?: boolean;
  /**
   * categorical: the dtype of numeric categories (pandas' integer categories are int64), whose `categories`
   * are then those numbers as text. Absent: string categories.
   */
  categoryDtype?: NumericDtype;
  /**
   * number: the float width ('float32' or 'float64'); integer: the integer width as stored (a loom's uint8
   * booleans, an obs int32 column…), written back the same. Default 'float64' / 'int64'.
   */
  dtype?: NumericDtype;
  /** True for a nullable-integer / nullable-boolean / nullable-string-array. Default false. */
  nullable?: boolean;
}

/** A numeric dtype as numpy names it. */
export type NumericDtype =
  'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'float32' | 'float64';

/** The file formats TripletLens reads (detected by content, not by extension). */
export type SourceFormatKind = FileFormatKind;

/** What kind of file a table came from, which of its matrices was read, and what else it offers. */
export interface SourceFormat {
  kind: SourceFormatKind;
  /** The matrix read, named as in the file: 'X', 'layers/counts', 'raw/X', 'obsm/X_pca', 'matrix'… ('' for text). */
  matrix: string;
  /** Other matrices of the same shape the `layer` import option can pick ('layers/counts', 'raw/X'…). */
  layers: string[];
  /**
   * The genes (columns) of each of `layers` whose count is known, by name: raw/X often holds more genes than
   * X (raw set before a gene selection), which `inspect` says. Default none (text formats, loom).
   */
  layerGenes?: Record<string, number>;
  /** Per-cell embeddings (h5ad `obsm`) the `input` import option can train on instead of genes. */
  obsm: string[];
  /** The embeddings among `obsm` that can be read as the input, with their widths. Default: none. */
  embeddings?: EmbeddingInfo[];
}

/** An imported expression file: cells as rows, genes as columns, whatever the file's orientation was. */
export interface ExpressionTable {
  /** The file the data came from (a path, or an upload's name). */
  source: string;
  /** The name of the id column as written in the file's header. */
  idColumn: string;
  /** One id per row (cell/sample). */
  ids: string[];
  /** One name per gene column, unique. */
  genes: string[];
  /** rows × genes: dense row-major for text files, CSR for sparse single-cell formats (see `isCsr`). */
  values: ExpressionMatrix;
  /** Text columns, in file order. */
  metadata: MetadataColumn[];
  /** Non-fatal findings (renamed duplicate genes, joined metadata counts…). */
  warnings: ImportWarning[];
  /** How many missing values (empty, NA, NaN) the gene columns held before the missing-value policy. */
  missingValues?: number;
  /**
   * Present when only the first rows were read (ImportOptions.readLimit): how many, and about how many the
   * whole file holds (estimated from the bytes those rows took and the file's size).
   */
  sampled?: { rowsRead: number; estimatedRows: number };
  /** The file's format and what it offers. Absent means a delimited text file. */
  format?: SourceFormat;
  /** Colours the file already assigns to a metadata column's categories (h5ad `uns['<column>_colors']`), by column then category. */
  categoryColors?: Record<string, Record<string, string>>;
  /** The source's per-gene annotation columns (h5ad `var` columns other than the index), one value per gene. */
  geneAnnotations?: MetadataColumn[];
  /** The name of an h5ad's var index (anndata's `var.index.name`), when it has one. Default: unnamed. */
  geneIndexName?: string;
  /** A Cell Ranger folder's fingerprint, made as it was read (a session keeps it: a folder has no SHA-256). */
  folderPrint?: FolderPrint;
  /**
   * The log base an h5ad's `uns['log1p']['base']` says its values were log1p'd in (`sc.pp.log1p(base=2)`),
   * which the marker genes' fold change undoes as scanpy's rank_genes_groups does. Default: natural log.
   */
  log1pBase?: number;
}
