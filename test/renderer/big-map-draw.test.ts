import { test } from 'node:test';
import assert from 'node:assert/strict';
import { points3dLimit } from '../../renderer/big-map.js';
import { SUBSAMPLE_3D_ABOVE } from '../../renderer/map-subsample.js';
import { THIN_2D_ABOVE } from '../../renderer/map-thinning.js';
import {
  bigMapCacheFor,
  createBigMapCache,
  dataBounds,
  drawAll3dLabel,
  shownCellsNote,
} from '../../renderer/big-map-draw.js';
import { DEFAULT_MAP_VIEW, isLegendOnly, LEGEND_ONLY } from '../../renderer/plot-model.js';
import { createMapComposer, type DrawnPlot, type MapInputs } from '../../renderer/screens/explore-figure.js';
import { INITIAL_STATE } from '../../renderer/state.js';
import type { RunResult } from '../../src/api/engine-api.js';

const n = 3_000;
const result = {
  coords: {
    rows: n,
    cols: 3,
    data: Float32Array.from(
      { length: n * 3 },
      (_, i) => ((i * 0.618034) % 1) * 10 + (i % 3 === 0 ? (i % 2) * 20 : 0),
    ),
  },
  ids: Array.from({ length: n }, (_, i) => `cell_${i}`),
  labels: Array.from({ length: n }, (_, i) => (i % 2 ? 'B' : 'T')),
  split: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 'holdout' : 'train')),
  labelColumn: 'cell_type',
} as unknown as RunResult;

const plot: DrawnPlot = {
  element: {},
  axisRanges: () => null,
  plotArea: () => ({ width: 100, height: 100 }),
};

const inputs = (threeD: boolean): MapInputs => ({
  result,
  state: { ...INITIAL_STATE, result },
  view: { ...DEFAULT_MAP_VIEW, show3d: threeD },
  threeD,
  tool: 'navigate',
  selectionRevision: 0,
  rings: () => [],
});

type T = Record<string, unknown> & { customdata?: Int32Array; text?: string[]; x: ArrayLike<number> };
const cellTraces = (data: unknown[]) => (data as T[]).filter((t) => !isLegendOnly(t) && t.customdata);
const drawnCount = (data: unknown[]) => cellTraces(data).reduce((s, t) => s + t.x.length, 0);

test('above the 3-D limit the 3-D view draws a subsample whose points name their own cells', () => {
  const compose = createMapComposer(
    plot,
    undefined,
    createBigMapCache({ subsample3d: 1_000, thin2d: 10_000 }),
  );
  const figure = compose(inputs(true));
  const traces = cellTraces(figure.data);
  const drawn = traces.reduce((s, t) => s + t.x.length, 0);
  assert.ok(Math.abs(drawn - 1_000) <= 2, String(drawn));
  for (const t of traces) {
    const rows = t.customdata as Int32Array;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      assert.equal(result.labels[r], t.name);
      assert.equal(t.x[k], result.coords.data[r * 3]);
      assert.ok((t.text as string[])[k].startsWith(`cell_${r}<br>`));
    }
  }
  const shown = compose.bigMap.shown();
  assert.deepEqual(shown, { shown: drawn, total: n, how: 'subsample' });
  assert.equal(compose.bigMap.traces2d(), null, 'a 3-D draw has no 2-D cells to select from');
  assert.match(shownCellsNote(shown), /^Showing 1\D?00\d of 3\D?000 cells in 3-D/);
  // the 2-D view draws every cell when it is under its own limit
  const flat = compose(inputs(false));
  assert.equal(
    cellTraces(flat.data).reduce((s, t) => s + t.x.length, 0),
    n,
  );
  assert.equal(shownCellsNote(compose.bigMap.shown()), '');
  assert.equal(compose.bigMap.fullTraces(), null);
  // …and its box and lasso select from every drawn cell trace in full, as a thinned map's do
  const selectable = compose.bigMap.traces2d() ?? [];
  assert.deepEqual(
    selectable.map((t) => [t.legendgroup, t.x, t.y, t.rows]),
    cellTraces(flat.data).map((t) => [t.legendgroup, t.x, t.y, t.customdata]),
  );
  compose(inputs(true));
  assert.equal(compose.bigMap.traces2d(), null, 'back in 3-D');
});

test('above the 2-D limit the 2-D view is thinned, with hover text for the kept points and the full traces kept', () => {
  const compose = createMapComposer(
    plot,
    undefined,
    createBigMapCache({ subsample3d: 10_000, thin2d: 1_000 }),
  );
  const same = inputs(false);
  const figure = compose(same);
  const traces = cellTraces(figure.data);
  const drawn = traces.reduce((s, t) => s + t.x.length, 0);
  assert.ok(drawn < n, String(drawn));
  for (const t of traces) {
    assert.equal((t.text as string[]).length, t.x.length);
    assert.ok((t.text as string[])[0].startsWith(`cell_${(t.customdata as Int32Array)[0]}<br>`));
  }
  assert.equal(compose.bigMap.shown().how, 'thinned');
  assert.equal(
    (compose.bigMap.fullTraces() ?? []).reduce((s, t) => s + t.rows.length, 0),
    n,
  );
  assert.equal(compose.bigMap.traces2d(), compose.bigMap.fullTraces(), 'a box or lasso selects from them');
  assert.match(shownCellsNote(compose.bigMap.shown()), /^Drawing \d+ points for 3\D?000 cells/);
  // the same inputs again: the same thinned traces, no new drawing
  assert.equal(compose(same).data, figure.data);
});

test('a thinned map with a selection counts its cells once in the note (the selection draws them again)', () => {
  const compose = createMapComposer(
    plot,
    undefined,
    createBigMapCache({ subsample3d: 10_000, thin2d: 1_000 }),
  );
  const selection = Int32Array.from({ length: 500 }, (_, i) => i * 2);
  const selected = inputs(false);
  selected.state = {
    ...selected.state,
    annotation: {
      ...selected.state.annotation,
      present: { ...selected.state.annotation.present, selection },
    },
  };
  compose(selected);
  assert.equal(compose.bigMap.shown().total, n);
  assert.match(shownCellsNote(compose.bigMap.shown()), /^Drawing \d+ points for 3\D?000 cells/);
});

test('the exports of a thinned 2-D map save its cells (up to the 3-D limit, a subsample above), not the thinning', () => {
  const all = createMapComposer(plot, undefined, createBigMapCache({ subsample3d: 10_000, thin2d: 1_000 }));
  const drawn = all(inputs(false));
  assert.ok(drawnCount(drawn.data) < n);
  const saved = all.forExport();
  assert.ok(saved);
  assert.equal(drawnCount(saved.figure.data), n);
  assert.deepEqual(saved.shown, { shown: n, total: n, how: null });
  for (const t of cellTraces(saved.figure.data)) assert.equal((t.text as string[]).length, t.x.length);

  const sub = createMapComposer(plot, undefined, createBigMapCache({ subsample3d: 1_000, thin2d: 1_000 }));
  sub(inputs(false));
  const subSaved = sub.forExport();
  assert.ok(subSaved);
  const count = drawnCount(subSaved.figure.data);
  assert.ok(Math.abs(count - 1_000) <= 2, String(count));
  assert.deepEqual(subSaved.shown, { shown: count, total: n, how: 'subsample' });
  for (const t of cellTraces(subSaved.figure.data)) {
    const rows = t.customdata as Int32Array;
    for (let k = 0; k < rows.length; k++) assert.equal(t.x[k], result.coords.data[rows[k] * 3]);
  }
  // a map drawn in full (3-D here) is saved as drawn
  const threeD = all(inputs(true));
  assert.equal(all.forExport()?.figure, threeD);
  assert.equal(createMapComposer(plot).forExport(), null);
});

test('an export of a thinned 2-D map keeps the classes hidden in the legend, names projected cells by their file, and saves up to the full 3-D limit without a GPU', () => {
  // this page's 3-D view was lowered to 500 for want of a GPU; the export is not drawn by it
  const compose = createMapComposer(
    { ...plot, element: { data: [{ meta: LEGEND_ONLY, legendgroup: 'B', visible: 'legendonly' }] } },
    undefined,
    createBigMapCache({ subsample3d: 500, thin2d: 1_000, full3d: 2_000 }),
  );
  const projected = {
    coords: { rows: 1, cols: 3, data: Float32Array.from([1, 2, 3]) },
    ids: ['new_1'],
    predicted: ['T'],
    confidence: [1],
    source: '/srv/uploads/tmp-123/sample2.h5ad',
    warnings: [],
    joinedMetadata: [],
  };
  compose({
    ...inputs(false),
    state: { ...INITIAL_STATE, result, projected } as unknown as MapInputs['state'],
  });
  const saved = compose.forExport();
  assert.ok(saved);
  const count = drawnCount(saved.figure.data);
  assert.ok(Math.abs(count - 2_000) <= 2, String(count));
  const traces = saved.figure.data as T[];
  const ofB = traces.filter((t) => t.legendgroup === 'B');
  assert.ok(ofB.length > 0);
  for (const t of ofB) assert.equal(t.visible, 'legendonly');
  for (const t of traces.filter((t) => t.legendgroup === 'T')) assert.notEqual(t.visible, 'legendonly');
  const text = JSON.stringify(traces.map((t) => [t.name, t.text, t.hovertext]));
  assert.match(text, /sample2\.h5ad/);
  assert.doesNotMatch(text, /\/srv\/uploads/);
});

test('data bounds of the first two columns', () => {
  assert.deepEqual(dataBounds(Float32Array.from([1, 2, 9, -1, 0, 7]), 3), { x: [-1, 1], y: [0, 2] });
  assert.equal(dataBounds(new Float32Array(0), 2), null);
});

test('without a GPU the 3-D view keeps to the lower limit, says so, and draws up to the full one when asked', () => {
  const compose = createMapComposer(
    plot,
    undefined,
    createBigMapCache({ subsample3d: 500, thin2d: 10_000, full3d: 2_000 }),
  );
  const first = compose(inputs(true));
  const drawn = drawnCount(first.data);
  assert.ok(Math.abs(drawn - 500) <= 2, String(drawn));
  const shown = compose.bigMap.shown();
  assert.deepEqual(shown, { shown: drawn, total: n, how: 'subsample', noGpu: { upTo: 2_000 } });
  const note = shownCellsNote(shown);
  assert.match(note, new RegExp(`^${drawn} of 3\\D?000 cells shown in 3-D \\(no GPU\\)`));
  assert.match(note, /The 2-D view covers every cell; Draw 2\D?000 in 3-D below draws 2\D?000 in 3-D/);
  assert.match(drawAll3dLabel(shown) ?? '', /^Draw 2\D?000 in 3-D$/);
  // asked: the next figure draws the full limit (a new subsample), and the note loses its no-GPU part
  compose.bigMap.drawAll3d();
  const more = compose(inputs(true));
  assert.notEqual(more.data, first.data);
  assert.ok(Math.abs(drawnCount(more.data) - 2_000) <= 2, String(drawnCount(more.data)));
  assert.equal(compose.bigMap.shown().noGpu, undefined);
  assert.equal(drawAll3dLabel(compose.bigMap.shown()), null);
  assert.match(shownCellsNote(compose.bigMap.shown()), /^Showing 2\D?00\d of 3\D?000 cells in 3-D:/);
});

test('without a GPU, a map under the full limit can be drawn whole in 3-D', () => {
  const compose = createMapComposer(
    plot,
    undefined,
    createBigMapCache({ subsample3d: 500, thin2d: 10_000, full3d: 100_000 }),
  );
  compose(inputs(true));
  assert.deepEqual(compose.bigMap.shown().noGpu, { upTo: n });
  assert.match(drawAll3dLabel(compose.bigMap.shown()) ?? '', /^Draw all 3\D?000 in 3-D$/);
  assert.match(shownCellsNote(compose.bigMap.shown()), /below draws all of them in 3-D/);
  compose.bigMap.drawAll3d();
  assert.equal(drawnCount(compose(inputs(true)).data), n);
  assert.deepEqual(compose.bigMap.shown(), { shown: n, total: n, how: null });
  assert.equal(shownCellsNote(compose.bigMap.shown()), '');
  // the 2-D view never had a lowered limit: no button there
  compose(inputs(false));
  assert.equal(drawAll3dLabel(compose.bigMap.shown()), null);
});

test('the page picks its limits by its WebGL: lowered without a GPU and sprites (with a way to the full limit), else full', () => {
  const cells = 200_000;
  const points = {
    coords: Float32Array.from({ length: cells * 3 }, (_, i) => (i * 0.618034) % 1),
    dims: 3,
    ids: new Array<string>(cells),
    labels: Array.from({ length: cells }, (_, i) => (i % 3 ? 'a' : 'b')),
    split: [],
  };
  const software = bigMapCacheFor(true, true);
  const lowered = software.rows3d(points)?.length ?? 0;
  assert.ok(Math.abs(lowered - points3dLimit(true, true)) <= 2, String(lowered));
  software.drewAll(cells, lowered);
  assert.deepEqual(software.shown().noGpu, { upTo: SUBSAMPLE_3D_ABOVE });
  software.drawAll3d();
  assert.ok(Math.abs((software.rows3d(points)?.length ?? 0) - SUBSAMPLE_3D_ABOVE) <= 2);
  const gpu = bigMapCacheFor(false);
  const full = gpu.rows3d(points)?.length ?? 0;
  assert.ok(Math.abs(full - SUBSAMPLE_3D_ABOVE) <= 2, String(full));
  gpu.drewAll(cells, full);
  assert.equal(gpu.shown().noGpu, undefined);
  assert.equal(gpu.thins2d(THIN_2D_ABOVE + 1), true);
  // without a GPU but with point sprites: the full limit at once, no no-GPU note
  const sprites = bigMapCacheFor(true);
  const all = sprites.rows3d(points)?.length ?? 0;
  assert.ok(Math.abs(all - SUBSAMPLE_3D_ABOVE) <= 2, String(all));
  sprites.drewAll(cells, all);
  assert.equal(sprites.shown().noGpu, undefined);
});
