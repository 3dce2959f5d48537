/**
 * The per-cell preprocessing of row-transform.ts on a CSR matrix, visiting only stored values: a row is
 * first filled with what an implicit zero becomes (the same arithmetic applied to 0 — e.g. −mean/sd after
 * z-scoring), then each stored value of a wanted gene is transformed in its place. The value arithmetic is
 * row-transform's own (checkValue, normaliseValue, standardiseValue), and library sizes are summed over the
 * stored values in column order, i.e. the dense sum without its zero terms — so a CSR matrix and its dense
 * copy give bit-identical rows. Memory: one output block; nothing is ever rows × all genes.
 */
import type { CsrMatrix } from '../api/matrix.js';
import { ColumnAccumulator, type ColumnStats } from './gene-stats.js';
import { checkValue, normaliseValue, standardiseValue, type RowPlan } from './row-transform.js';
import { CoreError } from '../api/core-error.js';
import { runNow, VALUES_BETWEEN_PAUSES, type Paced } from './paced.js';

/** Small counts memoised per row: up to this count, a row's normalised/log value is computed once. */
const MEMO_COUNTS = 64;

/**
 * `normaliseValue` of row r's stored values with the result for small whole counts remembered for the row:
 * most stored counts are 1, 2 or 3 and share the row's factor, so most log1p calls repeat. The arithmetic is
 * unchanged (the memo holds exactly what normaliseValue returned), so the bits are the dense path's.
 */
class RowValues {
  private readonly memo = new Float64Array(MEMO_COUNTS);
  private readonly memoRow = new Float64Array(MEMO_COUNTS).fill(-1);

  constructor(private readonly plan: RowPlan) {}

  get(v: number, factor: number, r: number): number {
    // v > 0 keeps −0 and negative values (non-count data) out of the memo
    if (!(v > 0 && v < MEMO_COUNTS && v === Math.floor(v))) return normaliseValue(this.plan, v, factor);
    if (this.memoRow[v] === r) return this.memo[v];
    const x = normaliseValue(this.plan, v, factor);
    this.memo[v] = x;
    this.memoRow[v] = r;
    return x;
  }
}

/** `libraryFactors` for CSR input: the same totals (zeros add nothing) and the same value checks. */
export function csrLibraryFactors(
  input: CsrMatrix,
  targetSum: number,
  genes?: readonly string[],
): Float64Array {
  return runNow(csrLibraryFactorSteps(input, targetSum, genes));
}

/** `csrLibraryFactors`, pausing every ~VALUES_BETWEEN_PAUSES stored values with the rows done. */
export function* csrLibraryFactorSteps(
  input: CsrMatrix,
  targetSum: number,
  genes?: readonly string[],
): Paced<Float64Array, number> {
  const { indptr, indices, data } = input;
  const factors = new Float64Array(input.rows);
  let pauseAt = VALUES_BETWEEN_PAUSES;
  for (let r = 0; r < input.rows; r++) {
    let total = 0;
    for (let k = indptr[r]; k < indptr[r + 1]; k++) {
      const x = data[k];
      checkValue(x, r, genes?.[indices[k]], true);
      total += x;
    }
    factors[r] = total > 0 ? targetSum / total : 0;
    if (indptr[r + 1] >= pauseAt) {
      pauseAt = indptr[r + 1] + VALUES_BETWEEN_PAUSES;
      yield r + 1;
    }
  }
  return factors;
}

/**
 * Where each input column goes: `first[c]` is the first output column reading input column c (−1: none),
 * `next[j]` the next output column reading the same input column (a damaged recipe may repeat a gene),
 * `zeroRow` the output of a row that stores nothing.
 */
export interface CsrLayout {
  first: Int32Array;
  next: Int32Array;
  zeroRow: Float32Array;
}

export function csrLayout(plan: RowPlan, inputCols: number): CsrLayout {
  const width = plan.columns.length;
  const first = new Int32Array(inputCols).fill(-1);
  const next = new Int32Array(width).fill(-1);
  const zeroRow = new Float32Array(width);
  for (let j = width - 1; j >= 0; j--) {
    const c = plan.columns[j];
    if (c < 0) {
      zeroRow[j] = plan.fill[j];
      continue;
    }
    next[j] = first[c];
    first[c] = j;
    // the dense path computes 0 · factor = 0 for every factor, so the implicit zero's output is factor-free
    zeroRow[j] = standardiseValue(plan, j, normaliseValue(plan, 0, 1));
  }
  return { first, next, zeroRow };
}

/** `transformRows` for CSR input (same arguments, plus the plan's `csrLayout`). */
export function csrTransformRows(
  plan: RowPlan,
  layout: CsrLayout,
  input: CsrMatrix,
  r0: number,
  r1: number,
  out: Float32Array,
  factors: Float64Array | null,
  genes?: readonly string[],
): void {
  const { indptr, indices, data } = input;
  const { first, next, zeroRow } = layout;
  const width = plan.columns.length;
  const normalise = plan.targetSum !== null;
  if (normalise && factors === null)
    throw new CoreError('internal', 'csrTransformRows: normalising needs library factors');
  const nonNegative = normalise || plan.log1p;
  const values = new RowValues(plan);
  for (let r = r0; r < r1; r++) {
    const factor = normalise ? factors![r] : 1;
    const o = (r - r0) * width;
    out.set(zeroRow, o);
    for (let k = indptr[r]; k < indptr[r + 1]; k++) {
      const c = indices[k];
      let j = first[c];
      if (j < 0) continue;
      const v: number = data[k];
      checkValue(v, r, genes?.[c], nonNegative);
      const x = values.get(v, factor, r);
      for (; j >= 0; j = next[j]) out[o + j] = standardiseValue(plan, j, x);
    }
  }
}

/**
 * `columnStats` of the plan's output (a plan without z-score, whose implicit zeros stay 0) straight from the
 * stored values: each is transformed, rounded to float32 as the dense blocks are, and added when non-zero.
 */
export function csrColumnStats(
  plan: RowPlan,
  input: CsrMatrix,
  factors: Float64Array | null,
  genes?: readonly string[],
): ColumnStats {
  return runNow(csrColumnStatSteps(plan, input, factors, genes));
}

/** `csrColumnStats`, pausing every ~VALUES_BETWEEN_PAUSES stored values with the rows done. */
export function* csrColumnStatSteps(
  plan: RowPlan,
  input: CsrMatrix,
  factors: Float64Array | null,
  genes?: readonly string[],
): Paced<ColumnStats, number> {
  if (plan.means !== null)
    throw new CoreError('internal', 'csrColumnStats: z-scored implicit zeros are not zero');
  const layout = csrLayout(plan, input.cols);
  const { first, next } = layout;
  const acc = new ColumnAccumulator(plan.columns.length);
  const { indptr, indices, data } = input;
  const normalise = plan.targetSum !== null;
  if (normalise && factors === null)
    throw new CoreError('internal', 'csrColumnStats: normalising needs library factors');
  const nonNegative = normalise || plan.log1p;
  const values = new RowValues(plan);
  let pauseAt = VALUES_BETWEEN_PAUSES;
  for (let r = 0; r < input.rows; r++) {
    const factor = normalise ? factors![r] : 1;
    for (let k = indptr[r]; k < indptr[r + 1]; k++) {
      const c = indices[k];
      let j = first[c];
      if (j < 0) continue;
      const v: number = data[k];
      checkValue(v, r, genes?.[c], nonNegative);
      const x = Math.fround(values.get(v, factor, r));
      if (x === 0) continue;
      for (; j >= 0; j = next[j]) acc.add(j, x);
    }
    if (indptr[r + 1] >= pauseAt) {
      pauseAt = indptr[r + 1] + VALUES_BETWEEN_PAUSES;
      yield r + 1;
    }
  }
  return acc.finish(input.rows);
}
