/**
 * The one embed path: rows of a matrix through an encoder's forward pass, a chunk of rows at a time (bounds
 * peak memory on large inputs), each chunk inside tf.tidy, outputs scaled to unit length when the distance
 * is directional (cosine/angular). The trained encoder (the final map, new data) and training's snapshots
 * both embed through here, so a snapshot is drawn exactly as the finished run's map is.
 */
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../api/matrix.js';

/** Rows embedded per forward call. */
export const EMBED_CHUNK = 4096;

/** Smallest squared length a row is divided by when scaled to unit length (keeps an all-zero row finite). */
const MIN_SQUARED_LENGTH = 1e-12;

/** The encoder's forward pass in inference mode (no dropout): [rows, inputDim] → [rows, dims]. */
export type EmbedForward = (input: tf.Tensor2D) => tf.Tensor2D;

/** How to embed: the forward pass, its output width, and whether outputs are scaled to unit length. */
export interface EmbedPlan {
  forward: EmbedForward;
  dims: number;
  normalize: boolean;
}

/** Rows [start, end) of x embedded; every tensor is released before it returns. */
function embedChunk(x: DenseMatrix, start: number, end: number, plan: EmbedPlan): Float32Array {
  return tf.tidy(() => {
    const input = tf.tensor2d(x.data.subarray(start * x.cols, end * x.cols), [end - start, x.cols]);
    let y = plan.forward(input);
    if (plan.normalize) {
      y = tf.div(y, tf.sqrt(tf.maximum(tf.sum(tf.square(y), 1, true), MIN_SQUARED_LENGTH)));
    }
    return y.dataSync() as Float32Array;
  });
}

/**
 * Embeds x chunk by chunk, yielding the rows embedded so far between chunks (never before the first) so a
 * caller may pause there.
 */
function* embedChunks(x: DenseMatrix, plan: EmbedPlan): Generator<number, DenseMatrix, void> {
  const out = new Float32Array(x.rows * plan.dims);
  for (let start = 0; start < x.rows; start += EMBED_CHUNK) {
    if (start > 0) yield start;
    out.set(embedChunk(x, start, Math.min(x.rows, start + EMBED_CHUNK), plan), start * plan.dims);
  }
  return { data: out, rows: x.rows, cols: plan.dims };
}

/** Embeds every row of x in one go. */
export function embedRows(x: DenseMatrix, plan: EmbedPlan): DenseMatrix {
  const chunks = embedChunks(x, plan);
  for (;;) {
    const next = chunks.next();
    if (next.done) return next.value;
  }
}

/**
 * Embeds every row of x, awaiting `pause` between chunks with the rows embedded so far (training yields to
 * the event loop there, so the worker keeps answering while a snapshot is embedded; the run's embed stage
 * says how far it is). Gives the same values as embedRows.
 */
export async function embedRowsPausing(
  x: DenseMatrix,
  plan: EmbedPlan,
  pause: (done: number) => Promise<void>,
): Promise<DenseMatrix> {
  const chunks = embedChunks(x, plan);
  for (;;) {
    const next = chunks.next();
    if (next.done) return next.value;
    await pause(next.value);
  }
}
