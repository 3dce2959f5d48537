/** Test helper: seeded Gaussian blobs, one per class, well separated (a task any working trainer solves). */
import type { DenseMatrix } from '../../src/api/matrix.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';

export function blobs(
  rows: number,
  cols: number,
  classes: number,
  seed: number,
): { x: DenseMatrix; labels: Int32Array } {
  const random = seededRandom(seed);
  const centres = Array.from({ length: classes }, () =>
    Array.from({ length: cols }, () => 4 * randomNormal(random)),
  );
  const labels = Int32Array.from({ length: rows }, (_, i) => i % classes);
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) data[r * cols + c] = centres[labels[r]][c] + randomNormal(random);
  return { x: { data, rows, cols }, labels };
}
