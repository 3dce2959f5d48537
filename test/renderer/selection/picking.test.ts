import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildMapFigure, DEFAULT_MAP_VIEW, type MapPoints } from '../../../renderer/plot-model.js';
import { boxPolygon } from '../../../renderer/selection/polygon.js';
import {
  isSelectableTrace,
  rowsInScreenPolygon,
  rowsOfSelectedPoints,
  type DrawnTrace,
} from '../../../renderer/selection/picking.js';
import { lookAt, orthographic, SCENE_FAR, SCENE_NEAR } from '../../../renderer/selection/scene-projection.js';

test('a 2-D selection event names rows through customdata; points without one drop out', () => {
  const trace = { customdata: Int32Array.from([7, 8, 9]) };
  assert.deepEqual(
    rowsOfSelectedPoints([
      { customdata: 4 },
      { pointNumber: 2, data: trace },
      { pointNumber: 0 }, // a projected file's cross
    ]),
    [4, 9],
  );
  assert.deepEqual(rowsOfSelectedPoints(undefined), []);
});

// cells on a line along x at y = z = 0, seen from +z looking down (x right, y up) orthographically
const points: MapPoints = {
  coords: Float32Array.from([-2, 0, 0, -1, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0]),
  dims: 3,
  ids: ['a', 'b', 'c', 'd', 'e'],
  labels: ['B', 'B', 'T', 'T', ''],
  split: ['train', 'train', 'train', 'holdout', 'unlabeled'],
};
const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const scene = {
  model: identity,
  view: lookAt([0, 0, 5], [0, 0, 0], [0, 1, 0]),
  // the box [-4, 4] × [-4, 4] fills a 400 × 400 viewport: x = 0 at 200 px, 1 unit = 50 px
  projection: orthographic(1, SCENE_NEAR, SCENE_FAR).map((v, i) => (i === 0 || i === 5 ? v / 4 : v)),
};
const viewport = { left: 0, top: 0, width: 400, height: 400 };

test('a 3-D lasso keeps the drawn cells projected inside it, from every class trace', () => {
  const figure = buildMapFigure(points, DEFAULT_MAP_VIEW);
  const traces = figure.data as unknown as DrawnTrace[];
  // x from -1.5 to 1.5 units: cells b, c, d
  const rows = rowsInScreenPolygon(traces, scene, viewport, boxPolygon(125, 190, 275, 210)).sort();
  assert.deepEqual(rows, [1, 2, 3]);
});

test('classes hidden in the legend and the legend-only traces are not selectable', () => {
  const figure = buildMapFigure(points, DEFAULT_MAP_VIEW);
  const traces = (figure.data as unknown as (DrawnTrace & { name: string })[]).map((t) =>
    t.name === 'T' ? { ...t, visible: 'legendonly' } : t,
  );
  assert.ok(traces.some((t) => t.meta === 'legend-only' && !isSelectableTrace(t)));
  const rows = rowsInScreenPolygon(traces, scene, viewport, boxPolygon(0, 0, 400, 400)).sort();
  assert.deepEqual(rows, [0, 1, 4]);
});
