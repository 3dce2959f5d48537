/**
 * One metrics-stage measurement in its own process: generates `rows` × `cols` clustered, labelled points
 * (20 classes; per-column spread decaying like PCA components') and a 2-D "embedding" of them (each
 * class's 2-D centre plus noise), splits 20 % off as hold-out as the engine does, then computes the run metrics as
 * the engine does (computeMetricsThreaded on THREADS threads; 1 is computeMetrics in this thread). Beside the
 * wall time: the CPU time of every thread of the process and of the calling thread alone, the 1-minute load average before and after, the
 * backend, and the metric values (the parent checks that every thread count gave the same ones).
 * Usage: metrics-child.ts ROWS COLS SEED THREADS. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { initBackend } from '../../src/backend/index.js';
import { computeMetricsThreaded } from '../../src/engine/metrics-threaded.js';
import { stratifiedSplit } from '../../src/evaluate/index.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { timed } from './timing.js';

const CLASSES = 20;

/**
 * The calling thread's own CPU milliseconds (user + system) from Linux's /proc/thread-self/stat (clock ticks
 * of 1/100 s); NaN elsewhere. With the workers' share beside it, it bounds the wall time from below without
 * depending on the machine's load: wall ≥ max(this thread's CPU, all CPU ÷ cores).
 */
function callingThreadCpuMs(): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

function labelledPoints(
  rows: number,
  cols: number,
  seed: number,
): { input: DenseMatrix; coords: DenseMatrix; labels: Int32Array } {
  const random = seededRandom(seed);
  const centres = Array.from({ length: CLASSES * cols }, () => 3 * randomNormal(random));
  const mapCentres = Array.from({ length: CLASSES * 2 }, () => 4 * randomNormal(random));
  const spread = Array.from({ length: cols }, (_, c) => 1 / Math.sqrt(1 + c));
  const data = new Float32Array(rows * cols);
  const coords = new Float32Array(rows * 2);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const label = Math.floor(random() * CLASSES);
    labels[r] = label;
    for (let c = 0; c < cols; c++)
      data[r * cols + c] = spread[c] * (centres[label * cols + c] + randomNormal(random));
    for (let c = 0; c < 2; c++) coords[r * 2 + c] = mapCentres[label * 2 + c] + randomNormal(random);
  }
  return { input: { data, rows, cols }, coords: { data: coords, rows, cols: 2 }, labels };
}

async function main(): Promise<void> {
  const [rows, cols, seed, threads] = process.argv.slice(2).map(Number);
  const backend = await initBackend();
  const { input, coords, labels } = labelledPoints(rows, cols, seed);
  const split = stratifiedSplit(labels, 0.2, seededRandom(seed + 1));
  const inputs = { coords, input, labels, train: split.train, holdout: split.holdout, seed };
  const loadBefore = loadavg()[0];
  const cpuBefore = process.cpuUsage();
  const threadBefore = callingThreadCpuMs();
  const run = await timed(() => computeMetricsThreaded(inputs, { threads }));
  const cpu = process.cpuUsage(cpuBefore);
  const callingThreadMs = callingThreadCpuMs() - threadBefore;
  console.log(
    JSON.stringify({
      rows,
      cols,
      threads,
      backend: backend.backend,
      metricsMs: run.ms,
      metricsCpuMs: (cpu.user + cpu.system) / 1000,
      callingThreadCpuMs: callingThreadMs,
      loadBefore,
      loadAfter: loadavg()[0],
      metrics: run.result,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
