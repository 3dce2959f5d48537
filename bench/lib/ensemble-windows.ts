/**
 * Which runs bench/ensemble-maps.ts averages, and its summary. With N training runs of a split, the ensembles of
 * K maps are the N cyclic windows (j, j + 1, …, j + K − 1 mod N), the first run of a window its reference (the
 * map the others are aligned to, whose bar judges it): every run is a reference once, so a split's pass rate at
 * K uses all N runs, and at K = 1 the windows are the runs themselves — the seed grid's figures. Windows overlap
 * for K > 1, so their verdicts are not independent draws; the rate is still an unbiased estimate. Pure; tested
 * in test/bench/ensemble-windows.test.ts.
 */
import { markdownTable, num } from './markdown.js';
import { meetsBar, qualityBar, type BarInputs } from './quality-bar.js';

/** The N cyclic windows of K of runs 0…N−1 (K ≤ N). */
export function ensembleWindows(runs: number, k: number): number[][] {
  if (!(Number.isInteger(k) && k >= 1 && k <= runs))
    throw new RangeError(`an ensemble of ${k} maps needs 1 ≤ K ≤ ${runs} runs`);
  return Array.from({ length: runs }, (_, j) => Array.from({ length: k }, (_, i) => (j + i) % runs));
}

/** One ensemble's verdict: its held-out kNN-5, and the input-space and PCA-3D kNN-5 of its reference run. */
export interface EnsembleLine extends BarInputs {
  split: number;
  k: number;
  /** Training CPU seconds of its members, summed. */
  cpuS: number;
}

export interface EnsembleCell {
  split: number;
  k: number;
  windows: number;
  passes: number;
  meanKnn: number;
  minKnn: number;
  maxKnn: number;
  meanCpuS: number;
  /** The bar of the window whose reference is run 0 (the quality test's own run) — the first line given. */
  bar: number;
}

/** Per split and K: how many windows meet the bar, and their kNN-5 (lines of one split and K in window order). */
export function summariseEnsembles(lines: readonly EnsembleLine[]): EnsembleCell[] {
  const groups = new Map<string, EnsembleLine[]>();
  for (const l of lines) {
    const key = `${l.split}/${l.k}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  return [...groups.values()]
    .map((ls): EnsembleCell => {
      const knn = ls.map((l) => l.knn);
      return {
        split: ls[0].split,
        k: ls[0].k,
        windows: ls.length,
        passes: ls.filter(meetsBar).length,
        meanKnn: knn.reduce((s, v) => s + v, 0) / ls.length,
        minKnn: Math.min(...knn),
        maxKnn: Math.max(...knn),
        meanCpuS: ls.reduce((s, l) => s + l.cpuS, 0) / ls.length,
        bar: qualityBar(ls[0]),
      };
    })
    .sort((a, b) => a.split - b.split || a.k - b.k);
}

/**
 * A row a split, a column group a K: windows meeting the bar and mean kNN-5 (min–max), then an 'all' row of the
 * pass counts and mean kNN-5 over the splits, and the mean training CPU seconds an ensemble.
 */
export function ensembleTable(cells: readonly EnsembleCell[]): string {
  const ks = [...new Set(cells.map((c) => c.k))].sort((a, b) => a - b);
  const splits = [...new Set(cells.map((c) => c.split))].sort((a, b) => a - b);
  const cell = (split: number, k: number) => cells.find((c) => c.split === split && c.k === k);
  const rows = splits.map((split) => [
    split,
    num(cell(split, ks[0])?.bar ?? NaN, 3),
    ...ks.map((k) => {
      const c = cell(split, k);
      return c
        ? `${c.passes}/${c.windows} · ${num(c.meanKnn, 3)} (${num(c.minKnn, 3)}–${num(c.maxKnn, 3)})`
        : '—';
    }),
  ]);
  const total = (k: number) => {
    const of = cells.filter((c) => c.k === k);
    const windows = of.reduce((s, c) => s + c.windows, 0);
    const passes = of.reduce((s, c) => s + c.passes, 0);
    const mean = of.reduce((s, c) => s + c.meanKnn * c.windows, 0) / Math.max(1, windows);
    const cpu = of.reduce((s, c) => s + c.meanCpuS * c.windows, 0) / Math.max(1, windows);
    return `${passes}/${windows} · ${num(mean, 3)} · ${num(cpu, 1)} CPU s`;
  };
  rows.push(['all', '', ...ks.map(total)]);
  return markdownTable(
    [
      'split seed',
      'bar (run 0)',
      ...ks.map((k) => `K = ${k}: windows meeting the bar · mean kNN-5 (min–max)`),
    ],
    rows,
  );
}
