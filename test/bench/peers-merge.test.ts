import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  mergePeerResults,
  type MethodRow,
  type PeerBenchResult,
  type PreparedInfo,
} from '../../bench/compare.js';
import type { MachineInfo } from '../../bench/lib/machine.js';

const row = (dataset: string, method: MethodRow['method'], wallMs: number): MethodRow => ({
  dataset,
  method,
  ok: true,
  wallMs,
  peakRssMb: null,
  loadAverage: 0,
});
const prepared = (dataset: string) => ({ dataset }) as PreparedInfo;
const result = (seed: number, rows: MethodRow[]): PeerBenchResult => ({
  machine: {} as MachineInfo,
  seed,
  prepared: [...new Set(rows.map((r) => r.dataset))].map(prepared),
  rows,
});

test('mergePeerResults: a run of a subset replaces what it measured and keeps the rest of the same seed', () => {
  const previous = result(0, [row('golub_leukemia', 'pca', 1), row('pbmc68k_reduced_lognorm', 'pca', 2)]);
  const merged = mergePeerResults(previous, result(0, [row('pbmc68k_reduced_lognorm', 'pca', 3)]));
  assert.deepEqual(
    merged.rows.map((r) => [r.dataset, r.wallMs]),
    [
      ['golub_leukemia', 1],
      ['pbmc68k_reduced_lognorm', 3],
    ],
  );
  assert.deepEqual(
    merged.prepared.map((p) => p.dataset),
    ['golub_leukemia', 'pbmc68k_reduced_lognorm'],
  );
});

test('mergePeerResults: rows of another seed are not kept under this seed', () => {
  const previous = result(0, [row('golub_leukemia', 'pca', 1), row('pbmc68k_reduced_lognorm', 'ivis', 2)]);
  const mine = result(3, [row('pbmc68k_reduced_lognorm', 'pca', 3)]);
  const merged = mergePeerResults(previous, mine);
  assert.equal(merged.seed, 3);
  assert.deepEqual(merged.rows, mine.rows);
  assert.deepEqual(merged.prepared, mine.prepared);
  assert.deepEqual(mergePeerResults(undefined, mine), mine);
});
