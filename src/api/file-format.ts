/**
 * The kinds of file the importers read, in the user's terms, and how sparse a matrix is said: shared by
 * `tripletlens inspect` and the Import screen, so both name a file and its sparsity alike.
 */

/** What kind of file was read. */
export type FileFormatKind = 'text' | 'h5ad' | 'loom' | '10x-h5' | '10x-mtx' | 'mtx';

/** A file format in the user's terms. */
export const FORMAT_NAMES: Record<FileFormatKind, string> = {
  text: 'delimited text (CSV/TSV)',
  h5ad: 'AnnData (.h5ad)',
  loom: 'loom',
  '10x-h5': 'Cell Ranger HDF5 (.h5)',
  '10x-mtx': 'Cell Ranger matrix folder (MatrixMarket)',
  mtx: 'MatrixMarket (.mtx)',
};

/**
 * The matrix a file was read from, in the user's terms, said after the format's name by `inspect`, `embed` and
 * the Import summary alike: 'its main matrix' for a loom's or a Cell Ranger .h5's matrix named 'matrix' ("loom;
 * matrix matrix" read as a slip), 'the matrix of genome GRCh38' for an older Cell Ranger .h5, whose matrix is
 * named by its genome, 'file matrix.mtx.gz' for a MatrixMarket file, 'matrix X' or 'matrix layers/counts'
 * otherwise; '' when no matrix is named (a text table).
 */
export function matrixText(format: { kind: FileFormatKind; matrix: string }): string {
  const { kind, matrix } = format;
  if (matrix === '') return '';
  if (matrix === 'matrix' && (kind === 'loom' || kind === '10x-h5')) return 'its main matrix';
  if (kind === '10x-h5') return `the matrix of genome ${matrix}`;
  if (kind === 'mtx' || kind === '10x-mtx') return `file ${matrix}`;
  return `matrix ${matrix}`;
}

/** The share of non-zero values as a percentage, "32.6", small shares kept visible ("0.042"). */
export function nonZeroPercent(fraction: number): string {
  const percent = fraction * 100;
  return percent > 0 && percent < 0.1 ? percent.toPrecision(2) : percent.toFixed(1);
}

/**
 * What a table's rows are, in the user's terms: 'cells' for the single-cell formats (h5ad, loom, Cell Ranger,
 * MatrixMarket), whose rows are cells; 'cells or samples' for a delimited text table, which is as often a bulk
 * panel of samples (a walkthrough: a 26-sample tumour panel read "26 cells"); 'cells' when the kind is unknown
 * (a summary saved before it was kept). The one rule of `inspect`'s Shape and the Import screen's Shape and
 * Orientation lines.
 */
export function rowNoun(kind: FileFormatKind | undefined): 'cells' | 'cells or samples' {
  return kind === 'text' ? 'cells or samples' : 'cells';
}

/**
 * A table's row count in the user's terms: "700 cells", or for a text table "26 rows (cells or samples)".
 * `count` writes the number (default: plainly; the page groups its digits).
 */
export function rowCountText(
  rows: number,
  kind: FileFormatKind | undefined,
  count: (n: number) => string = String,
): string {
  const counted = rowsText(rows, kind, count);
  return rowNoun(kind) === 'cells' ? counted : `${counted} (cells or samples)`;
}

/** What one row and several rows of a table are called in running text. */
export interface RowWords {
  one: 'cell' | 'row';
  many: 'cells' | 'rows';
  /** What a label names of one row: a cell's 'type', a row's 'class'. */
  kind: 'type' | 'class';
  /** What a label column holds: 'cell types', or 'classes' of a text table's rows. */
  classes: 'cell types' | 'classes';
}

/**
 * The word for a table's rows in running text, by `rowNoun`'s rule: 'cell'/'cells' for the single-cell formats
 * (and an unknown kind), 'row'/'rows' for a delimited text table, which may be a bulk panel of samples (a
 * walkthrough: a 38-sample leukaemia panel read "38 labelled cells", "kNN accuracy, held-out cells"). The one
 * word of the label picker, the class table, the map's caption, the metrics, the regime and the CLI's lines.
 */
export function rowWords(kind: FileFormatKind | undefined): RowWords {
  return rowNoun(kind) === 'cells'
    ? { one: 'cell', many: 'cells', kind: 'type', classes: 'cell types' }
    : { one: 'row', many: 'rows', kind: 'class', classes: 'classes' };
}

/** "700 cells", "1 cell", or for a text table "38 rows": `rowWords` counted (`count` as in rowCountText). */
export function rowsText(
  n: number,
  kind: FileFormatKind | undefined,
  count: (n: number) => string = String,
): string {
  const words = rowWords(kind);
  return `${count(n)} ${n === 1 ? words.one : words.many}`;
}

/**
 * The Import screen's orientation as applied, before its reason: 'genes as rows' for a table turned round, else
 * what the rows are by `rowNoun` ('cells as rows', 'cells or samples as rows').
 */
export function orientationText(
  applied: 'cells-as-rows' | 'genes-as-rows',
  kind: FileFormatKind | undefined,
): string {
  return applied === 'genes-as-rows' ? 'genes as rows' : `${rowNoun(kind)} as rows`;
}

/**
 * The format kind a run report names (`report.input.format.kind`, absent in older reports), checked as the
 * report crosses the wire as plain JSON: undefined when it is missing or not a known kind.
 */
export function reportFormatKind(report: unknown): FileFormatKind | undefined {
  const input = (report as { input?: { format?: { kind?: unknown } } } | null | undefined)?.input;
  const kind = input?.format?.kind;
  return typeof kind === 'string' && Object.hasOwn(FORMAT_NAMES, kind) ? (kind as FileFormatKind) : undefined;
}
