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
    this.a.push(this.row(anchor));
    this.p.push(this.row(positive));
    this.n.push(this.row(negative));
    this.n2.push(negative2 >= 0 ? this.row(negative2) : -1);
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
