/**
 * Preprocessing and evaluation at scale (issues 2 and 3): a synthetic 100 000 × 2 000 count matrix is
 * preprocessed with the defaults (normalise, log1p, top 2 000 genes, z-score, PCA 50), the recipe is
 * re-applied (bit-exactness checked), and the metrics are timed on the result: kNN-5 of 20 000 queries
 * against 80 000 references at 50-D and 3-D, silhouette and trustworthiness (each subsampled to 2 000).
 * Each shape runs in a fresh process for its own peak RSS. Not a test: figures go to bench/README.md.
 */
import { lastJsonLine, runTsScript } from './lib/child.js';
import { machineInfo, type MachineInfo } from './lib/machine.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { writeResult } from './lib/results.js';

export interface PreprocessBenchOptions {
  /** Shapes to run. Default: 100 000 × 2 000. */
  shapes?: { rows: number; cols: number }[];
  /** Seed of the synthetic data and the PCA. Default 0. */
  seed?: number;
}

interface ChildReport {
  rows: number;
  cols: number;
  backend: string;
  generateMs: number;
  rssAfterDataMb: number;
  inputMb: number;
  preprocessMs: number;
  reapplyMs: number;
  reapplyBitExact: boolean;
  recipe: { genes: number; components: number; iterations: number; varianceCaptured: number | null };
  knn: { queries: number; references: number; ms50: number; acc50: number; ms3: number; acc3: number };
  silhouette: { ms: number; value: number };
  trustworthiness: { ms: number; value: number };
  tensorsLeft: number;
}

export interface PreprocessBenchRow {
  shape: string;
  ok: boolean;
  error?: string;
  peakRssMb: number | null;
  wallMs: number;
  report?: ChildReport;
}

export async function runPreprocessBench(
  options: PreprocessBenchOptions = {},
): Promise<{ machine: MachineInfo; rows: PreprocessBenchRow[] }> {
  const { shapes = [{ rows: 100_000, cols: 2_000 }], seed = 0 } = options;
  const result = { machine: machineInfo(), date: new Date().toISOString(), rows: [] as PreprocessBenchRow[] };
  for (const { rows, cols } of shapes) {
    const shape = `${rows} × ${cols}`;
    const child = await runTsScript('bench/lib/preprocess-child.ts', [
      String(rows),
      String(cols),
      String(seed),
    ]);
    try {
      const report = lastJsonLine<ChildReport>(child, `preprocess bench ${shape}`);
      result.rows.push({ shape, ok: true, peakRssMb: child.peakRssMb, wallMs: child.wallMs, report });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      result.rows.push({ shape, ok: false, error, peakRssMb: child.peakRssMb, wallMs: child.wallMs });
    }
  }
  await writeResult('preprocess', result);
  const s = (ms: number | undefined) => num(ms === undefined ? undefined : ms / 1000, 1);
  const table = markdownTable(
    [
      'shape',
      'backend',
      'input MB',
      'peak RSS MB',
      'preprocess s',
      're-apply s (bit-exact)',
      'kNN-5 50-D s (acc)',
      'kNN-5 3-D s (acc)',
      'silhouette s',
      'trustworthiness s',
    ],
    result.rows.map((r) => {
      const p = r.report;
      if (!p) return [r.shape, `failed: ${r.error?.split('\n')[0] ?? '?'}`];
      return [
        r.shape,
        p.backend,
        num(p.inputMb, 0),
        num(r.peakRssMb, 0),
        s(p.preprocessMs),
        `${s(p.reapplyMs)} (${p.reapplyBitExact ? 'yes' : 'NO'})`,
        `${s(p.knn.ms50)} (${num(p.knn.acc50, 3)})`,
        `${s(p.knn.ms3)} (${num(p.knn.acc3, 3)})`,
        s(p.silhouette.ms),
        s(p.trustworthiness.ms),
      ];
    }),
  );
  const m = result.machine;
  await updateReadmeSection(
    'preprocess',
    [
      '## Preprocessing and evaluation at scale',
      '',
      `\`npm run bench -- preprocess\` — ${result.date.slice(0, 10)}, ${m.cpuModel}, ${m.cores} cores, load average ` +
        `${m.loadAverage.map((l) => l.toFixed(1)).join(' / ')} at the start.`,
      'Synthetic counts (10 cell types) generated in memory; default preprocessing (normalise, log1p, top 2 000',
      'genes, z-score, randomised PCA 50); kNN-5 is 20 000 queries against 80 000 references; silhouette and',
      'trustworthiness (k = 15) are computed on seeded 2 000-point subsamples. Peak RSS is the whole process',
      '(the input matrix included) measured by GNU time.',
      '',
      table,
    ].join('\n'),
  );
  return result;
}
