/**
 * Issue 13 goal (a) seed by seed: each seed's bars from the peers run on that seed's own split (held-out
 * kNN-5 ≥ the best peer's − 0.005, trustworthiness ≥ umap-learn's − 0.01) against the `--objective
 * neighbourhoods` maps of the same split: bench/objective-sweep.ts's runs (raw lines in
 * bench/results/objective-sweep.jsonl, wasm; a line with options on top of the switch, or whose recipe is not
 * the one the switch picks for that split today, is left out) and the peers run's own
 * `tripletlens-neighbourhoods` row when it has one. Silhouette is held to two bars: the issue's (the plain
 * map's when the work began, the figures every section of bench/README.md "Neighbour-graph term" uses) and
 * the plain map's on the same split today (the peers run's `tripletlens-wasm` row). Prints a Markdown table.
 *
 * Peers for seed s: bench/results/peers.json when its seed is s, else bench/results/peers-seed<s>.json (a
 * peers run made with `npm run bench -- peers --seed s` in another checkout — it rewrites that checkout's
 * peers.json — its output copied there).
 * `--pooled` prints one row a dataset instead: every method's means over the seeds (bench/lib/neighbourhood-bars.ts
 * `pooledBars`), where one split's hold-out is too small to resolve the bars' 0.005; one map a split, the
 * sweep's where there is one, the peers run's with `--prefer peers`.
 * `npx tsx bench/objective-bars.ts [--seeds 0,1,2] [--pooled [--prefer peers]]`; not part of `npm run bench`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readResult, resultsDir } from './lib/results.js';
import { OPTION_SCHEMA } from '../src/api/option-schema.js';
import { chooseObjectiveRecipe } from '../src/engine/objective.js';
import { chooseRegime } from '../src/engine/regime.js';
import {
  fmt3 as fmt,
  markMet as mark,
  r3,
  ISSUE_SILHOUETTE,
  neighbourhoodBars,
  pooledBars,
  type BarPeer,
  type SplitMetrics,
} from './lib/neighbourhood-bars.js';

interface PeerRow extends BarPeer {
  dataset: string;
  report?: { backend?: string };
}
/** One neighbourhoods map of a split, and where it came from. */
interface SwitchRun extends SplitMetrics {
  source: string;
}
interface SweepLine {
  dataset: string;
  seed: number;
  objective?: string;
  recipe?: string;
  knn: number;
  sil: number;
  trust: number;
}

interface PeersFile {
  seed: number;
  rows: PeerRow[];
  prepared: { dataset: string; train: number }[];
}

/** The peers of a seed's splits, with each split's training-cell count. */
async function peersFor(seed: number): Promise<PeersFile | undefined> {
  const main = await readResult<PeersFile>('peers');
  if (main?.seed === seed) return main;
  return readResult<PeersFile>(`peers-seed${seed}`);
}

/** The sweep line's own fields that share an option's name: the run's seed and the epochs it ran. */
const LINE_FIELDS = new Set(['objective', 'seed', 'epochs']);

/**
 * Whether a sweep line is the switch's own map: `objective` neighbourhoods and no other option on top of it
 * (the sweep writes its settings beside the metrics), no temporary patch and no second stage.
 */
function isSwitchLine(run: Record<string, unknown>): boolean {
  if (run.objective !== 'neighbourhoods' || 'patch' in run || 'then' in run) return false;
  return Object.keys(run).every((k) => LINE_FIELDS.has(k) || !(k in OPTION_SCHEMA));
}

async function switchRuns(): Promise<Map<string, SweepLine>> {
  const text = await readFile(join(resultsDir(), 'objective-sweep.jsonl'), 'utf8');
  const runs = new Map<string, SweepLine>();
  for (const line of text.split('\n').filter(Boolean)) {
    const run = JSON.parse(line) as SweepLine & Record<string, unknown>;
    // the last line of a dataset and seed wins (a re-run replaces an earlier one)
    if (isSwitchLine(run)) runs.set(`${run.dataset} ${run.seed}`, run);
  }
  return runs;
}

/**
 * The split's neighbourhoods maps: the sweep's line (wasm, bench/objective-sweep.ts) and the peers run's own
 * `tripletlens-neighbourhoods` row (the backend the engine picked), whichever exist — the sweep's first.
 */
function switchRunsFor(dataset: string, seed: number, peers: PeersFile, sweep: Map<string, SweepLine>) {
  const runs: SwitchRun[] = [];
  const line = sweep.get(`${dataset} ${seed}`);
  const train = peers.prepared.find((p) => p.dataset === dataset)?.train ?? 0;
  const today = chooseObjectiveRecipe('neighbourhoods', train, chooseRegime('auto', train));
  // a line from before the switch chose another recipe for this table is not today's map
  if (line && line.recipe === today) {
    runs.push({ knn: line.knn, sil: line.sil, trust: line.trust, source: 'sweep (wasm)' });
  }
  const own = peers.rows.find(
    (p) => p.dataset === dataset && p.method === 'tripletlens-neighbourhoods' && p.ok && p.metrics,
  );
  if (own?.metrics) {
    const { knn_holdout: knn, silhouette: sil, trustworthiness: trust } = own.metrics;
    runs.push({
      knn: r3(knn ?? 0),
      sil: r3(sil ?? 0),
      trust: r3(trust ?? 0),
      source: `peers run (${own.report?.backend ?? '?'})`,
    });
  }
  return runs;
}

/** One table row, or undefined when that seed has no peers run for the dataset. */
function row(dataset: string, seed: number, peers: PeerRow[], run: SwitchRun): string | undefined {
  const ok = peers.filter((p) => p.dataset === dataset && p.ok && p.metrics);
  const plain = ok.find((p) => p.method === 'tripletlens-wasm')?.metrics;
  const bars = neighbourhoodBars(dataset, ok);
  if (!plain || !bars || bars.trust === undefined || bars.umapTrust === undefined) return undefined;
  const { bestPeer, knn: knnBar, trust: trustBar, umapTrust } = bars;
  const issueSil = ISSUE_SILHOUETTE[dataset];
  const todaySil = r3(plain.silhouette ?? 0);
  const met = [run.knn >= knnBar, run.trust >= trustBar, run.sil >= issueSil];
  return (
    `| ${dataset} | ${seed} | ${run.source} | ${bestPeer.method} ${fmt(bestPeer.knn)} → ${fmt(knnBar)} | ` +
    `${fmt(umapTrust)} → ${fmt(trustBar)} | ${fmt(issueSil)} / ${fmt(todaySil)} | ` +
    `${mark(run.knn, knnBar)} | ${mark(run.sil, issueSil)} | ${mark(run.trust, trustBar)} | ` +
    `${met.every(Boolean) ? 'yes' : 'no'}${run.sil >= todaySil ? '' : ' (silhouette below today’s plain map)'} |`
  );
}

/** One row of the pooled table: the dataset's means over every seed with both a peers run and a switch run. */
function pooledRow(dataset: string, splits: { seed: number; peers: PeerRow[]; run: SplitMetrics }[]) {
  const mine = splits.map((s) => ({ ...s, peers: s.peers.filter((p) => p.dataset === dataset) }));
  const pooled = pooledBars(dataset, mine);
  if (!pooled || pooled.trust === undefined || pooled.umapTrust === undefined) return undefined;
  const sil = pooled.silhouette ?? 0;
  // compared at three places, as the per-split rows (and the issue's figures) are
  const meets = (value: number, bar: number) => r3(value) >= r3(bar);
  const met = [
    meets(pooled.run.knn, pooled.knn),
    meets(pooled.run.trust, pooled.trust),
    meets(pooled.run.sil, sil),
  ];
  const lead = pooled.knnLead;
  return (
    `| ${dataset} | ${mine.map((s) => s.seed).join(', ')} | ${pooled.bestPeer.method} ${fmt(pooled.bestPeer.knn)} → ` +
    `${fmt(pooled.knn)} | ${fmt(pooled.umapTrust)} → ${fmt(pooled.trust)} | ${fmt(sil)} | ` +
    `${mark(r3(pooled.run.knn), r3(pooled.knn))} (lead ${lead.mean >= 0 ? '+' : '−'}${fmt(Math.abs(lead.mean))} ± ${fmt(lead.se)}) | ` +
    `${mark(r3(pooled.run.sil), sil)} | ${mark(r3(pooled.run.trust), r3(pooled.trust))} | ${met.every(Boolean) ? 'yes' : 'no'} |`
  );
}

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '0,1,2' },
    pooled: { type: 'boolean', default: false },
    prefer: { type: 'string', default: 'sweep' },
  },
});
const runs = await switchRuns();
const seeds = values.seeds.split(',').map(Number);
// each seed's peers file read once, not once a dataset
const peersOf = new Map(await Promise.all(seeds.map(async (seed) => [seed, await peersFor(seed)] as const)));
if (values.pooled) {
  console.log(
    '| dataset | seeds | best peer’s mean kNN-5 → bar | umap-learn’s mean trust → bar | silhouette bar (issue’s) | mean kNN-5 (lead over that peer ± s.e.) | mean silhouette | mean trust | all three |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const dataset of Object.keys(ISSUE_SILHOUETTE)) {
    const splits = [];
    for (const seed of seeds) {
      const peers = peersOf.get(seed);
      // one map a split: the sweep's when there is one (every seed's from the same backend), or with
      // `--prefer peers` the peers run's own
      const found = peers ? switchRunsFor(dataset, seed, peers, runs) : [];
      const [run] = values.prefer === 'peers' ? found.reverse() : found;
      if (peers?.rows.some((p) => p.dataset === dataset) && run)
        splits.push({ seed, peers: peers.rows, run });
    }
    const line = pooledRow(dataset, splits);
    if (line) console.log(line);
  }
} else {
  console.log(
    '| dataset | seed | map | best peer’s kNN-5 → bar | umap-learn’s trust → bar | silhouette bar: issue’s / plain map today | kNN-5 | silhouette | trust | all three (issue’s bars) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const dataset of Object.keys(ISSUE_SILHOUETTE)) {
    for (const seed of seeds) {
      const peers = peersOf.get(seed);
      for (const run of peers ? switchRunsFor(dataset, seed, peers, runs) : []) {
        const line = row(dataset, seed, peers!.rows, run);
        if (line) console.log(line);
      }
    }
  }
}
