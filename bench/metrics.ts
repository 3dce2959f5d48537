/**
 * The metrics stage on worker threads (issue 15 goal 3): wall and CPU seconds of the run metrics the engine
 * computes after every training run (computeMetricsThreaded: kNN-5 hold-out in the map, in PCA and in the
 * 50-D input, kNN-5 of the training cells, silhouette, trustworthiness) at 100 000 × 50 and 1 000 000 × 50
 * clustered, labelled points on 1 and 2 threads (1, 2, 2, 1 in turn), each run in a fresh process, with the
 * machine's 1-minute load average before and after each run and a check that every thread count gave the
 * same metric values.
 */
import { lastJsonLine, runTsScript } from './lib/child.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { writeResult } from './lib/results.js';

interface MetricsRow {
  rows: number;
  cols: number;
  threads: number;
  backend: string;
  metricsMs: number;
  metricsCpuMs: number;
  /** CPU of the calling thread alone (NaN off Linux). */
  callingThreadCpuMs: number;
  loadBefore: number;
  loadAfter: number;
  metrics: Record<string, number | null>;
  peakRssMb: number | null;
}

const SHAPES = [
  { rows: 100_000, cols: 50 },
  { rows: 1_000_000, cols: 50 },
];

/** A-B-B-A, so that a load that rises or falls through the runs weighs on both thread counts alike. */
const THREAD_ORDER = [1, 2, 2, 1];

function meanWall(rows: MetricsRow[], shape: MetricsRow, threads: number): number {
  const runs = rows.filter((r) => r.rows === shape.rows && r.threads === threads);
  return runs.reduce((sum, r) => sum + r.metricsMs, 0) / runs.length;
}

/**
 * What 2 cores would give without other load: the mean 1-thread CPU over this run's floor on 2 cores, the
 * larger of its calling thread's CPU (the products, in order) and half its CPU (all threads).
 */
function cpuBound(rows: MetricsRow[], r: MetricsRow): number {
  const single = rows.filter((s) => s.rows === r.rows && s.threads === 1);
  const cpu1 = single.reduce((sum, s) => sum + s.metricsCpuMs, 0) / single.length;
  return cpu1 / Math.max(r.callingThreadCpuMs, r.metricsCpuMs / 2);
}

function section(rows: MetricsRow[], date: string): string {
  const first = (r: MetricsRow) => rows.find((s) => s.rows === r.rows);
  const table = markdownTable(
    [
      'rows × cols',
      'backend',
      'threads',
      'wall (s)',
      'CPU (s)',
      'calling thread CPU (s)',
      'cores used (CPU ÷ wall)',
      'speed-up: mean wall 1 thread ÷ 2 threads',
      'speed-up bound from CPU (load-free)',
      'same metrics as the first run',
      'peak RSS (MB)',
      'load avg (1 min, before → after)',
    ],
    rows.map((r) => [
      `${r.rows.toLocaleString('en')} × ${r.cols}`,
      r.backend,
      r.threads,
      num(r.metricsMs / 1000, 1),
      num(r.metricsCpuMs / 1000, 1),
      num(r.callingThreadCpuMs / 1000, 1),
      num(r.metricsCpuMs / r.metricsMs, 2),
      r.threads === 1 || r !== rows.find((s) => s.rows === r.rows && s.threads === r.threads)
        ? '—'
        : `${num(meanWall(rows, r, 1) / meanWall(rows, r, r.threads), 2)}×`,
      r.threads === 1 ? '—' : `${num(cpuBound(rows, r), 2)}×`,
      r === first(r) ? '—' : JSON.stringify(first(r)?.metrics) === JSON.stringify(r.metrics) ? 'yes' : 'NO',
      r.peakRssMb === null ? '—' : num(r.peakRssMb, 0),
      `${num(r.loadBefore, 1)} → ${num(r.loadAfter, 1)}`,
    ]),
  );
  return [
    '## Metrics on threads',
    '',
    '`npm run bench -- metrics` (bench/metrics.ts). The metrics every run reports (src/engine/metrics.ts;',
    'above 15 000 hold-out / 60 000 training cells the kNN metrics score a seeded subsample, trustworthiness',
    'and silhouette 2 000 cells) on clustered, labelled synthetic points with a 2-D map, 20 % held out, each run',
    "in a fresh process. Two parts cost nearly all of the stage's CPU and run on worker threads",
    '(src/engine/metrics-threaded.ts, issue 15 goal 3): the hold-out kNN-5 in the 50-D input — the calling',
    'thread computes the matMul products block by block while the workers select the top-5 lists from the',
    'previous blocks (src/evaluate/nearest-threads.ts) — and trustworthiness, whose per-point ranks the',
    'workers compute while the calling thread does the cheap metrics (src/evaluate/trust-threads.ts). Every',
    `thread count gives the same metrics bit for bit (tests; last column). Measured ${date}. CPU seconds count`,
    "every thread of the process. The load average is the machine's: on this 2-core machine a load above 2",
    'means other work competed for the cores, so the wall-clock speed-up is a figure under that load. The',
    "load-free column bounds it from the CPU seconds alone: the 1-thread run's mean CPU ÷ the 2-thread run's",
    "floor on 2 idle cores, max(its calling thread's CPU, its CPU ÷ 2) (Linux's per-thread CPU clock).",
    '',
    table,
  ].join('\n');
}

export async function runMetricsBench(): Promise<MetricsRow[]> {
  const rows: MetricsRow[] = [];
  for (const shape of SHAPES) {
    for (const threads of THREAD_ORDER) {
      const child = await runTsScript('bench/lib/metrics-child.ts', [
        String(shape.rows),
        String(shape.cols),
        '0',
        String(threads),
      ]);
      const report = lastJsonLine<Omit<MetricsRow, 'peakRssMb'>>(
        child,
        `metrics ${shape.rows} × ${shape.cols}, ${threads} thread(s)`,
      );
      rows.push({ ...report, peakRssMb: child.peakRssMb });
      console.error(`metrics ${shape.rows} × ${shape.cols}: ${JSON.stringify(rows.at(-1))}`);
    }
  }
  await writeResult('metrics', rows);
  await updateReadmeSection('metrics', section(rows, new Date().toISOString().slice(0, 10)));
  return rows;
}
