/**
 * Each gene's non-zero values among the tested cells, split into group and reference, read from the table's
 * own matrix (CSR or dense) without a dense or transposed copy of it: genes are visited in blocks whose
 * non-zeros fit a bounded buffer, and each CSR row keeps a cursor into its (ascending) columns, so every
 * stored value is read twice in all (a count, then a copy) however many blocks there are.
 */
import type { ExpressionMatrix } from '../data/types.js';
import { isCsr } from '../data/sparse.js';
import { EngineError } from '../api/errors.js';
import type { MarkerSides } from './marker-groups.js';

/** What a stored value becomes: log1p(value · factor of its cell) when `factors` is set, else itself. */
export interface ValueTransform {
  /** Per dataset row: target sum / library size (0 for an empty cell); null leaves values as imported. */
  factors: Float64Array | null;
}

/** Called once per gene with its non-zero values (group's, reference's; the buffers are reused after). */
export type GeneVisitor = (gene: number, group: Float32Array, reference: Float32Array) => void;

/** Default buffer size of one block of genes, in values (16 MB of float32). */
export const DEFAULT_BLOCK_VALUES = 1 << 22;

/** Small whole counts whose transformed value is remembered per cell (most stored counts are 1, 2, 3…). */
const MEMO = 64;

/** transform(v) for the cells of one row at a time, with the small-count memo of csr-transform's RowValues. */
export class CellTransform {
  private readonly memo = new Float64Array(MEMO);
  private readonly memoCell = new Int32Array(MEMO).fill(-1);

  constructor(
    private readonly factors: Float64Array | null,
    private readonly genes: readonly string[],
  ) {}

  value(v: number, row: number, gene: number): number {
    if (this.factors === null) {
      if (!Number.isFinite(v)) {
        throw new EngineError({
          kind: 'invalid-request',
          message: `Cannot rank cell row ${row}, gene ${this.genes[gene]}: its value is ${v}`,
        });
      }
      return v;
    }
    const factor = this.factors[row];
    if (!(v > 0 && v < MEMO && v === Math.floor(v))) return Math.log1p(v * factor);
    if (this.memoCell[v] === row) return this.memo[v];
    const x = Math.log1p(v * factor);
    this.memo[v] = x;
    this.memoCell[v] = row;
    return x;
  }
}

/** Non-zero counts per gene: [2g] in the group, [2g + 1] in the reference. */
function countNonZeros(matrix: ExpressionMatrix, sides: MarkerSides): Int32Array {
  const counts = new Int32Array(matrix.cols * 2);
  const { cells, inGroup } = sides;
  for (let i = 0; i < cells.length; i++) {
    const side = inGroup[i] === 1 ? 0 : 1;
    const r = cells[i];
    if (isCsr(matrix)) {
      const { indptr, indices, data } = matrix;
      for (let k = indptr[r]; k < indptr[r + 1]; k++) if (data[k] !== 0) counts[indices[k] * 2 + side]++;
    } else {
      const base = r * matrix.cols;
      for (let g = 0; g < matrix.cols; g++) if (matrix.data[base + g] !== 0) counts[g * 2 + side]++;
    }
  }
  return counts;
}

/**
 * Calls `visit` for every gene in column order with its non-zero transformed values in the group and in the
 * reference (unsorted; the visitor may sort them in place). Non-zero counts per gene come back too.
 */
export function visitGeneValues(
  matrix: ExpressionMatrix,
  genes: readonly string[],
  sides: MarkerSides,
  transform: ValueTransform,
  visit: GeneVisitor,
  blockValues: number = DEFAULT_BLOCK_VALUES,
): Int32Array {
  const counts = countNonZeros(matrix, sides);
  let largest = 0;
  for (let g = 0; g < matrix.cols; g++) largest = Math.max(largest, counts[2 * g] + counts[2 * g + 1]);
  const buffer = new Float32Array(Math.max(blockValues, largest, 1));
  const start = new Float64Array(matrix.cols * 2 + 1); // where each gene's group/reference values go
  const write = new Float64Array(matrix.cols * 2);
  const cursor = isCsr(matrix) ? Float64Array.from(sides.cells, (r) => matrix.indptr[r]) : null;
  const cellTransform = new CellTransform(transform.factors, genes);
  let g0 = 0;
  while (g0 < matrix.cols) {
    // the block: genes g0 … g1 − 1 whose values fit the buffer (always at least one gene)
    let g1 = g0;
    let used = 0;
    while (g1 < matrix.cols && (g1 === g0 || used + counts[2 * g1] + counts[2 * g1 + 1] <= buffer.length)) {
      start[2 * g1] = used;
      start[2 * g1 + 1] = used + counts[2 * g1];
      write[2 * g1] = start[2 * g1];
      write[2 * g1 + 1] = start[2 * g1 + 1];
      used += counts[2 * g1] + counts[2 * g1 + 1];
      g1++;
    }
    fillBlock(matrix, sides, cursor, cellTransform, g0, g1, buffer, write);
    for (let g = g0; g < g1; g++) {
      const a = start[2 * g];
      const b = start[2 * g + 1];
      visit(g, buffer.subarray(a, b), buffer.subarray(b, b + counts[2 * g + 1]));
    }
    g0 = g1;
  }
  return counts;
}

/** Copies the transformed non-zeros of genes [g0, g1) into the buffer at each gene's write positions. */
function fillBlock(
  matrix: ExpressionMatrix,
  sides: MarkerSides,
  cursor: Float64Array | null,
  cellTransform: CellTransform,
  g0: number,
  g1: number,
  buffer: Float32Array,
  write: Float64Array,
): void {
  const { cells, inGroup } = sides;
  for (let i = 0; i < cells.length; i++) {
    const side = inGroup[i] === 1 ? 0 : 1;
    const r = cells[i];
    if (isCsr(matrix) && cursor !== null) {
      const { indptr, indices, data } = matrix;
      const end = indptr[r + 1];
      let k = cursor[i];
      for (; k < end && indices[k] < g1; k++) {
        const v = data[k];
        if (v === 0) continue;
        const g = indices[k];
        buffer[write[g * 2 + side]++] = cellTransform.value(v, r, g);
      }
      cursor[i] = k;
    } else {
      const base = r * matrix.cols;
      for (let g = g0; g < g1; g++) {
        const v = matrix.data[base + g];
        if (v !== 0) buffer[write[g * 2 + side]++] = cellTransform.value(v, r, g);
      }
    }
  }
}
