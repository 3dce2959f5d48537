/**
 * The ceiling of a training step on one backend: only the step's matMuls (each layer's forward, weight
 * gradient, and input gradient but the first layer's), with the same kernels and transposes the fused
 * layer uses (src/model/fused-layer.ts), on random tensors of the step's shapes. The step's GFLOP per
 * CPU-s against this figure says how much of the step is matMul and how much everything else.
 */
import { cpuUsage } from 'node:process';
import * as tf from '@tensorflow/tfjs';
import { matMulT, weightGradients } from '../src/model/fused-layer.js';
import { median } from './lib/timing.js';

export interface StepMatmulsRow {
  backend: string;
  width: number;
  rows: number;
  gflop: number;
  msMedian: number;
  cpuMsMedian: number;
}

/** Times the matMuls of one step over `rows` rows through layers of widths `sizes` (median of `reps`). */
export function measureStepMatmuls(
  backend: string,
  rows: number,
  sizes: number[],
  reps: number,
): StepMatmulsRow {
  const layers = sizes.slice(1).map((out, l) => ({
    x: tf.randomNormal([rows, sizes[l]]) as tf.Tensor2D,
    w: tf.randomNormal([sizes[l], out]) as tf.Tensor2D,
    g: tf.randomNormal([rows, out]) as tf.Tensor2D,
  }));
  const once = (): void =>
    tf.tidy(() => {
      const outputs = layers.flatMap(({ x, w, g }, l) => [
        tf.matMul(x, w),
        ...weightGradients(x, g),
        ...(l > 0 ? [matMulT(g, w, false, true)] : []),
      ]);
      for (const t of outputs) t.dataSync();
    });
  const times: number[] = [];
  const cpuTimes: number[] = [];
  try {
    for (let i = 0; i < 2; i++) once();
    for (let i = 0; i < reps; i++) {
      const c0 = cpuUsage();
      const t0 = performance.now();
      once();
      times.push(performance.now() - t0);
      const c = cpuUsage(c0);
      cpuTimes.push((c.user + c.system) / 1000);
    }
  } finally {
    tf.dispose(layers.flatMap(({ x, w, g }) => [x, w, g]));
  }
  let flops = 0;
  for (let l = 1; l < sizes.length; l++) flops += (l > 1 ? 6 : 4) * rows * sizes[l - 1] * sizes[l];
  return {
    backend,
    width: sizes[0],
    rows,
    gflop: flops / 1e9,
    msMedian: median(times),
    cpuMsMedian: median(cpuTimes),
  };
}
