import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeToQualityTable, ttqVerdict } from '../../bench/lib/ttq-report.js';
import type { MethodRow, PeerBenchResult } from '../../bench/compare.js';
import type { RunMetrics } from '../../src/engine/index.js';

test('ttqVerdict: met within the goal, else by how much it misses, CPU beside', () => {
  assert.equal(ttqVerdict(0.8, 0.9, 1), 'met');
  assert.equal(ttqVerdict(1, 1, 1), 'met');
  assert.equal(ttqVerdict(0.8, 1.3, 1), 'met on wall time (CPU 1.30× misses)');
  assert.equal(ttqVerdict(1.5, 0.9, 1), 'missed: 1.50× over the goal; met on CPU time');
  assert.equal(ttqVerdict(3, 5, 2), 'missed: 1.50× over the goal; CPU 2.50× over');
  assert.equal(ttqVerdict(null, null, 1), 'not measured');
});

test('timeToQualityTable: ratios of TripletLens’s time-to-quality to umap-learn’s fit, per backend', () => {
  const metrics = { knn_holdout: 0.85 } as RunMetrics;
  const base = { dataset: 'd', ok: true, wallMs: 0, peakRssMb: null, metrics };
  const curve = [1, 2, 3].map((epoch) => ({ epoch, wallMs: epoch * 1000, cpuMs: epoch * 1500, knn: 0.85 }));
  const rows: MethodRow[] = [
    {
      ...base,
      method: 'tripletlens',
      fitMs: 3000,
      loadAverage: 1.5,
      report: {
        method: 'tripletlens',
        dims: 3,
        fitMs: 3000,
        fitCpuMs: 4500,
        transformMs: 1,
        params: {},
        versions: {},
        backend: 'tensorflow',
        setupMs: 400,
        qualityCurve: curve,
      },
      timeToQuality: curve[1],
    },
    {
      ...base,
      method: 'tripletlens-wasm',
      fitMs: 3000,
      loadAverage: 1.5,
      report: {
        method: 'tripletlens',
        dims: 3,
        fitMs: 3000,
        transformMs: 1,
        params: {},
        versions: {},
        qualityCurve: curve,
      },
      timeToQuality: curve[2],
    },
    {
      ...base,
      method: 'umap-learn',
      fitMs: 2500,
      loadAverage: 0.5,
      report: {
        method: 'umap-learn',
        dims: 3,
        fitMs: 2500,
        fitCpuMs: 2000,
        transformMs: 1,
        params: {},
        versions: {},
      },
    },
  ];
  const table = timeToQualityTable({ rows, prepared: [], seed: 0 } as unknown as PeerBenchResult);
  const lines = table.split('\n').filter((l) => l.startsWith('| d |'));
  assert.equal(lines.length, 2, 'one row per TripletLens backend, none for the peer');
  assert.match(lines[0], /\| tensorflow \| 2\.00 \(3\.00\) \| 2 \/ 3 \|/);
  assert.match(lines[0], /\| 0\.80× \(1\.50×\) \| 1\.5 \/ 0\.5 \| met on wall time \(CPU 1\.50× misses\) \|/);
  assert.match(lines[1], /\| wasm \| 3\.00 \(4\.50\) \| 3 \/ 3 \|/);
  assert.match(lines[1], /\| 1\.20× \(2\.25×\) \|/);
  assert.match(lines[1], /\| met on wall time \(CPU 2\.25× misses\) \|$/);
});
