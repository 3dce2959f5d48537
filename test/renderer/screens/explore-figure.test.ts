import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_HISTORY, recordChange } from '../../../renderer/annotation-history.js';
import { DEFAULT_MAP_VIEW, isLegendOnly } from '../../../renderer/plot-model.js';
import { shortName } from '../../../renderer/legend-names.js';
import {
  createMapComposer,
  type DrawnPlot,
  type MapInputs,
} from '../../../renderer/screens/explore-figure.js';
import { INITIAL_STATE, reduce, type AppState } from '../../../renderer/state.js';
import type { RunResult } from '../../../src/api/engine-api.js';

const result = {
  coords: { rows: 4, cols: 2, data: Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3]) },
  ids: ['a', 'b', 'c', 'd'],
  labels: ['B', 'T', 'B', 'T'],
  split: ['train', 'train', 'holdout', 'train'],
  labelColumn: 'cell_type',
} as unknown as RunResult;

// the parts of a PlotView the composer reads: nothing drawn yet
const plot: DrawnPlot = { element: {}, axisRanges: () => null };

const inputs = (state: AppState, patch: Partial<MapInputs> = {}): MapInputs => ({
  result,
  state,
  view: { ...DEFAULT_MAP_VIEW, show3d: false },
  threeD: false,
  tool: 'navigate',
  selectionRevision: 0,
  rings: () => [],
  ...patch,
});

const cellTraces = (data: unknown[]) =>
  (data as Record<string, unknown>[]).filter((t) => !isLegendOnly(t) && t.customdata);

test('nothing changed: the same traces and the same datarevision', () => {
  const compose = createMapComposer(plot);
  const state = { ...INITIAL_STATE, result };
  const view = { ...DEFAULT_MAP_VIEW, show3d: false };
  const a = compose(inputs(state, { view }));
  const b = compose(inputs(state, { view }));
  assert.equal(a.data, b.data);
  assert.equal(a.layout.datarevision, b.layout.datarevision);
});

test('switching to a select tool in 2-D sets the dragmode and a new datarevision (scattergl measures its points)', () => {
  const compose = createMapComposer(plot);
  const state = { ...INITIAL_STATE, result };
  const view = { ...DEFAULT_MAP_VIEW, show3d: false };
  const a = compose(inputs(state, { view }));
  const b = compose(inputs(state, { view, tool: 'lasso', selectionRevision: 1 }));
  assert.equal(a.layout.dragmode, 'zoom');
  assert.equal(b.layout.dragmode, 'lasso');
  assert.equal(b.layout.selectionrevision, 1);
  assert.notEqual(a.layout.datarevision, b.layout.datarevision);
});

test('a selection adds the selected traces; label edits recolour and rename the classes at once', () => {
  const compose = createMapComposer(plot);
  const view = { ...DEFAULT_MAP_VIEW, show3d: false };
  let state: AppState = { ...INITIAL_STATE, result };
  state = {
    ...state,
    annotation: recordChange(EMPTY_HISTORY, { selection: Int32Array.from([1, 2]) }, 'Select 2 cells'),
  };
  const selected = compose(inputs(state, { view }));
  assert.deepEqual(
    cellTraces(selected.data)
      .filter((t) => String(t.name).endsWith('(selected)'))
      .map((t) => t.name)
      .sort(),
    ['B (selected)', 'T (selected)'],
  );
  const edited = {
    column: 'label_edited',
    source: 'cell_type',
    categories: ['B', 'NK'],
    codes: Int32Array.from([1, 1, 0, -1]),
  };
  state = {
    ...state,
    annotation: recordChange(state.annotation, { editedLabels: edited }, 'Label 2 cells NK'),
  };
  const names = new Set(cellTraces(compose(inputs(state, { view })).data).map((t) => String(t.name)));
  assert.deepEqual(names, new Set(['NK', 'B', 'unlabeled', 'NK (selected)', 'B (selected)']));
});

test('a relabelled cluster takes a new colour and the other classes keep theirs', () => {
  const nine = {
    ...result,
    coords: { rows: 9, cols: 2, data: new Float32Array(18) },
    ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'],
    labels: ['T', 'T', 'T', 'T', 'B', 'B', 'NK', 'NK', 'NK'],
    split: Array<string>(9).fill('train'),
  } as unknown as RunResult;
  const colours = (data: unknown[]) =>
    new Map(cellTraces(data).map((t) => [String(t.name), (t.marker as { color: string }).color]));
  // the class colours live in the app state: the composer's new colours go there, as the screen does
  let state: AppState = { ...INITIAL_STATE, result: nine };
  const compose = createMapComposer(plot, (classColours) => {
    state = reduce(state, { type: 'explore-view', patch: { classColours } });
  });
  const view = { ...DEFAULT_MAP_VIEW, show3d: false };
  const before = colours(compose(inputs(state, { result: nine, view })).data);
  assert.deepEqual(new Map(Object.entries(state.exploreView.classColours)), before);
  // two T cells and both B cells become "New", now the largest class
  const edited = {
    column: 'label_edited',
    source: 'cell_type',
    categories: ['T', 'B', 'NK', 'New'],
    codes: Int32Array.from([0, 0, 3, 3, 3, 3, 2, 2, 2]),
  };
  const after = colours(
    compose(
      inputs(
        { ...state, annotation: recordChange(EMPTY_HISTORY, { editedLabels: edited }, 'Label 4 cells New') },
        { result: nine, view },
      ),
    ).data,
  );
  assert.equal(after.get('T'), before.get('T'));
  assert.equal(after.get('NK'), before.get('NK'));
  assert.ok(after.has('New') && ![...before.values()].includes(after.get('New')!), 'a colour of its own');
});

test('the classes take the colours of the state’s book (a reopened session’s), and only new ones are added', () => {
  const grown: Record<string, string>[] = [];
  const compose = createMapComposer(plot, (c) => grown.push({ ...c }));
  const saved = { T: '#123456', Gone: '#abcdef' };
  const state: AppState = {
    ...INITIAL_STATE,
    result,
    exploreView: { ...INITIAL_STATE.exploreView, classColours: saved },
  };
  const drawn = cellTraces(compose(inputs(state)).data);
  const colourOf = (name: string) => (drawn.find((t) => t.name === name)?.marker as { color: string }).color;
  assert.equal(colourOf('T'), '#123456');
  assert.notEqual(colourOf('B'), '#123456');
  assert.deepEqual(grown, [{ ...saved, B: colourOf('B') }]);
  // a book that already names every class is not grown again
  compose(inputs({ ...state, exploreView: { ...state.exploreView, classColours: grown[0] } }));
  assert.equal(grown.length, 1);
});

test('with rings shown the 2-D axes pin the view the plot keeps, not the ranges Plotly widened to a resize', () => {
  const ring = { type: 'scattergl', x: [1], y: [1], legendgroup: 'neighbourhood' } as never;
  const state = { ...INITIAL_STATE, result };
  // the drawn ranges: the kept view with y widened to a narrower plot (1:1 aspect)
  const drawnPlot: DrawnPlot = {
    element: {},
    axisRanges: () => ({ x: [-50, 71], y: [-104, 106] }),
    viewRanges: () => ({ x: [-50, 71], y: [-59, 61] }),
  };
  const figure = createMapComposer(drawnPlot)(inputs(state, { rings: () => [ring] }));
  assert.deepEqual(figure.layout.xaxis?.range, [-50, 71]);
  assert.deepEqual(figure.layout.yaxis?.range, [-59, 61]);
  assert.equal(figure.layout.yaxis?.autorange, false);
  // nothing kept yet (autoranged): the axes as drawn
  const autoPlot: DrawnPlot = { ...drawnPlot, viewRanges: () => null };
  const first = createMapComposer(autoPlot)(inputs(state, { rings: () => [ring] }));
  assert.deepEqual(first.layout.yaxis?.range, [-104, 106]);
  // no rings: the axes autorange
  const none = createMapComposer(drawnPlot)(inputs(state));
  assert.equal(none.layout.xaxis?.range, undefined);
});

test('projected cells are named in the legend and hover by their file, not the server’s path to it', () => {
  const compose = createMapComposer(plot);
  const projected = {
    source: '/srv/data/run2/filtered_feature_bc_matrix',
    format: { kind: '10x-mtx' as const, matrix: 'matrix.mtx.gz', layers: [], obsm: [] },
    ids: ['p1', 'p2'],
    coords: { rows: 2, cols: 2, data: Float32Array.from([0.5, 0.5, 2.5, 2.5]) },
    predicted: ['B', 'T'],
    confidence: Float32Array.from([1, 1]),
    missingGenes: [],
    warnings: [],
    labels: null,
    notes: [],
    metadataSource: null,
    joinedMetadata: [],
    projectionId: 'projection-1',
    file: { kind: 'path' as const, path: '', name: 'query.csv', size: -1, sha256: null },
  };
  const state = { ...INITIAL_STATE, result, projected };
  const data = compose(inputs(state)).data as { name?: string; legendgroup?: string; text?: string[] }[];
  const crosses = data.filter((t) => t.legendgroup?.startsWith('projected:') && !isLegendOnly(t));
  // a Cell Ranger folder with its sample's folder, as the File line names it (shortened as legend names are)
  const folder = shortName('run2/filtered_feature_bc_matrix');
  assert.deepEqual(
    crosses.map((t) => t.name),
    [`${folder} → B`, `${folder} → T`],
  );
  assert.ok(crosses.every((t) => t.text?.every((line) => !line.includes('/srv/data'))));
});

test('projected crosses take the stored category order of the column they are grouped by, as the main map', () => {
  const projected = {
    source: 'query.h5ad',
    format: { kind: 'h5ad' as const, matrix: 'X', layers: [], obsm: [] },
    ids: ['p1', 'p2', 'p3'],
    coords: { rows: 3, cols: 2, data: Float32Array.from([0, 0, 1, 1, 2, 2]) },
    predicted: ['B', 'B', 'T'],
    confidence: Float32Array.from([1, 1, 1]),
    missingGenes: [],
    warnings: [],
    labels: null,
    notes: [],
    metadataSource: 'meta.csv',
    joinedMetadata: [{ name: 'stage', values: ['late', 'early', 'late'] }],
    projectionId: 'projection-1',
    file: { kind: 'path' as const, path: '', name: 'query.csv', size: -1, sha256: null },
  };
  const dataset = {
    ...({} as NonNullable<AppState['dataset']>),
    categoryOrder: { cell_type: ['T', 'B'], stage: ['early', 'late'] },
  };
  const crosses = (state: AppState) =>
    (createMapComposer(plot)(inputs(state)).data as { name?: string; legendgroup?: string }[])
      .filter((t) => t.legendgroup?.startsWith('projected:') && !isLegendOnly(t))
      .map((t) => t.name);
  const state = { ...INITIAL_STATE, result, projected, dataset };
  // the predicted class: the run's label column's order (T before B, though B has more cells)
  assert.deepEqual(crosses(state), ['query.h5ad → T', 'query.h5ad → B']);
  // a joined column named like a column of the dataset: that column's order
  assert.deepEqual(crosses({ ...state, projectedColour: 'stage' }), [
    'query.h5ad → stage: early',
    'query.h5ad → stage: late',
  ]);
  // no stored order: largest first, as before
  assert.deepEqual(crosses({ ...state, dataset: null }), ['query.h5ad → B', 'query.h5ad → T']);
});

// A walkthrough recoloured a class with Edit labels' Colour picker: the state's book changed, the map did not
// (the composer rebuilt its figure on new labels or view only).
test('a class recoloured in the state’s book is redrawn in its new colour; a book grown by the map is no change', () => {
  let state: AppState = { ...INITIAL_STATE, result };
  const compose = createMapComposer(plot, (classColours) => {
    state = reduce(state, { type: 'explore-view', patch: { classColours } });
  });
  const colourOf = (data: unknown[], name: string) =>
    (cellTraces(data).find((t) => t.name === name)?.marker as { color: string }).color;
  const view = { ...DEFAULT_MAP_VIEW, show3d: false };
  const first = compose(inputs(state, { view }));
  // the book the first draw grew is in the state now: drawing with it gives the same traces
  assert.equal(compose(inputs(state, { view })).data, first.data);
  state = reduce(state, {
    type: 'explore-view',
    patch: { classColours: { ...state.exploreView.classColours, T: '#ff00aa' } },
  });
  const recoloured = compose(inputs(state, { view })).data;
  assert.equal(colourOf(recoloured, 'T'), '#ff00aa');
  assert.equal(colourOf(recoloured, 'B'), colourOf(first.data, 'B'));
});
