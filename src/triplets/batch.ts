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
   * is off. `uniformNegatives`: a third block of E uniformly drawn negatives follows the tails.
   */
  graph?: { offset: number; edges: number; shifts: Int32Array; uniformNegatives?: boolean };
  /**
   * Rows from `offset` on are `count` within-class neighbour-order triplets, [anchors; positives; then
   * `candidates` blocks of negative candidates] (order-triplets.ts), before any graph rows: the trainer keeps them out of the triplet loss and adds the
   * order loss over them. Absent when `orderWeight` is 0.
   */
  order?: { offset: number; count: number; candidates: number };
  /**
   * Rows from `offset` on are `count` class-ratio triplets, [anchors; positives; negatives]
   * (order-triplets.ts `appendClassRatioTriplets`), after any order rows and before any graph rows. Absent when
   * `classRatioWeight` is 0.
   */
  ratio?: { offset: number; count: number; candidates: number };
}

/**
 * Collects triplets over input rows and maps them to batch-local indices, each input row embedded once.
 * The mapping is made lazily (before the next `row` call or in `build`, in the order of the calls, so the
 * layout is the same): the aligned layout of the offline samplers does not need it, and its hash-map
 * look-ups were most of the sampler's time a step.
 */
export class BatchBuilder {
  private readonly local = new Map<number, number>();
  private readonly rows: number[] = [];
  private readonly rowLabels: number[] = [];
  private readonly a: number[] = [];
  private readonly p: number[] = [];
  private readonly n: number[] = [];
  private readonly n2: number[] = [];
  private readonly inputTriplets: [number, number, number, number][] = [];
  /** inputTriplets[mapped..] are not in the local lists yet. */
  private mapped = 0;

  constructor(private readonly labels: Int32Array) {}

  /** Adds an input row to the batch (if not already there) and returns its batch index. */
  row(inputRow: number): number {
    this.mapTriplets();
    return this.addRow(inputRow);
  }

  private addRow(inputRow: number): number {
    let index = this.local.get(inputRow);
    if (index === undefined) {
      index = this.rows.length;
      this.local.set(inputRow, index);
      this.rows.push(inputRow);
      this.rowLabels.push(this.labels[inputRow]);
    }
    return index;
  }

  /** Maps the triplets added since the last call to batch-local rows, in the order they were added. */
  private mapTriplets(): void {
    for (; this.mapped < this.inputTriplets.length; this.mapped++) {
      const [anchor, positive, negative, negative2] = this.inputTriplets[this.mapped];
      this.a.push(this.addRow(anchor));
      this.p.push(this.addRow(positive));
      this.n.push(this.addRow(negative));
      this.n2.push(negative2 >= 0 ? this.addRow(negative2) : -1);
    }
  }

  /** Adds a triplet of input rows; `negative2` −1 when there is none. */
  triplet(anchor: number, positive: number, negative: number, negative2 = -1): void {
    this.inputTriplets.push([anchor, positive, negative, negative2]);
  }

  /**
   * The aligned layout: T anchors, then T positives, T negatives and, when any triplet has one, T second
   * negatives (a missing one repeats the negative; `negative2` is −1 there so the loss can skip it).
   */
  buildAligned(): Batch {
    const t = this.inputTriplets;
    const count = t.length;
    const withSecond = t.some((q) => q[3] >= 0);
    const roles = withSecond ? 4 : 3;
    const rows = new Int32Array(roles * count);
    const negative2 = new Int32Array(count);
    for (let q = 0; q < count; q++) {
      const [a, p, n, n2] = t[q];
      rows[q] = a;
      rows[count + q] = p;
      rows[2 * count + q] = n;
      if (withSecond) rows[3 * count + q] = n2 >= 0 ? n2 : n;
      negative2[q] = n2 >= 0 ? 3 * count + q : -1;
    }
    const labels = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) labels[i] = this.labels[rows[i]];
    const at = (offset: number): Int32Array => {
      const out = new Int32Array(count);
      for (let q = 0; q < count; q++) out[q] = offset * count + q;
      return out;
    };
    return {
      rows,
      labels,
      fixed: { anchor: at(0), positive: at(1), negative: at(2), negative2 },
      aligned: true,
    };
  }

  build(): Batch {
    this.mapTriplets();
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
