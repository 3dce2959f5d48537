/**
 * Binary search of an ascending array: the first position in [from, to) whose value is ≥ `value` (`to`
 * when none is). One copy for the project's sorted lookups (the sweep of the exact neighbour search, semi-hard
 * mining's sorted positives, a CSR row's columns in the rank index).
 */
export function lowerBound(
  sorted: Float64Array | Int32Array,
  value: number,
  from: number,
  to: number,
): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
