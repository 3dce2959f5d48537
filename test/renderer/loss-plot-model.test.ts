import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLossFigure, LEGEND_ROW_PX, MODE_BAR_PX } from '../../renderer/loss-plot-model.js';

/** The tick values an axis layout asks for, or null when it leaves them to Plotly. */
function askedTicks(axis: Record<string, unknown>): number[] | null {
  if (axis.tickmode === 'array') return (axis.tickvals as number[]).slice();
  if (axis.tickmode !== 'linear') return null;
  const [lo, hi] = axis.range as [number, number];
  const ticks: number[] = [];
  for (let v = Number(axis.tick0); v <= hi + 1e-9; v += Number(axis.dtick)) if (v >= lo - 1e-9) ticks.push(v);
  return ticks;
}

test('the active-triplet axis is a share from 0 to 100 % with round ticks, not the loss grid', () => {
  const figure = buildLossFigure(
    [
      { x: 0.5, loss: 0.9, activeFraction: 0.97 },
      { x: 1, loss: 0.2, activeFraction: 0.4 },
    ],
    'run-1',
  );
  const axis = figure.layout.yaxis2 as Record<string, unknown>;
  assert.deepEqual(axis.range, [0, 1]);
  assert.equal(axis.tickformat, '.0%');
  assert.deepEqual(askedTicks(axis), [0, 0.25, 0.5, 0.75, 1]);
  // the share trace is the one on that axis
  const share = figure.data.find((t) => (t as { yaxis?: string }).yaxis === 'y2') as { y: Float32Array };
  assert.deepEqual(
    Array.from(share.y, (v) => Math.round(v * 100)),
    [97, 40],
  );
});

test("a chart without points (a new run's start) sets its own axes, not the last run's", () => {
  // Plotly autoranges an axis without data to the range it drew last: the last run's epochs stood until the
  // new run's first point
  const empty = buildLossFigure([], 'run-1').layout;
  for (const axis of [empty.xaxis, empty.yaxis] as Record<string, unknown>[]) {
    assert.equal(axis.autorange, false);
    assert.deepEqual(axis.range, [0, 1]);
  }
  // with points, Plotly autoranges them again
  const drawn = buildLossFigure([{ x: 4.5, loss: 2, activeFraction: 0.5 }], 'run-1').layout;
  for (const axis of [drawn.xaxis, drawn.yaxis] as Record<string, unknown>[]) {
    assert.equal(axis.range, undefined);
    assert.equal(axis.autorange, undefined);
  }
});

test('the legend row sits above the plot area, below the band the mode bar covers', () => {
  const { legend, margin } = buildLossFigure([{ x: 1, loss: 0.5, activeFraction: 0.5 }], 'run-1').layout;
  // anchored by its bottom on the plot area's top edge: it fills the top margin upwards from there
  assert.equal(legend?.y, 1);
  assert.equal(legend?.yanchor, 'bottom');
  // a legend placed higher (y 1.12 in a margin of 8 px) ran under the mode bar's buttons
  assert.ok((margin?.t ?? 0) - LEGEND_ROW_PX >= MODE_BAR_PX, JSON.stringify(margin));
});

test("a new run's chart has its own uirevision, steady while its points stream in", () => {
  // Plotly restores the user's zoom while uirevision stays the same: one revision for every run started
  // run 2's chart zoomed to run 1's range
  const run1 = buildLossFigure([{ x: 0.5, loss: 0.9, activeFraction: 0.9 }], 'run-1').layout;
  const run1Later = buildLossFigure(
    [
      { x: 0.5, loss: 0.9, activeFraction: 0.9 },
      { x: 1, loss: 0.4, activeFraction: 0.6 },
    ],
    'run-1',
  ).layout;
  const run2Start = buildLossFigure([], 'run-2').layout;
  const run2 = buildLossFigure([{ x: 0.5, loss: 0.8, activeFraction: 0.8 }], 'run-2').layout;
  assert.notEqual(run1.uirevision, undefined);
  assert.equal(run1Later.uirevision, run1.uirevision);
  assert.notEqual(run2Start.uirevision, run1.uirevision);
  assert.equal(run2.uirevision, run2Start.uirevision);
});
