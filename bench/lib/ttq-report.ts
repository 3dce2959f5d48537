/**
 * The comparison's time-to-quality table (issue 15 goal 1): TripletLens's time until its held-out kNN-5 is
 * within 0.01 of its final value, against umap-learn's warm fit time (its map only exists at the end), per
 * dataset and TripletLens backend, as wall and CPU ratios with the load beside each, and a verdict against
 * the goal (≤ 1.0× native, ≤ 2× wasm).
 */
import type { MethodRow, PeerBenchResult } from '../compare.js';
import { markdownTable, num } from './markdown.js';
import { durationRatio } from './time-to-quality.js';

/** The goal per TripletLens method: its time-to-quality at most this many times umap-learn's fit time. */
export const TTQ_GOALS: Record<string, number> = { tripletlens: 1, 'tripletlens-wasm': 2 };

const seconds = (ms: number | undefined) => (ms === undefined ? '—' : num(ms / 1000, 2));
const ratio = (r: number | null) => (r === null ? '—' : `${r.toFixed(2)}×`);

/** "met", or by how much the wall ratio misses the goal. */
export function ttqVerdict(wall: number | null, cpu: number | null, goal: number): string {
  if (wall === null) return 'not measured';
  if (wall <= goal)
    return cpu !== null && cpu > goal ? `met on wall time (CPU ${cpu.toFixed(2)}× misses)` : 'met';
  const cpuNote =
    cpu === null ? '' : cpu <= goal ? '; met on CPU time' : `; CPU ${(cpu / goal).toFixed(2)}× over`;
  return `missed: ${(wall / goal).toFixed(2)}× over the goal${cpuNote}`;
}

function row(dataset: string, tl: MethodRow, umap: MethodRow | undefined): (string | number)[] {
  const q = tl.timeToQuality;
  const report = tl.report;
  const curve = (report?.qualityCurve as unknown[] | undefined) ?? [];
  const umapCpu = umap?.report?.fitCpuMs;
  const wall = umap?.ok ? durationRatio(q?.wallMs, umap.fitMs) : null;
  const cpu = umap?.ok ? durationRatio(q?.cpuMs, umapCpu) : null;
  const setupMs = typeof report?.setupMs === 'number' ? report.setupMs : undefined;
  return [
    dataset,
    tl.method === 'tripletlens' ? String(report?.backend ?? '?') : 'wasm',
    q ? `${seconds(q.wallMs)} (${seconds(q.cpuMs)})` : '—',
    q ? `${q.epoch} / ${curve.length}` : '—',
    q ? `${num(q.knn, 3)} / ${num(tl.metrics?.knn_holdout, 3)}` : '—',
    seconds(setupMs),
    `${seconds(tl.fitMs)} (${seconds(tl.report?.fitCpuMs)})`,
    umap?.ok ? `${seconds(umap.fitMs)} (${seconds(umapCpu)})` : 'not run',
    `${ratio(wall)} (${ratio(cpu)})`,
    `${num(tl.loadAverage, 1)} / ${umap ? num(umap.loadAverage, 1) : '—'}`,
    ttqVerdict(wall, cpu, TTQ_GOALS[tl.method] ?? 1),
  ];
}

/** One row per dataset and TripletLens backend that ran. */
export function timeToQualityTable(peers: PeerBenchResult): string {
  const rows = peers.rows.flatMap((tl) => {
    if (!tl.ok || !(tl.method in TTQ_GOALS)) return [];
    const umap = peers.rows.find((r) => r.dataset === tl.dataset && r.method === 'umap-learn');
    return [row(tl.dataset, tl, umap)];
  });
  return markdownTable(
    [
      'dataset',
      'TripletLens backend',
      'time-to-quality s (CPU s)',
      'epoch reached / run',
      'kNN-5 then / final',
      'set-up s (to 1st step)',
      'full fit s (CPU s)',
      'umap-learn fit s (CPU s)',
      'ratio wall (CPU)',
      'load TL / umap',
      'verdict (goal ≤ 1× native, ≤ 2× wasm)',
    ],
    rows,
  );
}
