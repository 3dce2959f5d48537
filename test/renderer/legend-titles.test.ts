import assert from 'node:assert/strict';
import { test } from 'node:test';
import { legendEntryTitle } from '../../renderer/legend-titles.js';
import { buildMapFigure, DEFAULT_MAP_VIEW, isLegendOnly, type MapPoints } from '../../renderer/plot-model.js';

/** Plotly's datum of a legend entry: one item holding the trace. */
const datum = (trace: unknown) => [{ trace }];

function entries(labels: string[]): Record<string, unknown>[] {
  const points: MapPoints = {
    coords: new Float32Array(labels.length * 2),
    dims: 2,
    ids: labels.map((_, i) => `c${i}`),
    labels,
    split: labels.map(() => 'train' as const),
  };
  const { data } = buildMapFigure(points, { ...DEFAULT_MAP_VIEW, show3d: false });
  return (data as unknown as Record<string, unknown>[]).filter((t) => isLegendOnly(t));
}

test('a shortened legend entry has its full class name as tooltip; a whole one none', () => {
  const long = 'CD16-negative, CD56-bright natural killer cell, human';
  const traces = entries([long, 'B & T cells', '']);
  const titles = new Map(traces.map((t) => [String(t.legendgroup), legendEntryTitle(datum(t))]));
  assert.equal(titles.get(long), long);
  // shown whole (escaped for Plotly's HTML-reading legend): no tooltip
  assert.equal(titles.get('B & T cells'), null);
  assert.equal(titles.get('unlabeled'), null);
});

test('cell traces and anything not as Plotly draws its legend get no tooltip', () => {
  const cells = { name: 'x…', legendgroup: 'x long', showlegend: true };
  assert.equal(legendEntryTitle(datum(cells)), null);
  for (const odd of [undefined, null, [], [{}], [{ trace: null }], { trace: cells }])
    assert.equal(legendEntryTitle(odd), null);
});
