/**
 * Online triplet mining over one embedded batch, from the values of its pairwise distance matrix (row-major
 * n × n). Labels are compared in JS once per step (a broadcast tf.equal of labels dominated batch-hard
 * mining on wasm). Only labelled rows (label ≥ 0) are mined; a row is never its own positive or negative.
 */
import { randomInt, type Random } from '../util/random.js';
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
 * hard of the hard ones), as TensorFlow Addons does.
 */
export function mineSemiHard(d: Float32Array, labels: Int32Array): TripletIndices {
  const n = labels.length;
  const a: number[] = [];
  const p: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < n; i++) {
    if (labels[i] < 0) continue;
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
  return toIndices(a, p, neg);
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
