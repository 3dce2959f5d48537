import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MethodRow, PeerBenchResult } from '../../bench/compare.js';
import type { MachineInfo } from '../../bench/lib/machine.js';
import { neighbourhoodBars, pooledBars } from '../../bench/lib/neighbourhood-bars.js';
import { neighbourhoodsTable } from '../../bench/lib/neighbourhoods-report.js';

const row = (
  dataset: string,
  method: MethodRow['method'],
  knn: number,
  silhouette: number,
  trust: number,
  extra: Partial<MethodRow> = {},
): MethodRow => ({
  dataset,
  method,
  ok: true,
  wallMs: 1,
  peakRssMb: null,
  loadAverage: 0,
  metrics: { knn_holdout: knn, silhouette, trustworthiness: trust } as MethodRow['metrics'],
  ...extra,
});

test('neighbourhoodBars: the best peer sets kNN-5 − 0.005, umap-learn trust − 0.01; TripletLens rows never set a bar', () => {
  const bars = neighbourhoodBars('pbmc68k_reduced_lognorm', [
    row('d', 'tripletlens', 0.95, 0.9, 0.99),
    row('d', 'ivis', 0.814, 0.4, 0.9),
    row('d', 'umap-learn', 0.793, 0.67, 0.931),
    row('d', 'pca', 0.721, 0.28, 0.91),
    { ...row('d', 'umap-js', 0.99, 0.5, 0.99), ok: false },
  ]);
  assert.deepEqual(bars, {
    bestPeer: { method: 'ivis', knn: 0.814 },
    knn: 0.809,
    umapTrust: 0.931,
    trust: 0.921,
    silhouette: 0.528,
  });
});

test('neighbourhoodBars: no trust bar without umap-learn, no silhouette bar for a dataset the issue did not list', () => {
  const bars = neighbourhoodBars('image_like_70000', [row('d', 'pca', 0.5, 0, 0.8)]);
  assert.deepEqual(bars, { bestPeer: { method: 'pca', knn: 0.5 }, knn: 0.495 });
  assert.equal(neighbourhoodBars('golub_leukemia', [row('d', 'tripletlens', 1, 1, 1)]), undefined);
});

test('neighbourhoodsTable: marks each bar met or missed and says whether all three are', () => {
  const peers: PeerBenchResult = {
    machine: {} as MachineInfo,
    seed: 0,
    prepared: [],
    rows: [
      row('pbmc68k_reduced_lognorm', 'tripletlens', 0.8, 0.586, 0.866),
      row('pbmc68k_reduced_lognorm', 'tripletlens-neighbourhoods', 0.786, 0.585, 0.923, {
        report: { objectiveRecipe: 'graph' } as unknown as MethodRow['report'],
      }),
      row('pbmc68k_reduced_lognorm', 'umap-learn', 0.793, 0.676, 0.93),
      row('image_like_70000', 'tripletlens', 0.976, 0.837, 0.808),
      row('image_like_70000', 'tripletlens-neighbourhoods', 0.978, 0.84, 0.87),
      row('image_like_70000', 'umap-learn', 0.942, 0.895, 0.873),
      // no neighbourhoods run: no row
      row('golub_leukemia', 'umap-learn', 0.875, 0.85, 0.81),
    ],
  };
  const lines = neighbourhoodsTable(peers).split('\n');
  assert.equal(lines.length, 4);
  assert.equal(
    lines[2],
    '| pbmc68k_reduced_lognorm | graph | umap-learn 0.793 → 0.788 | 0.930 → 0.920 | 0.528 | 0.786 | **0.585** | **0.923** | no |',
  );
  assert.equal(
    lines[3],
    '| image_like_70000 | ? | umap-learn 0.942 → 0.937 | 0.873 → 0.863 | 0.837 (plain map, this run) | **0.978** | **0.840** | **0.870** | yes |',
  );
  assert.equal(neighbourhoodsTable({ ...peers, rows: peers.rows.slice(0, 1) }), '');
});

test('pooledBars: means over the splits, the best peer among those on every split, the paired lead (worked by hand)', () => {
  const pooled = pooledBars('pbmc68k_reduced_lognorm', [
    {
      peers: [row('d', 'ivis', 0.8, 0.4, 0.9), row('d', 'umap-learn', 0.79, 0.6, 0.93)],
      run: { knn: 0.81, sil: 0.55, trust: 0.92 },
    },
    {
      peers: [
        row('d', 'ivis', 0.82, 0.4, 0.9),
        row('d', 'umap-learn', 0.82, 0.6, 0.92),
        // on one split only: not a bar
        row('d', 'pca', 0.99, 0.3, 0.95),
      ],
      run: { knn: 0.84, sil: 0.57, trust: 0.924 },
    },
  ]);
  assert.ok(pooled);
  const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);
  assert.equal(pooled.splits, 2);
  assert.equal(pooled.bestPeer.method, 'ivis');
  near(pooled.bestPeer.knn, 0.81);
  near(pooled.knn, 0.805);
  near(pooled.umapTrust!, 0.925);
  near(pooled.trust!, 0.915);
  assert.equal(pooled.silhouette, 0.528);
  near(pooled.run.knn, 0.825);
  near(pooled.run.sil, 0.56);
  near(pooled.run.trust, 0.922);
  // leads 0.01 and 0.02: mean 0.015, sd 0.00707, s.e. 0.005
  near(pooled.knnLead.mean, 0.015);
  near(pooled.knnLead.se, 0.005);
  assert.equal(pooledBars('pbmc68k_reduced_lognorm', []), undefined);
});
