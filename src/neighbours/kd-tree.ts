/**
 * Exact k nearest neighbours of query rows among the reference rows of a low-dimensional matrix (a map's 2–3
 * coordinates) with a k-d tree. It replaced a sweep along the reference's widest axis, which scans every
 * reference row whose coordinate on that axis lies within the k-th distance of the query: in a trained map a
 * class sits compactly, so the slab holds a good part of the class for every query, and the search grew with
 * queries × reference (Save session's predictions against a 10⁶-cell map took 181 CPU s, projecting 10⁵ cells
 * onto it 425; bench/README "How large a session gets"). The tree visits only the leaves near the query.
 *
 * The answer is the sweep's and the plain loop's exactly: the same float64 distances (`squaredRowDistance`),
 * offered to the same `TopK` (its order does not depend on the order of offers: equal distances go to the
 * lower index), and a subtree is skipped only when its side of a split is farther along that axis alone than
 * the k-th distance kept, strictly — a reference exactly as far as the k-th is still offered.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { squaredRowDistance } from './row-distance.js';
import type { TopK } from './top-k.js';

/** Rows a leaf holds at most: below this a scan is cheaper than another split. */
const LEAF_ROWS = 16;

/** A balanced k-d tree over the rows of a matrix, in one permutation of the rows and one split per node. */
export class KdTree {
  /** The rows, reordered so that every node's rows are one range of it. */
  private readonly order: Int32Array;
  /** Per node (implicit layout: the children of node i are 2i + 1 and 2i + 2), the axis it splits on. */
  private readonly axes: Uint8Array;
  /** Per node, the coordinate it splits at: rows before the middle are ≤ it, from the middle on ≥ it. */
  private readonly splits: Float64Array;

  constructor(private readonly reference: DenseMatrix) {
    const n = reference.rows;
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    let nodes = 1;
    while (nodes * LEAF_ROWS < n) nodes *= 2;
    this.axes = new Uint8Array(2 * nodes);
    this.splits = new Float64Array(2 * nodes);
    this.build(0, 0, n);
  }

  /** Offers `top` every reference row that can be among the k nearest of each query row (`skip[q]`: none). */
  search(query: DenseMatrix, top: TopK, exclude?: Int32Array): void {
    const d = query.cols;
    for (let q = 0; q < query.rows; q++) {
      this.visit(0, 0, this.reference.rows, query.data, q * d, q, top, exclude ? exclude[q] : -1);
    }
  }

  private build(node: number, lo: number, hi: number): void {
    if (hi - lo <= LEAF_ROWS) return;
    const axis = this.widestAxis(lo, hi);
    const mid = (lo + hi) >>> 1;
    this.select(lo, hi, mid, axis);
    this.axes[node] = axis;
    this.splits[node] = this.key(this.order[mid], axis);
    this.build(2 * node + 1, lo, mid);
    this.build(2 * node + 2, mid, hi);
  }

  private key(row: number, axis: number): number {
    return this.reference.data[row * this.reference.cols + axis];
  }

  /** The axis along which the rows lo … hi − 1 spread the most. */
  private widestAxis(lo: number, hi: number): number {
    const { data, cols } = this.reference;
    let best = 0;
    let widest = -1;
    for (let c = 0; c < cols; c++) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = lo; i < hi; i++) {
        const v = data[this.order[i] * cols + c];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min > widest) {
        widest = max - min;
        best = c;
      }
    }
    return best;
  }

  /** Reorders order[lo … hi − 1] so that the row at `nth` has every row ≤ it on `axis` before it (quickselect). */
  private select(lo: number, hi: number, nth: number, axis: number): void {
    const order = this.order;
    let left = lo;
    let right = hi - 1;
    while (right > left) {
      const pivot = this.key(order[(left + right) >>> 1], axis);
      let i = left;
      let j = right;
      while (i <= j) {
        while (this.key(order[i], axis) < pivot) i++;
        while (this.key(order[j], axis) > pivot) j--;
        if (i <= j) {
          const t = order[i];
          order[i] = order[j];
          order[j] = t;
          i++;
          j--;
        }
      }
      if (nth <= j) right = j;
      else if (nth >= i) left = i;
      else return;
    }
  }

  private visit(
    node: number,
    lo: number,
    hi: number,
    queries: Float32Array,
    offset: number,
    q: number,
    top: TopK,
    skip: number,
  ): void {
    if (hi - lo <= LEAF_ROWS) {
      const { data, cols } = this.reference;
      for (let i = lo; i < hi; i++) {
        const j = this.order[i];
        if (j === skip) continue;
        const s = squaredRowDistance(queries, offset, data, j * cols, cols);
        if (s <= top.bound(q)) top.offer(q, j, s);
      }
      return;
    }
    const mid = (lo + hi) >>> 1;
    const gap = queries[offset + this.axes[node]] - this.splits[node];
    // the query's side first; the other side's rows are at least |gap| away along this axis alone
    if (gap < 0) {
      this.visit(2 * node + 1, lo, mid, queries, offset, q, top, skip);
      if (gap * gap <= top.bound(q)) this.visit(2 * node + 2, mid, hi, queries, offset, q, top, skip);
    } else {
      this.visit(2 * node + 2, mid, hi, queries, offset, q, top, skip);
      if (gap * gap <= top.bound(q)) this.visit(2 * node + 1, lo, mid, queries, offset, q, top, skip);
    }
  }
}
