/**
 * TripletLens against its peers, in one run (issue 6). Every method gets the same preprocessed matrix
 * (fitted once with src/preprocess and written to bench/data/prepared/) and the same seeded stratified
 * split (the engine's own: src/evaluate's stratifiedSplit with the run seed's 'split' stream); each fits on
 * the training cells in its own child process (peak RSS is that process's) and transforms the hold-out; the
 * harness then scores every method's coordinates with the engine's `computeMetrics`, so the figures are
 * computed identically for all.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { DenseMatrix } from '../src/api/matrix.js';
import { importTable } from '../src/data/index.js';
import { fitPreprocess, describeRecipe } from '../src/preprocess/index.js';
import { stratifiedSplit } from '../src/evaluate/index.js';
import { initBackend } from '../src/backend/index.js';
import { computeMetrics, indexLabels } from '../src/engine/index.js';
import type { RunMetrics } from '../src/engine/index.js';
import { labelValues } from '../src/engine/coordinates-csv.js';
import { labelStrings } from '../src/data/label-index.js';
import { deriveSeed, seededRandom } from '../src/util/random.js';
import { lastJsonLine, runMeasured, runTsScript, type ChildResult } from './lib/child.js';
import { benchDataDir, COMPARISON_DATASETS, datasetPath, type BenchDataset } from './lib/datasets.js';
import { readF32, writePrepared, type MethodReport, type PreparedMeta } from './lib/prepared.js';
import { requireVenv } from './lib/python.js';
import { readResult, writeResult } from './lib/results.js';
import { timed } from './lib/timing.js';
import { timeToQuality, type QualityPoint } from './lib/time-to-quality.js';
import { machineInfo, type MachineInfo } from './lib/machine.js';

/**
 * 'tripletlens' runs on the backend the engine picks (native when it loads); 'tripletlens-wasm' forces wasm;
 * 'tripletlens-neighbourhoods' is `--objective neighbourhoods` on the engine's backend (issue 13 goal a).
 */
export const METHODS = [
  'tripletlens',
  'tripletlens-wasm',
  'tripletlens-neighbourhoods',
  'umap-js',
  'umap-learn',
  'ivis',
  'pca',
] as const;
export type MethodName = (typeof METHODS)[number];

export interface PeerBenchOptions {
  /** Dataset names to run (see COMPARISON_DATASETS). Default: all. */
  datasets?: string[];
  /** Methods to run. Default: all of METHODS. */
  methods?: MethodName[];
  /** Seed for preprocessing, the split and every method. Default 0. */
  seed?: number;
  /**
   * A method taking longer than this on one dataset is killed and recorded as timed out (three times it for
   * `tripletlens-neighbourhoods`). Default 30 min.
   */
  timeoutMs?: number;
}

export interface MethodRow {
  dataset: string;
  method: MethodName;
  ok: boolean;
  error?: string;
  fitMs?: number;
  transformMs?: number;
  /** The whole child process, start-up and file I/O included. */
  wallMs: number;
  peakRssMb: number | null;
  /** 1-minute load average when the method started: the CPU is shared, and this shows how much. */
  loadAverage: number;
  metrics?: RunMetrics;
  report?: MethodReport;
  /**
   * TripletLens only: the first checkpoint whose held-out kNN-5 is within 0.01 of the final map's (its
   * time is fit time, evaluation excluded); absent for methods whose quality is only there at the end.
   */
  timeToQuality?: QualityPoint;
}

export interface PreparedInfo {
  dataset: string;
  rows: number;
  genes: number;
  cols: number;
  classes: number;
  train: number;
  holdout: number;
  importMs: number;
  preprocessMs: number;
  preprocessing: string;
}

export interface PeerBenchResult {
  machine: MachineInfo;
  seed: number;
  prepared: PreparedInfo[];
  rows: MethodRow[];
}

/** Imports, preprocesses (engine defaults) and splits one dataset; writes the shared prepared files. */
async function prepare(
  dataset: BenchDataset,
  seed: number,
): Promise<{ prefix: string; info: PreparedInfo; matrix: DenseMatrix; meta: PreparedMeta }> {
  const imported = await timed(async () => dataset.generate?.() ?? importTable(datasetPath(dataset), {}));
  const table = imported.result;
  const pre = await timed(() => fitPreprocess(table.values, table.genes, { seed }));
  const index = indexLabels(labelValues(table, dataset.labelColumn));
  const labels = labelStrings(index);
  const split = stratifiedSplit(labels, 0.2, seededRandom(deriveSeed(seed, 'split')));
  const matrix = pre.result.matrix;
  const meta: PreparedMeta = {
    dataset: dataset.name,
    source: datasetPath(dataset),
    rows: matrix.rows,
    cols: matrix.cols,
    labels,
    classes: index.classes,
    classIndex: Array.from(index.indices),
    train: split.train,
    holdout: split.holdout,
    seed,
    preprocessing: describeRecipe(pre.result.recipe),
  };
  const prefix = join(benchDataDir(), 'prepared', dataset.name);
  await writePrepared(prefix, matrix, meta);
  return {
    prefix,
    matrix,
    meta,
    info: {
      dataset: dataset.name,
      rows: matrix.rows,
      genes: table.genes.length,
      cols: matrix.cols,
      classes: index.classes.length,
      train: split.train.length,
      holdout: split.holdout.length,
      importMs: imported.ms,
      preprocessMs: pre.ms,
      preprocessing: meta.preprocessing,
    },
  };
}

/** The time-to-quality checkpoint of a report that carries a kNN curve (TripletLens's), else nothing. */
function reachedQuality(report: MethodReport, metrics: RunMetrics): { timeToQuality?: QualityPoint } {
  const curve = report.qualityCurve as QualityPoint[] | undefined;
  const final = metrics.knn_holdout;
  if (!curve || final === null) return {};
  const point = timeToQuality(curve, final);
  return point ? { timeToQuality: point } : {};
}

function runMethod(method: MethodName, prefix: string, out: string, seed: number, timeoutMs: number) {
  const args = [prefix, out, String(seed)];
  switch (method) {
    case 'tripletlens':
      return runTsScript('bench/peers/tripletlens.ts', args, { timeoutMs, label: method });
    case 'tripletlens-wasm':
      return runTsScript('bench/peers/tripletlens.ts', args, {
        timeoutMs,
        label: method,
        env: { TRIPLETLENS_BACKEND: 'wasm' },
      });
    case 'tripletlens-neighbourhoods':
      return runTsScript('bench/peers/tripletlens.ts', [...args, 'neighbourhoods'], {
        timeoutMs,
        label: method,
      });
    case 'umap-js':
      return runTsScript('bench/peers/umap-js.ts', args, { timeoutMs, label: method });
    default:
      // TensorFlow's C++ logging would flood the output; errors still reach stderr
      return runMeasured(
        requireVenv(),
        ['bench/peers/run_peer.py', method, prefix, out, '--seed', String(seed)],
        {
          timeoutMs,
          label: method,
          env: { TF_CPP_MIN_LOG_LEVEL: '2', PYTHONWARNINGS: 'ignore' },
        },
      );
  }
}

/**
 * This run's rows and datasets over the previous peers.json: a run of a subset (some datasets or methods)
 * replaces what it measured and keeps the rest. A previous file of another seed is not kept: its rows were
 * measured on other splits, and the file's one `seed` would label them wrongly.
 */
export function mergePeerResults(
  previous: PeerBenchResult | undefined,
  result: PeerBenchResult,
): PeerBenchResult {
  if (!previous || previous.seed !== result.seed) return result;
  const key = (r: { dataset: string; method?: string }) => `${r.dataset}\u0000${r.method ?? ''}`;
  const mine = new Set(result.rows.map(key));
  const myDatasets = new Set(result.prepared.map((p) => p.dataset));
  const order = COMPARISON_DATASETS.map((d) => d.name);
  const byOrder = <T extends { dataset: string; method?: string }>(a: T, b: T) =>
    order.indexOf(a.dataset) - order.indexOf(b.dataset) ||
    METHODS.indexOf(a.method as MethodName) - METHODS.indexOf(b.method as MethodName);
  return {
    ...result,
    prepared: [...previous.prepared.filter((p) => !myDatasets.has(p.dataset)), ...result.prepared].sort(
      byOrder,
    ),
    rows: [...previous.rows.filter((r) => !mine.has(key(r))), ...result.rows].sort(byOrder),
  };
}

/** Runs every method on every dataset; writes bench/results/peers.json and returns the rows. */
export async function runPeersBench(options: PeerBenchOptions = {}): Promise<PeerBenchResult> {
  const { seed = 0, timeoutMs = 30 * 60_000, methods = [...METHODS] } = options;
  const datasets = options.datasets?.length
    ? COMPARISON_DATASETS.filter((d) => options.datasets!.includes(d.name))
    : COMPARISON_DATASETS;
  if (options.datasets?.length && datasets.length !== options.datasets.length) {
    const known = COMPARISON_DATASETS.map((d) => d.name).join(', ');
    throw new Error(`unknown dataset in ${options.datasets.join(', ')}; known: ${known}`);
  }
  await initBackend();
  const result: PeerBenchResult = { machine: machineInfo(), seed, prepared: [], rows: [] };
  for (const dataset of datasets) {
    process.stderr.write(`peers: preparing ${dataset.name}\n`);
    const { prefix, info, matrix, meta: prepared } = await prepare(dataset, seed);
    result.prepared.push(info);
    for (const method of methods) {
      process.stderr.write(`peers: ${dataset.name} × ${method}\n`);
      const out = join(benchDataDir(), 'coords', `${dataset.name}.${method}`);
      let child: ChildResult | undefined;
      const loadAverage = Math.round(loadavg()[0] * 100) / 100;
      try {
        // the neighbourhoods recipes train long on purpose (fashion-MNIST: 32–35 CPU minutes on wasm)
        const limit = method === 'tripletlens-neighbourhoods' ? 3 * timeoutMs : timeoutMs;
        child = await runMethod(method, prefix, out, seed, limit);
        const report = lastJsonLine<MethodReport>(child, method);
        const coords = await readF32(`${out}.f32`, info.rows, report.dims);
        const metrics = computeMetrics({
          coords,
          input: matrix,
          labels: prepared.labels,
          train: prepared.train,
          holdout: prepared.holdout,
          seed,
        });
        result.rows.push({
          dataset: dataset.name,
          method,
          ok: true,
          fitMs: report.fitMs,
          transformMs: report.transformMs,
          wallMs: child.wallMs,
          peakRssMb: child.peakRssMb,
          loadAverage,
          metrics,
          report,
          ...reachedQuality(report, metrics),
        });
      } catch (err) {
        result.rows.push({
          dataset: dataset.name,
          method,
          ok: false,
          error: err instanceof Error ? err.message : String(err),
          wallMs: child?.wallMs ?? 0,
          peakRssMb: child?.peakRssMb ?? null,
          loadAverage,
        });
      }
      // write after every method so a long run that is interrupted still leaves its results
      // re-read at every write, so that runs of disjoint subsets side by side keep each other's rows
      await writeResult('peers', mergePeerResults(await readResult<PeerBenchResult>('peers'), result));
    }
  }
  return result;
}
