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

const r3 = (v: number) => Math.round(v * 1000) / 1000;

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
