/**
 * The training matrix on the backend, so a step's rows are gathered there by an index tensor instead of
 * copied row by row in JS and uploaded: at 2 000 inputs and 3 072 rows a step that copy and upload were
 * 24 MB and ~10 ms of CPU a step (bench/README.md, "The step near the hardware"). The gather gives the
 * same values, so the training is unchanged.
 *
 * The matrix is uploaded once on the native backend when it is wide enough for the copy to matter and
 * small enough that a second copy of it in the backend's memory is cheap; otherwise rows are copied per
 * step as before. Not on wasm: its Gather kernel took 4–10× the CPU time of the JS copy and upload (56
 * against 6 ms a step at 500 inputs and 3 072 rows).
 */
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../api/matrix.js';
import { selectRows, selectRowsInto } from '../data/select-rows.js';

/** The backends whose gather beats the JS copy. */
const GATHER_BACKENDS = new Set(['tensorflow']);
/**
 * The backends that copy a new tensor's values at once (wasm's write copies into its heap), so a step's
 * rows can be gathered into one reused buffer: allocating a fresh 1.5–6 MB array a step and collecting it
 * cost 1.3 ms at 768 × 500 against 0.2 ms (bench/README.md, "The step near the hardware"). The native and
 * cpu backends may keep the caller's array until later, so they get a fresh one.
 */
const COPYING_BACKENDS = new Set(['wasm']);
/** Narrower inputs copy a step's rows in microseconds: the device copy would only cost memory. */
export const DEVICE_ROWS_MIN_COLS = 128;
/** The largest matrix (bytes of float32) kept on the backend as well: 256 MB, e.g. 32 000 × 2 000. */
export const DEVICE_ROWS_MAX_BYTES = 256 * 1024 * 1024;

/** A step's input rows as a tensor: gathered on the backend, or copied in JS. */
export class BatchRows {
  private readonly onDevice: tf.Tensor2D | null;
  private scratch: Float32Array | null = null;

  /**
   * Uploads `x` on a backend whose gather pays, when it is between the two limits above (or when
   * `onDevice` forces the choice).
   */
  constructor(
    private readonly x: DenseMatrix,
    onDevice = GATHER_BACKENDS.has(tf.getBackend()) &&
      x.cols >= DEVICE_ROWS_MIN_COLS &&
      x.rows * x.cols * 4 <= DEVICE_ROWS_MAX_BYTES,
  ) {
    this.onDevice = onDevice && x.rows > 0 ? tf.tensor2d(x.data, [x.rows, x.cols]) : null;
  }

  /** Whether the rows are gathered on the backend. */
  get gathered(): boolean {
    return this.onDevice !== null;
  }

  /** Rows `rows` of x ([rows.length, cols]); the caller disposes the tensor. */
  take(rows: Int32Array): tf.Tensor2D {
    const source = this.onDevice;
    if (!source) return tf.tensor2d(this.copy(rows), [rows.length, this.x.cols]);
    return tf.tidy(() => tf.gather(source, tf.tensor1d(rows, 'int32')));
  }

  /** The rows' values in JS: in the reused buffer where the backend copies them at once. */
  private copy(rows: Int32Array): Float32Array {
    if (!COPYING_BACKENDS.has(tf.getBackend())) return selectRows(this.x, rows).data;
    const size = rows.length * this.x.cols;
    if (!this.scratch || this.scratch.length < size) this.scratch = new Float32Array(size);
    return selectRowsInto(this.x, rows, this.scratch);
  }

  dispose(): void {
    this.onDevice?.dispose();
  }
}
