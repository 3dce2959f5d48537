/** Per-row values of a subset of cells (the matrix rows themselves: selectRows in src/data). */

/** The entries of `values` at `rows`. */
export function pick<T>(values: readonly T[], rows: readonly number[]): T[] {
  return rows.map((r) => values[r]);
}
