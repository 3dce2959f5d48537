/**
 * Builds a CsrMatrix (cells × genes) from entries arriving one at a time in any order, with memory that
 * follows the entries: typed arrays sized by the declared entry count, never one object per entry.
 *
 * Files written from a column-compressed matrix (Cell Ranger, scipy) list the entries cell by cell. While
 * that holds, the gene and value arrays already are the CSR `indices` and `data` (8 bytes an entry) and the
 * cell of each entry need not be kept. The first entry out of cell order switches to keeping the cells
 * (4 more bytes an entry, back-filled from the per-cell counts so far) and a counting sort at the end
 * (another 8 bytes an entry while it runs).
 */
import type { CsrMatrix } from '../../api/matrix.js';
import { sharedArray } from '../../util/shared-arrays.js';

/** Two entries at the same place: the builder reports where, the caller finds the lines. */
export interface RepeatedEntry {
  cell: number;
  gene: number;
}

/** What the out-of-order path adds at its peak: 4 B cell + 8 B sorted copy per entry, 8 B per cell. */
export function unsortedExtraBytes(entries: number, cells: number): number {
  return entries * 12 + cells * 8;
}

export class CooToCsr {
  private readonly counts: Float64Array;
  private genes: Int32Array;
  private values: Float32Array;
  private cellOf: Int32Array | null = null;
  private lastCell = 0;
  /** Entries added so far. */
  size = 0;

  /**
   * @param cells rows of the result
   * @param geneCount columns of the result
   * @param capacity the most entries that will be added (the header's count)
   * @param beforeUnsorted called with the extra bytes the out-of-order path will allocate (the cell of each
   *   entry, the sorted copies and a pointer per cell), before it does; it throws to refuse. Default: none.
   */
  constructor(
    readonly cells: number,
    readonly geneCount: number,
    private readonly capacity: number,
    private readonly beforeUnsorted?: (extraBytes: number) => void,
  ) {
    this.counts = new Float64Array(cells + 1);
    // on shared memory: worker threads (the marker rank index) read the matrix without a copy
    this.genes = sharedArray(Int32Array, capacity);
    this.values = sharedArray(Float32Array, capacity);
  }

  /** Adds one entry; the caller has checked the indices (0-based) and that fewer than `capacity` were added. */
  add(cell: number, gene: number, value: number): void {
    const k = this.size++;
    if (this.cellOf === null) {
      if (cell < this.lastCell) this.keepCells();
      else this.lastCell = cell;
    }
    if (this.cellOf !== null) this.cellOf[k] = cell;
    this.genes[k] = gene;
    this.values[k] = value;
    this.counts[cell + 1]++;
  }

  /** Out of cell order: from now on each entry's cell is stored; those so far follow from the counts. */
  private keepCells(): void {
    this.beforeUnsorted?.(unsortedExtraBytes(this.capacity, this.cells));
    const cellOf = new Int32Array(this.capacity);
    let k = 0;
    for (let c = 0; c < this.cells; c++) {
      const n = this.counts[c + 1];
      cellOf.fill(c, k, k + n);
      k += n;
    }
    this.cellOf = cellOf;
  }

  /** The CSR matrix, columns ascending within each row; or the first place two entries share. */
  finish(): { matrix: CsrMatrix } | { repeated: RepeatedEntry } {
    const indptr = this.counts;
    for (let c = 0; c < this.cells; c++) indptr[c + 1] += indptr[c];
    let indices = this.trimmed(this.genes);
    let data = this.trimmed(this.values);
    if (this.cellOf !== null) {
      const next = new Float64Array(indptr.subarray(0, this.cells));
      const sortedIndices = sharedArray(Int32Array, this.size);
      const sortedData = sharedArray(Float32Array, this.size);
      const cellOf = this.cellOf;
      for (let k = 0; k < this.size; k++) {
        const at = next[cellOf[k]]++;
        sortedIndices[at] = indices[k];
        sortedData[at] = data[k];
      }
      this.cellOf = null;
      indices = sortedIndices;
      data = sortedData;
    }
    // Release the builder's references so only the result holds the arrays.
    this.genes = new Int32Array(0);
    this.values = new Float32Array(0);
    for (let c = 0; c < this.cells; c++) {
      const start = indptr[c];
      const end = indptr[c + 1];
      if (!ascending(indices, start, end)) sortSegment(indices, data, start, end);
      for (let k = start + 1; k < end; k++) {
        if (indices[k] === indices[k - 1]) return { repeated: { cell: c, gene: indices[k] } };
      }
    }
    return {
      matrix: { format: 'csr', rows: this.cells, cols: this.geneCount, indptr, indices, data },
    };
  }

  /** The filled part of an array: a view when little is unused, a copy when much is (dropped features). */
  private trimmed<T extends Int32Array | Float32Array>(array: T): T {
    if (this.size === array.length) return array;
    return (
      this.size >= array.length * 0.875 ? array.subarray(0, this.size) : array.slice(0, this.size)
    ) as T;
  }
}

function ascending(indices: Int32Array, start: number, end: number): boolean {
  for (let k = start + 1; k < end; k++) if (indices[k] < indices[k - 1]) return false;
  return true;
}

/** Sorts one row's entries by column, moving the values along (equal columns stay adjacent). */
function sortSegment(indices: Int32Array, data: Float32Array, start: number, end: number): void {
  const order = Array.from({ length: end - start }, (_, i) => start + i);
  order.sort((a, b) => indices[a] - indices[b]);
  const sortedIndices = Int32Array.from(order, (k) => indices[k]);
  const sortedData = Float32Array.from(order, (k) => data[k]);
  indices.set(sortedIndices, start);
  data.set(sortedData, start);
}
