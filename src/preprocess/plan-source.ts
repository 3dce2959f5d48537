/**
 * A row plan applied to either matrix shape: dense rows through `transformRows`, CSR rows through
 * `csrTransformRows` (stored values only). Both give the same bits for the same cells.
 */
import { isCsr } from '../data/sparse.js';
import type { ExpressionMatrix } from '../api/matrix.js';
import { csrColumnStats, csrLayout, csrLibraryFactors, csrTransformRows } from './csr-transform.js';
import { columnStats, type ColumnStats } from './gene-stats.js';
import { libraryFactors, transformRows, type RowPlan, type RowSource } from './row-transform.js';

/**
 * The library-size factors of `input` for `plan` (null when it does not normalise): one pass over every value,
 * which also rejects bad values. Pass them to planSource and planColumnStats to share that pass.
 */
export function planFactors(
  plan: RowPlan,
  input: ExpressionMatrix,
  genes?: readonly string[],
): Float64Array | null {
  if (plan.targetSum === null) return null;
  return isCsr(input)
    ? csrLibraryFactors(input, plan.targetSum, genes)
    : libraryFactors(input, plan.targetSum, genes);
}

/**
 * The rows of `input` transformed by `plan`. `factors`: the input's planFactors (computed once, here, when not
 * given).
 */
export function planSource(
  plan: RowPlan,
  input: ExpressionMatrix,
  genes?: readonly string[],
  factors: Float64Array | null = planFactors(plan, input, genes),
): RowSource {
  const cols = plan.columns.length;
  if (isCsr(input)) {
    const layout = csrLayout(plan, input.cols);
    return {
      rows: input.rows,
      cols,
      read: (r0, r1, out) => csrTransformRows(plan, layout, input, r0, r1, out, factors, genes),
    };
  }
  return {
    rows: input.rows,
    cols,
    read: (r0, r1, out) => transformRows(plan, input, r0, r1, out, factors, genes),
  };
}

/**
 * Per-column statistics of the plan's output (a plan without z-score). CSR input is read value by value,
 * so no rows × genes block of the full gene set is ever formed; dense input block by block. `factors`: the
 * input's planFactors.
 */
export function planColumnStats(
  plan: RowPlan,
  input: ExpressionMatrix,
  factors: Float64Array | null,
  genes?: readonly string[],
): ColumnStats {
  if (!isCsr(input)) return columnStats(planSource(plan, input, genes, factors));
  return csrColumnStats(plan, input, factors, genes);
}
