/**
 * The extra triplets of the two scale-free terms (issue 13), appended after a batch's own rows and labelled −1
 * so no miner ever takes them; the loss is losses/host-order-loss.ts for both.
 * - Within-class neighbour-order triplets (`orderWeight`): anchor a labelled cell, positive one of its
 *   input-space neighbours of the same class, negative candidates other cells of that class. The loss asks only
 *   that the positive sit a ratio nearer than the negative, so it orders a class's cells by the input without
 *   spreading the class: the triplet loss keeps classes apart, this keeps the neighbourhoods inside them.
 *   Rows: [U anchors; U positives; then one block of U negatives per candidate].
 * - Class-ratio triplets (`classRatioWeight`), after the order rows: see appendClassRatioTriplets.
 */
import { randomInt, type Random } from '../util/random.js';
import type { AnchorNeighbours } from './anchor-neighbours.js';
import type { Batch } from './batch.js';
import type { ClassIndex } from './class-index.js';
import { pickNegative, pickPositive } from './pick.js';

/** Another cell of `label`'s class than `anchor` and `positive`, or −1 after a few failed draws. */
function otherMember(members: Int32Array, anchor: number, positive: number, random: Random): number {
  for (let attempt = 0; attempt < 8; attempt++) {
    const row = members[randomInt(random, members.length)];
    if (row !== anchor && row !== positive) return row;
  }
  return -1;
}

/**
 * One order triplet [anchor, positive, …candidates], or undefined when the drawn anchor cannot make one. The
 * loss takes the candidate nearest the anchor in the map as the negative (a semi-hard negative: random
 * cells of the class are mostly far already, and the term would go quiet).
 */
function orderTriplet(
  lists: AnchorNeighbours,
  index: ClassIndex,
  labels: Int32Array,
  candidates: number,
  random: Random,
): number[] | undefined {
  const slot = randomInt(random, lists.anchors.length);
  const anchor = lists.anchors[slot];
  const label = labels[anchor];
  if (label < 0) return undefined;
  const members = index.members[label];
  if (members.length < 3) return undefined;
  const own = lists.index.subarray(slot * lists.k, (slot + 1) * lists.k);
  // a random same-class neighbour: start at a random position and take the first of the class
  const start = randomInt(random, own.length);
  let positive = -1;
  for (let i = 0; i < own.length && positive < 0; i++) {
    const candidate = own[(start + i) % own.length];
    if (candidate !== anchor && labels[candidate] === label) positive = candidate;
  }
  if (positive < 0) return undefined;
  const out = [anchor, positive];
  for (let j = 0; j < candidates; j++) {
    let negative = otherMember(members, anchor, positive, random);
    // a candidate among the anchor's input neighbours would ask the map to push a neighbour away
    for (let attempt = 0; attempt < 4 && own.includes(negative); attempt++) {
      negative = otherMember(members, anchor, positive, random);
    }
    if (negative < 0) return undefined;
    out.push(negative);
  }
  return out;
}

/**
 * Appends up to `count` order triplets to `batch` (fewer when draws keep failing: a class of one or two cells,
 * an anchor whose neighbours are all of other classes), each with `candidates` negative candidates. Rows:
 * [U anchors; U positives; then `candidates` blocks of U negatives]. The batch's `order` says where they start.
 */
export function appendOrderTriplets(
  batch: Batch,
  count: number,
  candidates: number,
  lists: AnchorNeighbours,
  index: ClassIndex,
  labels: Int32Array,
  random: Random,
): Batch {
  if (lists.anchors.length === 0 || lists.k === 0) return batch;
  const triplets: number[][] = [];
  for (let attempt = 0; attempt < 4 * count && triplets.length < count; attempt++) {
    const t = orderTriplet(lists, index, labels, candidates, random);
    if (t) triplets.push(t);
  }
  const u = triplets.length;
  if (u === 0) return batch;
  const offset = batch.rows.length;
  const width = 2 + candidates;
  const rows = new Int32Array(offset + width * u);
  rows.set(batch.rows);
  triplets.forEach((t, q) => t.forEach((row, role) => (rows[offset + role * u + q] = row)));
  const rowLabels = new Int32Array(rows.length).fill(-1);
  rowLabels.set(batch.labels);
  return { ...batch, rows, labels: rowLabels, order: { offset, count: u, candidates } };
}

/**
 * Class-ratio triplets (`classRatioWeight`): anchor a labelled cell, positive a random cell of its class,
 * negative a random cell of another class, for the same log-ratio loss as the order triplets with its own
 * ratio. The silhouette compares a cell's mean distance to its class with that to the nearest other class —
 * a ratio — so this term asks for compact classes at any scale: it pulls back what the order term spreads
 * (the margin of the triplet loss does not, once the map has grown past it). Rows: [U anchors; U positives;
 * U negatives], after the order rows; the batch's `ratio` says where they start.
 */
export function appendClassRatioTriplets(
  batch: Batch,
  count: number,
  index: ClassIndex,
  labels: Int32Array,
  random: Random,
): Batch {
  if (index.anchorRows.length === 0 || count <= 0) return batch;
  const offset = batch.rows.length;
  const rows = new Int32Array(offset + 3 * count);
  rows.set(batch.rows);
  for (let q = 0; q < count; q++) {
    const anchor = index.anchorRows[randomInt(random, index.anchorRows.length)];
    const negative = pickNegative(index, labels, [labels[anchor]], random);
    // only when every labelled cell shares the anchor's class: the sampler refuses such labels before this
    if (negative < 0) return batch;
    rows[offset + q] = anchor;
    rows[offset + count + q] = pickPositive(index, labels, anchor, random);
    rows[offset + 2 * count + q] = negative;
  }
  const rowLabels = new Int32Array(rows.length).fill(-1);
  rowLabels.set(batch.labels);
  return { ...batch, rows, labels: rowLabels, ratio: { offset, count, candidates: 1 } };
}
