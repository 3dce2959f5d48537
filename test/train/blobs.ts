/**
 * Test helper: seeded Gaussian blobs, one per class, unit noise around centres drawn with `spread` times its
 * standard deviation: well separated at the default 4 (a task any working trainer solves), sharing some
 * neighbours at 2.
 */
import type { DenseMatrix } from '../../src/api/matrix.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';

export function blobs(
  rows: number,
  cols: number,
  classes: number,
  seed: number,
  spread = 4,
): { x: DenseMatrix; labels: Int32Array } {
  const random = seededRandom(seed);
  const centres = Array.from({ length: classes }, () =>
    Array.from({ length: cols }, () => spread * randomNormal(random)),
  );
  const labels = Int32Array.from({ length: rows }, (_, i) => i % classes);
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) data[r * cols + c] = centres[labels[r]][c] + randomNormal(random);
  return { x: { data, rows, cols }, labels };
}
