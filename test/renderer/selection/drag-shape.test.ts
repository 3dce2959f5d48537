import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dragPolygon, isClick, MIN_DRAG_PX } from '../../../renderer/selection/drag-shape.js';

test("a box drag's polygon is the box between its first and last points; a lasso's, its points", () => {
  assert.deepEqual(dragPolygon('box', [10, 10, 12, 40, 30, 20]), [10, 10, 30, 10, 30, 20, 10, 20]);
  assert.deepEqual(dragPolygon('lasso', [10, 10, 12, 40, 30, 20]), [10, 10, 12, 40, 30, 20]);
});

test('a drag that stays within a few pixels both ways is a click', () => {
  assert.equal(isClick([100, 100, 101, 99, 100 + MIN_DRAG_PX - 1, 100]), true);
  assert.equal(isClick([100, 100, 100 + MIN_DRAG_PX, 100]), false);
  assert.equal(isClick([100, 100, 100, 100 - MIN_DRAG_PX]), false);
  assert.equal(isClick([100, 100]), true);
});
