/**
 * Whether a list of names is only numbers: an anndata index of row numbers ('0', '1', …) or a column of
 * them, which names nothing (h5ad gene names fall back to a name column; such a column is no gene identifier).
 */
export function isNumericLooking(names: readonly string[]): boolean {
  return names.length > 0 && names.every((n) => /^\d+$/.test(n));
}
