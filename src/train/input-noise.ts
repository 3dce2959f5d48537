/**
 * Gaussian noise on chosen input columns of a training batch (the engine's `evidenceNoise`: the class-evidence
 * columns). The training cells' evidence comes from a classifier fitted on them, an unseen cell's from the same
 * classifier applied to a cell it never saw, and is less certain; with noise on the training cells' evidence the
 * encoder learns where to place cells whose evidence falls between classes. Drawn on the host from the run's own
 * seeded stream, so the draw is the same on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { randomNormal, type Random } from '../util/random.js';

/** Per input column, the standard deviation of the noise added to it (0: none), and the stream it is drawn from. */
export interface InputNoise {
  sd: Float32Array;
  random: Random;
}

/** `xb` plus a fresh draw of the noise on its columns with a non-zero sd (xb itself when there are none). */
export function addInputNoise(xb: tf.Tensor2D, noise: InputNoise): tf.Tensor2D {
  const [rows, cols] = xb.shape;
  const columns: number[] = [];
  noise.sd.forEach((sd, c) => {
    if (sd > 0) columns.push(c);
  });
  if (columns.length === 0) return xb;
  const values = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (const c of columns) values[r * cols + c] = noise.sd[c] * randomNormal(noise.random);
  return tf.tidy(() => tf.add(xb, tf.tensor2d(values, [rows, cols])));
}
