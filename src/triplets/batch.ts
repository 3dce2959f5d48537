/**
 * One training step's worth of rows. The trainer embeds `rows` (selected from the input in JS, before the
 * gradient tape), builds their pairwise distance matrix, then takes its triplets from `fixed` and, for the
 * online samplers, from mining that matrix.
 */
import type { TripletIndices } from '../losses/matrix-loss.js';

export interface Batch {
  /** Input row indices to embed; triplet indices below point into this list. */
  rows: Int32Array;
  /** Class of each batch row; −1 for unlabeled rows (never mined as anchor, positive or negative). */
  labels: Int32Array;
  /** Triplets decided before embedding (offline samplers, and unlabeled anchors for every sampler). */
  fixed: TripletIndices;
  /**
   * Rows laid out as [anchors; positives; negatives; second negatives] (offline samplers): the trainer then
   * takes each role with a slice, and needs no pairwise distance matrix. A row may appear more than once.
   */
  aligned?: boolean;
  /**
   * Rows from `offset` on are sampled neighbour-graph edges, [E heads; E tails] (src/objective): the trainer
   * keeps them out of the triplet loss and adds the UMAP cross-entropy over them. Absent when the graph term
   * is off.
   */
  graph?: { offset: number; edges: number; shifts: Int32Array };
}

/** Collects triplets over input rows and maps them to batch-local indices, each input row embedded once. */
export class BatchBuilder {
  private readonly local = new Map<number, number>();
  private readonly rows: number[] = [];
  private readonly rowLabels: number[] = [];
  private readonly a: number[] = [];
  private readonly p: number[] = [];
  private readonly n: number[] = [];
  private readonly n2: number[] = [];
  private readonly inputTriplets: [number, number, number, number][] = [];

  constructor(private readonly labels: Int32Array) {}

  /** Adds an input row to the batch (if not already there) and returns its batch index. */
  row(inputRow: number): number {
    let index = this.local.get(inputRow);
    if (index === undefined) {
      index = this.rows.length;
      this.local.set(inputRow, index);
      this.rows.push(inputRow);
      this.rowLabels.push(this.labels[inputRow]);
    }
    return index;
  }

  /** Adds a triplet of input rows; `negative2` −1 when there is none. */
  triplet(anchor: number, positive: number, negative: number, negative2 = -1): void {
    this.inputTriplets.push([anchor, positive, negative, negative2]);
    this.a.push(this.row(anchor));
    this.p.push(this.row(positive));
    this.n.push(this.row(negative));
    this.n2.push(negative2 >= 0 ? this.row(negative2) : -1);
  }

  /**
   * The aligned layout: T anchors, then T positives, T negatives and, when any triplet has one, T second
   * negatives (a missing one repeats the negative; `negative2` is −1 there so the loss can skip it).
   */
  buildAligned(): Batch {
    const t = this.inputTriplets;
    const withSecond = t.some((q) => q[3] >= 0);
    const roles = withSecond ? 4 : 3;
    const rows = new Int32Array(roles * t.length);
    t.forEach(([a, p, n, n2], q) => {
      rows[q] = a;
      rows[t.length + q] = p;
      rows[2 * t.length + q] = n;
      if (withSecond) rows[3 * t.length + q] = n2 >= 0 ? n2 : n;
    });
    const at = (offset: number): Int32Array => Int32Array.from(t, (_, q) => offset * t.length + q);
    return {
      rows,
      labels: Int32Array.from(rows, (r) => this.labels[r]),
      fixed: {
        anchor: at(0),
        positive: at(1),
        negative: at(2),
        negative2: Int32Array.from(t, (q, i) => (q[3] >= 0 ? 3 * t.length + i : -1)),
      },
      aligned: true,
    };
  }

  build(): Batch {
    return {
      rows: Int32Array.from(this.rows),
      labels: Int32Array.from(this.rowLabels),
      fixed: {
        anchor: Int32Array.from(this.a),
        positive: Int32Array.from(this.p),
        negative: Int32Array.from(this.n),
        negative2: Int32Array.from(this.n2),
      },
    };
  }
}
