/**
 * One optimisation step: the batch's rows as a tensor, the optimizer minimising the batch loss, the loss read
 * back. Every tensor it makes is released on every path — the batch tensor and the cost in `finally`, the
 * loss's own tensors by the optimizer's tidy, and the copies the gradient tape saved for the backward pass
 * by releaseTape — so a loss that throws (out of memory, a bug) leaks nothing.
 */
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../api/matrix.js';
import type { BatchLoss } from '../losses/matrix-loss.js';
import type { Batch } from '../triplets/batch.js';
import { BatchRows } from './device-rows.js';
import { addInputNoise, type InputNoise } from './input-noise.js';

/** What a step optimises: the variables, the optimizer, and the batch loss over the embedded rows. */
export interface StepModel {
  optimizer: tf.Optimizer;
  variables: tf.Variable[];
  /**
   * The loss of `batch` given its rows `xb` (a scalar connected to `variables`, plus triplet counts, and the
   * part of the loss early stopping watches when that is not the whole).
   */
  batchLoss(xb: tf.Tensor2D, batch: Batch): BatchLoss & { monitored?: number };
  /** Where the step's rows come from (the training matrix on the backend, device-rows.ts). Default: copied from x. */
  rows?: BatchRows;
  /**
   * Noise added to the step's rows (input-noise.ts). Added here, outside the loss's tidy: the first layer's
   * fused op reads its data input in the backward pass (model/fused-layer.ts), so that tensor must outlive
   * the loss. Default: none.
   */
  inputNoise?: InputNoise;
}

/** A step's loss (NaN when the optimizer returned none) and how many of its triplets were active. */
export interface StepResult {
  loss: number;
  /** The part of the loss early stopping watches (the triplet part with the graph term on); else `loss`. */
  monitored: number;
  active: number;
  total: number;
}

/**
 * Frees what the gradient tape saved for a backward pass that will not run. tfjs keeps copies of kernel
 * inputs on the tape (tf.keep'd, so no tidy frees them) and disposes them only in the backward pass; when
 * the forward pass throws they stay allocated for good (9 tensors a step for a 1-layer encoder). Only the
 * outermost tape is released: a nested gradient still needs its own.
 */
function releaseTape(): void {
  const state = tf.engine().state;
  if (state.gradientDepth !== 1) return;
  for (const node of state.activeTape ?? []) {
    node.saved?.forEach((tensor) => tensor.dispose());
    node.saved = [];
  }
}

/** Takes one step on the rows of `x` that `batch` names. */
export async function trainStep(model: StepModel, x: DenseMatrix, batch: Batch): Promise<StepResult> {
  let active = 0;
  let total = 0;
  let monitored: number | undefined;
  const taken = (model.rows ?? new BatchRows(x, false)).take(batch.rows);
  const xb = model.inputNoise ? addInputNoise(taken, model.inputNoise) : taken;
  if (xb !== taken) taken.dispose();
  let cost: tf.Scalar | null;
  try {
    cost = model.optimizer.minimize(
      () => {
        try {
          const result = model.batchLoss(xb, batch);
          active = result.active;
          total = result.total;
          monitored = result.monitored;
          return result.loss;
        } catch (err) {
          releaseTape();
          throw err;
        }
      },
      true,
      model.variables,
    );
  } finally {
    xb.dispose();
  }
  try {
    const loss = cost ? (await cost.data())[0] : NaN;
    return { loss, monitored: monitored ?? loss, active, total };
  } finally {
    cost?.dispose();
  }
}
