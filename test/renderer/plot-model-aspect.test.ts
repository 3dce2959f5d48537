// The 3-D scene's box (plot-model.ts sceneAspect): in proportion to the map's ranges, no side longer than the default camera shows whole (SCENE_LONGEST_SIDE).
// A walkthrough (the Golub panel, 38 rows: ranges 25 × 111 × 105) saw Plotly's aspectmode 'data' give the box
// sides of 1.7, which the default camera cut off at the plot's bottom edge, axis title and all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildMapFigure,
  DEFAULT_MAP_VIEW,
  SCENE_LONGEST_SIDE,
  type MapPoints,
} from '../../renderer/plot-model.js';

/** Cells at the corners of a box with sides `size`, labelled alike. */
function box(size: [number, number, number]): MapPoints {
  const coords: number[] = [];
  for (let c = 0; c < 8; c++) coords.push(c & 1 ? size[0] : 0, c & 2 ? size[1] : 0, c & 4 ? size[2] : 0);
  const ids = coords.filter((_, i) => i % 3 === 0).map((_, i) => `c${i}`);
  return {
    coords: new Float32Array(coords),
    dims: 3,
    ids,
    labels: ids.map(() => 'A'),
    split: ids.map(() => 'train'),
  };
}

interface SceneLike {
  aspectmode?: string;
  aspectratio?: { x: number; y: number; z: number };
}
const scene = (points: MapPoints, over = {}): SceneLike =>
  (buildMapFigure(points, { ...DEFAULT_MAP_VIEW, ...over }).layout as { scene?: SceneLike }).scene ?? {};

test('a map long in one dimension gets a box whose longest side the camera shows whole, in proportion', () => {
  const s = scene(box([25, 111, 105]));
  assert.equal(s.aspectmode, 'manual');
  const r = s.aspectratio!;
  // aspectmode 'data' would make the longest side 111 / cbrt(25 · 111 · 105) ≈ 1.69
  assert.ok(Math.abs(r.y - SCENE_LONGEST_SIDE) < 1e-9, JSON.stringify(r));
  assert.ok(
    Math.abs(r.x / r.y - 25 / 111) < 1e-6 && Math.abs(r.z / r.y - 105 / 111) < 1e-6,
    JSON.stringify(r),
  );
});

test('a map about as wide in every dimension keeps the proportions of aspectmode data (a cube’s volume)', () => {
  const r = scene(box([45, 50, 50])).aspectratio!;
  const k = Math.cbrt(45 * 50 * 50);
  assert.deepEqual(
    [r.x, r.y, r.z].map((v) => v.toFixed(6)),
    [45 / k, 50 / k, 50 / k].map((v) => v.toFixed(6)),
  );
});

test('projected cells beyond the map widen the box; a flat or single-spot map is still drawn', () => {
  const points = box([10, 10, 10]);
  const far = { ...box([10, 10, 40]), source: 'q.csv', predicted: [], confidence: [], labels: null };
  assert.ok(scene(points, { projected: far }).aspectratio!.z > scene(points).aspectratio!.z);
  const flat = scene(box([10, 10, 0])).aspectratio!;
  assert.deepEqual([flat.x, flat.y, flat.z], [SCENE_LONGEST_SIDE, SCENE_LONGEST_SIDE, 0]);
  assert.equal(scene(box([0, 0, 0])).aspectmode, 'data');
});
