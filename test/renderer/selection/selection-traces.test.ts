import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildMapFigure,
  DEFAULT_MAP_VIEW,
  isLegendOnly,
  type MapPoints,
} from '../../../renderer/plot-model.js';
import {
  DIMMED_OPACITY,
  hiddenGroupsOf,
  SELECTED_UID,
  selectedUid,
  withSelection,
} from '../../../renderer/selection/selection-traces.js';

type T = Record<string, unknown> & { marker: Record<string, unknown> };

const points: MapPoints = {
  coords: Float32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]),
  dims: 3,
  ids: ['a', 'b', 'c', 'd', 'e', 'f'],
  labels: ['B', 'T', 'B', '', 'T', 'B'],
  split: ['train', 'holdout', 'train', 'unlabeled', 'train', 'holdout'],
};

const cellsOf = (t: T) => Array.from(t.customdata as ArrayLike<number>);

test('an empty selection leaves the figure as it is', () => {
  const figure = buildMapFigure(points, DEFAULT_MAP_VIEW);
  assert.equal(withSelection(figure, new Int32Array(0)), figure);
});

test('selected cells are drawn again in their class colour and symbol; the rest is dimmed', () => {
  const figure = buildMapFigure(points, { ...DEFAULT_MAP_VIEW, opacity: 0.8 });
  const out = withSelection(figure, Int32Array.from([1, 2, 5]));
  const before = figure.data as unknown as T[];
  const after = out.data as unknown as T[];
  // the map's own traces keep their places; the added ones follow
  assert.equal(after.length, before.length + 2);
  for (let i = 0; i < before.length; i++) assert.equal(after[i].name, before[i].name);
  const added = after.slice(before.length);
  assert.deepEqual(
    added.map((t) => [t.name, t.uid, cellsOf(t).sort()]),
    [
      ['B (selected)', selectedUid('B'), [2, 5]],
      ['T (selected)', selectedUid('T'), [1]],
    ],
  );
  const classB = before.find((t) => t.name === 'B' && !isLegendOnly(t)) as T;
  const selB = added[0];
  assert.equal(selB.legendgroup, 'B');
  assert.equal(selB.marker.color, classB.marker.color);
  assert.equal(selB.marker.opacity, 1);
  assert.equal(selB.showlegend, false);
  // held-out cell 5 keeps its diamond
  const symbols = selB.marker.symbol as string[];
  const rows = cellsOf(selB);
  assert.equal(symbols[rows.indexOf(5)], 'diamond');
  assert.equal(symbols[rows.indexOf(2)], 'circle');
  // coordinates follow the rows
  assert.deepEqual(
    Array.from(selB.z as Float32Array),
    rows.map((r) => r),
  );
  for (const t of after.slice(0, before.length).filter((t) => !isLegendOnly(t) && t.customdata))
    assert.equal(t.marker.opacity, DIMMED_OPACITY);
  // the legend entries are untouched
  for (const t of after.filter(isLegendOnly)) assert.equal((t as T).marker.opacity, 1);
});

test('a continuous colouring keeps each selected cell its own value, and one colour bar', () => {
  const values = Float32Array.from([0, 10, 20, 30, 40, 50]);
  const figure = buildMapFigure(points, {
    ...DEFAULT_MAP_VIEW,
    colorBy: { kind: 'continuous', name: 'CD3E', values, range: { min: 0, max: 50 } },
  });
  const added = (withSelection(figure, Int32Array.from([0, 2])).data as unknown as T[]).filter((t) =>
    String(t.uid).startsWith(SELECTED_UID),
  );
  assert.equal(added.length, 1);
  const rows = cellsOf(added[0]);
  assert.deepEqual(
    Array.from(added[0].marker.color as Float32Array),
    rows.map((r) => values[r]),
  );
  assert.equal(added[0].marker.showscale, false);
});

test('the search ring and a projected file are not dimmed or copied', () => {
  const figure = buildMapFigure(points, { ...DEFAULT_MAP_VIEW, highlightId: 'c' });
  const out = withSelection(figure, Int32Array.from([2])).data as unknown as T[];
  const ring = out.filter((t) => String(t.name).startsWith('found:'));
  assert.equal(ring.length, 1);
  assert.equal(ring[0].marker.opacity, 1);
});

test('a class hidden in the legend keeps its selected cells hidden', () => {
  const figure = buildMapFigure(points, DEFAULT_MAP_VIEW);
  const drawn = (figure.data as unknown as T[]).map((t) =>
    isLegendOnly(t) && t.legendgroup === 'T' ? { ...t, visible: 'legendonly' } : t,
  );
  const hidden = hiddenGroupsOf(drawn);
  assert.deepEqual(hidden, new Set(['T']));
  const added = (withSelection(figure, Int32Array.from([0, 1]), hidden).data as unknown as T[]).filter((t) =>
    String(t.uid).startsWith(SELECTED_UID),
  );
  assert.deepEqual(
    added.map((t) => [t.legendgroup, t.visible]),
    [
      ['B', undefined],
      ['T', 'legendonly'],
    ],
  );
});

test('2-D maps get the same treatment', () => {
  const figure = buildMapFigure(points, { ...DEFAULT_MAP_VIEW, show3d: false });
  const added = (withSelection(figure, Int32Array.from([3])).data as unknown as T[]).filter((t) =>
    String(t.uid).startsWith(SELECTED_UID),
  );
  assert.deepEqual(
    added.map((t) => [t.name, t.type, t.z]),
    [['unlabeled (selected)', 'scattergl', undefined]],
  );
});

test('selected traces get uids that are safe in CSS selectors and distinct per class', () => {
  const names = ['CD4+/CD25 T Reg', 'CD4+ CD25 T Reg', 'B', 'b', 'Zellen-Typ ä', ''];
  const uids = names.map(selectedUid);
  assert.equal(new Set(uids).size, names.length);
  for (const uid of uids) assert.match(uid, /^[A-Za-z0-9_-]+$/);
  assert.equal(selectedUid('B'), `${SELECTED_UID}B`);
});
