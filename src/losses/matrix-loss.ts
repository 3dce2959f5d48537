/**
 * The losses the trainer uses, read out of one batch's pairwise distance matrix D instead of from gathered
 * rows. A batch of n rows yields n² distances with one small matMul, and every hinge term
 * max(D[i,j] − D[k,l] + m, 0) is linear in D once we know (in JS, from D's values) whether it is active. So
 * the loss is (Σ W ⊙ D + Σ_active m) / count, with W a weight matrix built in JS: exact value, exact
 * gradient, no tf.gather (whose gradient is missing on wasm), and batch-all's millions of triplets cost one
 * pass in JS rather than an n³ tensor.
 */
import * as tf from '@tensorflow/tfjs';
import type { TripletVariant } from './triplet-loss.js';

/** Triplets as indices into the batch's rows. `negative2` (quadruplet loss) is −1 where none exists. */
export interface TripletIndices {
  anchor: Int32Array;
  positive: Int32Array;
  negative: Int32Array;
  negative2?: Int32Array;
}

/** Hinge terms max(D[i,j] − D[k,l] + margin, 0), with `source` = the triplet each term came from. */
export interface HingeTerms {
  i: Int32Array;
  j: Int32Array;
  k: Int32Array;
  l: Int32Array;
  margin: Float32Array;
  source: Int32Array;
}

/** A batch loss and how much of it was active. */
export interface BatchLoss {
  loss: tf.Scalar;
  /** Triplets (or pairs) whose loss is > 0. */
  active: number;
  /** All triplets (or pairs) considered. */
  total: number;
}

function emptyTerms(size: number): HingeTerms {
  return {
    i: new Int32Array(size),
    j: new Int32Array(size),
    k: new Int32Array(size),
    l: new Int32Array(size),
    margin: new Float32Array(size),
    source: new Int32Array(size),
  };
}

/**
 * Turns triplets into hinge terms. For 'pn', the term subtracts min(D[a,n], D[p,n]), whichever is smaller in
 * `dValues` (the gradient of a min flows to the smaller argument, so this is exact).
 */
export function tripletTerms(
  t: TripletIndices,
  dValues: Float32Array,
  n: number,
  margin: number,
  variant: TripletVariant,
): HingeTerms {
  const terms = emptyTerms(t.anchor.length);
  for (let q = 0; q < t.anchor.length; q++) {
    const a = t.anchor[q];
    const p = t.positive[q];
    const neg = t.negative[q];
    const usePn = variant === 'pn' && dValues[p * n + neg] < dValues[a * n + neg];
    terms.i[q] = a;
    terms.j[q] = p;
    terms.k[q] = usePn ? p : a;
    terms.l[q] = neg;
    terms.margin[q] = margin;
    terms.source[q] = q;
  }
  return terms;
}

/**
 * Quadruplet terms: for every triplet, the triplet term (margin m1) and, where negative2 ≥ 0, the
 * negative–negative term max(D[a,p] − D[n,n2] + m2, 0).
 */
export function quadrupletTerms(t: TripletIndices, margin: number, secondMargin: number): HingeTerms {
  const second = t.negative2 ?? new Int32Array(0);
  let extra = 0;
  for (const n2 of second) if (n2 >= 0) extra++;
  const terms = emptyTerms(t.anchor.length + extra);
  let w = 0;
  const push = (q: number, i: number, j: number, k: number, l: number, m: number): void => {
    terms.i[w] = i;
    terms.j[w] = j;
    terms.k[w] = k;
    terms.l[w] = l;
    terms.margin[w] = m;
    terms.source[w] = q;
    w++;
  };
  for (let q = 0; q < t.anchor.length; q++) {
    push(q, t.anchor[q], t.positive[q], t.anchor[q], t.negative[q], margin);
    if (q < second.length && second[q] >= 0) {
      push(q, t.anchor[q], t.positive[q], t.negative[q], second[q], secondMargin);
    }
  }
  return terms;
}

/**
 * The hinge terms as weights on the distance matrix: loss = (Σ W ⊙ D + constant) / denominator, where W
 * counts +1 at D[i,j] and −1 at D[k,l] for every active term (decided from `dValues`), `constant` sums
 * their margins, and the denominator is the triplet count ('all') or the active triplets ('active').
 */
export interface HingeWeights {
  weights: Float32Array;
  constant: number;
  denominator: number;
  active: number;
  total: number;
}

/** The weights of `terms` over an n × n distance matrix with values `dValues` (see HingeWeights). */
export function hingeWeights(
  n: number,
  dValues: ArrayLike<number>,
  terms: HingeTerms,
  average: 'all' | 'active',
): HingeWeights {
  const weights = new Float32Array(n * n);
  let constant = 0;
  const activeSources = new Set<number>();
  let triplets = 0;
  let lastSource = -1;
  for (let q = 0; q < terms.i.length; q++) {
    if (terms.source[q] !== lastSource) {
      triplets++;
      lastSource = terms.source[q];
    }
    const ij = terms.i[q] * n + terms.j[q];
    const kl = terms.k[q] * n + terms.l[q];
    if (dValues[ij] - dValues[kl] + terms.margin[q] > 0) {
      weights[ij] += 1;
      weights[kl] -= 1;
      constant += terms.margin[q];
      activeSources.add(terms.source[q]);
    }
  }
  const active = activeSources.size;
  const denominator = Math.max(1, average === 'active' ? active : triplets);
  return { weights, constant, denominator, active, total: triplets };
}

/**
 * Σ_terms max(D[i,j] − D[k,l] + m, 0) / denominator, where the denominator is the number of triplets
 * (`average: 'all'`) or the number of triplets with a non-zero loss (`'active'`, batch-all's convention; 0
 * active gives loss 0). `dValues` must be D's values (row-major, n × n).
 */
export function hingeLossFromDistances(
  d: tf.Tensor2D,
  dValues: Float32Array,
  terms: HingeTerms,
  average: 'all' | 'active',
): BatchLoss {
  const n = d.shape[0];
  const { weights, constant, denominator, active, total } = hingeWeights(n, dValues, terms, average);
  const loss = tf.tidy(() => {
    const w = tf.tensor2d(weights, [n, n]);
    return tf.div(tf.add(tf.sum(tf.mul(w, d)), constant), denominator) as tf.Scalar;
  });
  return { loss, active, total };
}

/**
 * Contrastive loss over pairs of batch rows: mean over pairs of D² (same class) or max(margin − D, 0)²
 * (different classes). Pair weights are counts, so a pair listed twice counts twice.
 */
export function contrastiveLossFromDistances(
  d: tf.Tensor2D,
  dValues: Float32Array,
  pairs: { i: Int32Array; j: Int32Array; same: Uint8Array },
  margin: number,
): BatchLoss {
  const n = d.shape[0];
  const pull = new Float32Array(n * n);
  const push = new Float32Array(n * n);
  let active = 0;
  for (let q = 0; q < pairs.i.length; q++) {
    const ij = pairs.i[q] * n + pairs.j[q];
    if (pairs.same[q]) {
      pull[ij] += 1;
      if (dValues[ij] > 0) active++;
    } else {
      push[ij] += 1;
      if (dValues[ij] < margin) active++;
    }
  }
  const total = pairs.i.length;
  const loss = tf.tidy(() => {
    const pulled = tf.sum(tf.mul(tf.tensor2d(pull, [n, n]), tf.square(d)));
    const pushed = tf.sum(tf.mul(tf.tensor2d(push, [n, n]), tf.square(tf.relu(tf.sub(margin, d)))));
    return tf.div(tf.add(pulled, pushed), Math.max(1, total)) as tf.Scalar;
  });
  return { loss, active, total };
}

/** Contrastive pairs from triplets: (anchor, positive) same class, (anchor, negative) different. */
export function pairsFromTriplets(t: TripletIndices): { i: Int32Array; j: Int32Array; same: Uint8Array } {
  const m = t.anchor.length;
  const i = new Int32Array(2 * m);
  const j = new Int32Array(2 * m);
  const same = new Uint8Array(2 * m);
  for (let q = 0; q < m; q++) {
    i[2 * q] = t.anchor[q];
    j[2 * q] = t.positive[q];
    same[2 * q] = 1;
    i[2 * q + 1] = t.anchor[q];
    j[2 * q + 1] = t.negative[q];
  }
  return { i, j, same };
}

/**
 * Batch-all (Hermans et al. 2017): every valid triplet of the batch — anchor and positive distinct rows of
 * one class, negative of another; unlabeled rows (label −1) excluded — with the loss averaged over the
 * triplets whose loss is > 0. Unlike the sample code this product grew from, an anchor is never paired with
 * itself (such a "triplet" would add margin − d(A,N) terms and dilute the average).
 */
export function batchAllTripletLoss(
  d: tf.Tensor2D,
  dValues: Float32Array,
  labels: Int32Array,
  margin: number,
  variant: TripletVariant,
): BatchLoss {
  const n = labels.length;
  const weights = new Float32Array(n * n);
  let constant = 0;
  let active = 0;
  let total = 0;
  for (let a = 0; a < n; a++) {
    const la = labels[a];
    if (la < 0) continue;
    for (let p = 0; p < n; p++) {
      if (p === a || labels[p] !== la) continue;
      const ap = a * n + p;
      const dap = dValues[ap];
      for (let k = 0; k < n; k++) {
        if (labels[k] < 0 || labels[k] === la) continue;
        total++;
        let kl = a * n + k;
        if (variant === 'pn' && dValues[p * n + k] < dValues[kl]) kl = p * n + k;
        if (dap - dValues[kl] + margin > 0) {
          active++;
          weights[ap] += 1;
          weights[kl] -= 1;
          constant += margin;
        }
      }
    }
  }
  const loss = tf.tidy(() => {
    const w = tf.tensor2d(weights, [n, n]);
    return tf.div(tf.add(tf.sum(tf.mul(w, d)), constant), Math.max(1, active)) as tf.Scalar;
  });
  return { loss, active, total };
}
