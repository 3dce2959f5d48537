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
  if (rowNoun(kind) === 'cells') return `${count(rows)} cell${rows === 1 ? '' : 's'}`;
  return `${count(rows)} row${rows === 1 ? '' : 's'} (cells or samples)`;
}
