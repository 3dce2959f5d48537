/**
 * The loss of one batch, as the optimizer's objective: embed the batch rows, form their pairwise distance
 * matrix, read it back to mine triplets (online samplers) and to decide which hinge terms are active, then
 * express the loss as a weighted sum over that matrix (see losses/matrix-loss.ts). On the custom dense path
 * the triplet and 'pn' losses under euclidean or squared distances do all of that on the host in one op
 * (losses/host-matrix-loss.ts, losses/host-triplet-loss.ts): the trainer's default step then runs 117
 * kernels on tensorflow and 124 on wasm instead of 214 and 216. Runs inside the gradient tape; everything it allocates is released by the
 * engine's tidy around the gradient computation.
 */
import * as tf from '@tensorflow/tfjs';
import { centerLoss, oneHotRows } from '../losses/center-loss.js';
import { classifierLoss, type ClassifierHead } from '../losses/classifier-loss.js';
import { contrastiveLoss } from '../losses/contrastive-loss.js';
import { tripletLoss } from '../losses/triplet-loss.js';
import { umapCrossEntropy } from '../losses/umap-loss.js';
import { fitUmapCurve } from '../objective/umap-curve.js';
import { pairwiseDistances, rowDistance } from '../losses/distance.js';
import { hostTripletLoss, type HostDistance } from '../losses/host-triplet-loss.js';
import { hostHingeLoss } from '../losses/host-matrix-loss.js';
import { hostOrderLoss } from '../losses/host-order-loss.js';
import {
  batchAllTripletLoss,
  contrastiveLossFromDistances,
  hingeLossFromDistances,
  pairsFromTriplets,
  quadrupletTerms,
  tripletTerms,
  type BatchLoss,
  type TripletIndices,
} from '../losses/matrix-loss.js';
import type { DenseGradientMode } from '../model/dense-gradient.js';
import type { EncoderNet } from '../model/encoder-net.js';
import type { Batch } from '../triplets/batch.js';
import { addSecondNegatives, concatTriplets, mineHard, mineSemiHard } from '../triplets/mining.js';
import type { Random } from '../util/random.js';
import type { ResolvedTrainOptions } from './options.js';

/** A batch loss with, when the graph term is on, the value early stopping watches (the triplet part). */
export type MonitoredBatchLoss = BatchLoss & { monitored?: number };

export interface BatchLossContext {
  net: EncoderNet;
  mode: DenseGradientMode;
  options: ResolvedTrainOptions;
  dropoutRandom: Random;
  miningRandom: Random;
  /** Learnt class centres ([classes, dims]) when the center loss is on. */
  centers?: tf.Variable;
  /** The softmax classifier on the map when classifierWeight > 0 (losses/classifier-loss.ts). */
  head?: ClassifierHead;
  /** The graph term's weight on mixed step n (0-based; graph-schedule.ts). Default: options.graphWeight. */
  graphWeightAt?: (step: number) => number;
  /** Mixed (triplet + graph) steps taken so far; counted here, one batch loss a step. */
  graphSteps?: number;
}

const EMPTY: TripletIndices = {
  anchor: new Int32Array(0),
  positive: new Int32Array(0),
  negative: new Int32Array(0),
};

/** All pairs of distinct labelled batch rows (contrastive loss with the batch-all sampler). */
function allPairs(labels: Int32Array): { i: Int32Array; j: Int32Array; same: Uint8Array } {
  const i: number[] = [];
  const j: number[] = [];
  const same: number[] = [];
  for (let a = 0; a < labels.length; a++) {
    if (labels[a] < 0) continue;
    for (let b = a + 1; b < labels.length; b++) {
      if (labels[b] < 0) continue;
      i.push(a);
      j.push(b);
      same.push(labels[a] === labels[b] ? 1 : 0);
    }
  }
  return { i: Int32Array.from(i), j: Int32Array.from(j), same: Uint8Array.from(same) };
}

function sumLosses(x: BatchLoss, y: BatchLoss): BatchLoss {
  return { loss: tf.add(x.loss, y.loss) as tf.Scalar, active: x.active + y.active, total: x.total + y.total };
}

/**
 * Offline batches laid out as [anchors; positives; negatives; (second negatives)]: each role is a slice, the
 * loss is computed per triplet with the reference losses, O(T) instead of the O(n²) distance matrix.
 */
function alignedLoss(ctx: BatchLossContext, embedded: tf.Tensor2D, batch: Batch): BatchLoss {
  const { options } = ctx;
  const t = batch.fixed.anchor.length;
  const dims = embedded.shape[1];
  const distance = options.distance;
  const host = hostLossDistance(ctx, false);
  if (host) {
    // the hand-written path (host-triplet-loss.ts); 'stock' keeps the tensor-op reference below
    const variant = options.loss === 'pn' ? 'pn' : 'triplet';
    return hostTripletLoss(embedded, t, { distance: host, margin: options.margin, variant });
  }
  const role = (k: number): tf.Tensor2D => tf.slice(embedded, [k * t, 0], [t, dims]);
  const [a, p, n] = [role(0), role(1), role(2)];
  let perTriplet: tf.Tensor1D;
  if (options.loss === 'contrastive') {
    // pairs (A, P) same class and (A, N) different, like pairsFromTriplets
    const same = tf.tensor1d(Float32Array.from({ length: 2 * t }, (_, i) => (i < t ? 1 : 0)));
    perTriplet = contrastiveLoss(tf.concat([a, a]), tf.concat([p, n]), same, {
      distance,
      margin: options.margin,
    });
  } else if (options.loss === 'quadruplet') {
    const ap = rowDistance(a, p, distance);
    perTriplet = tf.relu(tf.add(tf.sub(ap, rowDistance(a, n, distance)), options.margin)) as tf.Tensor1D;
    if (batch.rows.length >= 4 * t) {
      const has2 = tf.tensor1d(Float32Array.from(batch.fixed.negative2 ?? [], (v) => (v >= 0 ? 1 : 0)));
      const second = tf.relu(tf.add(tf.sub(ap, rowDistance(n, role(3), distance)), options.margin / 2));
      perTriplet = tf.add(perTriplet, tf.mul(has2, second)) as tf.Tensor1D;
    }
  } else {
    perTriplet = tripletLoss(a, p, n, {
      distance,
      margin: options.margin,
      variant: options.loss === 'pn' ? 'pn' : 'triplet',
    });
  }
  const values = perTriplet.dataSync();
  let active = 0;
  for (const v of values) if (v > 0) active++;
  // contrastive: the mean over 2T pairs, as contrastiveLossFromDistances; the others over T triplets
  return { loss: tf.mean(perTriplet) as tf.Scalar, active, total: values.length };
}

/**
 * The batch's loss (a scalar connected to the encoder's variables) and its active/total triplet counts:
 * the triplet loss, plus orderWeight × the within-class neighbour-order loss over the batch's order rows,
 * classRatioWeight × the same log-ratio loss over its class-ratio rows (at classRatio) and graphWeight × the
 * UMAP cross-entropy over its graph rows, when it has them.
 */
export function computeBatchLoss(
  ctx: BatchLossContext,
  xb: tf.Tensor2D,
  batch: Batch,
  online: boolean,
): MonitoredBatchLoss {
  const all = ctx.net.forward(xb, ctx.mode, ctx.dropoutRandom);
  if (!batch.graph && !batch.order && !batch.ratio) return tripletBatchLoss(ctx, all, batch, online);
  const dims = all.shape[1];
  // [triplet rows; order rows; class-ratio rows; graph heads; graph tails]: the triplet loss sees its own rows
  const crossEntropy = batch.graph ? graphCrossEntropy(ctx, all, batch.graph) : undefined;
  // a graph-only batch (the warm-up): the cross-entropy alone, unweighted (Adam does not see the scale)
  if (crossEntropy && batch.graph?.offset === 0) return { loss: crossEntropy, active: 0, total: 0 };
  const end = batch.order?.offset ?? batch.ratio?.offset ?? batch.graph?.offset ?? batch.rows.length;
  const tripletRows: Batch = {
    ...batch,
    rows: batch.rows.subarray(0, end),
    labels: batch.labels.subarray(0, end),
  };
  const result = tripletBatchLoss(ctx, tf.slice(all, [0, 0], [end, dims]), tripletRows, online);
  // early stopping watches the triplet part: the other terms' sampled losses are noisy and fall slowly
  const monitored = result.loss.dataSync()[0];
  let loss = result.loss;
  const { orderRatio, orderWeight, classRatio, classRatioWeight } = ctx.options;
  if (batch.order) loss = tf.add(loss, ratioTerm(all, batch.order, orderRatio, orderWeight)) as tf.Scalar;
  if (batch.ratio)
    loss = tf.add(loss, ratioTerm(all, batch.ratio, classRatio, classRatioWeight)) as tf.Scalar;
  if (crossEntropy) {
    const step = ctx.graphSteps ?? 0;
    ctx.graphSteps = step + 1;
    const weight = ctx.graphWeightAt ? ctx.graphWeightAt(step) : ctx.options.graphWeight;
    loss = tf.add(loss, tf.mul(crossEntropy, weight)) as tf.Scalar;
  }
  return { ...result, loss, monitored };
}

/** weight × the log-ratio hinge (host-order-loss.ts) over one block of a batch's order or class-ratio rows. */
function ratioTerm(
  all: tf.Tensor2D,
  block: NonNullable<Batch['order']>,
  ratio: number,
  weight: number,
): tf.Scalar {
  const { offset, count, candidates } = block;
  const rows = tf.slice(all, [offset, 0], [(2 + candidates) * count, all.shape[1]]);
  return tf.mul(hostOrderLoss(rows, count, ratio).loss, weight);
}

/** The UMAP cross-entropy over a batch's sampled graph edges (its heads, tails and negatives rows). */
function graphCrossEntropy(
  ctx: BatchLossContext,
  all: tf.Tensor2D,
  graph: NonNullable<Batch['graph']>,
): tf.Scalar {
  const { offset, edges, shifts } = graph;
  const dims = all.shape[1];
  const heads = tf.slice(all, [offset, 0], [edges, dims]);
  const tails = tf.slice(all, [offset + edges, 0], [edges, dims]);
  const negatives = graph.uniformNegatives
    ? tf.slice(all, [offset + 2 * edges, 0], [edges, dims])
    : undefined;
  const curve = fitUmapCurve(ctx.options.graphMinDist);
  return umapCrossEntropy(heads, tails, shifts, curve, negatives);
}

/** The triplet-family loss (plus the center loss) of a batch's triplet rows, already embedded. */
function tripletBatchLoss(
  ctx: BatchLossContext,
  embedded: tf.Tensor2D,
  batch: Batch,
  online: boolean,
): BatchLoss {
  const { options } = ctx;
  if (batch.aligned) return withAuxiliaryLosses(ctx, embedded, batch, alignedLoss(ctx, embedded, batch));
  const host = hostLossDistance(ctx, online);
  if (host) {
    // the hand-written path (host-matrix-loss.ts): mining and hinge terms on the host's own distances
    const variant = options.loss === 'pn' ? 'pn' : 'triplet';
    const loss = hostHingeLoss(embedded, host, (dValues, n) =>
      tripletTerms(batchTriplets(ctx, batch, dValues, online), dValues, n, options.margin, variant),
    );
    return withAuxiliaryLosses(ctx, embedded, batch, loss);
  }
  const d = pairwiseDistances(embedded, options.distance);
  const dValues = d.dataSync() as Float32Array;
  const sampler = options.sampler;

  let result: BatchLoss;
  if (online && sampler === 'batch-all') {
    const fixed = batch.fixed.anchor.length > 0;
    if (options.loss === 'contrastive') {
      const pairs = allPairs(batch.labels);
      const extra = pairsFromTriplets(batch.fixed);
      const join = <T extends Int32Array | Uint8Array>(u: T, v: T, make: (n: number) => T): T => {
        const out = make(u.length + v.length);
        out.set(u);
        out.set(v, u.length);
        return out;
      };
      result = contrastiveLossFromDistances(
        d,
        dValues,
        {
          i: join(pairs.i, extra.i, (n) => new Int32Array(n)),
          j: join(pairs.j, extra.j, (n) => new Int32Array(n)),
          same: join(pairs.same, extra.same, (n) => new Uint8Array(n)),
        },
        options.margin,
      );
    } else {
      const variant = options.loss === 'pn' ? 'pn' : 'triplet';
      result = batchAllTripletLoss(d, dValues, batch.labels, options.margin, variant);
      if (fixed) {
        const terms = tripletTerms(batch.fixed, dValues, batch.labels.length, options.margin, variant);
        result = sumLosses(result, hingeLossFromDistances(d, dValues, terms, 'all'));
      }
    }
  } else {
    const triplets = batchTriplets(ctx, batch, dValues, online);
    const n = batch.labels.length;
    if (options.loss === 'contrastive') {
      result = contrastiveLossFromDistances(d, dValues, pairsFromTriplets(triplets), options.margin);
    } else if (options.loss === 'quadruplet') {
      result = hingeLossFromDistances(
        d,
        dValues,
        quadrupletTerms(triplets, options.margin, options.margin / 2),
        'all',
      );
    } else {
      const terms = tripletTerms(
        triplets,
        dValues,
        n,
        options.margin,
        options.loss === 'pn' ? 'pn' : 'triplet',
      );
      result = hingeLossFromDistances(d, dValues, terms, 'all');
    }
  }

  return withAuxiliaryLosses(ctx, embedded, batch, result);
}

/**
 * The distance of the host losses (host-triplet-loss.ts for aligned batches, host-matrix-loss.ts over a
 * batch's distances) when this batch loss can take them: the custom dense path ('stock' keeps the tensor-op
 * reference), the triplet or 'pn' loss over mined or fixed triplets (not batch-all, contrastive or
 * quadruplet), and a distance they write out (euclidean, squared).
 */
function hostLossDistance(ctx: BatchLossContext, online: boolean): HostDistance | undefined {
  const { options } = ctx;
  if (ctx.mode !== 'custom' || (online && options.sampler === 'batch-all')) return undefined;
  if (options.loss !== 'triplet' && options.loss !== 'pn') return undefined;
  return options.distance === 'euclidean' || options.distance === 'squared' ? options.distance : undefined;
}

/** The batch's triplets: its fixed ones, plus (online samplers) those mined from the distances `dValues`. */
function batchTriplets(
  ctx: BatchLossContext,
  batch: Batch,
  dValues: Float32Array,
  online: boolean,
): TripletIndices {
  const triplets = batch.fixed;
  if (!online) return triplets;
  const { options } = ctx;
  let mined =
    options.sampler === 'hard' ? mineHard(dValues, batch.labels) : mineSemiHard(dValues, batch.labels);
  if (options.loss === 'quadruplet') mined = addSecondNegatives(mined, batch.labels, ctx.miningRandom);
  return concatTriplets(mined, triplets.anchor.length > 0 ? triplets : EMPTY);
}

/** Adds the weighted center loss and classifier loss over the batch's labelled rows, when they are on. */
function withAuxiliaryLosses(
  ctx: BatchLossContext,
  embedded: tf.Tensor2D,
  batch: Batch,
  result: BatchLoss,
): BatchLoss {
  const { centers, head } = ctx;
  const { centerLossWeight, classifierWeight } = ctx.options;
  const classes = centers?.shape[0] ?? head?.bias.shape[0];
  if (classes === undefined) return result;
  // both terms pick each row's class from the same one-hot matrix (the trainer sizes both by the labels)
  const oneHot = oneHotRows(batch.labels, classes);
  let loss = result.loss;
  if (centers && centerLossWeight > 0) {
    const aux = centerLoss(embedded, oneHot, centers as tf.Tensor2D);
    loss = tf.add(loss, tf.mul(aux, centerLossWeight)) as tf.Scalar;
  }
  if (head && classifierWeight > 0) {
    const aux = classifierLoss(embedded, oneHot, head);
    loss = tf.add(loss, tf.mul(aux, classifierWeight)) as tf.Scalar;
  }
  return { ...result, loss };
}
