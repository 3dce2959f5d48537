/**
 * A row plan applied to either matrix shape: dense rows through `transformRows`, CSR rows through
 * `csrTransformRows` (stored values only). Both give the same bits for the same cells.
 */
import { isCsr } from '../data/sparse.js';
import type { ExpressionMatrix } from '../api/matrix.js';
import { csrColumnStatSteps, csrLayout, csrLibraryFactorSteps, csrTransformRows } from './csr-transform.js';
import { columnStatSteps, type ColumnStats } from './gene-stats.js';
import { libraryFactorSteps, transformRows, type RowPlan, type RowSource } from './row-transform.js';
import { runNow, type Paced } from './paced.js';

/**
 * The library-size factors of `input` for `plan` (null when it does not normalise): one pass over every value,
 * which also rejects bad values. Pass them to planSource and planColumnStatSteps to share that pass.
 */
export function planFactors(
  plan: RowPlan,
  input: ExpressionMatrix,
  genes?: readonly string[],
): Float64Array | null {
  return runNow(planFactorSteps(plan, input, genes));
}

/** `planFactors`, pausing within its pass with the rows done. */
export function* planFactorSteps(
  plan: RowPlan,
  input: ExpressionMatrix,
  genes?: readonly string[],
): Paced<Float64Array | null, number> {
  if (plan.targetSum === null) return null;
  return isCsr(input)
    ? yield* csrLibraryFactorSteps(input, plan.targetSum, genes)
    : yield* libraryFactorSteps(input, plan.targetSum, genes);
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
export function* planColumnStatSteps(
  plan: RowPlan,
  input: ExpressionMatrix,
  factors: Float64Array | null,
  genes?: readonly string[],
): Paced<ColumnStats, number> {
  if (!isCsr(input)) return yield* columnStatSteps(planSource(plan, input, genes, factors));
  return yield* csrColumnStatSteps(plan, input, factors, genes);
}
