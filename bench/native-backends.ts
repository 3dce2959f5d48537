/**
 * Native vs wasm vs cpu: the time of one triplet-loss training step of the engine's encoder shape
 * (G → 256 → 128 → 3, 256 triplets = 768 rows a step, Adam), at input widths 50, 500 and 2 000, on every
 * backend that loads, beside the machine's sgemm peak when `npm run bench -- matmul` has measured it.
 * The dense layers are the engine's (`src/model/dense-gradient.ts`) with the gradient mode the trainer
 * picks for each backend (custom on wasm, stock elsewhere); native is also timed with the other mode.
 */
import * as tf from '@tensorflow/tfjs';
import { loadCpu, loadTensorflow, loadWasm } from '../src/backend/loaders.js';
import type { BackendLoader } from '../src/backend/types.js';
import type { BackendName } from '../src/api/backend-info.js';
import { defaultDenseGradient, dense, type DenseGradientMode } from '../src/model/dense-gradient.js';
import { shortenError } from '../src/backend/shorten-error.js';
import { machineInfo, type MachineInfo } from './lib/machine.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { readResult, writeResult } from './lib/results.js';
import { median } from './lib/timing.js';

const WIDTHS = [50, 500, 2000];
const HIDDEN = [256, 128];
const DIMS = 3;
const TRIPLETS = 256;
const MARGIN = 1;
/** Steps timed per configuration (after warm-up); the pure-JS backend gets fewer at G = 2 000. */
const STEPS: Record<BackendName, number> = { tensorflow: 25, wasm: 9, cpu: 5 };
const WARMUP = 2;

interface StepTiming {
  backend: BackendName;
  mode: DenseGradientMode;
  width: number;
  medianMs: number;
  stepsMs: number[];
  /** Median process CPU time (user + system, all threads) per step: robust to other work on the CPU. */
  medianCpuMs: number;
  gflops: number;
  /** The same work over the median CPU time: what the backend achieves per busy core-second. */
  gflopsPerCpuSecond: number;
  tripletsPerSecond: number;
}

export interface NativeBackendsResult {
  machine: MachineInfo;
  loaded: { backend: BackendName; ok: boolean; error?: string; versions?: Record<string, string> }[];
  peak?: { threads1: number; threads2: number };
  timings: StepTiming[];
}

/** Useful FLOPs of one step: forward, dW for every layer, dX for all but the first (its input is data). */
export function stepFlops(width: number, rows = 3 * TRIPLETS): number {
  const sizes = [width, ...HIDDEN, DIMS];
  let flops = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const mac = rows * sizes[l] * sizes[l + 1];
    flops += 2 * mac /* forward */ + 2 * mac /* dW */ + (l > 0 ? 2 * mac : 0); /* dX */
  }
  return flops;
}

/** Times `steps` training steps of the encoder at `width` on the active backend. */
async function timeSteps(
  width: number,
  mode: DenseGradientMode,
  steps: number,
): Promise<{ wall: number[]; cpu: number[] }> {
  const sizes = [width, ...HIDDEN, DIMS];
  const weights = sizes.slice(1).map((out, l) => ({
    w: tf.variable(tf.randomNormal([sizes[l], out], 0, Math.sqrt(1 / sizes[l]), 'float32', 11 + l)),
    b: tf.variable(tf.zeros([out])),
  }));
  // Anchors, positives, negatives stacked as one 768-row batch, fixed data: timing is about the step.
  const batch = tf.randomNormal([3 * TRIPLETS, width], 0, 1, 'float32', 3) as tf.Tensor2D;
  const optimizer = tf.train.adam(1e-3);
  const forward = (): tf.Scalar => {
    let h: tf.Tensor2D = batch;
    weights.forEach(({ w, b }, l) => {
      h = dense(h, w as tf.Variable<tf.Rank.R2>, b as tf.Variable<tf.Rank.R1>, mode, l > 0);
      if (l < weights.length - 1) h = tf.selu(h);
    });
    const [a, p, n] = tf.split(h, 3, 0);
    const dist = (x: tf.Tensor, y: tf.Tensor) =>
      tf.sqrt(tf.maximum(tf.sum(tf.square(tf.sub(x, y)), 1), 1e-12));
    return tf.mean(tf.relu(tf.add(tf.sub(dist(a, p), dist(a, n)), MARGIN))) as tf.Scalar;
  };
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < WARMUP + steps; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const loss = optimizer.minimize(forward, true);
    await loss?.data(); // wait for the backend to finish before stopping the clock
    loss?.dispose();
    const used = process.cpuUsage(cpuStart);
    if (i >= WARMUP) {
      wall.push(performance.now() - start);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  optimizer.dispose();
  batch.dispose();
  for (const { w, b } of weights) {
    w.dispose();
    b.dispose();
  }
  return { wall, cpu };
}

const LOADERS: [BackendName, BackendLoader][] = [
  ['tensorflow', loadTensorflow],
  ['wasm', loadWasm],
  ['cpu', loadCpu],
];

/** Runs the comparison, writes bench/results/native-backends.json and the "Native backend" README section. */
export async function runNativeBackendsBench(): Promise<NativeBackendsResult> {
  const machine = machineInfo();
  const result: NativeBackendsResult = {
    machine,
    loaded: [],
    peak: (await readResult<{ peak: { threads1: number; threads2: number } }>('matmul-peak'))?.peak,
    timings: [],
  };
  for (const [backend, load] of LOADERS) {
    let versions: Record<string, string>;
    try {
      versions = (await load()).versions;
    } catch (err) {
      result.loaded.push({ backend, ok: false, error: shortenError(err) });
      console.error(`native-backends: ${backend} does not load: ${shortenError(err)}`);
      continue;
    }
    result.loaded.push({ backend, ok: true, versions });
    const modes: DenseGradientMode[] =
      backend === 'tensorflow' ? ['stock', 'custom'] : [defaultDenseGradient(backend)];
    for (const mode of modes) {
      for (const width of WIDTHS) {
        const { wall: stepsMs, cpu } = await timeSteps(width, mode, STEPS[backend]);
        const medianMs = median(stepsMs);
        const timing: StepTiming = {
          backend,
          mode,
          width,
          medianMs,
          stepsMs,
          medianCpuMs: median(cpu),
          gflopsPerCpuSecond: stepFlops(width) / (median(cpu) / 1000) / 1e9,
          gflops: stepFlops(width) / (medianMs / 1000) / 1e9,
          tripletsPerSecond: TRIPLETS / (medianMs / 1000),
        };
        result.timings.push(timing);
        console.error(
          `native-backends: ${backend} (${mode}) G=${width}: ${medianMs.toFixed(1)} ms/step ` +
            `(CPU ${timing.medianCpuMs.toFixed(1)} ms), ` +
            `${timing.gflops.toFixed(1)} GFLOP/s`,
        );
      }
    }
  }
  await writeResult('native-backends', result);
  await updateReadmeSection('native-backend', nativeMarkdown(result));
  return result;
}

function nativeMarkdown(result: NativeBackendsResult): string {
  const { machine, peak } = result;
  const rows = result.timings.map((t) => [
    t.backend,
    t.mode === defaultDenseGradient(t.backend) ? `${t.mode} (engine default)` : t.mode,
    t.width,
    num(t.medianMs, 1),
    num(t.medianCpuMs, 1),
    num(t.gflops, 1),
    num(t.gflopsPerCpuSecond, 1),
    peak ? `${num((100 * t.gflops) / peak.threads2, 0)}%` : '—',
    num(t.tripletsPerSecond, 0),
  ]);
  const failed = result.loaded.filter((l) => !l.ok).map((l) => `${l.backend} did not load: ${l.error}`);
  const native = result.loaded.find((l) => l.backend === 'tensorflow' && l.ok);
  return [
    '## Native backend',
    '',
    `One triplet-loss training step of the engine’s encoder (G → 256 → 128 → 3, SELU, ${TRIPLETS} triplets = ` +
      `${3 * TRIPLETS} rows a step, euclidean distance, Adam), median over ${STEPS.tensorflow} (tensorflow), ` +
      `${STEPS.wasm} (wasm) and ${STEPS.cpu} (cpu) steps after ${WARMUP} warm-up steps; GFLOP/s counts the ` +
      'useful matmul work (forward, dW, and dX except for the first layer). “dense gradient” is the engine’s ' +
      'path: `custom` = tf.customGrad with explicit transposes, `stock` = autodiff. “CPU ms” is the process’s ' +
      'user + system time for the step over all its threads: when other work shares the CPU, wall time grows ' +
      'but CPU time much less (native uses 2 threads, so its CPU time can exceed its wall time); ' +
      '“GFLOP per CPU-s” is the work over that CPU time.',
    '',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores (${machine.simd.join(', ')}), ${machine.memoryGiB} GiB; ` +
      `${machine.date} (commit ${machine.gitCommit ?? '?'}); load average at the start ` +
      `${machine.loadAverage.map((l) => l.toFixed(2)).join(' / ')} (a load far above the core count means ` +
      'other work shared the CPU: wall times are inflated, the CPU-time columns much less). ' +
      `Node ${machine.node}; tfjs ${tf.version.tfjs}` +
      (native?.versions
        ? `; native: tfjs-node ${native.versions['tfjs-node']}, libtensorflow ` +
          `${native.versions.libtensorflow} built by \`scripts/setup-native-offline\` from the tensorflow-cpu wheel`
        : '') +
      '.',
    '',
    peak
      ? `Machine sgemm peak (bench “matmul”, numpy/OpenBLAS 2048³): ${num(peak.threads1, 1)} GFLOP/s on 1 thread, ` +
        `${num(peak.threads2, 1)} on 2; “% of peak” is this step’s wall-time GFLOP/s against the 2-thread figure.` +
        (result.timings.some((t) => t.gflops > peak.threads2)
          ? ' Some steps exceed 100%: the peak run was slowed by other work on the CPU more than this run was ' +
            '(both are wall-time figures on a shared machine), so read those percentages as “at the peak”.'
          : '')
      : 'Machine sgemm peak: not measured yet (`npm run bench -- matmul`), so no “% of peak” column.',
    '',
    markdownTable(
      [
        'backend',
        'dense gradient',
        'inputs G',
        'ms / step',
        'CPU ms / step',
        'GFLOP/s',
        'GFLOP per CPU-s',
        '% of peak',
        'triplets/s',
      ],
      rows,
    ),
    ...(failed.length ? ['', ...failed.map((f) => `- ${f}`)] : []),
  ].join('\n');
}
