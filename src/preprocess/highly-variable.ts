/**
 * Highly variable genes: the N genes with the largest variance of the (normalised, log1p) values — plain
 * variance, not dispersion, because after log1p the mean–variance trend that dispersion corrects for is
 * mostly gone and variance needs no binning. Ties go to the earlier gene; the kept genes stay in input order.
 */

/** Indices (ascending) of the `n` largest variances; all indices when n is 0 or ≥ the number of genes. */
export function topVariableGenes(variance: Float64Array, n: number): Int32Array {
  const g = variance.length;
  if (n <= 0 || n >= g) return Int32Array.from({ length: g }, (_, i) => i);
  const order = Array.from({ length: g }, (_, i) => i);
  order.sort((a, b) => variance[b] - variance[a] || a - b);
  return Int32Array.from(order.slice(0, n)).sort();
}
