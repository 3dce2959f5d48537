/**
 * The wide-data exact search's products (nearest-neighbours.ts): the reference cut into blocks of
 * REFERENCE_BLOCK rows, each uploaded once transposed (d × block, so every product is a plain matMul, fast
 * on wasm), and the queries taken QUERY_BLOCK rows at a time. The in-thread search and the threaded one
 * (src/evaluate/nearest-threads.ts) cut the same blocks and so get the very same float32 products.
 */
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../api/matrix.js';

export const QUERY_BLOCK = 256;
export const REFERENCE_BLOCK = 8192;

/** A reference matrix on the tfjs backend in transposed blocks; dispose() frees them. */
export class ReferenceBlocks {
  readonly blocks: { start: number; size: number; t: tf.Tensor2D }[] = [];
  constructor(reference: DenseMatrix) {
    const d = reference.cols;
    try {
      for (let start = 0; start < reference.rows; start += REFERENCE_BLOCK) {
        const size = Math.min(REFERENCE_BLOCK, reference.rows - start);
        const slice = reference.data.subarray(start * d, (start + size) * d);
        this.blocks.push({ start, size, t: tf.tidy(() => tf.transpose(tf.tensor2d(slice, [size, d]))) });
      }
    } catch (err) {
      this.dispose();
      throw err;
    }
  }
  /**
   * Calls `use` with the products (qn × block size, row-major) of query rows q0 … q0+qn−1 and each block
   * `from` … `to` − 1 (default: every block), in order.
   */
  products(
    query: DenseMatrix,
    q0: number,
    qn: number,
    use: (dots: Float32Array, block: { start: number; size: number }, index: number) => void,
    from = 0,
    to = this.blocks.length,
  ): void {
    const d = query.cols;
    const qt = tf.tensor2d(query.data.subarray(q0 * d, (q0 + qn) * d), [qn, d]);
    try {
      for (let index = from; index < to; index++) {
        const block = this.blocks[index];
        const product = tf.matMul(qt, block.t);
        const dots = product.dataSync() as Float32Array;
        product.dispose();
        use(dots, block, index);
      }
    } finally {
      qt.dispose();
    }
  }
  dispose(): void {
    for (const block of this.blocks) block.t.dispose();
    this.blocks.length = 0;
  }
}
