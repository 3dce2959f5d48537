/**
 * The comparison's goal-(a) table (issue 13): the `tripletlens-neighbourhoods` map of each dataset against the
 * bars set by the peers of the same run (bench/lib/neighbourhood-bars.ts). A dataset the issue gave no
 * silhouette for is held to the plain map's silhouette in the same run.
 */
import type { PeerBenchResult } from '../compare.js';
import { markdownTable } from './markdown.js';
import { fmt3 as fmt, markMet as mark, neighbourhoodBars, r3 } from './neighbourhood-bars.js';

/** One row a dataset with a finished neighbourhoods run; '' when no dataset has one. */
export function neighbourhoodsTable(peers: PeerBenchResult): string {
  const rows: string[][] = [];
  for (const dataset of [...new Set(peers.rows.map((r) => r.dataset))]) {
    const mine = peers.rows.filter((r) => r.dataset === dataset);
    const own = mine.find((r) => r.method === 'tripletlens-neighbourhoods' && r.ok);
    const run = own?.metrics;
    const bars = neighbourhoodBars(dataset, mine);
    if (!run || !bars) continue;
    const plainSil = mine.find((r) => r.method === 'tripletlens' && r.ok)?.metrics?.silhouette ?? undefined;
    const silBar = bars.silhouette ?? (plainSil === undefined ? undefined : r3(plainSil));
    // at three places, as the bars and the figures
    const [knn, sil, trust] = [run.knn_holdout, run.silhouette, run.trustworthiness].map((v) => r3(v ?? 0));
    const met = knn >= bars.knn && bars.trust !== undefined && trust >= bars.trust;
    const allThree = met && silBar !== undefined && sil >= silBar;
    rows.push([
      dataset,
      String(own?.report?.objectiveRecipe ?? '?'),
      `${bars.bestPeer.method} ${fmt(bars.bestPeer.knn)} → ${fmt(bars.knn)}`,
      bars.umapTrust === undefined || bars.trust === undefined
        ? '— (umap-learn not run)'
        : `${fmt(bars.umapTrust)} → ${fmt(bars.trust)}`,
      silBar === undefined
        ? '—'
        : `${fmt(silBar)}${bars.silhouette === undefined ? ' (plain map, this run)' : ''}`,
      mark(knn, bars.knn),
      mark(sil, silBar),
      mark(trust, bars.trust),
      allThree ? 'yes' : 'no',
    ]);
  }
  if (rows.length === 0) return '';
  return markdownTable(
    [
      'dataset',
      'recipe',
      'best peer’s kNN-5 → bar',
      'umap-learn’s trust → bar',
      'silhouette bar',
      'kNN-5',
      'silhouette',
      'trust',
      'all three',
    ],
    rows,
  );
}
