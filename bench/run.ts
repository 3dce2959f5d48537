/**
 * `npm run bench [-- NAME…] [--datasets a,b] [--methods x,y] [--seed N]`: runs the benchmarks by name (all
 * when none is given; `npm run bench -- report` runs none and only rewrites the README's top), each writing bench/results/NAME.json and its own section of bench/README.md, then
 * refreshes the README's top (machine, versions, the ratio table). A benchmark whose file is not there yet is
 * reported as skipped; one that fails does not stop the others, but makes the exit code 1.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/util/paths.js';
import { writeReportTop } from './lib/report.js';
import { formatMs, timed } from './lib/timing.js';

interface BenchEntry {
  name: string;
  file: string;
  fn: string;
  /** Passes the command-line options through (the others are called without arguments). */
  takesOptions?: boolean;
}

const BENCHES: BenchEntry[] = [
  { name: 'matmul', file: 'matmul-peak.ts', fn: 'runMatmulPeakBench' },
  { name: 'import', file: 'import.ts', fn: 'runImportBench' },
  { name: 'train-step', file: 'train-step.ts', fn: 'runTrainStepBench' },
  { name: 'quality', file: 'quality.ts', fn: 'runQualityBench' },
  { name: 'peers', file: 'compare.ts', fn: 'runPeersBench', takesOptions: true },
  { name: 'scale', file: 'scale.ts', fn: 'runScaleBench', takesOptions: true },
  { name: 'scale-e2e', file: 'scale-e2e.ts', fn: 'runScaleE2eBench', takesOptions: true },
  { name: 'scale-umap', file: 'scale-umap.ts', fn: 'runScaleUmapBench', takesOptions: true },
  { name: 'budget', file: 'budget.ts', fn: 'runBudgetBench' },
  { name: 'preprocess', file: 'preprocess.ts', fn: 'runPreprocessBench' },
  { name: 'ui', file: 'ui.ts', fn: 'runUiBench' },
  { name: 'ui-restyle', file: 'ui-restyle.ts', fn: 'runUiRestyleBench' },
  { name: 'native-backends', file: 'native-backends.ts', fn: 'runNativeBackendsBench' },
  { name: 'neighbours', file: 'neighbours.ts', fn: 'runNeighboursBench' },
  { name: 'metrics', file: 'metrics.ts', fn: 'runMetricsBench' },
  { name: 'sparse', file: 'sparse.ts', fn: 'runSparseBench' },
  { name: 'sparse-pca', file: 'sparse-pca.ts', fn: 'runSparsePcaBench' },
  { name: 'markers', file: 'markers.ts', fn: 'runMarkersBench', takesOptions: true },
];

type BenchFn = (options?: Record<string, unknown>) => Promise<unknown>;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { datasets: { type: 'string' }, methods: { type: 'string' }, seed: { type: 'string' } },
    allowPositionals: true,
  });
  // 'report' alone runs nothing and only rewrites the README's top from the results already there
  const reportOnly = positionals.length === 1 && positionals[0] === 'report';
  const unknown = reportOnly ? [] : positionals.filter((p) => !BENCHES.some((b) => b.name === p));
  if (unknown.length) {
    console.error(`Unknown benchmark ${unknown.join(', ')}; valid: ${BENCHES.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const list = (s: string | undefined) =>
    s
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined;
  const options = {
    datasets: list(values.datasets),
    methods: list(values.methods),
    seed: values.seed === undefined ? undefined : Number(values.seed),
  };
  const chosen = reportOnly
    ? []
    : positionals.length
      ? BENCHES.filter((b) => positionals.includes(b.name))
      : BENCHES;
  const outcomes: { name: string; status: string }[] = [];
  for (const bench of chosen) {
    const path = join(packageRoot(), 'bench', bench.file);
    if (!existsSync(path)) {
      outcomes.push({ name: bench.name, status: `skipped (bench/${bench.file} not there yet)` });
      continue;
    }
    console.error(`\n=== bench ${bench.name}`);
    try {
      const module = (await import(path)) as Record<string, unknown>;
      const fn = module[bench.fn];
      if (typeof fn !== 'function') throw new Error(`bench/${bench.file} does not export ${bench.fn}()`);
      const { ms } = await timed(() => (bench.takesOptions ? (fn as BenchFn)(options) : (fn as BenchFn)()));
      outcomes.push({ name: bench.name, status: `done in ${formatMs(ms)}` });
    } catch (err) {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      outcomes.push({
        name: bench.name,
        status: `FAILED: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      });
    }
  }
  await writeReportTop();
  console.error('\n=== summary');
  for (const o of outcomes) console.error(`${o.name.padEnd(11)} ${o.status}`);
  return outcomes.some((o) => o.status.startsWith('FAILED')) ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
