import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  boxPolygon,
  pointInPolygon,
  polygonBounds,
  rowsInPolygon,
} from '../../../renderer/selection/polygon.js';

test('a box holds the points inside it and not those outside', () => {
  const box = boxPolygon(10, 10, 0, 0); // corners in either order
  assert.equal(pointInPolygon(5, 5, box), true);
  assert.equal(pointInPolygon(11, 5, box), false);
  assert.equal(pointInPolygon(5, -1, box), false);
});

test('a concave lasso leaves its notch out', () => {
  // a U shape: the notch between the arms is outside
  const u = [0, 0, 30, 0, 30, 30, 20, 30, 20, 10, 10, 10, 10, 30, 0, 30];
  assert.equal(pointInPolygon(5, 20, u), true);
  assert.equal(pointInPolygon(25, 20, u), true);
  assert.equal(pointInPolygon(15, 20, u), false);
  assert.equal(pointInPolygon(15, 5, u), true);
});

test('fewer than three vertices hold nothing', () => {
  assert.equal(pointInPolygon(0, 0, [0, 0, 1, 1]), false);
  assert.deepEqual(rowsInPolygon([0, 0], [7], [0, 0, 1, 1]), []);
});

test('rowsInPolygon maps point indices to their rows and skips points drawn nowhere', () => {
  const xy = [1, 1, 50, 50, 2, 3, NaN, NaN, 9, 9];
  const rows = [40, 41, 42, 43, 44];
  assert.deepEqual(rowsInPolygon(xy, rows, boxPolygon(0, 0, 10, 10)), [40, 42, 44]);
});

test('polygonBounds: the box of a flat point list; none for an empty one', () => {
  assert.deepEqual(polygonBounds([3, -1, -2, 4, 5, 0]), { minX: -2, maxX: 5, minY: -1, maxY: 4 });
  const empty = polygonBounds([]);
  assert.ok(empty.minX > empty.maxX && empty.minY > empty.maxY);
});
