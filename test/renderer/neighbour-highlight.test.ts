import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CellNeighbourhood } from '../../src/api/neighbourhood.js';
import { rowWords } from '../../src/api/file-format.js';
import {
  fieldNeighbours,
  KEPT_COLOR,
  mostNeighbours,
  MOVED_COLOR,
  NEIGHBOURHOOD_GROUP,
  neighbourTraces,
  overlapSentence,
  splitNeighbours,
} from '../../renderer/neighbour-highlight.js';
import {
  buildMapFigure,
  clickedCell,
  DEFAULT_MAP_VIEW,
  isLegendOnly,
  type MapPoints,
  type MapView,
} from '../../renderer/plot-model.js';

// The plotly trace fields these tests read, typed loosely on purpose (Plotly's Data is a wide union).
interface TraceLike {
  type: string;
  name: string;
  x: Float32Array;
  y: Float32Array;
  z?: Float32Array;
  text: string[];
  customdata?: Int32Array;
  showlegend?: boolean;
  legendgroup?: string;
  marker: { color: string; symbol: string; size: number; line: { color: string; width: number } };
}

/** 6 cells; cell i sits at (i, 10 + i, 20 + i). */
function points(dims = 3): MapPoints {
  const coords = Float32Array.from({ length: 6 * dims }, (_, i) => Math.floor(i / dims) + 10 * (i % dims));
  return {
    coords,
    dims,
    ids: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'],
    labels: ['A', 'A', 'B', 'B', '', 'A'],
    split: ['train', 'holdout', 'train', 'train', 'unlabeled', 'train'],
  };
}

const view = (over: Partial<MapView> = {}): MapView => ({ ...DEFAULT_MAP_VIEW, ...over });

function neighbourhood(over: Partial<CellNeighbourhood> = {}): CellNeighbourhood {
  return {
    runId: 'run-1',
    cell: 2,
    k: 3,
    inputNeighbours: Int32Array.of(3, 5, 0),
    mapNeighbours: Int32Array.of(1, 3, 0),
    shared: 2,
    ...over,
  };
}

test('input neighbours split into those the map kept near and those it moved away, in input order', () => {
  assert.deepEqual(splitNeighbours(neighbourhood()), { kept: [3, 0], moved: [5] });
});

test('the traces ring the moved neighbours, the kept ones and the cell, at their map positions', () => {
  const t = neighbourTraces(points(), neighbourhood(), view()) as unknown as TraceLike[];
  assert.deepEqual(
    t.map((x) => x.name),
    ['input neighbours farther on the map (1)', 'input neighbours also near on the map (2)', 'checked: c2'],
  );
  const [moved, kept, cell] = t;
  assert.deepEqual([...moved.x], [5]);
  assert.deepEqual([...kept.x], [3, 0]);
  assert.deepEqual([...kept.y], [13, 10]);
  assert.deepEqual([...kept.z!], [23, 20]);
  assert.deepEqual([...cell.x], [2]);
  assert.ok(t.every((x) => x.type === 'scatter3d' && x.legendgroup === NEIGHBOURHOOD_GROUP));
  assert.equal(moved.marker.line.color, MOVED_COLOR);
  assert.equal(kept.marker.line.color, KEPT_COLOR);
  assert.ok(t.every((x) => x.marker.symbol === 'circle-open'));
  // no legend entries: a wider legend would shrink the map and move the points under the pointer
  assert.ok(t.every((x) => x.showlegend === false));
  assert.ok(cell.marker.size > kept.marker.size, 'the checked cell has the biggest ring');
  // each ring names its cell on hover and on click
  assert.match(kept.text[0], /^c3<br>label: B/);
  assert.deepEqual([...kept.customdata!], [3, 0]);
  assert.deepEqual([...cell.customdata!], [2]);
});

test('in 2-D the rings are scattergl traces of the first two dimensions', () => {
  const t = neighbourTraces(points(), neighbourhood(), view({ show3d: false })) as unknown as TraceLike[];
  assert.ok(t.every((x) => x.type === 'scattergl' && x.z === undefined));
  const t2 = neighbourTraces(points(2), neighbourhood(), view()) as unknown as TraceLike[];
  assert.ok(t2.every((x) => x.type === 'scattergl'));
  assert.deepEqual([...t2[1].y], [13, 10]);
});

test('a neighbourhood naming rows the map does not have draws nothing', () => {
  assert.deepEqual(neighbourTraces(points(), neighbourhood({ cell: 6 }), view()), []);
  assert.deepEqual(
    neighbourTraces(points(), neighbourhood({ inputNeighbours: Int32Array.of(1, 9) }), view()),
    [],
  );
});

test('the verdict line counts the shared neighbours and says when the map has more dimensions than shown', () => {
  const n = neighbourhood({ k: 15, shared: 12 });
  assert.equal(
    overlapSentence(n, 'c2', 2, 2),
    'c2: 12 of its 15 input-space neighbours are also among its 15 nearest on the map.',
  );
  assert.match(overlapSentence(n, 'c2', 3, 2), /on the map \(nearest in all 3 dimensions\)\.$/);
  assert.equal(
    overlapSentence(neighbourhood({ k: 15, shared: 1 }), 'c2', 2, 2),
    'c2: 1 of its 15 input-space neighbours is also among its 15 nearest on the map.',
  );
  assert.equal(
    overlapSentence(neighbourhood({ k: 1, shared: 0 }), 'c2', 3, 3),
    'c2: its nearest input-space neighbour is not also its nearest on the map.',
  );
  assert.equal(
    overlapSentence(neighbourhood({ k: 1, shared: 1 }), 'c2', 3, 3),
    'c2: its nearest input-space neighbour is also its nearest on the map.',
  );
});

test('a click on a map point names its cell through customdata; projected points and misses name none', () => {
  const figure = buildMapFigure(points(), view());
  const cellTraces = (figure.data as unknown as TraceLike[]).filter((t) => !isLegendOnly(t));
  // every cell is in exactly one trace's customdata, at the index of its point
  const seen: number[] = [];
  for (const t of cellTraces) {
    for (let i = 0; i < t.x.length; i++) {
      const row = clickedCell({ customdata: t.customdata![i] });
      assert.equal(row !== null && t.x[i], row);
      seen.push(row!);
    }
  }
  assert.deepEqual(seen.sort(), [0, 1, 2, 3, 4, 5]);
  // scatter3d click points may carry only the point number: the trace's customdata is read then
  const t0 = cellTraces[0];
  assert.equal(clickedCell({ pointNumber: 0, data: { customdata: t0.customdata } }), t0.customdata![0]);
  const projected = buildMapFigure(
    points(),
    view({
      projected: {
        source: 'new.csv',
        coords: new Float32Array(3),
        dims: 3,
        ids: ['n0'],
        predicted: ['A'],
        confidence: [1],
        labels: null,
      },
    }),
  );
  const cross = (projected.data as unknown as TraceLike[]).find((t) => t.name.startsWith('new.csv'));
  assert.equal(cross?.customdata, undefined);
  assert.equal(clickedCell({ pointNumber: 0, data: {} }), null);
  assert.equal(clickedCell({ customdata: 'c1' }), null);
  assert.equal(clickedCell({}), null);
});

test('Neighbours (k): the field’s value, or a refusal naming the field and the run’s rows in its words', () => {
  const rows = rowWords('text');
  // a 38-sample bulk panel (a text table): k up to 37, its samples called rows
  assert.deepEqual(fieldNeighbours('37', 38, rows), { k: 37 });
  assert.deepEqual(fieldNeighbours(' 5 ', 38, rows), { k: 5 });
  for (const typed of ['0', '38', '2.5', '-1', 'ten', '']) {
    const answer = fieldNeighbours(typed, 38, rows);
    assert.ok('refusal' in answer, typed);
    assert.match(
      answer.refusal,
      /^Neighbours \(k\) takes a whole number from 1 to 37 \(the run has 38 rows\), /,
    );
    assert.doesNotMatch(answer.refusal, /Neighbourhood size|cells/);
  }
  assert.match((fieldNeighbours('', 38, rows) as { refusal: string }).refusal, /, it is empty\.$/);
  // a single-cell file: cells, and the engine's cap of 500
  const cells = fieldNeighbours('501', 700, rowWords('h5ad'));
  assert.ok('refusal' in cells);
  assert.match(cells.refusal, /from 1 to 500 \(the run has 700 cells\), not "501"\.$/);
  assert.equal(mostNeighbours(700), 500);
  assert.equal(mostNeighbours(38), 37);
});
