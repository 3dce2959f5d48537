import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Layout } from 'plotly.js-dist';
import { createViewHold, fixedRanges } from '../../renderer/view-hold.js';

const pinned = (x: [number, number], y: [number, number]): Partial<Layout> =>
  ({
    xaxis: { range: x, autorange: false },
    yaxis: { range: y, autorange: false, scaleanchor: 'x' },
  }) as Partial<Layout>;
const autoranged = { xaxis: {}, yaxis: { scaleanchor: 'x' } } as Partial<Layout>;

test('a figure that pins both axes is the view kept; resizes (autosize) never change it', () => {
  const hold = createViewHold();
  assert.equal(hold.held(), null);
  hold.drew(pinned([-50, 71], [-59, 61]), false);
  // Plotly widened y to a narrower plot, then x back at the old width: neither is the view
  hold.relayout({ autosize: true }, { x: [-50, 71], y: [-104, 106] });
  hold.relayout({ autosize: true }, { x: [-96, 117], y: [-104, 106] });
  assert.deepEqual(hold.held(), { x: [-50, 71], y: [-59, 61] });
});

test('a zoom or pan by the user is kept as drawn; a double-click (autorange) drops it', () => {
  const hold = createViewHold();
  hold.drew(autoranged, true);
  hold.relayout({ 'xaxis.range[0]': -39, 'xaxis.range[1]': 51 }, { x: [-39, 51], y: [-44, 44] });
  assert.deepEqual(hold.held(), { x: [-39, 51], y: [-44, 44] });
  // a redraw of a layout without ranges that Plotly kept zoomed (uirevision) keeps the user's view
  hold.drew(autoranged, false);
  assert.deepEqual(hold.held(), { x: [-39, 51], y: [-44, 44] });
  hold.relayout({ 'xaxis.autorange': true, 'yaxis.autorange': true }, { x: [-50, 71], y: [-59, 61] });
  assert.equal(hold.held(), null);
  hold.relayout({ 'xaxis.range': [0, 1], 'yaxis.range': [0, 1] }, { x: [0, 1], y: [0, 1] });
  assert.deepEqual(hold.held(), { x: [0, 1], y: [0, 1] });
});

test('an autoranged or 3-D figure drops the kept view; what held() returns is a copy', () => {
  const hold = createViewHold();
  hold.drew(pinned([0, 2], [0, 2]), false);
  hold.drew(autoranged, true);
  assert.equal(hold.held(), null);
  hold.drew(pinned([0, 2], [0, 2]), false);
  hold.drew({ scene: {} } as Partial<Layout>, false);
  assert.equal(hold.held(), null);
  hold.drew(pinned([0, 2], [0, 2]), false);
  const view = hold.held();
  assert.ok(view);
  view.x[0] = 9;
  assert.deepEqual(hold.held(), { x: [0, 2], y: [0, 2] });
});

test('fixedRanges: both axes with finite ranges and autorange false, in 2-D only', () => {
  assert.deepEqual(fixedRanges(pinned([0, 1], [2, 3])), { x: [0, 1], y: [2, 3] });
  assert.equal(fixedRanges(autoranged), null);
  assert.equal(
    fixedRanges({ xaxis: { range: [0, 1], autorange: false }, yaxis: {} } as Partial<Layout>),
    null,
  );
  assert.equal(fixedRanges(pinned([0, Number.NaN], [2, 3])), null);
  assert.equal(fixedRanges({ ...pinned([0, 1], [2, 3]), scene: {} } as Partial<Layout>), null);
});
