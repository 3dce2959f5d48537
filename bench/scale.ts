/**
 * Scale (issue 6): synthetic 100 000 × 2 000 and 1 000 000 × 50 tables, generated once into bench/data/
 * (gitignored; ~1.3 GB and ~270 MB of CSV), then in a fresh process each: import time, preprocessing time,
 * seconds per training epoch over every row, embed time and the process's peak RSS.
 */
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { lastJsonLine, runTsScript } from './lib/child.js';
import { benchDataDir } from './lib/datasets.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { readResult, writeResult } from './lib/results.js';
import type { TrainOptions } from '../src/train/index.js';
import { writeSyntheticCsv } from './lib/synthetic-csv.js';
import { timed } from './lib/timing.js';
import { machineInfo, type MachineInfo } from './lib/machine.js';

/** One synthetic table to run, optionally with trainer options that differ from the defaults. */
export interface ScaleShape {
  rows: number;
  cols: number;
  /** Trainer options over the defaults (the run is named after them). Default: none. */
  train?: TrainOptions;
}

export interface ScaleOptions {
  /** Which shapes to run. Default: SCALE_SHAPES. */
  shapes?: ScaleShape[];
  /** Most training steps run per shape; a longer epoch's time is extrapolated from the step time. Default 300. */
  maxSteps?: number;
  /** Seed of the data generator and the run. Default 0. */
  seed?: number;
}

interface ChildReport {
  rows: number;
  genes: number;
  cols: number;
  backend: string;
  importMs: number;
  preprocessMs: number;
  stepsPerEpoch: number;
  stepsRun: number;
  trainMs: number;
  msPerStep: number;
  warmupMs: number;
  secondsPerEpoch: number;
  extrapolated: boolean;
  embedMs: number;
  finiteEmbedding: boolean;
}

export interface ScaleRow {
  shape: string;
  csvMB: number;
  generateMs: number | null;
  ok: boolean;
  error?: string;
  peakRssMb: number | null;
  wallMs: number;
  /** 1-minute load average when the child started (2 cores): how much the CPU was shared. */
  loadAverage: number;
  report?: ChildReport;
}

/**
 * Issue 6's two shapes at the defaults, and 1 000 000 × 50 once more without the trainer's input-space
 * neighbour triplets (neighbourShare 0), to show what their neighbour search costs at a million rows.
 */
export const SCALE_SHAPES: ScaleShape[] = [
  { rows: 100_000, cols: 2_000 },
  { rows: 1_000_000, cols: 50 },
  { rows: 1_000_000, cols: 50, train: { neighbourShare: 0 } },
];

function shapeName({ rows, cols, train }: ScaleShape): string {
  const extra = Object.entries(train ?? {}).map(([k, v]) => `${k} ${String(v)}`);
  return [`${rows} × ${cols}`, ...extra].join(', ');
}

/** This run's rows over the previous scale.json's: running one shape keeps the others' results. */
async function mergedWithPrevious<T extends { rows: ScaleRow[] }>(result: T): Promise<T> {
  const previous = await readResult<{ rows: ScaleRow[] }>('scale');
  if (!previous) return result;
  const mine = new Set(result.rows.map((r) => r.shape));
  const order = (r: ScaleRow) => {
    const i = SCALE_SHAPES.findIndex((s) => shapeName(s) === r.shape);
    return i === -1 ? SCALE_SHAPES.length : i;
  };
  const rows = [...previous.rows.filter((r) => !mine.has(r.shape)), ...result.rows].sort(
    (a, b) => order(a) - order(b),
  );
  return { ...result, rows };
}

export async function runScaleBench(
  options: ScaleOptions = {},
): Promise<{ machine: MachineInfo; rows: ScaleRow[] }> {
  const { shapes = SCALE_SHAPES, maxSteps = 300, seed = 0 } = options;
  const result = { machine: machineInfo(), maxSteps, rows: [] as ScaleRow[] };
  for (const spec of shapes) {
    const { rows, cols } = spec;
    const shape = shapeName(spec);
    const csv = join(benchDataDir(), `synthetic-${rows}x${cols}-seed${seed}.csv`);
    let generateMs: number | null = null;
    if (!existsSync(csv)) {
      process.stderr.write(`scale: generating ${csv}\n`);
      generateMs = (await timed(() => writeSyntheticCsv(csv, { rows, cols, seed }))).ms;
    }
    const csvMB = statSync(csv).size / 1e6;
    process.stderr.write(`scale: ${shape} (${csvMB.toFixed(0)} MB)\n`);
    const loadAverage = Math.round(loadavg()[0] * 100) / 100;
    const child = await runTsScript(
      'bench/lib/scale-child.ts',
      [csv, String(maxSteps), String(seed), JSON.stringify(spec.train ?? {})],
      {
        label: `scale ${shape}`,
        timeoutMs: 60 * 60_000,
      },
    );
    try {
      const report = lastJsonLine<ChildReport>(child, `scale ${shape}`);
      result.rows.push({
        shape,
        csvMB,
        generateMs,
        ok: true,
        peakRssMb: child.peakRssMb,
        wallMs: child.wallMs,
        loadAverage,
        report,
      });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      result.rows.push({
        shape,
        csvMB,
        generateMs,
        ok: false,
        error,
        peakRssMb: child.peakRssMb,
        wallMs: child.wallMs,
        loadAverage,
      });
    }
    await writeResult('scale', await mergedWithPrevious(result));
  }
  await updateReadmeSection('scale', scaleMarkdown((await mergedWithPrevious(result)).rows));
  return result;
}

/** The README section for scale results (also re-rendered by `npm run bench -- report`). */
export function scaleMarkdown(rows: ScaleRow[]): string {
  const table = markdownTable(
    [
      'synthetic table',
      'CSV MB',
      'backend',
      'import s',
      'import MB/s',
      'preprocess s',
      'steps/epoch',
      'train set-up s',
      'ms/step',
      's/epoch',
      'embed s',
      'peak RSS MB',
      'load avg',
    ],
    rows.map((r) =>
      r.ok && r.report
        ? [
            r.shape,
            num(r.csvMB, 0),
            r.report.backend,
            num(r.report.importMs / 1000, 1),
            num(r.csvMB / (r.report.importMs / 1000), 1),
            num(r.report.preprocessMs / 1000, 1),
            r.report.stepsPerEpoch,
            // the trainer's time outside its steady steps: sampler and model set-up, first kernels, clean-up
            num((r.report.trainMs - r.report.msPerStep * r.report.stepsRun) / 1000, 1),
            num(r.report.msPerStep, 0),
            `${num(r.report.secondsPerEpoch, 1)}${r.report.extrapolated ? ` (from ${r.report.stepsRun} steps)` : ''}`,
            num(r.report.embedMs / 1000, 1),
            num(r.peakRssMb, 0),
            num(r.loadAverage, 1),
          ]
        : [
            r.shape,
            num(r.csvMB, 0),
            `failed: ${r.error?.split('\n')[0] ?? '?'}`,
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            num(r.peakRssMb, 0),
            num(r.loadAverage, 1),
          ],
    ),
  );
  return [
    '## Scale: synthetic tables',
    '',
    'Ten Gaussian classes, generated by the harness into `bench/data/` (`bench/lib/synthetic-csv.ts`). Each row: one fresh process — import the CSV, preprocess with the engine defaults (z-score; PCA to 50 when there are more than 50 genes), train the default encoder for one epoch over every row (when an epoch has more than 300 steps, 300 steps are run and the epoch time is their steady step time × the epoch’s steps, marked “from N steps”), embed every row. ms/step: the steady step time after the first 10 steps; train set-up: the rest of the trainer’s wall time (training time − ms/step × steps run: sampler and model set-up, first kernels), paid once per run and not part of s/epoch. Peak RSS is the process’s (GNU time).',
    '',
    table,
  ].join('\n');
}
