/**
 * The shapes data takes once imported. Everything downstream (preprocessing, training, the UI) works from
 * these, never from the raw file.
 */

/** A dense row-major float32 matrix: element (r, c) is `data[r * cols + c]`. */
export interface DenseMatrix {
  /** Absent or 'dense'; it keeps a CsrMatrix from passing for a DenseMatrix by shape alone. */
  format?: 'dense';
  data: Float32Array;
  rows: number;
  cols: number;
}

/**
 * A compressed-sparse-row float32 matrix (cells × genes), how single-cell counts arrive (h5ad, 10x, loom).
 * Row r's stored values are `data[k]` at column `indices[k]` for `indptr[r] <= k < indptr[r + 1]`; columns
 * ascend within a row and never repeat. `indptr` is float64 because an atlas can hold over 2³¹ non-zeros.
 */
export interface CsrMatrix {
  format: 'csr';
  rows: number;
  cols: number;
  /** rows + 1 offsets into `indices`/`data`; indptr[0] = 0, indptr[rows] = number of stored values. */
  indptr: Float64Array;
  indices: Int32Array;
  data: Float32Array;
}

/** What an imported table holds: dense for delimited text, CSR for sparse single-cell formats. */
export type ExpressionMatrix = DenseMatrix | CsrMatrix;

/** A text column kept beside the numbers (cell type, batch, donor…), one entry per row. */
export interface MetadataColumn {
  name: string;
  values: string[];
}

/** Something the importer wants the user to know that did not stop the import. */
export interface ImportWarning {
  code: string;
  message: string;
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
}
