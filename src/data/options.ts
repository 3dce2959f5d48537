/** What `importTable` accepts: where the data is and how to read it. */

/** A file on disk (path) or bytes already in memory (an upload, a drag-and-drop) with the name to report. */
export type DataSource = string | { name: string; bytes: Uint8Array };

/**
 * What to do with a missing value (empty, NA, NaN…) in a gene column.
 * - 'error': stop with the file, line and column of the first one;
 * - 'zero': read it as 0 (sensible for counts, where absent means not detected);
 * - 'drop-row': leave out every line of the file holding one (a cell; a gene when `transpose` is on);
 * - 'column-mean': replace it by the mean of the gene's other values.
 */
export type MissingPolicy = 'error' | 'zero' | 'drop-row' | 'column-mean';

export const MISSING_POLICIES: readonly MissingPolicy[] = ['error', 'zero', 'drop-row', 'column-mean'];

/** How much of a text file a sampled import reads (see ImportOptions.readLimit). */
export interface ReadLimit {
  /** Data rows to read at most. */
  rows: number;
  /** Characters of (decompressed) text to read at most. */
  textChars: number;
}

/** The delimiters TripletLens reads. */
export type Delimiter = ',' | '\t' | ';';

/** The decimal separators TripletLens reads: '.' (1.25) or ',' (1,25, as European spreadsheets write it). */
export type DecimalSeparator = '.' | ',';

export interface ImportOptions {
  /** The column holding cell ids (header name). Default: detected (an unnamed first column, or one named id, cell, barcode…, or a first text column with unique values); rows are numbered when there is none. */
  idColumn?: string;
  /** Exactly these columns are metadata (kept as text); every other non-id column must be numeric — with `genesFrom`, the columns before it are metadata too. Default: detected (text columns, and numeric columns set apart from the block of genes). */
  metaColumns?: string[];
  /** This column and every one after it are genes (but those in `metaColumns`); every column before it but the id is metadata. Default: detected. */
  genesFrom?: string;
  /** The file has genes as rows and cells/samples as columns (GEO count tables); it is turned round. Default false. */
  transpose?: boolean;
  /**
   * What a missing value in a gene column does. Default 'error'. With any other policy, a value that is not
   * a finite number (`abc`, `Inf`, `1e39`, `0x1F`) in a gene column is treated as missing too, with a warning.
   */
  missing?: MissingPolicy;
  /**
   * A second file of per-cell metadata joined on the id (its column named like the id column, else its first
   * column); its delimiter is detected, its numbers read with `decimal` when it is set. Default: none.
   */
  metaFile?: DataSource;
  /** The field delimiter. Default: detected from the first lines (comma, tab or semicolon). */
  delimiter?: Delimiter;
  /**
   * The decimal separator of a text table's numbers. With ',' "1,25" is 1.25, and a number holding a '.'
   * (1.234, 1.234,5) is refused: there a '.' may separate thousands. Default: detected — ',' only for a
   * ';'-separated table whose first rows hold decimal-comma numbers (not all with exactly 3 digits after the
   * comma, which may separate thousands) and no number with a '.'; else '.'.
   */
  decimal?: DecimalSeparator;
  /** Called with the fraction of the file read so far, 0…1. Default: none. */
  onProgress?: (fraction: number) => void;
  /** Cancels the import; it then rejects with a DataImportError of kind 'aborted'. Default: none. */
  signal?: AbortSignal;
  /** Which matrix of an h5ad/loom file to read: 'X' (h5ad) or 'matrix' (loom) by default, or a layer name ('counts', 'spliced'…) or 'raw' (h5ad raw/X with raw/var). Text files ignore it. */
  layer?: string;
  /** What to train on: 'genes' (default), or an h5ad embedding such as 'obsm:X_pca' used as the columns instead of genes. */
  input?: string;
  /**
   * The most memory the import may use, in bytes. The matrix size is estimated from the header and the file
   * size before anything is allocated, and again while rows stream in; an import that would need more stops
   * with a DataImportError of kind 'too-large'. Default: the memory available now (free system memory, or
   * the room under the container's cgroup limit when smaller). The CLI sets it with `--max-memory 8G`.
   */
  maxMemoryBytes?: number;
  /**
   * Read only the first rows of a text file: stop after `rows` data rows or `textChars` characters of text,
   * whichever comes first, and return those rows with `sampled` set on the table (the whole file's row count
   * is then estimated). Default: none, the whole file is read. `inspect` uses INSPECT_READ_LIMIT.
   */
  readLimit?: ReadLimit;
  /** Bytes read at a time. Default 256 KiB. Tests set tiny values so records straddle chunk edges. */
  chunkBytes?: number;
}
