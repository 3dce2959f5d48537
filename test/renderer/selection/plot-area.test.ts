import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataPolygon, insideArea, type PlotArea2d } from '../../../renderer/selection/plot-area.js';

// a 200 × 100 px plot area at (50, 20) showing x in [0, 20] and y in [-5, 5] (y up, as Plotly's axes)
const area: PlotArea2d = {
  left: 50,
  top: 20,
  width: 200,
  height: 100,
  xOf: (px) => px / 10,
  yOf: (py) => 5 - py / 10,
};

test('a lasso in client px becomes data coordinates through the axes', () => {
  assert.deepEqual(dataPolygon(area, [50, 20, 150, 70, 250, 120]), [0, 5, 10, 0, 20, -5]);
});

test('vertices beyond the plot area are held at its edge, as Plotly holds its lasso', () => {
  assert.deepEqual(dataPolygon(area, [0, 0, 400, 70, 150, 500]), [0, 5, 20, 0, 10, -5]);
});

test('a press counts as in the plot area on its edges and not beside it', () => {
  assert.equal(insideArea(area, 50, 20), true);
  assert.equal(insideArea(area, 250, 120), true);
  assert.equal(insideArea(area, 49, 60), false);
  assert.equal(insideArea(area, 100, 121), false);
});
