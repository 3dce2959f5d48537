/**
 * Unlabeled rows take part in training the way ivis does it: a positive is one of the row's k nearest
 * neighbours in input space, a negative is a random other row. This finds those neighbours (exact,
 * brute force: the cost is unlabeled × all rows × columns, done once before training).
 */
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../data/types.js';

/** Above this many multiply-adds (queries × rows × columns) the search runs as tfjs matMuls in chunks. */
const TENSOR_THRESHOLD = 2e7;
/** Queries per matMul chunk (bounds the [chunk, rows] distance block). */
const QUERY_CHUNK = 256;

/**
 * For each row in `queries`, the indices of its k nearest rows of `x` (squared Euclidean, itself excluded),
 * flattened: neighbours of queries[q] are result[q*k .. q*k+k). k is capped at rows − 1.
 */
export function nearestNeighbours(
  x: DenseMatrix,
  queries: Int32Array,
  k: number,
): { k: number; index: Int32Array } {
  const kk = Math.max(0, Math.min(k, x.rows - 1));
  const index = new Int32Array(queries.length * kk);
  if (kk === 0) return { k: 0, index };
  if (queries.length * x.rows * x.cols > TENSOR_THRESHOLD) return nearestWithTensors(x, queries, kk);
  const { data, cols, rows } = x;
  const bestD = new Float64Array(kk);
  const bestI = new Int32Array(kk);
  queries.forEach((query, q) => {
    bestD.fill(Infinity);
    bestI.fill(-1);
    const qo = query * cols;
    for (let r = 0; r < rows; r++) {
      if (r === query) continue;
      const ro = r * cols;
      let s = 0;
      for (let c = 0; c < cols; c++) {
        const diff = data[qo + c] - data[ro + c];
        s += diff * diff;
      }
      if (s >= bestD[kk - 1]) continue;
      // insertion into the sorted list of the k best so far
      let pos = kk - 1;
      while (pos > 0 && bestD[pos - 1] > s) {
        bestD[pos] = bestD[pos - 1];
        bestI[pos] = bestI[pos - 1];
        pos--;
      }
      bestD[pos] = s;
      bestI[pos] = r;
    }
    index.set(bestI, q * kk);
  });
  return { k: kk, index };
}

/**
 * The same search with tfjs: ‖q − r‖² = ‖q‖² + ‖r‖² − 2 q·r for a chunk of queries against all rows (one
 * plain matMul against an explicit transpose), then topk of the negated distances. The query itself is
 * pushed out of reach before topk.
 */
function nearestWithTensors(
  x: DenseMatrix,
  queries: Int32Array,
  k: number,
): { k: number; index: Int32Array } {
  const index = new Int32Array(queries.length * k);
  const all = tf.tensor2d(x.data, [x.rows, x.cols]);
  const allT = tf.transpose(all);
  const norms = tf.tidy(() => tf.reshape(tf.sum(tf.square(all), 1), [1, -1]));
  try {
    for (let start = 0; start < queries.length; start += QUERY_CHUNK) {
      const ids = queries.subarray(start, Math.min(queries.length, start + QUERY_CHUNK));
      const rows = new Float32Array(ids.length * x.cols);
      ids.forEach((row, i) => rows.set(x.data.subarray(row * x.cols, (row + 1) * x.cols), i * x.cols));
      const self = new Float32Array(ids.length * x.rows);
      ids.forEach((row, i) => (self[i * x.rows + row] = Infinity));
      const found = tf.tidy(() => {
        const q = tf.tensor2d(rows, [ids.length, x.cols]);
        const d = tf.add(
          tf.sub(tf.add(tf.sum(tf.square(q), 1, true), norms), tf.mul(2, tf.matMul(q, allT))),
          tf.tensor2d(self, [ids.length, x.rows]),
        );
        return tf.topk(tf.neg(d), k).indices.dataSync() as Int32Array;
      });
      index.set(found, start * k);
    }
  } finally {
    tf.dispose([all, allT, norms]);
  }
  return { k, index };
}
