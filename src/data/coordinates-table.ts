/**
 * Whether a matrix holds an embedding's coordinates rather than expression values. Its sparsity — "100.0 %
 * of values are not zero" — then says nothing (a map's coordinates are dense by nature), so the Import summary
 * and `inspect` leave that line out, for an h5ad's obsm entry read as the input and for a text table that is
 * a map or an embedding alike (a walkthrough: a TripletLens coordinates CSV opened again showed a sparsity
 * line an h5ad's X_umap did not).
 */
import { embeddingOfMatrix } from '../api/matrix-input.js';
import { looksLikeCounts } from './counts.js';
import type { ExpressionTable } from './types.js';

/**
 * A column named as a component of a map or embedding: x, y, z and d4… (TripletLens's coordinates CSV),
 * PC1 / PC_1, UMAP1 / UMAP_1, tSNE_1, dim1, DC1, FA1, PHATE1, X_umap1…
 */
const COMPONENT =
  /^(?:[xyz]|d\d+|(?:x_)?(?:pc|umap|t-?sne|dim|dc|fa|phate|comp(?:onent)?|mds|lsi)[_.\- ]?\d+)$/i;

/** The most columns a table of component-named columns may have to be an embedding (a PCA export: 50). */
const MAX_NAMED_COMPONENTS = 100;
/** The most numeric columns a table of any names may have to be a map's coordinates (x, y[, z]). */
const MAX_UNNAMED_COMPONENTS = 3;

/**
 * Whether `table`'s matrix is an embedding's coordinates. Decided by what the table is, not by its zeros
 * (an embedding is dense, but so is bulk or a well-covered panel): an h5ad obsm entry read as the input; or
 * a text table whose values are not counts — integer counts are expression however few or named — and whose
 * numeric columns are all named as components, or are at most 3 (no gene panel is that narrow, and a map's
 * x, y[, z] exported under other names still is one).
 */
export function holdsCoordinates(table: ExpressionTable): boolean {
  if (embeddingOfMatrix(table.format?.matrix ?? '') !== null) return true;
  if (!textOfComponents(table)) return false;
  return table.genes.length <= MAX_UNNAMED_COMPONENTS || namedAsComponents(table);
}

/** A text table of 1–100 columns whose values are not counts: what a table of coordinates can be. */
function textOfComponents(table: ExpressionTable): boolean {
  if ((table.format?.kind ?? 'text') !== 'text') return false;
  const columns = table.genes.length;
  return columns > 0 && columns <= MAX_NAMED_COMPONENTS && !looksLikeCounts(table.values);
}

/** Whether every numeric column of `table` is named as a component (x, y, z, d4, PC1, UMAP_2…). */
function namedAsComponents(table: ExpressionTable): boolean {
  return table.genes.every((name) => COMPONENT.test(name.trim()));
}

/**
 * Whether `table` is a text table that names itself a map's or an embedding's coordinates: `holdsCoordinates`
 * with every column named as a component — the CSV `train` writes (x, y[, z], d4…), an exported UMAP or PCA.
 * `inspect` then says "coordinates" in place of the expression wording; a table of at most 3 columns of other
 * names (GENE_A, GENE_B, GENE_C), which `holdsCoordinates` takes for one by its width alone, may be genes.
 */
export function namesCoordinates(table: ExpressionTable): boolean {
  return textOfComponents(table) && namedAsComponents(table);
}
