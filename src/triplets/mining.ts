/**
 * Online triplet mining over one embedded batch, from the values of its pairwise distance matrix (row-major
 * n × n). Labels are compared in JS once per step (a broadcast tf.equal of labels dominated batch-hard
 * mining on wasm). Only labelled rows (label ≥ 0) are mined; a row is never its own positive or negative.
 */
import { randomInt, type Random } from '../util/random.js';
import { lowerBound } from '../util/lower-bound.js';
import type { TripletIndices } from '../losses/matrix-loss.js';

function toIndices(a: number[], p: number[], n: number[]): TripletIndices {
  return { anchor: Int32Array.from(a), positive: Int32Array.from(p), negative: Int32Array.from(n) };
}

/**
 * Batch-hard (Hermans et al. 2017): for every anchor with a positive and a negative in the batch, its
 * farthest positive and its closest negative.
 */
export function mineHard(d: Float32Array, labels: Int32Array): TripletIndices {
  const n = labels.length;
  const a: number[] = [];
  const p: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < n; i++) {
    if (labels[i] < 0) continue;
    let bestP = -1;
    let bestN = -1;
    for (let j = 0; j < n; j++) {
      if (j === i || labels[j] < 0) continue;
      const dij = d[i * n + j];
      if (labels[j] === labels[i]) {
        if (bestP < 0 || dij > d[i * n + bestP]) bestP = j;
      } else if (bestN < 0 || dij < d[i * n + bestN]) {
        bestN = j;
      }
    }
    if (bestP >= 0 && bestN >= 0) {
      a.push(i);
      p.push(bestP);
      neg.push(bestN);
    }
  }
  return toIndices(a, p, neg);
}

/**
 * Semi-hard (Schroff et al. 2015, FaceNet): for every anchor–positive pair, the closest negative that is
 * still farther than the positive (d(A,N) > d(A,P)); when no negative is, the farthest negative (the least
 * hard of the hard ones), as TensorFlow Addons does. Ties go to the lowest row index.
 *
 * Per anchor, its positives are sorted by distance, each negative is placed by binary search after the
 * positives it is farther than, and a suffix minimum gives every positive its closest farther negative:
 * O(n² log n) a batch instead of the O(n³ / classes) of scanning the negatives per pair, which made batches
 * above a few hundred cells cost more in mining than in the network (bench/README.md, "Training step"). The
 * choice is the scan's own (semiHardByScan: kept for rows with a NaN distance, and as the test's reference).
 */
export function mineSemiHard(d: Float32Array, labels: Int32Array): TripletIndices {
  const n = labels.length;
  const out: [number[], number[], number[]] = [[], [], []];
  const scratch = {
    keys: new Float64Array(n),
    bestCode: new Float64Array(n + 1),
    bestRow: new Int32Array(n + 1),
  };
  for (let i = 0; i < n; i++) {
    if (labels[i] < 0) continue;
    const sorted = n >= SORT_MIN_ROWS && n <= ROW_BITS && semiHardBySort(d, labels, i, scratch, out);
    if (!sorted) semiHardByScan(d, labels, i, ...out);
  }
  return toIndices(out[0], out[1], out[2]);
}

/**
 * Smaller batches scan (the default 128 cells: 1.3 against 1.9 ms CPU a batch sorted; 256 cells: 8 against
 * 4): both choose the same triplets.
 */
const SORT_MIN_ROWS = 256;

// a positive's sort key: its distance's order-preserving 32-bit code × 2²¹ + its row, exact in a float64 up
// to 2²¹ rows (a batch is at most 10⁵ cells), so one numeric sort orders by (distance, row)
const ROW_BITS = 2 ** 21;

/**
 * The order-preserving code of a float32 from its bits: non-negative values above 2³¹ in their own order,
 * negative ones below, mirrored; −0 and +0 both 2³¹ (equal, as the scan's comparisons have them).
 */
function orderedCode(bits: number): number {
  return bits >= 0x80000000 ? 0x80000000 - (bits - 0x80000000) : bits + 0x80000000;
}

/**
 * Anchor i's semi-hard triplets from its sorted positives; false (nothing pushed) when a distance of its row
 * is NaN, where codes and the scan's comparisons disagree.
 */
function semiHardBySort(
  d: Float32Array,
  labels: Int32Array,
  i: number,
  scratch: { keys: Float64Array; bestCode: Float64Array; bestRow: Int32Array },
  [a, p, neg]: [number[], number[], number[]],
): boolean {
  const n = labels.length;
  const row = i * n;
  const { keys, bestCode, bestRow } = scratch;
  const bits = new Uint32Array(d.buffer, d.byteOffset, d.length);
  let m = 0;
  for (let j = 0; j < n; j++) {
    if (j === i || labels[j] !== labels[i]) continue;
    if (Number.isNaN(d[row + j])) return false;
    keys[m++] = orderedCode(bits[row + j]) * ROW_BITS + j;
  }
  const positives = keys.subarray(0, m).sort();
  // bucket b: the closest negative farther than exactly the b closest positives (code, then row)
  bestCode.fill(Infinity, 0, m + 1);
  let farthest = -1;
  for (let k = 0; k < n; k++) {
    if (labels[k] < 0 || labels[k] === labels[i]) continue;
    const dan = d[row + k];
    if (Number.isNaN(dan)) return false;
    if (farthest < 0 || dan > d[row + farthest]) farthest = k;
    const code = orderedCode(bits[row + k]);
    const lo = lowerBound(positives, code * ROW_BITS, 0, m);
    // k ascending: an equal code keeps the lower row
    if (code < bestCode[lo]) {
      bestCode[lo] = code;
      bestRow[lo] = k;
    }
  }
  if (farthest < 0 || m === 0) return true;
  // the positive of rank r is served by buckets above r: a suffix minimum (one code is in one bucket only)
  const semiOf = new Int32Array(m);
  let code = Infinity;
  let best = -1;
  for (let r = m - 1; r >= 0; r--) {
    const c = bestCode[r + 1];
    if (c < code) {
      code = c;
      best = bestRow[r + 1];
    }
    semiOf[r] = best;
  }
  // rows in ascending order, as the scan pushes them
  const rankOf = new Map<number, number>();
  for (let r = 0; r < m; r++) rankOf.set(positives[r] % ROW_BITS, r);
  for (let j = 0; j < n; j++) {
    const r = rankOf.get(j);
    if (r === undefined) continue;
    a.push(i);
    p.push(j);
    neg.push(semiOf[r] >= 0 ? semiOf[r] : farthest);
  }
  return true;
}

/** Anchor i's semi-hard triplets by scanning every negative for every positive (the reference). */
export function semiHardByScan(
  d: Float32Array,
  labels: Int32Array,
  i: number,
  a: number[],
  p: number[],
  neg: number[],
): void {
  const n = labels.length;
  for (let j = 0; j < n; j++) {
    if (j === i || labels[j] !== labels[i]) continue;
    const dap = d[i * n + j];
    let semi = -1;
    let farthest = -1;
    for (let k = 0; k < n; k++) {
      if (labels[k] < 0 || labels[k] === labels[i]) continue;
      const dan = d[i * n + k];
      if (dan > dap && (semi < 0 || dan < d[i * n + semi])) semi = k;
      if (farthest < 0 || dan > d[i * n + farthest]) farthest = k;
    }
    if (farthest < 0) continue;
    a.push(i);
    p.push(j);
    neg.push(semi >= 0 ? semi : farthest);
  }
}

/**
 * Adds a second negative to each triplet for the quadruplet loss: a random batch row labelled differently
 * from both the anchor and the negative (−1 when the batch has no third class).
 */
export function addSecondNegatives(t: TripletIndices, labels: Int32Array, random: Random): TripletIndices {
  const negative2 = new Int32Array(t.anchor.length).fill(-1);
  const rows = labels.length;
  for (let q = 0; q < t.anchor.length; q++) {
    const la = labels[t.anchor[q]];
    const ln = labels[t.negative[q]];
    const start = randomInt(random, rows);
    for (let s = 0; s < rows; s++) {
      const r = (start + s) % rows;
      if (labels[r] >= 0 && labels[r] !== la && labels[r] !== ln) {
        negative2[q] = r;
        break;
      }
    }
  }
  return { ...t, negative2 };
}

/** Concatenates two triplet lists. */
export function concatTriplets(x: TripletIndices, y: TripletIndices): TripletIndices {
  const join = (u: Int32Array, v: Int32Array): Int32Array => {
    const out = new Int32Array(u.length + v.length);
    out.set(u);
    out.set(v, u.length);
    return out;
  };
  const fill = (t: TripletIndices): Int32Array => t.negative2 ?? new Int32Array(t.anchor.length).fill(-1);
  return {
    anchor: join(x.anchor, y.anchor),
    positive: join(x.positive, y.positive),
    negative: join(x.negative, y.negative),
    negative2: join(fill(x), fill(y)),
  };
}
