import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildMapFigure,
  DEFAULT_MAP_VIEW,
  groupRows,
  hoverTexts,
  isLegendOnly,
  type MapPoints,
  type MapView,
} from '../../renderer/plot-model.js';
import { categoryColor, parseNumericColumn, robustRange, UNLABELED_COLOR } from '../../renderer/colors.js';
import { LEGEND_NAME_CHARS } from '../../renderer/legend-names.js';

// The plotly trace fields these tests read, typed loosely on purpose (Plotly's Data is a wide union).
interface TraceLike {
  type: string;
  name: string;
  x: Float32Array;
  y: Float32Array;
  z?: Float32Array;
  text: string[];
  marker: { color: unknown; symbol: unknown; size: number; opacity: number; showscale?: boolean };
  showlegend?: boolean;
  legendgroup?: string;
  legendrank?: number;
}

function points(): MapPoints {
  // 6 cells in 3-D: B×3, A×2, one unlabeled; cell b2 held out
  const labels = ['B', 'A', 'B', '', 'A', 'B'];
  const coords = new Float32Array(labels.length * 3);
  for (let i = 0; i < coords.length; i++) coords[i] = i;
  return {
    coords,
    dims: 3,
    ids: ['b0', 'a1', 'b2', 'u3', 'a4', 'b5'],
    labels,
    split: ['train', 'train', 'holdout', 'unlabeled', 'holdout', 'train'],
  };
}

const view = (over: Partial<MapView> = {}): MapView => ({ ...DEFAULT_MAP_VIEW, ...over });
/** The traces that draw cells (legend-only entries left out). */
const traces = (data: unknown[]) => (data as TraceLike[]).filter((t) => !isLegendOnly(t));
/** The legend-only entries. */
const legend = (data: unknown[]) => (data as TraceLike[]).filter((t) => isLegendOnly(t));
const named = (t: TraceLike[], name: string): TraceLike => {
  const found = t.find((d) => d.name === name);
  assert.ok(found, `a trace named ${name}`);
  return found;
};

test('groupRows: largest first, ties alphabetical, unlabeled last', () => {
  const groups = groupRows(['B', 'A', 'B', '', 'A', 'C', ' ']);
  assert.deepEqual(
    groups.map((g) => [g.name, g.rows]),
    [
      ['A', [1, 4]],
      ['B', [0, 2]],
      ['C', [5]],
      ['unlabeled', [3, 6]],
    ],
  );
});

test('one 3-D trace per class holding exactly its cells, every cell drawn once', () => {
  const p = points();
  const { data, layout } = buildMapFigure(p, view());
  const t = traces(data);
  // unlabeled first (drawn underneath the classes)
  assert.deepEqual(
    t.map((d) => d.name),
    ['unlabeled', 'B', 'A'],
  );
  assert.ok(t.every((d) => d.showlegend === false && d.legendgroup === d.name));
  assert.ok(t.every((d) => d.type === 'scatter3d'));
  assert.equal(
    t.reduce((n, d) => n + d.x.length, 0),
    p.ids.length,
  );
  // trace B holds rows 0, 5 and then the held-out row 2: x = coords[r*3]
  assert.deepEqual([...named(t, 'B').x], [0, 15, 6]);
  assert.deepEqual([...named(t, 'B').z!], [2, 17, 8]);
  assert.equal(named(t, 'unlabeled').marker.color, UNLABELED_COLOR);
  assert.notEqual(named(t, 'B').marker.color, named(t, 'A').marker.color);
  assert.ok(layout.scene, '3-D layout has a scene');
  assert.equal(layout.uirevision, 'map');
});

test('held-out cells are diamonds drawn after the circles', () => {
  const t = traces(buildMapFigure(points(), view()).data);
  assert.deepEqual(named(t, 'B').marker.symbol, ['circle', 'circle', 'diamond']);
  assert.match(named(t, 'B').text[2], /^b2<br>.*held-out cell/);
  assert.deepEqual(named(t, 'A').marker.symbol, ['circle', 'diamond']);
  assert.equal(named(t, 'unlabeled').marker.symbol, 'circle');
});

test('the legend shows each class as a circle in its colour, even when its first cell is held out', () => {
  const p = points();
  // class A's only cells: the first one held out
  const held: MapPoints = { ...p, split: ['train', 'holdout', 'holdout', 'unlabeled', 'holdout', 'train'] };
  const { data } = buildMapFigure(held, view());
  const cells = traces(data);
  const entries = legend(data);
  assert.deepEqual(
    entries.map((e) => [e.name, e.legendgroup, e.marker.symbol, e.marker.color, e.x.length]),
    cells
      .filter((c) => c.name !== 'unlabeled')
      .concat(named(cells, 'unlabeled'))
      .map((c) => [c.name, c.name, 'circle', c.marker.color, 1]),
  );
  assert.equal(entries.find((e) => e.name === 'unlabeled')?.legendrank, 2000);
  assert.equal((entries[0] as unknown as { x: unknown[] }).x[0], null, 'legend entries draw no cell');
});

test('long class names: legend entries shortened, legend groups, traces and hover keep the whole name', () => {
  // Plotly sized the legend to its longest entry: with names like these it took two thirds of the panel
  const long = [
    'CD16-positive, CD56-dim natural killer cell, human',
    'CD16-negative, CD56-bright natural killer cell, human',
    'CD4-positive, alpha-beta memory T cell',
  ];
  const labels = ['B & T <doublets>', long[0], long[1], '', long[2], long[2]];
  const { data } = buildMapFigure({ ...points(), labels }, view({ show3d: false }));
  const entries = legend(data);
  for (const e of entries) assert.ok(Array.from(e.name).length <= LEGEND_NAME_CHARS, e.name);
  assert.equal(new Set(entries.map((e) => e.name)).size, entries.length);
  // a click on an entry hides its group: the whole class, as the cells' traces are grouped
  assert.deepEqual(
    new Set(entries.map((e) => e.legendgroup)),
    new Set([...long, 'B & T <doublets>', 'unlabeled']),
  );
  const cells = traces(data);
  for (const name of long) {
    const entry = entries.find((e) => e.legendgroup === name);
    assert.ok(entry && entry.name !== name && entry.name.endsWith('…'), entry?.name);
    assert.equal(entry.marker.color, named(cells, name).marker.color, 'the entry has its class colour');
    assert.match(named(cells, name).text[0], new RegExp(`label: ${name}`));
  }
  // Plotly reads legend text as HTML
  assert.equal(entries.find((e) => e.legendgroup === 'B & T <doublets>')?.name, 'B &amp; T &lt;doublets&gt;');
});

test('flipping to 2-D draws scattergl with the first two dimensions and a square aspect', () => {
  const { data, layout } = buildMapFigure(points(), view({ show3d: false }));
  const t = traces(data);
  assert.ok(t.every((d) => d.type === 'scattergl' && d.z === undefined));
  assert.deepEqual([...named(t, 'A').y], [4, 13]);
  assert.equal((layout.yaxis as { scaleanchor?: string }).scaleanchor, 'x');
  // 2-D coordinates cannot be drawn in 3-D
  const flat: MapPoints = { ...points(), coords: new Float32Array(12), dims: 2 };
  assert.ok(traces(buildMapFigure(flat, view({ show3d: true })).data).every((d) => d.type === 'scattergl'));
});

test('continuous colouring keeps class traces, shares one range and shows one colour bar', () => {
  const values = new Float32Array([0, 1, 2, 3, 4, 5]);
  const { data, layout } = buildMapFigure(
    points(),
    view({ colorBy: { kind: 'continuous', name: 'CD3E', values, range: { min: 0, max: 5 } } }),
  );
  const t = traces(data);
  assert.equal(t.length, 3);
  assert.deepEqual([...(named(t, 'B').marker.color as Float32Array)], [0, 5, 2]);
  assert.deepEqual(
    t.filter((d) => d.marker.showscale).map((d) => d.name),
    ['B'],
  );
  assert.match(named(t, 'B').text[0], /CD3E: 0/);
  // the legend names classes without class colours (colour now shows CD3E)
  const classEntries = legend(data).filter((e) => e.name !== 'unlabeled');
  assert.equal(new Set(classEntries.map((e) => e.marker.color)).size, 1);
  assert.notEqual(
    classEntries[0].marker.color,
    legend(buildMapFigure(points(), view()).data).find((e) => e.name === 'B')?.marker.color,
  );
  // 3-D: a horizontal bar in the scene's top-left corner (an upright one at the left covered the z title)
  const bar = (named(t, 'B').marker as unknown as { colorbar: { orientation?: string; y: number } }).colorbar;
  assert.equal(bar.orientation, 'h');
  assert.ok(bar.y > 0.9);
  assert.equal((layout.scene as { domain?: unknown }).domain, undefined);
  // 2-D: upright at the figure's left edge, in a left margin widened for it — a share of the plot's width (a
  // walkthrough beside a wide legend) left the bar's tick labels over the y axis's title
  const flat = buildMapFigure(
    points(),
    view({ show3d: false, colorBy: { kind: 'continuous', name: 'CD3E', values, range: { min: 0, max: 5 } } }),
  );
  const upright = (named(traces(flat.data), 'B').marker as unknown as { colorbar: Record<string, unknown> })
    .colorbar;
  assert.deepEqual([upright.xref, upright.x, upright.xanchor], ['container', 0, 'left']);
  const plain = buildMapFigure(points(), view({ show3d: false })).layout;
  assert.ok(flat.layout.margin!.l! > plain.margin!.l!, 'room for the bar left of the y axis');
  assert.equal((flat.layout.xaxis as { domain?: unknown }).domain, undefined);
});

test('continuous colouring: cells without a value (NaN, an empty or NA entry) are drawn grey and counted in the legend title', () => {
  // b0 and a4 have no value; the range comes from the others (robustRange skips NaN)
  const values = parseNumericColumn(['', '1', '2', '3', 'NA', '5']);
  const range = robustRange(values);
  assert.deepEqual(range, { min: 1, max: 5 });
  const { data, layout } = buildMapFigure(
    points(),
    view({ colorBy: { kind: 'continuous', name: 'pct_mt', values, range } }),
  );
  const t = traces(data);
  // B is rows b0, b5, b2 (held out last): b0 grey, the others on the scale
  assert.deepEqual(named(t, 'B').marker.color, [UNLABELED_COLOR, 5, 2]);
  assert.deepEqual(named(t, 'A').marker.color, [1, UNLABELED_COLOR]);
  // a class without a missing value keeps its typed array
  assert.ok(named(t, 'unlabeled').marker.color instanceof Float32Array);
  const marker = named(t, 'B').marker as unknown as { cmin: number; cmax: number };
  assert.deepEqual([marker.cmin, marker.cmax], [1, 5]);
  assert.match(named(t, 'B').text[0], /pct_mt: NA/);
  assert.equal(
    (layout.legend as { title: { text: string } }).title.text,
    'class  (colour: pct_mt;<br>2 cells without a value, grey)',
  );
  const one = new Float32Array([0, 1, 2, NaN, 4, 5]);
  const title = buildMapFigure(
    points(),
    view({ colorBy: { kind: 'continuous', name: 'g', values: one, range } }),
  ).layout.legend as { title: { text: string } };
  assert.equal(title.title.text, 'class  (colour: g;<br>1 cell without a value, grey)');
  const full = buildMapFigure(
    points(),
    view({ colorBy: { kind: 'continuous', name: 'g', values: new Float32Array(6), range } }),
  ).layout.legend as { title: { text: string } };
  assert.equal(full.title.text, 'class  (colour: g)');
});

test('category colouring groups by the metadata column instead of the label', () => {
  const t = traces(
    buildMapFigure(
      points(),
      view({ colorBy: { kind: 'category', name: 'donor', values: ['d1', 'd1', 'd2', 'd2', 'd2', 'd1'] } }),
    ).data,
  );
  assert.deepEqual(
    t.map((d) => d.name),
    ['d1', 'd2'],
  );
});

test('colours the file gives a column (scanpy uns colors) colour its classes, legend and projected cells', () => {
  // B is the largest class: without given colours it takes the palette's first colour
  const plain = traces(buildMapFigure(points(), view()).data);
  assert.equal(named(plain, 'B').marker.color, categoryColor(0));
  const given = { A: '#1f77b4', B: '#FF7F0E', C: '#2ca02c' };
  const projected = {
    source: 'new.csv',
    coords: new Float32Array(3),
    dims: 3,
    ids: ['n0'],
    predicted: ['A'],
    confidence: [1],
    labels: null,
  };
  const { data } = buildMapFigure(points(), view({ colorBy: { kind: 'label', colors: given }, projected }));
  const cells = traces(data);
  assert.equal(named(cells, 'A').marker.color, '#1f77b4');
  assert.equal(named(cells, 'B').marker.color, '#FF7F0E');
  assert.equal(named(cells, 'unlabeled').marker.color, UNLABELED_COLOR, 'unlabeled stays grey');
  assert.equal(legend(data).find((e) => e.name === 'A')?.marker.color, '#1f77b4');
  assert.equal(named(cells, 'new.csv → A').marker.color, '#1f77b4');
});

test('a category colouring uses the file colours it has, the palette for the rest, and ignores non-colours', () => {
  const colorBy = {
    kind: 'category' as const,
    name: 'donor',
    values: ['d1', 'd1', 'd2', 'd3', 'd2', 'd1'],
    colors: { d2: '#abcdef', d3: 'url(javascript:alert(1))' },
  };
  const t = traces(buildMapFigure(points(), view({ colorBy })).data);
  assert.equal(named(t, 'd2').marker.color, '#abcdef');
  assert.equal(named(t, 'd1').marker.color, categoryColor(0), 'd1 has no file colour: the palette');
  assert.equal(named(t, 'd3').marker.color, categoryColor(1), 'an invalid colour is not used');
});

test('hover text names id, label, split and chosen fields, and escapes markup', () => {
  const p = { ...points(), ids: ['<b>x</b>', 'a1', 'b2', 'u3', 'a4', 'b5'] };
  const [first, unlabeled] = hoverTexts(
    p,
    [0, 3],
    view({ hoverFields: [{ name: 'n_genes', values: [10, 20, 30, 40, 50, 60] }] }),
  );
  assert.match(first, /&lt;b&gt;x&lt;\/b&gt;/);
  assert.match(first, /label: B/);
  assert.match(first, /training cell/);
  assert.match(first, /n_genes: 10/);
  assert.match(unlabeled, /label: \(none\)/);
  assert.match(unlabeled, /unlabeled cell/);
  // a text table's rows (a bulk panel's samples) are rows
  const [train, none] = hoverTexts({ ...p, rowWord: 'row' }, [0, 3], view());
  assert.match(train, /<br>training row$/);
  assert.match(none, /<br>unlabeled row$/);
});

// A scanpy user's run on cell_type showed "label: B" on each cell, the app's word where the file says cell_type.
test('hover text names the label column the points say they come from', () => {
  const [first] = hoverTexts({ ...points(), labelName: 'cell_type' }, [0], view());
  assert.match(first, /<br>cell_type: B<br>/);
  assert.doesNotMatch(first, /label:/);
});

// A walkthrough (pbmc68k_reduced.h5ad coloured by percent_mito, hover showing percent_mito and n_counts) read
// "percent_mito: 0.01772" and then "percent_mito: 0.017721519", "n_counts: 4740": the coloured column twice,
// once raw, as its values came as text.
test('hover values: numbers from text as from numbers, whole ones grouped; the coloured column listed once', () => {
  const colorBy = {
    kind: 'continuous' as const,
    name: 'pct',
    values: Float32Array.from([0.017721519, 0, 0, 0, 0, 0]),
    range: { min: 0, max: 1 },
  };
  const hoverFields = [
    { name: 'pct', values: ['0.017721519', '', '', '', '', ''] },
    { name: 'n_counts', values: ['12345', '', '', '', '', ''] },
    { name: 'counts', values: [12345, 0, 0, 0, 0, 0] },
    { name: 'sample', values: ['007', '', '', '', '', ''] },
  ];
  const [text] = hoverTexts(points(), [0], view({ colorBy, hoverFields }));
  const lines = text.split('<br>');
  assert.deepEqual(lines.slice(3), [
    'pct: 0.01772',
    'n_counts: 12\u202f345',
    'counts: 12\u202f345',
    'sample: 007',
  ]);
});

test('a searched id adds one ring trace at that cell; an unknown id adds none', () => {
  const found = traces(buildMapFigure(points(), view({ highlightId: 'a4' })).data);
  assert.equal(found.length, 4);
  assert.equal(found[3].name, 'found: a4');
  assert.notEqual(found[3].showlegend, false);
  assert.deepEqual([...found[3].x], [12]);
  assert.equal(traces(buildMapFigure(points(), view({ highlightId: 'nope' })).data).length, 3);
});

test('projected cells form their own traces, one per predicted class, coloured like the class', () => {
  const base = traces(buildMapFigure(points(), view()).data);
  const t = traces(
    buildMapFigure(
      points(),
      view({
        projected: {
          source: 'new.csv',
          coords: new Float32Array([1, 1, 1, 2, 2, 2]),
          dims: 3,
          ids: ['n1', 'n2'],
          predicted: ['A', 'A'],
          confidence: new Float32Array([1, 0.6]),
          labels: null,
        },
      }),
    ).data,
  );
  assert.equal(t.length, 4);
  assert.equal(t[3].name, 'new.csv → A');
  assert.equal(t[3].x.length, 2);
  assert.equal(t[3].marker.color, named(base, 'A').marker.color);
  assert.equal(t[3].marker.symbol, 'x');
  assert.match(t[3].text[1], /predicted: A \(60 % of neighbours\)/);
});

test("projected cells with long names: the legend shortens the file's and the class's names, the hover box has them whole", () => {
  const source = 'GSE123456_pbmc_10k_v3_filtered_feature_bc_matrix.h5ad';
  const klass = 'CD4-positive, alpha-beta memory T cell';
  const t = traces(
    buildMapFigure(
      points(),
      view({
        projected: {
          source,
          coords: new Float32Array([1, 1, 1]),
          dims: 3,
          ids: ['n1'],
          predicted: [klass],
          confidence: new Float32Array([1]),
          labels: null,
        },
      }),
    ).data,
  );
  const crosses = t.find((d) => d.legendgroup === `projected:${klass}`);
  assert.ok(crosses);
  const [file, shown] = crosses.name.split(' → ');
  assert.ok(file.endsWith('…') && source.startsWith(file.slice(0, -1)), file);
  assert.ok(shown.endsWith('…') && klass.startsWith(shown.slice(0, -1)), shown);
  assert.match(crosses.text[0], new RegExp(`projected from ${source}<br>predicted: ${klass} `));
});

test('projected cells with joined metadata: its columns in the hover box, and Colour ✕ by groups them by a column', () => {
  const base = traces(buildMapFigure(points(), view()).data);
  const projected = {
    source: 'query.csv',
    coords: new Float32Array([1, 1, 1, 2, 2, 2, 3, 3, 3]),
    dims: 3,
    ids: ['n1', 'n2', 'n3'],
    predicted: ['A', 'A', 'B'],
    confidence: new Float32Array([1, 0.6, 1]),
    labels: null,
    joinedMetadata: [
      { name: 'cell_type', values: ['B', 'A', ''] },
      { name: 'donor', values: ['d1', 'd2', 'd1'] },
    ],
  };
  const byClass = traces(buildMapFigure(points(), view({ projected })).data).slice(base.length);
  assert.deepEqual(
    byClass.map((t) => t.name),
    ['query.csv → A', 'query.csv → B'],
  );
  assert.match(byClass[0].text[0], /<br>cell_type: B<br>donor: d1$/);
  assert.match(byClass[1].text[0], /<br>cell_type: \(none\)<br>donor: d1$/);
  const byType = traces(
    buildMapFigure(points(), view({ projected: { ...projected, colourBy: 'cell_type' } })).data,
  ).slice(base.length);
  assert.deepEqual(
    byType.map((t) => [t.name, t.x.length]),
    [
      ['query.csv → cell_type: A', 1],
      ['query.csv → cell_type: B', 1],
      ['query.csv → cell_type: unlabeled', 1],
    ],
  );
  // a value named like a class is drawn in the class's colour: the file's annotation beside the map's classes
  assert.equal(byType[1].marker.color, named(base, 'B').marker.color);
  // a column the cells lack: the predicted class
  const unknown = traces(
    buildMapFigure(points(), view({ projected: { ...projected, colourBy: 'nope' } })).data,
  ).slice(base.length);
  assert.deepEqual(
    unknown.map((t) => t.name),
    ['query.csv → A', 'query.csv → B'],
  );
});

test('the 2-D map leaves the same room above the legend for the mode bar as the 3-D one', () => {
  // in 2-D the legend's title was drawn under the mode bar's zoom buttons
  const top = (show3d: boolean) => buildMapFigure(points(), view({ show3d })).layout.margin?.t ?? 0;
  assert.ok(top(false) >= top(true), `2-D top margin ${top(false)} px, 3-D ${top(true)} px`);
});

test('groupRows: cluster codes in natural numeric order (leiden 0, 1, 2, … 10), not by size', () => {
  // '2' is the smallest cluster and '0' the largest: the legend still reads 0, 1, 2, 3, 10 as scanpy's does
  const labels = ['10', '1', '1', '0', '0', '0', '3', '10', '2', '', '3', '1'];
  assert.deepEqual(
    groupRows(labels).map((g) => g.name),
    ['0', '1', '2', '3', '10', 'unlabeled'],
  );
  // a single text label among the codes: no natural order, largest first as before
  assert.deepEqual(
    groupRows(['0', '0', 'B', 'B', 'B', '1']).map((g) => g.name),
    ['B', '0', '1'],
  );
});

test("groupRows and the figure follow the file's stored category order (a reordered h5ad categorical) first", () => {
  const labels = ['T', 'B', 'T', 'NK', 'T', 'B', 'new', ''];
  assert.deepEqual(
    groupRows(labels, ['NK', 'T', 'B', 'absent']).map((g) => g.name),
    ['NK', 'T', 'B', 'new', 'unlabeled'],
    'stored order, then a class it lacks (a label edit), unlabeled last',
  );
  const points = {
    coords: new Float32Array(labels.length * 2),
    dims: 2,
    ids: labels.map((_, i) => `c${i}`),
    labels,
    split: labels.map(() => 'train' as const),
  };
  const figure = buildMapFigure(points, {
    ...DEFAULT_MAP_VIEW,
    show3d: false,
    colorBy: { kind: 'label', order: ['NK', 'T', 'B'] },
  });
  const legend = figure.data.filter((t) => isLegendOnly(t)).map((t) => (t as { name: string }).name);
  assert.deepEqual(legend, ['NK', 'T', 'B', 'new', 'unlabeled']);
  // coloured by a gene the legend still lists the classes, in the same order (it went largest first)
  const gene = buildMapFigure(points, {
    ...DEFAULT_MAP_VIEW,
    show3d: false,
    colorBy: {
      kind: 'continuous',
      name: 'CD3E',
      values: new Float32Array(labels.length).map((_, i) => i),
      range: { min: 0, max: labels.length - 1 },
      order: ['NK', 'T', 'B'],
    },
  });
  const geneLegend = gene.data.filter((t) => isLegendOnly(t)).map((t) => (t as { name: string }).name);
  assert.deepEqual(geneLegend, legend);
});

test('projected crosses follow a stored category order as the main map does (h5ad categoricals)', () => {
  const projected = {
    source: 'query.h5ad',
    coords: new Float32Array([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]),
    dims: 3,
    ids: ['n1', 'n2', 'n3', 'n4'],
    // B is the largest class: without an order it comes first
    predicted: ['B', 'B', 'C', 'A'],
    confidence: new Float32Array([1, 1, 1, 1]),
    labels: null,
    joinedMetadata: [{ name: 'stage', values: ['late', 'late', 'early', 'mid'] }],
  };
  const base = traces(buildMapFigure(points(), view()).data).length;
  const crosses = (p: object) =>
    traces(buildMapFigure(points(), view({ projected: p as typeof projected })).data)
      .slice(base)
      .map((t) => t.name);
  assert.deepEqual(crosses(projected), ['query.h5ad → B', 'query.h5ad → A', 'query.h5ad → C']);
  assert.deepEqual(crosses({ ...projected, order: ['C', 'A', 'B'] }), [
    'query.h5ad → C',
    'query.h5ad → A',
    'query.h5ad → B',
  ]);
  // colouring by a joined column: its own order; values the order lacks after it
  assert.deepEqual(crosses({ ...projected, colourBy: 'stage', order: ['early', 'late'] }), [
    'query.h5ad → stage: early',
    'query.h5ad → stage: late',
    'query.h5ad → stage: mid',
  ]);
  // the crosses' own colours (values no class of the map has) are given in that order too
  const drawn = traces(
    buildMapFigure(
      points(),
      view({ projected: { ...projected, colourBy: 'stage', order: ['mid', 'early', 'late'] } }),
    ).data,
  ).slice(base);
  assert.deepEqual(
    drawn.map((t) => [t.name, t.marker.color]),
    [
      // after the map's three groups (A, B, unlabeled)
      ['query.h5ad → stage: mid', categoryColor(3)],
      ['query.h5ad → stage: early', categoryColor(4)],
      ['query.h5ad → stage: late', categoryColor(5)],
    ],
  );
});
