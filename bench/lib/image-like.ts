/**
 * The comparison's generated image-like case (issue 15 goal 1): `rows` × `side²` pixel intensities, integers
 * 0–255 like MNIST's, in `classes` classes. Each image is a point in a space of `directions` informative
 * directions (spatially smooth patterns on the side × side grid, so neighbouring pixels correlate as in
 * images) — a class centre, one of a few sub-types per class, and within-class variation whose spread
 * decays over the directions — plus independent pixel noise, then shifted, scaled and clipped to 0–255.
 * Seeded: the same spec gives the same table on one tfjs backend (the projection onto the pixels is one
 * tfjs matmul, whose last bits may differ between backends; rounding to integers hides nearly all of it).
 */
import * as tf from '@tensorflow/tfjs';
import type { ExpressionTable } from '../../src/data/types.js';
import { deriveSeed, randomNormal, seededRandom, type Random } from '../../src/util/random.js';

export interface ImageLikeSpec {
  /** Images. Default 70 000. */
  rows?: number;
  /** Image side in pixels (side² inputs). Default 28. */
  side?: number;
  /** Label classes. Default 10. */
  classes?: number;
  /** Informative directions. Default 300. */
  directions?: number;
  /** Sub-types per class. Default 3. */
  subtypes?: number;
  /** Spread of the class centres relative to the within-class spread (per direction). Default 0.5. */
  separation?: number;
  /** Spread of the sub-types around their class centre, same units. Default 0.25. */
  subtypeSpread?: number;
  /** Pixel noise relative to the typical signal per pixel. Default 1. */
  noise?: number;
  /** Seed of every random draw. Default 0. */
  seed?: number;
}

/** Images projected per tfjs call (bounds the latent and signal buffers). */
const CHUNK = 4096;

/** Unit-length spatially smooth patterns: white noise on the grid, blurred by a (2·radius+1)² box. */
function smoothDirections(count: number, side: number, random: Random, radius = 2): Float64Array {
  const pixels = side * side;
  const flat = new Float64Array(count * pixels);
  for (let k = 0; k < count; k++) {
    const white = Float64Array.from({ length: pixels }, () => randomNormal(random));
    const out = flat.subarray(k * pixels, (k + 1) * pixels);
    let norm = 0;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        let sum = 0;
        for (let dy = -radius; dy <= radius; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= side) continue;
          for (let dx = -radius; dx <= radius; dx++) {
            const xx = x + dx;
            if (xx >= 0 && xx < side) sum += white[yy * side + xx];
          }
        }
        out[y * side + x] = sum;
        norm += sum * sum;
      }
    }
    const scale = 1 / Math.sqrt(norm);
    for (let p = 0; p < pixels; p++) out[p] *= scale;
  }
  return flat;
}

/** latent (rows × directions) · basis (directions × pixels) through tfjs: 16 GFLOP at 70 000 images. */
function combine(latent: Float32Array, rows: number, basis: tf.Tensor2D): Float32Array {
  // the product leaves tidy as a tensor: tidy walks a returned typed array element by element
  const product = tf.tidy(() => tf.matMul(tf.tensor2d(latent, [rows, basis.shape[0]]), basis));
  try {
    return product.dataSync() as Float32Array;
  } finally {
    product.dispose();
  }
}

/** Per-direction spread of the within-class variation: decays like 1/√(1 + j/30) over direction j. */
function directionSpread(directions: number): Float64Array {
  return Float64Array.from({ length: directions }, (_, j) => 1 / Math.sqrt(1 + j / 30));
}

/** Generates the table (ids `img1…`, genes `px1…`, metadata column `label` = `class0…`). */
export function imageLikeTable(spec: ImageLikeSpec = {}): ExpressionTable {
  const { rows = 70_000, side = 28, classes = 10, directions = 300, subtypes = 3 } = spec;
  const { separation = 0.5, subtypeSpread = 0.25, noise = 1, seed = 0 } = spec;
  const pixels = side * side;
  const basis = smoothDirections(directions, side, seededRandom(deriveSeed(seed, 'directions')));
  const spread = directionSpread(directions);
  const shape = seededRandom(deriveSeed(seed, 'classes'));
  const centres = Array.from({ length: classes }, () =>
    Float64Array.from(spread, (s) => s * separation * randomNormal(shape)),
  );
  const subs = centres.map((centre) =>
    Array.from({ length: subtypes }, () =>
      Float64Array.from(centre, (c, j) => c + spread[j] * subtypeSpread * randomNormal(shape)),
    ),
  );
  // typical signal per pixel: the within-class energy Σ spread² spread over the pixels
  const signalPerPixel = Math.sqrt(spread.reduce((a, s) => a + s * s, 0) / pixels);
  const pixelNoise = noise * signalPerPixel;
  const toIntensity = 60 / signalPerPixel; // about ±2 signal standard deviations span 0–255 around 100
  const random = seededRandom(deriveSeed(seed, 'images'));
  const data = new Float32Array(rows * pixels);
  const labels = new Array<string>(rows);
  const basisTensor = tf.tensor2d(Float32Array.from(basis), [directions, pixels]);
  try {
    for (let start = 0; start < rows; start += CHUNK) {
      const count = Math.min(CHUNK, rows - start);
      const latent = new Float32Array(count * directions);
      for (let i = 0; i < count; i++) {
        const label = (start + i) % classes; // balanced classes, interleaved so any prefix is balanced too
        labels[start + i] = `class${label}`;
        const sub = subs[label][Math.floor(random() * subtypes)];
        for (let j = 0; j < directions; j++)
          latent[i * directions + j] = sub[j] + spread[j] * randomNormal(random);
      }
      const signal = combine(latent, count, basisTensor);
      const offset = start * pixels;
      for (let q = 0; q < count * pixels; q++) {
        const value = signal[q] + pixelNoise * randomNormal(random);
        data[offset + q] = Math.max(0, Math.min(255, Math.round(100 + toIntensity * value)));
      }
    }
  } finally {
    basisTensor.dispose();
  }
  return {
    source: `generated image-like ${rows}×${pixels} (seed ${seed})`,
    idColumn: 'id',
    ids: Array.from({ length: rows }, (_, r) => `img${r + 1}`),
    genes: Array.from({ length: pixels }, (_, p) => `px${p + 1}`),
    values: { data, rows, cols: pixels },
    metadata: [{ name: 'label', values: labels }],
    warnings: [],
  };
}
