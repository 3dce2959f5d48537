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
