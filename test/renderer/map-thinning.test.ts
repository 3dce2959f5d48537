import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Data } from 'plotly.js-dist';
import {
  cellCount,
  keptPoints,
  rowsInDataPolygon,
  selectionPolygon,
  squareSide,
  thinFigure,
} from '../../renderer/map-thinning.js';
import { LEGEND_ONLY } from '../../renderer/plot-model.js';
import { seededRandom } from '../../src/util/random.js';

/** A cell trace of a grid of points 0.01 apart over [0, 10)² (rows offset by `base`). */
function gridTrace(name: string, base: number, side = 1000): Record<string, unknown> {
  const n = side * side;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = (i % side) * (10 / side);
    y[i] = Math.floor(i / side) * (10 / side);
  }
  return {
    type: 'scattergl',
    name,
    legendgroup: name,
    x,
    y,
    customdata: Int32Array.from({ length: n }, (_, i) => base + i),
    marker: {
      size: 6,
      color: '#123456',
      symbol: Array.from({ length: n }, (_, i) => (i % 2 ? 'diamond' : 'circle')),
    },
  };
}

const viewport = { x: [0, 10] as const, y: [0, 10] as const, widthPx: 500, heightPx: 500 };

test('the square is about the marker at the view scale, on a √2 ladder (small range changes keep it)', () => {
  const s = squareSide(viewport, 6);
  assert.ok(s > (0.12 / Math.SQRT2) * 0.99 && s < 0.12 * Math.SQRT2 * 1.01, String(s));
  assert.equal(squareSide({ ...viewport, x: [-0.2, 10.3] }, 6), s);
  assert.equal(squareSide({ ...viewport, x: [0, 0], y: [0, 0] }, 6), 0);
});

test('one point per square: the last of the trace in it, ascending', () => {
  const x = [0.1, 0.2, 1.5, 0.15];
  const y = [0.1, 0.1, 0.1, 0.2];
  assert.deepEqual(keptPoints(x, y, 1, { x0: 0, x1: 2, y0: 0, y1: 2 }), [2, 3]);
  // outside the window: left out
  assert.deepEqual(keptPoints([5], [5], 1, { x0: 0, x1: 2, y0: 0, y1: 2 }), []);
});

test('a million-point map is thinned to about one point per square, with rows, text and symbols kept in step', () => {
  const data = [
    gridTrace('A', 0),
    { name: 'A', legendgroup: 'A', meta: LEGEND_ONLY, x: [null], y: [null] },
  ] as unknown as Data[];
  assert.equal(cellCount(data), 1_000_000);
  const asked: number[][] = [];
  const thinned = thinFigure(data, viewport, (rows) => {
    asked.push([...rows]);
    return rows.map((r) => `cell_${r}`);
  });
  const t = thinned.data[0] as unknown as Record<string, ArrayLike<unknown>> & {
    marker: { symbol: string[] };
  };
  const squares = Math.ceil(10 / thinned.square) ** 2;
  assert.equal(thinned.total, 1_000_000);
  assert.ok(
    thinned.shown <= squares && thinned.shown >= squares * 0.8,
    `${thinned.shown} of ${squares} squares`,
  );
  assert.equal(t.x.length, thinned.shown);
  assert.equal(t.customdata.length, thinned.shown);
  assert.equal(asked.length, 1);
  for (let k = 0; k < t.x.length; k += 997) {
    const row = t.customdata[k] as number;
    assert.equal(t.x[k], Math.fround(((row % 1000) * 10) / 1000));
    assert.equal((t.text as ArrayLike<string>)[k], `cell_${row}`);
    assert.equal(t.marker.symbol[k], row % 2 ? 'diamond' : 'circle');
  }
  // the legend-only trace passes untouched; the full trace is kept for selections
  assert.equal(thinned.data[1], data[1]);
  assert.equal(thinned.full.length, 1);
  assert.equal(thinned.full[0].rows.length, 1_000_000);
});

/** The share of the pixels of [110, 390)² px of a 500 px view of [0, 10)² under a disc of `diameter` px. */
function covered(x: ArrayLike<number>, y: ArrayLike<number>, diameter: number): number {
  const side = 500;
  const r = diameter / 2;
  const lit = new Uint8Array(side * side);
  for (let i = 0; i < x.length; i++) {
    const cx = x[i] * 50;
    const cy = y[i] * 50;
    for (let py = Math.floor(cy - r); py <= cy + r; py++) {
      for (let px = Math.floor(cx - r); px <= cx + r; px++) {
        if (px < 0 || py < 0 || px >= side || py >= side) continue;
        if ((px + 0.5 - cx) ** 2 + (py + 0.5 - cy) ** 2 <= r * r) lit[py * side + px] = 1;
      }
    }
  }
  let n = 0;
  for (let py = 110; py < 390; py++) for (let px = 110; px < 390; px++) n += lit[py * side + px];
  return n / (280 * 280);
}

test('a dense region stays solid when thinned: its kept markers cover it without holes', () => {
  // 60 000 cells spread evenly over [2, 8)² (240 px square at 50 px a unit): every pixel under a 6 px marker
  const random = seededRandom(3);
  const n = 60_000;
  const x = Float32Array.from({ length: n }, () => 2 + random() * 6);
  const y = Float32Array.from({ length: n }, () => 2 + random() * 6);
  assert.equal(covered(x, y, 6), 1);
  const trace = {
    type: 'scattergl',
    name: 'A',
    legendgroup: 'A',
    x,
    y,
    customdata: Int32Array.from({ length: n }, (_, i) => i),
    marker: { size: 6, color: '#123456' },
  };
  const thinned = thinFigure([trace] as unknown as Data[], viewport, (rows) => rows.map(String));
  const t = thinned.data[0] as unknown as { x: Float32Array; y: Float32Array };
  assert.ok(thinned.shown < n / 4, String(thinned.shown));
  // one point per marker-sized square left ~40 % of such a region blank: a blob drawn as scattered dots
  assert.ok(covered(t.x, t.y, 6) > 0.99, String(covered(t.x, t.y, 6)));
});

test('zooming in thins with smaller squares, down to every cell in view', () => {
  const data = [gridTrace('A', 0, 200)] as unknown as Data[];
  const wide = thinFigure(data, viewport, (rows) => rows.map(String));
  const close = thinFigure(data, { ...viewport, x: [4, 5], y: [4, 5] }, (rows) => rows.map(String));
  assert.ok(wide.shown < 40_000);
  // the zoomed view (and one view around it) holds every cell it covers
  const inWindow = (v: number) => v >= 3 - 1e-6 && v < 6 + 1e-6;
  const t = data[0] as unknown as { x: Float32Array; y: Float32Array };
  let cells = 0;
  for (let i = 0; i < t.x.length; i++) if (inWindow(t.x[i]) && inWindow(t.y[i])) cells++;
  assert.ok(Math.abs(close.shown - cells) <= 2 * 31, `${close.shown} vs ${cells}`);
});

test('a 2-D box or lasso selects from every cell of the full traces, not only the drawn ones', () => {
  const data = [gridTrace('A', 0, 100), gridTrace('B', 10_000, 100)] as unknown as Data[];
  const thinned = thinFigure(data, { ...viewport, widthPx: 50, heightPx: 50 }, (rows) => rows.map(String));
  assert.ok(thinned.shown < 20_000);
  const box = selectionPolygon({ range: { x: [0, 0.95], y: [0, 0.95] } });
  assert.ok(box);
  const rows = rowsInDataPolygon(thinned.full, new Set(), box);
  // 0.0 … 0.9 in steps of 0.1: 10 × 10 points per trace
  assert.equal(rows.length, 2 * 100);
  assert.equal(rowsInDataPolygon(thinned.full, new Set(['B']), box).length, 100);
  const lasso = selectionPolygon({ lassoPoints: { x: [0, 1, 0], y: [0, 0, 1] } });
  assert.deepEqual(lasso, [0, 0, 1, 0, 0, 1]);
  assert.equal(selectionPolygon({ points: [] }), null);
});
