/**
 * The shapes data takes once imported. Everything downstream (preprocessing, training, the UI) works from
 * these, never from the raw file.
 */

/** A dense row-major float32 matrix: element (r, c) is `data[r * cols + c]`. */
export interface DenseMatrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

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
  /** rows × genes, row-major. */
  values: DenseMatrix;
  /** Text columns, in file order. */
  metadata: MetadataColumn[];
  /** Non-fatal findings (renamed duplicate genes, joined metadata counts…). */
  warnings: ImportWarning[];
  /** How many missing values (empty, NA, NaN) the gene columns held before the missing-value policy. */
  missingValues?: number;
}
