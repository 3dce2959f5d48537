/**
 * umap-learn (supervised, bench/peers/run_peer.py) on the table of the end-to-end run (bench/scale-e2e.ts):
 * the same synthetic CSV, imported and preprocessed by the engine with its defaults, the same seeded
 * stratified split as `tripletlens train` (fit on the training cells with their labels, hold-out cells
 * transformed), stopped after 30 minutes (issue 15 goal 2). Its kNN-5 hold-out accuracy is scored on the
 * same seeded subsample of cells as the CLI's metrics (src/engine/metrics.ts knnMetricRows).
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { importTable } from '../src/data/index.js';
import { fitPreprocess } from '../src/preprocess/index.js';
import { indexLabelColumn } from '../src/data/label-index.js';
import { stratifiedSplit, knnAccuracy } from '../src/evaluate/index.js';
import { deriveSeed, seededRandom } from '../src/util/random.js';
import { selectRows } from '../src/data/select-rows.js';
import { KNN_K, knnMetricRows } from '../src/engine/metrics.js';
import { packageRoot } from '../src/util/paths.js';
import { runMeasured } from './lib/child.js';
import { benchDataDir } from './lib/datasets.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { readF32, writePrepared } from './lib/prepared.js';
import { writeResult } from './lib/results.js';

export interface ScaleUmapOptions {
  /** Rows of the synthetic table (the end-to-end run's). Default 1 000 000. */
  rows?: number;
  /** Seed of the data, split and fit. Default 0. */
  seed?: number;
  /** Stop umap-learn after this long. Default 30 minutes. */
  timeoutMs?: number;
}

export async function runScaleUmapBench(options: ScaleUmapOptions = {}): Promise<unknown> {
  const { rows = 1_000_000, seed = 0, timeoutMs = 30 * 60_000 } = options;
  const csv = join(benchDataDir(), `synthetic-${rows}x50-seed${seed}.csv`);
  const table = await importTable(csv, {});
  const pre = await fitPreprocess(table.values, table.genes, { seed });
  const index = indexLabelColumn(table, 'label');
  const split = stratifiedSplit(index.indices, 0.2, seededRandom(deriveSeed(seed, 'split')));
  const matrix = pre.matrix;
  const prefix = join(benchDataDir(), 'prepared', `synthetic-${rows}x50`);
  await writePrepared(prefix, matrix, {
    dataset: `synthetic-${rows}x50`,
    source: csv,
    rows: matrix.rows,
    cols: matrix.cols,
    labels: [],
    classes: index.classes,
    classIndex: Array.from(index.indices),
    train: split.train,
    holdout: split.holdout,
    seed,
    preprocessing: 'engine defaults',
  });
  const python = join(packageRoot(), 'bench', '.venv', 'bin', 'python');
  if (!existsSync(python)) throw new Error('bench/.venv is missing: run bash bench/peers/setup.sh');
  const out = join(benchDataDir(), 'prepared', `synthetic-${rows}x50.umap-learn`);
  const loadBefore = loadavg()[0];
  const child = await runMeasured(
    python,
    [join(packageRoot(), 'bench', 'peers', 'run_peer.py'), 'umap-learn', prefix, out, '--seed', String(seed)],
    { timeoutMs, label: 'umap-learn' },
  );
  const loadAfter = loadavg()[0];
  let knnHoldout: number | null = null;
  let fit: Record<string, unknown> | null = null;
  if (child.code === 0) {
    fit = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
    const coords = await readF32(`${out}.f32`, matrix.rows, 3);
    const cells = knnMetricRows({ train: split.train, holdout: split.holdout, seed });
    const labelsOf = (rs: number[]) => Int32Array.from(rs, (r) => index.indices[r]);
    knnHoldout = knnAccuracy(
      selectRows(coords, cells.train),
      labelsOf(cells.train),
      selectRows(coords, cells.holdout),
      labelsOf(cells.holdout),
      KNN_K,
    );
  }
  const result = {
    rows,
    finished: child.code === 0,
    timedOut: child.timedOut,
    timeoutMin: timeoutMs / 60_000,
    wallS: child.wallMs / 1000,
    cpuS: child.cpuMs === null ? null : child.cpuMs / 1000,
    peakRssMb: child.peakRssMb,
    loadBefore,
    loadAfter,
    knnHoldout,
    fit,
  };
  await writeResult('scale-umap', result);
  await updateReadmeSection('scale-umap', scaleUmapMarkdown(result));
  return result;
}

/** The README section beside the end-to-end table. */
export function scaleUmapMarkdown(r: {
  rows: number;
  finished: boolean;
  timedOut: boolean;
  timeoutMin: number;
  wallS: number;
  cpuS: number | null;
  peakRssMb: number | null;
  loadBefore: number;
  loadAfter: number;
  knnHoldout: number | null;
  fit: Record<string, unknown> | null;
}): string {
  const status = r.finished
    ? 'finished'
    : r.timedOut
      ? `stopped after ${r.timeoutMin} minutes (did not finish)`
      : 'failed';
  const fitS = typeof r.fit?.fitMs === 'number' ? num(r.fit.fitMs / 1000, 1) : '—';
  return [
    `### umap-learn on the same table (\`npm run bench -- scale-umap\`)`,
    '',
    `Supervised umap-learn 0.5.7 (bench/peers/run_peer.py, 3 dims, defaults) fitted on the same preprocessed ${r.rows.toLocaleString('en')} × 50 table and split as the runs above; the hold-out cells are transformed. Wall and CPU of the whole Python process (loading the prepared matrix and numba's warm-up included), peak RSS by GNU time.`,
    '',
    markdownTable(
      [
        'method',
        'status',
        'wall s (CPU s)',
        'fit s',
        'peak RSS MB',
        'kNN-5 hold-out',
        'load avg (1 min, before → after)',
      ],
      [
        [
          'umap-learn',
          status,
          `${num(r.wallS, 1)} (${num(r.cpuS, 1)})`,
          fitS,
          num(r.peakRssMb, 0),
          num(r.knnHoldout, 3),
          `${num(r.loadBefore, 1)} → ${num(r.loadAfter, 1)}`,
        ],
      ],
    ),
  ].join('\n');
}
