/**
 * Training-step throughput: triplets/s and achieved GFLOP/s of one real training step (the trainer's own
 * computeBatchLoss under Adam, default encoder G → 128 → 128 → 128 → 3, 256 triplets a step) at input
 * widths 50, 500 and 2 000, for every backend that loads, with both dense-gradient paths (custom =
 * tf.customGrad with explicit transposes, stock = ordinary autodiff).
 *
 * FLOPs are counted honestly as the matmuls the step needs for the batch's distinct rows R: forward
 * 2·R·Σ in·out, weight gradients 2·R·Σ in·out, input gradients 2·R·Σ in·out for every layer but the first
 * (the data needs no gradient). Elementwise work, the distance matrix and mining are not counted, so the
 * figure is a lower bound of the work done. `npx tsx bench/train-step.ts` runs it alone.
 */
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuUsage } from 'node:process';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { loadCpu, loadTensorflow, loadWasm } from '../src/backend/loaders.js';
import type { DenseMatrix } from '../src/api/matrix.js';
import { resolveArchitecture } from '../src/model/encoder-architecture.js';
import { EncoderNet } from '../src/model/encoder-net.js';
import type { DenseGradientMode } from '../src/model/dense-gradient.js';
import { computeBatchLoss } from '../src/train/batch-loss.js';
import { FlatAdamOptimizer } from '../src/train/flat-adam.js';
import { BASE_LEARNING_RATE } from '../src/train/auto-learning-rate.js';
import { BatchRows } from '../src/train/device-rows.js';
import { resolveTrainOptions } from '../src/train/options.js';
import { prefetchingRandom } from '../src/train/mask-prefetch.js';
import { resolveThreads } from '../src/neighbours/thread-count.js';
import { createSampler } from '../src/triplets/sampler.js';
import type { SamplerKind } from '../src/triplets/sampler-kinds.js';
import { randomNormal, seededRandom } from '../src/util/random.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { median } from './lib/timing.js';
import { writeResult } from './lib/results.js';
import { peakGflops } from './matmul-peak.js';
import { measureStepMatmuls, type StepMatmulsRow } from './step-matmuls.js';

const WIDTHS = [50, 500, 2000];
const TRIPLETS_PER_STEP = 256;
/** A larger batch at the widths of the issue's goals (native 2 000, wasm 500): the per-step overhead shared. */
const LARGE_BATCH = 1024;
/** Issue 15 goal 4: ≥ 40 % of the 2-thread peak at 2 000 inputs on tensorflow, ≥ 15 % of 1-thread at 500 on wasm. */
const GOAL_WIDTH: Record<string, number> = { tensorflow: 2000, wasm: 500 };
/**
 * The step the trainer runs by default (semi-hard mining over the batch's cells, option-schema's batchSize
 * 128 cells), and at larger batches, at the goal widths: its rows are the batch's cells, its triplets every
 * anchor–positive pair the mining finds.
 */
const MINED_BATCHES = [128, 512, 1024];
const ROWS = 6000;
const CLASSES = 10;

export interface TrainStepRow {
  backend: string;
  dense: DenseGradientMode;
  /** 'random' (offline, `batch` triplets) or 'semi-hard' (online, `batch` cells mined). */
  sampler: SamplerKind;
  width: number;
  /** Triplets a step (random) or cells a step (semi-hard). */
  batch: number;
  rowsPerStep: number;
  /** Triplets a step (mean over the timed steps). */
  triplets: number;
  steps: number;
  stepMsMedian: number;
  /** Median process CPU time (user + system, every thread) of a step. */
  cpuMsMedian: number;
  /** Kernels (tfjs ops reaching the backend) in one step, counted with tf.profile. */
  kernels: number;
  /** 1-minute load average when the row started. */
  load: number;
  tripletsPerSecond: number;
  gflopPerStep: number;
  gflops: number;
  /** Share of the timed steps' dropout decisions the worker thread drew ahead (mask-prefetch.ts). */
  masksAhead?: number;
}

export interface TrainStepResult {
  date: string;
  preset: string;
  tripletsPerStep: number;
  sampler: string;
  rows: TrainStepRow[];
  /** The goal widths' matMuls alone (the step's ceiling on its backend), at both batch sizes. */
  matmuls: StepMatmulsRow[];
  unavailable: { backend: string; error: string }[];
  peak?: { threads1: number; threads2: number };
  /** 1-minute load average of this 2-core machine at the start and end of the run (other work shares it). */
  loadAverage: { start: number; end: number };
}

function syntheticData(width: number): { x: DenseMatrix; labels: Int32Array } {
  const random = seededRandom(width);
  const data = Float32Array.from({ length: ROWS * width }, () => randomNormal(random));
  return {
    x: { data, rows: ROWS, cols: width },
    labels: Int32Array.from({ length: ROWS }, (_, i) => i % CLASSES),
  };
}

/** Matmul FLOPs of one step over `rows` distinct rows through layers of widths `sizes`. */
function stepFlops(rows: number, sizes: number[]): number {
  let flops = 0;
  for (let l = 1; l < sizes.length; l++) {
    const mac = rows * sizes[l - 1] * sizes[l];
    flops += 2 * mac + 2 * mac + (l > 1 ? 2 * mac : 0);
  }
  return flops;
}

export async function measure(
  backend: string,
  { dense, width, batch: batchSize, sampler: kind }: StepConfig,
  steps: number,
  warmup: number,
  threads = resolveThreads(),
): Promise<TrainStepRow> {
  const load = loadavg()[0];
  const { x, labels } = syntheticData(width);
  const options = resolveTrainOptions({ sampler: kind, batchSize, denseGradient: dense });
  const specs = resolveArchitecture(options.preset, options.dims);
  const sampler = await createSampler(x, labels, { kind, batchSize, unlabeled: 'exclude' }, seededRandom(1));
  const net = EncoderNet.create(width, specs, seededRandom(2));
  const optimizer = new FlatAdamOptimizer(options.learningRate ?? BASE_LEARNING_RATE);
  // the trainer's dropout generator: masks of ≥ 65 536 elements drawn ahead on a worker thread (2 cores)
  const dropoutRandom = prefetchingRandom(3, threads);
  const ctx = { net, mode: dense, options, dropoutRandom, miningRandom: seededRandom(4) };
  // the trainer's row source: the matrix on the backend at these widths, rows gathered there
  const source = new BatchRows(x);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let rowsSeen = 0;
  let tripletsSeen = 0;
  let kernels = 0;
  let masksAhead = 0;
  const step = async (): Promise<{ rows: number; triplets: number }> => {
    const batch = sampler.next();
    const xb = source.take(batch.rows);
    let triplets = 0;
    const cost = optimizer.minimize(
      () => {
        const result = computeBatchLoss(ctx, xb, batch, sampler.online);
        triplets = result.total;
        return result.loss;
      },
      true,
      net.variables(),
    );
    await cost!.data();
    cost!.dispose();
    xb.dispose();
    return { rows: batch.rows.length, triplets };
  };
  try {
    for (let s = 0; s < warmup; s++) {
      // the first steps warm up kernels and Adam's slots; the last one is profiled for its kernel count
      if (s < warmup - 1) await step();
      else kernels = (await tf.profile(step)).kernels.length;
    }
    // a training run's steady state: the worker (started by the first big mask) has drawn ahead
    for (let i = 0; i < 500 && dropoutRandom.drawingAhead() && dropoutRandom.ahead() === 0; i++)
      await sleep(10);
    const served = { ...dropoutRandom.served };
    for (let s = 0; s < steps; s++) {
      const c0 = cpuUsage();
      const t0 = performance.now();
      const seen = await step();
      rowsSeen += seen.rows;
      tripletsSeen += seen.triplets;
      times.push(performance.now() - t0);
      const c = cpuUsage(c0);
      cpuTimes.push((c.user + c.system) / 1000);
    }
    const ahead = dropoutRandom.served.fromWorker - served.fromWorker;
    masksAhead = ahead / (ahead + dropoutRandom.served.here - served.here || 1);
  } finally {
    await dropoutRandom.close();
    source.dispose();
    optimizer.dispose();
    net.dispose();
  }
  const rowsPerStep = rowsSeen / steps;
  const stepMs = median(times);
  const flops = stepFlops(rowsPerStep, [width, ...specs.map((s) => s.units)]);
  return {
    backend,
    dense,
    sampler: kind,
    width,
    batch: batchSize,
    rowsPerStep: Math.round(rowsPerStep),
    triplets: Math.round(tripletsSeen / steps),
    steps,
    stepMsMedian: stepMs,
    cpuMsMedian: median(cpuTimes),
    kernels,
    load,
    tripletsPerSecond: tripletsSeen / steps / (stepMs / 1000),
    gflopPerStep: flops / 1e9,
    gflops: flops / 1e9 / (stepMs / 1000),
    masksAhead,
  };
}

export interface StepConfig {
  dense: DenseGradientMode;
  sampler: SamplerKind;
  width: number;
  batch: number;
}

/** The rows of one backend: both paths at every width, and at its goal width larger and mined batches. */
export function stepConfigs(backend: string): StepConfig[] {
  return WIDTHS.flatMap((width) => [
    ...(['custom', 'stock'] as const).map((dense) => ({
      width,
      dense,
      sampler: 'random' as const,
      batch: TRIPLETS_PER_STEP,
    })),
    // the issue's goal widths also at a larger batch and with the trainer's default sampler, on the engine's path
    ...(width === GOAL_WIDTH[backend]
      ? [
          { width, dense: 'custom' as const, sampler: 'random' as const, batch: LARGE_BATCH },
          ...MINED_BATCHES.map((batch) => ({
            width,
            dense: 'custom' as const,
            sampler: 'semi-hard' as const,
            batch,
          })),
        ]
      : []),
  ]);
}

const LOADERS: { name: string; load: () => Promise<unknown>; steps: number; warmup: number }[] = [
  { name: 'tensorflow', load: loadTensorflow, steps: 10, warmup: 2 },
  { name: 'wasm', load: loadWasm, steps: 8, warmup: 2 },
  // the pure-JS backend takes seconds a step at 2 000 inputs: fewer steps
  { name: 'cpu', load: loadCpu, steps: 3, warmup: 1 },
];

/** Measures every backend that loads; writes bench/results/train-step.json and its README section. */
export async function runTrainStepBench(): Promise<TrainStepResult> {
  const result: TrainStepResult = {
    date: new Date().toISOString(),
    preset: 'default (G → 128 → 128 → 128 → 3, SELU, AlphaDropout 0.1)',
    tripletsPerStep: TRIPLETS_PER_STEP,
    sampler: 'random (offline), euclidean triplet loss, margin 1',
    rows: [],
    matmuls: [],
    unavailable: [],
    loadAverage: { start: loadavg()[0], end: NaN },
  };
  for (const { name, load, steps, warmup } of LOADERS) {
    try {
      await load();
    } catch (err) {
      result.unavailable.push({ backend: name, error: err instanceof Error ? err.message : String(err) });
      continue;
    }
    for (const config of stepConfigs(name)) {
      const row = await measure(name, config, steps, warmup);
      result.rows.push(row);
      console.error(
        `${name} ${row.dense} ${row.sampler} G=${row.width} batch ${row.batch}: ${num(row.stepMsMedian, 1)} ms/step (CPU ${num(row.cpuMsMedian, 1)}), ${row.kernels} kernels, ${num(row.gflops, 2)} GFLOP/s, load ${num(row.load, 1)}`,
      );
    }
    const goal = GOAL_WIDTH[name];
    if (goal) {
      const defaults = resolveTrainOptions({});
      const sizes = [goal, ...resolveArchitecture(defaults.preset, defaults.dims).map((l) => l.units)];
      for (const triplets of [TRIPLETS_PER_STEP, LARGE_BATCH]) {
        result.matmuls.push(measureStepMatmuls(name, 3 * triplets, sizes, steps));
      }
    }
  }
  result.loadAverage.end = loadavg()[0];
  const peak = await peakGflops();
  if (peak) result.peak = peak;
  await writeResult('train-step', result);
  await updateReadmeSection('train-step', section(result));
  return result;
}

function section(r: TrainStepResult): string {
  const peakFor = (backend: string): number | undefined =>
    r.peak ? (backend === 'tensorflow' ? r.peak.threads2 : r.peak.threads1) : undefined;
  const percent = (value: number, peak: number | undefined): string =>
    peak ? `${num((100 * value) / peak, 1)}%` : '—';
  const rows = r.rows.map((row) => {
    const perCpuSecond = row.gflopPerStep / (row.cpuMsMedian / 1000);
    return [
      row.backend,
      row.dense,
      row.sampler,
      row.width,
      row.batch,
      row.triplets,
      row.rowsPerStep,
      row.kernels,
      num(row.stepMsMedian, 1),
      num(row.cpuMsMedian, 1),
      num(row.gflops, 2),
      percent(row.gflops, peakFor(row.backend)),
      num(perCpuSecond, 1),
      percent(perCpuSecond, r.peak?.threads1),
      row.masksAhead === undefined ? '—' : `${num(100 * row.masksAhead, 0)}%`,
      num(row.load, 1),
    ];
  });
  return [
    '## Training step',
    '',
    `One real training step (the trainer's batch loss under its optimizer, flat Adam) of the ${r.preset} encoder, ` +
      `${r.tripletsPerStep} triplets a step, and ${LARGE_BATCH} at the goal widths (${r.sampler}), median over 10 (tensorflow), 8 (wasm) and 3 (cpu) steps after warm-up steps. ` +
      `At the goal widths also the trainer's default step: semi-hard mining over a batch of ${MINED_BATCHES[0]} cells (batch = cells, rows/step = cells, triplets = the anchor–positive pairs mined), and the same at ${MINED_BATCHES.slice(1).join(' and ')} cells. ` +
      'GFLOP/s counts only the matmuls the step needs (forward, weight gradients, and input gradients of every ' +
      'layer but the first), so it is a lower bound. "custom" is the hand-written path (each layer one op with ' +
      'its gradient written out, src/model/fused-layer.ts, and the triplet loss on the host, ' +
      "src/losses/host-triplet-loss.ts, or over the mined batch's distances, src/losses/host-matrix-loss.ts; on tensorflow SELU's and the bias's gradients by TensorFlow's own SeluGrad and BiasAddGrad, src/backend/native-kernels.ts, and the rows gathered from the training matrix kept on the backend, " +
      'src/train/device-rows.ts), "stock" tfjs ops under autodiff (the reference); the trainer uses ' +
      'custom on wasm and tensorflow, stock on cpu. Kernels: tfjs ops that reached the backend in one step. ' +
      '% of peak (wall): against the single-thread matmul peak for wasm and cpu (they run one thread), the ' +
      'two-thread peak for tensorflow. GFLOP per CPU-s divides by the process CPU time (all threads): on this ' +
      'shared machine it estimates what the step does with the CPU time it got; against the 1-thread peak it is ' +
      'the step’s efficiency, and a 2-thread step on an idle machine reaches at most twice it in wall time. ' +
      "Masks drawn ahead: the share of the timed steps' dropout decisions a worker thread drew before the step asked (src/train/mask-prefetch.ts; masks of ≥ 65 536 elements). " +
      'Load: the 1-minute load average when the row started (2 cores).',
    '',
    markdownTable(
      [
        'backend',
        'dense gradient',
        'sampler',
        'inputs',
        'batch',
        'triplets',
        'rows/step',
        'kernels',
        'ms/step',
        'CPU ms/step',
        'GFLOP/s',
        '% of peak (wall)',
        'GFLOP per CPU-s',
        '% of 1-thread peak per CPU-s',
        'masks drawn ahead',
        'load',
      ],
      rows,
    ),
    '',
    "The ceiling: the same step's matMuls alone (forward, weight and input gradients, with the fused " +
      "layer's kernels and transposes, bench/step-matmuls.ts) on random tensors of its shapes, at the goal widths.",
    '',
    markdownTable(
      [
        'backend',
        'inputs',
        'rows',
        'GFLOP',
        'ms',
        'CPU ms',
        'GFLOP/s',
        '% of peak (wall)',
        'GFLOP per CPU-s',
      ],
      (r.matmuls ?? []).map((m) => [
        m.backend,
        m.width,
        m.rows,
        num(m.gflop, 3),
        num(m.msMedian, 1),
        num(m.cpuMsMedian, 1),
        num(m.gflop / (m.msMedian / 1000), 1),
        percent(m.gflop / (m.msMedian / 1000), peakFor(m.backend)),
        num(m.gflop / (m.cpuMsMedian / 1000), 1),
      ]),
    ),
    '',
    r.unavailable.length
      ? `Backends that did not load: ${r.unavailable.map((u) => `${u.backend} (${u.error})`).join('; ')}.`
      : 'Every backend loaded.',
    r.peak ? '' : 'Machine peak not measured in this run (`npm run bench -- matmul`).',
    `Measured ${r.date}, 1-minute load average ${num(r.loadAverage.start, 1)} at the start and ` +
      `${num(r.loadAverage.end, 1)} at the end on 2 cores: other work shared the CPU, so times carry that noise, ` +
      'and the matmul peak (bench/results/matmul-peak.json) was itself measured on the shared machine.',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await runTrainStepBench();
  console.log(JSON.stringify(r));
}
