/**
 * The per-cell part of preprocessing, applied to a block of rows at a time so no step ever needs a second
 * full-size copy of the matrix: library-size normalisation (totals over every gene of the input), log1p,
 * gene selection/alignment, z-score and clipping. The arithmetic is float64 per value, rounded once to
 * float32 on output, so the same plan on the same input always gives the same bits.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { PreprocessError, describeCell } from './errors.js';
import { CoreError } from '../api/core-error.js';
import { runNow, VALUES_BETWEEN_PAUSES, type Paced } from './paced.js';

export interface RowPlan {
  /** Library-size normalisation to this total per cell, or null. */
  targetSum: number | null;
  log1p: boolean;
  /** For each output column, the input column it reads; −1 for a gene the input lacks. */
  columns: Int32Array;
  /** Per output column: subtracted before dividing by `scales` (z-score); null skips the z-score. */
  means: Float64Array | null;
  /** Per output column standard deviation; 0 marks a constant gene, whose z-score is 0. */
  scales: Float64Array | null;
  /** Clip z-scores to ±clip, or null. */
  clip: number | null;
  /** Per output column value written for a missing gene (0 after z-score, else the training mean). */
  fill: Float64Array;
}

/** Rows per block so that one block of `cols` float32 values stays near 16 MB. */
export function blockRows(cols: number, rows: number): number {
  return Math.max(1, Math.min(rows, Math.floor((1 << 22) / Math.max(1, cols))));
}

function badValue(value: number, row: number, gene: string | undefined, needsNonNegative: boolean): never {
  if (!Number.isFinite(value)) {
    throw new PreprocessError(
      'not-finite',
      `Cannot preprocess: ${describeCell(row, gene)} holds ${value}; every expression value must be a finite number`,
      { row, gene, value },
    );
  }
  throw new PreprocessError(
    'negative',
    `Cannot ${needsNonNegative ? 'normalise or log-transform' : 'preprocess'}: ${describeCell(row, gene)} is ${value}, ` +
      'but library-size normalisation and log1p need non-negative values (raw counts). ' +
      'These values look already transformed: turn normalisation and log1p off.',
    { row, gene, value },
  );
}

/** Rejects a value preprocessing cannot use: negative or non-finite under normalisation/log, else non-finite. */
export function checkValue(v: number, row: number, gene: string | undefined, nonNegative: boolean): void {
  if (nonNegative) {
    if (!(v >= 0) || v === Infinity) badValue(v, row, gene, true);
  } else if (!Number.isFinite(v)) {
    badValue(v, row, gene, false);
  }
}

/**
 * Library-size normalisation (× the cell's factor) and log1p of one value, in float64 — the one place this
 * arithmetic is written, so dense and sparse inputs give the same bits.
 */
export function normaliseValue(plan: RowPlan, v: number, factor: number): number {
  if (plan.targetSum !== null) v *= factor;
  return plan.log1p ? Math.log1p(v) : v;
}

/** Z-score and clipping of output column `j` (nothing when the plan does not z-score). */
export function standardiseValue(plan: RowPlan, j: number, v: number): number {
  const { means, scales, clip } = plan;
  if (means === null || scales === null) return v;
  const s = scales[j];
  v = s > 0 ? (v - means[j]) / s : 0;
  if (clip !== null) v = v > clip ? clip : v < -clip ? -clip : v;
  return v;
}

/**
 * Per-cell library-size factors targetSum / Σ_genes x (0 for a cell without counts), summed in float64 over
 * every gene of the input. Computed once per input, because every later pass reuses them; this pass also
 * rejects negative and non-finite values anywhere in the matrix.
 */
export function libraryFactors(
  input: DenseMatrix,
  targetSum: number,
  genes?: readonly string[],
): Float64Array {
  return runNow(libraryFactorSteps(input, targetSum, genes));
}

/** `libraryFactors`, pausing every ~VALUES_BETWEEN_PAUSES values with the rows done. */
export function* libraryFactorSteps(
  input: DenseMatrix,
  targetSum: number,
  genes?: readonly string[],
): Paced<Float64Array, number> {
  const { data, cols } = input;
  const factors = new Float64Array(input.rows);
  let sincePause = 0;
  for (let r = 0; r < input.rows; r++) {
    const base = r * cols;
    let total = 0;
    for (let c = 0; c < cols; c++) {
      const x = data[base + c];
      checkValue(x, r, genes?.[c], true);
      total += x;
    }
    // A cell with no counts at all stays all-zero rather than dividing by zero.
    factors[r] = total > 0 ? targetSum / total : 0;
    sincePause += cols;
    if (sincePause >= VALUES_BETWEEN_PAUSES) {
      sincePause = 0;
      yield r + 1;
    }
  }
  return factors;
}

/**
 * Writes the transformed rows [r0, r1) of `input` into `out` (row-major, `plan.columns.length` wide).
 * `factors` are the input's `libraryFactors` (required when the plan normalises). `genes` (the input's gene
 * names) is only used in error messages.
 */
export function transformRows(
  plan: RowPlan,
  input: DenseMatrix,
  r0: number,
  r1: number,
  out: Float32Array,
  factors: Float64Array | null,
  genes?: readonly string[],
): void {
  const { data, cols } = input;
  const width = plan.columns.length;
  const normalise = plan.targetSum !== null;
  if (normalise && factors === null)
    throw new CoreError('internal', 'transformRows: normalising needs library factors');
  const nonNegative = normalise || plan.log1p;
  const { fill, columns } = plan;
  for (let r = r0; r < r1; r++) {
    const base = r * cols;
    const factor = normalise ? factors![r] : 1;
    const o = (r - r0) * width;
    for (let j = 0; j < width; j++) {
      const c = columns[j];
      if (c < 0) {
        out[o + j] = fill[j];
        continue;
      }
      const v: number = data[base + c];
      checkValue(v, r, genes?.[c], nonNegative);
      out[o + j] = standardiseValue(plan, j, normaliseValue(plan, v, factor));
    }
  }
}

/** A source of transformed rows, read block by block (what PCA and the statistics passes consume). */
export interface RowSource {
  rows: number;
  cols: number;
  /** Writes rows [r0, r1) into `out`. */
  read(r0: number, r1: number, out: Float32Array): void;
  /** Rows [r0, r1) without a copy, when the source holds them (a kept matrix); readers must not write to it. */
  view?(r0: number, r1: number): Float32Array;
}

/** A matrix as a row source (no transformation). */
export function matrixSource(m: DenseMatrix): RowSource {
  return {
    rows: m.rows,
    cols: m.cols,
    read: (r0, r1, out) => out.set(m.data.subarray(r0 * m.cols, r1 * m.cols)),
  };
}

/** A matrix as a row source whose blocks are views of it (no copy per pass): for a matrix read many times. */
export function lendingSource(m: DenseMatrix): RowSource {
  return { ...matrixSource(m), view: (r0, r1) => m.data.subarray(r0 * m.cols, r1 * m.cols) };
}

/** Every row of the source as a dense matrix, read block by block straight into it. */
export function readAll(source: RowSource): DenseMatrix {
  return runNow(readAllSteps(source));
}

/** `readAll`, pausing after each block with the rows read. */
export function* readAllSteps(source: RowSource): Paced<DenseMatrix, number> {
  const width = source.cols;
  const data = new Float32Array(source.rows * width);
  const step = blockRows(width, source.rows);
  for (let r0 = 0; r0 < source.rows; r0 += step) {
    const r1 = Math.min(source.rows, r0 + step);
    source.read(r0, r1, data.subarray(r0 * width, r1 * width));
    yield r1;
  }
  return { data, rows: source.rows, cols: width };
}

/** The rows `rows` of `source`, in that order, as a dense matrix. */
export function readRows(source: RowSource, rows: readonly number[]): DenseMatrix {
  const width = source.cols;
  const data = new Float32Array(rows.length * width);
  rows.forEach((r, i) => source.read(r, r + 1, data.subarray(i * width, (i + 1) * width)));
  return { data, rows: rows.length, cols: width };
}

/**
 * Calls `visit` with consecutive blocks of the source (the buffer is reused between calls; a source with a
 * `view` lends its own rows instead, which `visit` must not write to).
 */
export function forEachBlock(
  source: RowSource,
  visit: (block: Float32Array, r0: number, r1: number) => void,
): void {
  runNow(blockSteps(source, visit));
}

/** `forEachBlock`, pausing after each block's visit with the rows visited. */
export function* blockSteps(
  source: RowSource,
  visit: (block: Float32Array, r0: number, r1: number) => void,
): Paced<void, number> {
  const step = blockRows(source.cols, source.rows);
  if (source.view) {
    for (let r0 = 0; r0 < source.rows; r0 += step) {
      const r1 = Math.min(source.rows, r0 + step);
      visit(source.view(r0, r1), r0, r1);
      yield r1;
    }
    return;
  }
  const buffer = new Float32Array(step * source.cols);
  for (let r0 = 0; r0 < source.rows; r0 += step) {
    const r1 = Math.min(source.rows, r0 + step);
    const block = buffer.subarray(0, (r1 - r0) * source.cols);
    source.read(r0, r1, block);
    visit(block, r0, r1);
    yield r1;
  }
}
