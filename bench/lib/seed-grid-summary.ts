/**
 * The seed grid's summary (bench/seed-grid.ts): splits × training seeds of one recipe, each run judged by the
 * quality test's bar (bench/lib/quality-bar.ts: held-out kNN-5 ≥ input-space kNN-5 − 0.02 and ≥ PCA-3D
 * kNN-5 + 0.05, both of that run). One run a split moves by ±0.02 with the training seed alone on pbmc68k, so
 * "the bar holds on 8 of 8 seeds" is a draw; the grid estimates each split's pass rate p and from them the
 * expected number of splits passing (Σ p) and the chance that all pass at once (Π p). Pure; tested in
 * test/bench/seed-grid-summary.test.ts.
 */
import { markdownTable, num } from './markdown.js';
import { meetsBar, qualityBar } from './quality-bar.js';

/**
 * The training seed of run `run` on split seed `split`: split + 1000·run, so run 0 is the quality test's own run
 * (its one seed draws both) and the runs of different splits never share a seed below 1 000 splits.
 */
export function trainingSeed(split: number, run: number): number {
  return split + 1000 * run;
}

/** One run of the grid: `run` 0 is the quality test's own (training seed = split seed). */
export interface GridRun {
  split: number;
  run: number;
  knn: number;
  input: number;
  pca: number;
}

export interface SplitSummary {
  split: number;
  runs: number;
  passes: number;
  meanKnn: number;
  /** The bar of the quality test's own run (run 0), or of the first run when run 0 is missing. */
  bar: number;
  /** Whether run 0 passed; null without it. */
  ownRunPasses: boolean | null;
}

export interface GridSummary {
  splits: SplitSummary[];
  runs: number;
  passes: number;
  meanKnn: number;
  /** Σ over splits of the split's pass rate: the number of splits one run each is expected to pass. */
  expectedPasses: number;
  /** Π over splits of the pass rate: the chance that one run a split passes on every split. */
  allPass: number;
  /** Splits whose run 0 passed, of those with a run 0. */
  ownRuns: { passes: number; of: number };
}

export function summariseGrid(runs: readonly GridRun[]): GridSummary {
  const bySplit = new Map<number, GridRun[]>();
  for (const r of runs) bySplit.set(r.split, [...(bySplit.get(r.split) ?? []), r]);
  const splits = [...bySplit.entries()]
    .sort(([a], [b]) => a - b)
    .map(([split, rs]): SplitSummary => {
      const own = rs.find((r) => r.run === 0);
      return {
        split,
        runs: rs.length,
        passes: rs.filter(meetsBar).length,
        meanKnn: rs.reduce((s, r) => s + r.knn, 0) / rs.length,
        bar: qualityBar(own ?? rs[0]),
        ownRunPasses: own ? meetsBar(own) : null,
      };
    });
  const rate = (s: SplitSummary) => s.passes / s.runs;
  const withOwn = splits.filter((s) => s.ownRunPasses !== null);
  return {
    splits,
    runs: runs.length,
    passes: splits.reduce((n, s) => n + s.passes, 0),
    meanKnn: runs.reduce((n, r) => n + r.knn, 0) / Math.max(1, runs.length),
    expectedPasses: splits.reduce((n, s) => n + rate(s), 0),
    allPass: splits.reduce((p, s) => p * rate(s), 1),
    ownRuns: { passes: withOwn.filter((s) => s.ownRunPasses).length, of: withOwn.length },
  };
}

/** The grid as a markdown table: a row a split, then the totals. */
export function gridTable(summary: GridSummary): string {
  const rows = summary.splits.map((s) => [
    s.split,
    num(s.bar, 3),
    `${s.passes}/${s.runs}`,
    num(s.meanKnn, 3),
    s.ownRunPasses === null ? '—' : s.ownRunPasses ? 'yes' : 'no',
  ]);
  rows.push([
    'all',
    '',
    `${summary.passes}/${summary.runs}`,
    num(summary.meanKnn, 3),
    `${summary.ownRuns.passes}/${summary.ownRuns.of}`,
  ]);
  const table = markdownTable(
    ['split seed', 'bar (run 0)', 'runs meeting the bar', 'mean held-out kNN-5', 'the quality test’s run'],
    rows,
  );
  return (
    `${table}\n\nExpected splits passing with one run each: ${num(summary.expectedPasses, 2)} of ` +
    `${summary.splits.length}; chance that all pass: ${num(summary.allPass, 3)}.`
  );
}
