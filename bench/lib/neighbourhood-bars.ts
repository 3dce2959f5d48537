/**
 * Issue 13 goal (a)'s bars for one dataset and split, from the peers measured on that split: held-out kNN-5 ≥
 * the best peer's − 0.005, trustworthiness (k = 15) ≥ umap-learn's − 0.01, and silhouette no worse than the
 * plain map's when the work began (the issue's bar; bench/README.md, "Neighbour-graph term"). Shared by the
 * comparison's own table (bench/lib/report.ts) and the per-seed table (bench/objective-bars.ts).
 */

/** The plain map's silhouette on seed 0 when issue 13 was filed: the issue's "no worse than today's". */
export const ISSUE_SILHOUETTE: Readonly<Record<string, number>> = {
  golub_leukemia: 0.791,
  tissue_gene_expression: 0.834,
  pbmc68k_reduced_lognorm: 0.528,
  sklearn_digits: 0.651,
  fashion_mnist_test: 0.57,
};

/** What the bars need of a peer's row. */
export interface BarPeer {
  method: string;
  ok: boolean;
  metrics?: { knn_holdout: number | null; silhouette: number | null; trustworthiness: number | null };
}

export interface NeighbourhoodBars {
  /** The peer (not a TripletLens map) with the best held-out kNN-5, and that accuracy. */
  bestPeer: { method: string; knn: number };
  knn: number;
  /** Absent when umap-learn did not run on the split. */
  umapTrust?: number;
  trust?: number;
  /** Absent for a dataset the issue gave no silhouette for. */
  silhouette?: number;
}

/** Rounded to three places, as the bars are compared (the issue states its figures so). */
export const r3 = (v: number) => Math.round(v * 1000) / 1000;
/** Three places, bold when it meets its bar. */
export const fmt3 = (v: number) => v.toFixed(3);
export const markMet = (value: number, bar: number | undefined) =>
  bar !== undefined && value >= bar ? `**${fmt3(value)}**` : fmt3(value);

/** The bars from one split's rows, or undefined when no peer finished there. */
export function neighbourhoodBars(dataset: string, rows: readonly BarPeer[]): NeighbourhoodBars | undefined {
  const peers = rows.filter((r) => r.ok && r.metrics && !r.method.startsWith('tripletlens'));
  if (peers.length === 0) return undefined;
  const knnOf = (r: BarPeer) => r.metrics?.knn_holdout ?? 0;
  const best = peers.reduce((a, b) => (knnOf(b) > knnOf(a) ? b : a));
  const umapTrust = peers.find((r) => r.method === 'umap-learn')?.metrics?.trustworthiness ?? undefined;
  return {
    bestPeer: { method: best.method, knn: knnOf(best) },
    knn: r3(knnOf(best) - 0.005),
    ...(umapTrust === undefined ? {} : { umapTrust, trust: r3(umapTrust - 0.01) }),
    ...(dataset in ISSUE_SILHOUETTE ? { silhouette: ISSUE_SILHOUETTE[dataset] } : {}),
  };
}

/** A map's three metrics on one split. */
export interface SplitMetrics {
  knn: number;
  sil: number;
  trust: number;
}

export interface PooledBars {
  splits: number;
  /** The map's means over the splits. */
  run: SplitMetrics;
  /** The peer with the best mean held-out kNN-5 among those that finished on every split. */
  bestPeer: { method: string; knn: number };
  knn: number;
  umapTrust?: number;
  trust?: number;
  silhouette?: number;
  /** The map's kNN-5 minus the best peer's, split by split: mean and standard error (paired). */
  knnLead: { mean: number; se: number };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The bars over several splits pooled: each method's mean over the splits in place of one split's figure. One
 * split's 140 held-out cells (pbmc68k) resolve kNN-5 to 0.007 a cell, coarser than the bar's 0.005; the mean of
 * eight resolves eight times finer, and the paired lead says how far apart the two are split by split.
 * Undefined without a split or without a peer that finished on every split.
 */
export function pooledBars(
  dataset: string,
  splits: readonly { peers: readonly BarPeer[]; run: SplitMetrics }[],
): PooledBars | undefined {
  if (splits.length === 0) return undefined;
  const finished = (s: { peers: readonly BarPeer[] }, method: string) =>
    s.peers.find((r) => r.method === method && r.ok && r.metrics);
  const methods = [...new Set(splits.flatMap((s) => s.peers.map((r) => r.method)))].filter(
    (m) => !m.startsWith('tripletlens') && splits.every((s) => finished(s, m)),
  );
  if (methods.length === 0) return undefined;
  const knnOf = (m: string) => splits.map((s) => finished(s, m)?.metrics?.knn_holdout ?? 0);
  const best = methods.reduce((a, b) => (mean(knnOf(b)) > mean(knnOf(a)) ? b : a));
  const leads = knnOf(best).map((k, i) => splits[i].run.knn - k);
  const sd = Math.sqrt(leads.reduce((a, d) => a + (d - mean(leads)) ** 2, 0) / Math.max(1, leads.length - 1));
  const umap = methods.includes('umap-learn')
    ? mean(splits.map((s) => finished(s, 'umap-learn')?.metrics?.trustworthiness ?? 0))
    : undefined;
  return {
    splits: splits.length,
    run: {
      knn: mean(splits.map((s) => s.run.knn)),
      sil: mean(splits.map((s) => s.run.sil)),
      trust: mean(splits.map((s) => s.run.trust)),
    },
    bestPeer: { method: best, knn: mean(knnOf(best)) },
    knn: mean(knnOf(best)) - 0.005,
    ...(umap === undefined ? {} : { umapTrust: umap, trust: umap - 0.01 }),
    ...(dataset in ISSUE_SILHOUETTE ? { silhouette: ISSUE_SILHOUETTE[dataset] } : {}),
    knnLead: { mean: mean(leads), se: sd / Math.sqrt(leads.length) },
  };
}
