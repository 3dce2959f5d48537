/**
 * `npm run bench -- budget`: the training budget on a big synthetic table (bench/README.md "Training
 * budget", issue 15 goal 5). `tripletlens train` with the auto step budget and validation plateau against
 * one full epoch without a budget (`--epochs 1 --max-steps 0`), each in a fresh process under GNU time, the
 * two interleaved (A B B A) so a load that changes through the runs weighs on both alike. Writes
 * bench/results/budget.json and the README section `budget`: steps run, why training stopped, held-out
 * kNN-5, train / total wall time, CPU seconds and the 1-minute load before and after. Also runnable alone:
 * `npx tsx bench/budget.ts [--rows 200000] [--cols 50] [--runs 4]`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../src/util/paths.js';
import { runMeasured } from './lib/child.js';
import { benchDataDir } from './lib/datasets.js';
import { machineInfo } from './lib/machine.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { writeResult } from './lib/results.js';
import { writeSyntheticCsv } from './lib/synthetic-csv.js';

/** The two ways to train compared. */
const CONFIGS = {
  'one epoch (`--epochs 1 --max-steps 0`)': ['--epochs', '1', '--max-steps', '0'],
  'auto budget + plateau (defaults)': [] as string[],
} as const;
type Config = keyof typeof CONFIGS;
const [ONE_EPOCH, AUTO] = Object.keys(CONFIGS) as Config[];

/** What run.json says about one run. */
interface Report {
  backend: { backend: string };
  training: { epochs: number; stepsRun: number; stoppedReason: string };
  metrics: { knn_holdout: number | null };
  timings: { trainMs: number; totalMs: number };
}

/** One run's row. */
export interface BudgetRow {
  config: Config;
  /** The tfjs backend the run used. */
  backend: string;
  steps: number;
  epochs: number;
  stopped: string;
  knnHoldout: number | null;
  trainS: number;
  totalS: number;
  cpuS: number | null;
  peakRssMb: number | null;
  loadBefore: number;
  loadAfter: number;
}

/** Options of the budget bench. */
export interface BudgetBenchOptions {
  /** Rows of the synthetic table. Default 200 000 (160 000 training rows: the auto budget applies). */
  rows?: number;
  /** Columns. Default 50 (the PCs a single-cell pipeline hands over). */
  cols?: number;
  /** Runs, taken from A B B A in order. Default 4. */
  runs?: number;
}

const load = (): number => Math.round(loadavg()[0] * 10) / 10;

async function runOnce(csv: string, config: Config): Promise<BudgetRow> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-budget-'));
  try {
    const loadBefore = load();
    const bin = join(packageRoot(), 'bin', 'tripletlens.js');
    const out = join(dir, 'map.csv');
    const args = [bin, 'train', csv, '--label', 'label', '--out', out, '--quiet', ...CONFIGS[config]];
    const child = await runMeasured(process.execPath, args, {
      env: { TRIPLETLENS_FROM_SOURCE: '1' },
      label: config,
    });
    if (child.code !== 0) throw new Error(`${config}: exit ${child.code}: ${child.stderr.slice(-500)}`);
    const report = JSON.parse(await readFile(join(dir, 'map.run.json'), 'utf8')) as Report;
    return {
      config,
      backend: report.backend.backend,
      steps: report.training.stepsRun,
      epochs: report.training.epochs,
      stopped: report.training.stoppedReason,
      knnHoldout: report.metrics.knn_holdout,
      trainS: report.timings.trainMs / 1000,
      totalS: report.timings.totalMs / 1000,
      cpuS: child.cpuMs === null ? null : child.cpuMs / 1000,
      peakRssMb: child.peakRssMb,
      loadBefore,
      loadAfter: load(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The README section's generated part: one row per run. Pure; exported for tests. */
export function budgetMarkdown(result: {
  rows: number;
  cols: number;
  date: string;
  runs: BudgetRow[];
}): string {
  const table = markdownTable(
    [
      `${result.rows} × ${result.cols}`,
      'backend',
      'steps run',
      'epochs',
      'stopped',
      'held-out kNN-5',
      'train wall s',
      'total wall s',
      'CPU s',
      'peak RSS MB',
      'load (1 min, before → after)',
    ],
    result.runs.map((r) => [
      r.config,
      r.backend,
      r.steps,
      r.epochs,
      r.stopped,
      num(r.knnHoldout, 3),
      num(r.trainS, 1),
      num(r.totalS, 1),
      num(r.cpuS, 1),
      r.peakRssMb === null ? null : Math.round(r.peakRssMb),
      `${r.loadBefore} → ${r.loadAfter}`,
    ]),
  );
  return [
    '## Training budget (issue 15, goal 5)',
    '',
    `\`npm run bench -- budget\`, run ${result.date}: a synthetic ${result.rows} × ${result.cols} table (10 Gaussian classes, ` +
      '`bench/lib/synthetic-csv.ts`, seed 0; 20 % held out), every run a fresh `tripletlens train` process under GNU ' +
      'time with the engine’s defaults — the auto step budget (`--max-steps`) and the validation plateau — against one ' +
      'full epoch without a budget (`--epochs 1 --max-steps 0`), interleaved A B B A. CPU s: user + system of the whole ' +
      'process (import, preprocessing, neighbour search, training, embedding, metrics).',
    '',
    table,
  ].join('\n');
}

export async function runBudgetBench(options: BudgetBenchOptions = {}): Promise<{ runs: BudgetRow[] }> {
  const { rows = 200_000, cols = 50, runs = 4 } = options;
  const csv = join(benchDataDir(), `synthetic-${rows}x${cols}.csv`);
  if (!existsSync(csv)) await writeSyntheticCsv(csv, { rows, cols });
  const order = [ONE_EPOCH, AUTO, AUTO, ONE_EPOCH].slice(0, runs);
  const machine = machineInfo();
  const result = { machine, rows, cols, date: machine.date, runs: [] as BudgetRow[] };
  for (const config of order) {
    const row = await runOnce(csv, config);
    console.error(JSON.stringify(row));
    result.runs.push(row);
    await writeResult('budget', result);
  }
  await updateReadmeSection('budget', budgetMarkdown(result));
  return { runs: result.runs };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '200000' },
      cols: { type: 'string', default: '50' },
      runs: { type: 'string', default: '4' },
    },
  });
  await runBudgetBench({ rows: Number(values.rows), cols: Number(values.cols), runs: Number(values.runs) });
}
