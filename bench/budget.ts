/**
 * The training budget on a big synthetic table (bench/README.md "Training budget"): `tripletlens train` with
 * the auto step budget and validation plateau against one full epoch without a budget (`--epochs 1
 * --max-steps 0`), each in a fresh process under GNU time, the two interleaved (A B B A) so a load that
 * changes through the runs weighs on both alike. Prints one JSON line per run and a Markdown table: steps
 * run, why training stopped, held-out kNN-5, train / total wall time, CPU seconds and the 1-minute load
 * before and after. Run: `npx tsx bench/budget.ts [--rows 200000] [--cols 50] [--runs 4]`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/util/paths.js';
import { runMeasured } from './lib/child.js';
import { writeSyntheticCsv } from './lib/synthetic-csv.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    cols: { type: 'string', default: '50' },
    runs: { type: 'string', default: '4' },
  },
});
const rows = Number(values.rows);
const cols = Number(values.cols);

/** The two ways to train compared. */
const CONFIGS = {
  'one epoch': ['--epochs', '1', '--max-steps', '0'],
  'budget (auto)': [] as string[],
} as const;
type Config = keyof typeof CONFIGS;

/** What run.json says about one run. */
interface Report {
  training: {
    epochs: number;
    stepsRun: number;
    stoppedReason: string;
    stopMessage?: string;
    history: { epoch: number; steps?: number; validation?: number }[];
  };
  metrics: { knn_holdout: number | null };
  timings: { trainMs: number; totalMs: number };
}

const load = (): number => Math.round(loadavg()[0] * 10) / 10;

async function runOnce(csv: string, config: Config): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-budget-'));
  try {
    const before = load();
    const child = await runMeasured(
      process.execPath,
      [
        join(packageRoot(), 'bin', 'tripletlens.js'),
        'train',
        csv,
        '--label',
        'label',
        '--out',
        join(dir, 'map.csv'),
        '--quiet',
        ...CONFIGS[config],
      ],
      { env: { TRIPLETLENS_FROM_SOURCE: '1' }, label: config },
    );
    if (child.code !== 0) throw new Error(`${config}: exit ${child.code}: ${child.stderr.slice(-500)}`);
    const report = JSON.parse(await readFile(join(dir, 'map.run.json'), 'utf8')) as Report;
    return {
      config,
      steps: report.training.stepsRun,
      epochs: report.training.epochs,
      stopped: report.training.stoppedReason,
      stopMessage: report.training.stopMessage ?? '',
      knnHoldout: report.metrics.knn_holdout,
      trainS: report.timings.trainMs / 1000,
      totalS: report.timings.totalMs / 1000,
      cpuS: child.cpuMs === null ? null : child.cpuMs / 1000,
      peakRssMb: child.peakRssMb,
      validation: report.training.history.map((h) => h.validation ?? null),
      load: `${before} → ${load()}`,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const csv = join(packageRoot(), 'bench', 'data', `synthetic-${rows}x${cols}.csv`);
if (!existsSync(csv)) await writeSyntheticCsv(csv, { rows, cols });
const order: Config[] = ['one epoch', 'budget (auto)', 'budget (auto)', 'one epoch'].slice(
  0,
  Number(values.runs),
) as Config[];
const results: Record<string, unknown>[] = [];
for (const config of order) {
  const r = await runOnce(csv, config);
  console.log(JSON.stringify(r));
  results.push(r);
}
console.log(
  `\n| ${rows} × ${cols} | steps | epochs | stopped | held-out kNN-5 | train s | total s | CPU s | peak RSS MB | load (1 min) |`,
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const f = (v: unknown) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : String(v);
  console.log(
    `| ${[r.config, r.steps, r.epochs, r.stopped, r.knnHoldout, r.trainS, r.totalS, r.cpuS, r.peakRssMb, r.load].map(f).join(' | ')} |`,
  );
}
