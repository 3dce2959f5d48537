import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rowsInDataPolygon, type FullTrace } from '../../../renderer/map-thinning.js';
import { buildPointBins, createPointBinsCache } from '../../../renderer/selection/point-bins.js';

/** A seeded generator in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * A map of `traces` traces on a coarse integer grid (so many cells sit exactly on polygon edges and vertices
 * and on bin boundaries), with repeated points, a few non-finite ones and dataset rows shuffled.
 */
function randomMap(rand: () => number, traces: number, cells: number, span: number): FullTrace[] {
  const out: FullTrace[] = [];
  let row = 0;
  for (let k = 0; k < traces; k++) {
    const n = Math.floor(rand() * cells);
    const x = new Float32Array(n);
    const y = new Float32Array(n);
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const half = rand() < 0.3 ? 0.5 : 0; // some on half-integers, between the vertices
      x[i] = Math.floor(rand() * span) + half - span / 4;
      y[i] = Math.floor(rand() * span) - span / 4;
      if (rand() < 0.01) x[i] = NaN;
      if (rand() < 0.005) y[i] = Infinity;
      rows[i] = row++ * 7 + 3;
    }
    out.push({ legendgroup: `g${k}`, x, y, rows, visible: rand() < 0.15 ? 'legendonly' : true });
  }
  return out;
}

/** A lasso of integer vertices (may cross itself, run along grid lines and leave the map). */
function randomPolygon(rand: () => number, span: number): number[] {
  const n = 3 + Math.floor(rand() * 12);
  const out: number[] = [];
  for (let i = 0; i < n; i++)
    out.push(Math.floor(rand() * span * 1.2) - span / 3, Math.floor(rand() * span) - span / 3);
  return out;
}

test('the bins pick the same rows, in the same order, as testing every cell, on random maps and lassos', () => {
  const rand = random(20261204);
  let picked = 0;
  for (let m = 0; m < 40; m++) {
    const span = 4 + Math.floor(rand() * 40);
    const map = randomMap(rand, 1 + Math.floor(rand() * 5), 600, span);
    const bins = buildPointBins(map);
    const hidden = new Set(rand() < 0.3 ? ['g0'] : []);
    for (let p = 0; p < 25; p++) {
      const polygon = randomPolygon(rand, span);
      const expected = rowsInDataPolygon(map, hidden, polygon);
      assert.deepEqual(bins.rowsIn(hidden, polygon), expected, `map ${m}, polygon ${polygon.join(',')}`);
      picked += expected.length;
    }
  }
  assert.ok(picked > 1000, 'the lassos picked cells');
});

test('cells on a box edge, on a lasso vertex and on the map bounds are picked as testing every cell does', () => {
  // a 5 × 5 grid of cells at 0..4: the bins' bounds are the map's own
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
      x.push(i);
      y.push(j);
    }
  }
  const map: FullTrace[] = [{ legendgroup: 'a', x, y, rows: x.map((_, i) => i), visible: true }];
  const bins = buildPointBins(map);
  const polygons = [
    [0, 0, 4, 0, 4, 4, 0, 4], // the map's own bounds
    [1, 1, 3, 1, 3, 3, 1, 3], // a box whose edges run through cells
    [2, 0, 4, 2, 2, 4, 0, 2], // a diamond with a cell at each vertex
    [4, 4, 4, 4, 4, 4], // a point
    [-1, -1, 5, -1, 5, 5, -1, 5], // all of it
    [10, 10, 12, 10, 12, 12], // beside it
  ];
  for (const polygon of polygons)
    assert.deepEqual(
      bins.rowsIn(new Set(), polygon),
      rowsInDataPolygon(map, new Set(), polygon),
      polygon.join(','),
    );
});

test('a map on one line and an empty map', () => {
  const flat: FullTrace[] = [
    { legendgroup: 'a', x: [1, 2, 3, 4], y: [5, 5, 5, 5], rows: [0, 1, 2, 3], visible: true },
  ];
  const polygon = [1.5, 4, 3.5, 4, 3.5, 6, 1.5, 6];
  assert.deepEqual(buildPointBins(flat).rowsIn(new Set(), polygon), [1, 2]);
  assert.deepEqual(buildPointBins([]).rowsIn(new Set(), polygon), []);
});

test('the cache builds a map once and reads the visibility of the traces it was handed last', () => {
  const binsFor = createPointBinsCache();
  const map: FullTrace[] = [
    { legendgroup: 'a', x: [0, 1], y: [0, 1], rows: [0, 1], visible: true },
    { legendgroup: 'b', x: [2], y: [2], rows: [2], visible: true },
  ];
  const polygon = [-1, -1, 3, -1, 3, 3, -1, 3];
  const first = binsFor(map);
  assert.deepEqual(first.rowsIn(new Set(), polygon), [0, 1, 2]);
  const hiddenB = map.map((t) => (t.legendgroup === 'b' ? { ...t, visible: 'legendonly' } : t));
  assert.equal(binsFor(hiddenB), first, 'the same arrays: the same bins');
  assert.deepEqual(first.rowsIn(new Set(), polygon), [0, 1]);
  const moved = [{ ...map[0], x: [5, 6] }, map[1]];
  assert.notEqual(binsFor(moved), first, 'other coordinates: new bins');
  assert.deepEqual(binsFor(moved).rowsIn(new Set(), polygon), [2]);
});
