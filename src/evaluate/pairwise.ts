/**
 * All pairwise squared euclidean distances among selected rows (m × m, float64), for the O(m²) metrics.
 * Narrow data (≤ 32 columns, e.g. an embedding) use an exact float64 loop; wider data use one tfjs Gram
 * matrix, d² = |a|² + |b|² − 2a·b (float32 products, clamped at 0, exact 0 on the diagonal).
 */
import * as tf from '@tensorflow/tfjs';
import { selectRows } from '../data/select-rows.js';
import type { DenseMatrix } from '../api/matrix.js';
import { squaredRowDistance, squaredRowNorms } from '../neighbours/row-distance.js';

const JS_MAX_COLS = 32;

export function pairwiseSquaredDistances(x: DenseMatrix, rows: Int32Array): Float64Array {
  const m = rows.length;
  const d = x.cols;
  const out = new Float64Array(m * m);
  if (d <= JS_MAX_COLS) {
    for (let a = 0; a < m; a++) {
      const pa = rows[a] * d;
      for (let b = a + 1; b < m; b++) {
        const s = squaredRowDistance(x.data, pa, x.data, rows[b] * d, d);
        out[a * m + b] = s;
        out[b * m + a] = s;
      }
    }
    return out;
  }
  const selected = selectRows(x, rows).data;
  const norms = squaredRowNorms({ data: selected, rows: m, cols: d });
  const gram = tf.tidy(() => {
    const s = tf.tensor2d(selected, [m, d]);
    return tf.matMul(s, tf.transpose(s));
  });
  const g = gram.dataSync();
  gram.dispose();
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      // One triangle only, so the result is exactly symmetric even if the float32 Gram is not.
      const s = Math.max(0, norms[a] + norms[b] - 2 * g[a * m + b]);
      out[a * m + b] = s;
      out[b * m + a] = s;
    }
  }
  return out;
}
