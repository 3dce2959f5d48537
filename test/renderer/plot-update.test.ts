import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Data } from 'plotly.js-dist';
import { buildMapFigure, DEFAULT_MAP_VIEW, type MapPoints, type MapView } from '../../renderer/plot-model.js';
import { detachedCopy, flattenPaths, keepCamera, planUpdate, sameValue } from '../../renderer/plot-update.js';

function points(): MapPoints {
  const labels = ['B', 'A', 'B', '', 'A', 'B'];
  const coords = new Float32Array(labels.length * 3);
  for (let i = 0; i < coords.length; i++) coords[i] = (i * 7) % 5;
  return {
    coords,
    dims: 3,
    ids: ['b0', 'a1', 'b2', 'u3', 'a4', 'b5'],
    labels,
    split: ['train', 'train', 'holdout', 'unlabeled', 'holdout', 'train'],
  };
}

const figure = (view: Partial<MapView>, p = points()) => buildMapFigure(p, { ...DEFAULT_MAP_VIEW, ...view });
const gene: MapView['colorBy'] = {
  kind: 'continuous',
  name: 'CD79A',
  values: Float32Array.from([0, 1, 2, 3, 4, 5]),
  range: { min: 0, max: 5 },
};

test('colouring by a gene restyles the drawn traces (marker colours, hover text, legend title), no rebuild', () => {
  for (const show3d of [true, false]) {
    const before = figure({ show3d });
    const after = figure({ show3d, colorBy: gene });
    const plan = planUpdate(before, after);
    assert.equal(plan.kind, 'update', `show3d ${show3d}`);
    if (plan.kind !== 'update') continue;
    // every cell trace gets its gene values as colours; legend-only traces their neutral colour
    const cells = after.data.flatMap((t, i) => ((t as { meta?: string }).meta ? [] : [i]));
    for (const i of cells) {
      const k = plan.traces.indexOf(i);
      assert.ok(k >= 0, `trace ${i} is updated`);
      assert.ok(plan.data['marker.color'][k] instanceof Float32Array);
      assert.equal(plan.data['marker.colorscale'][k] !== undefined, true);
      assert.match(String((plan.data.text[k] as string[])[0]), /CD79A: /);
    }
    assert.match(String(plan.layout['legend.title.text']), /CD79A/);
    // coordinates and cell rows are never sent again
    for (const key of ['x', 'y', 'z', 'customdata']) assert.equal(plan.data[key], undefined);
    // and back to the label: the continuous-only attributes go back to Plotly's defaults
    const back = planUpdate(after, figure({ show3d }));
    assert.equal(back.kind, 'update');
    if (back.kind === 'update') {
      assert.ok(back.data['marker.colorscale'].some((v) => v === null));
      assert.equal(typeof back.data['marker.color'][0], 'string');
    }
  }
});

test('point size and opacity restyle; an unchanged figure draws nothing', () => {
  const plan = planUpdate(figure({}), figure({ pointSize: 7, opacity: 0.5 }));
  assert.equal(plan.kind, 'update');
  if (plan.kind === 'update') {
    assert.deepEqual(Object.keys(plan.data).sort(), ['marker.opacity', 'marker.size']);
    assert.deepEqual(plan.layout, {});
  }
  assert.deepEqual(planUpdate(figure({}), figure({})), { kind: 'none' });
});

test('other points, traces or views are drawn in full', () => {
  const base = figure({});
  assert.equal(planUpdate(null, base).kind, 'react');
  // 3-D → 2-D: other trace types and no scene
  assert.equal(planUpdate(base, figure({ show3d: false })).kind, 'react');
  // a new run: same groups, other coordinates
  const moved = points();
  moved.coords[0] += 1;
  assert.equal(planUpdate(base, figure({}, moved)).kind, 'react');
  // a found cell adds a trace
  assert.equal(planUpdate(base, figure({ highlightId: 'a1' })).kind, 'react');
  // colouring by a column regroups the cells into other traces
  const phase: MapView['colorBy'] = {
    kind: 'category',
    name: 'phase',
    values: ['G1', 'S', 'G1', 'G2M', 'S', 'G1'],
  };
  assert.equal(planUpdate(base, figure({ colorBy: phase })).kind, 'react');
  // a trace whose name alone changed
  const renamed = {
    ...base,
    data: base.data.map((t, i) => (i === 0 ? ({ ...t, name: 'other' } as Data) : t)),
  };
  assert.equal(planUpdate(base, renamed).kind, 'react');
});

test('the camera the user left is not sent again; axis ranges the figure sets are', () => {
  const base = figure({});
  const withCamera = { ...base, layout: keepCamera(base.layout, { eye: { x: 2, y: 0, z: 0 } }) };
  assert.deepEqual(planUpdate(base, withCamera), { kind: 'none' });
  const flat = figure({ show3d: false });
  const fixed = {
    ...flat,
    layout: {
      ...flat.layout,
      xaxis: { ...flat.layout.xaxis, range: [0, 5] as [number, number], autorange: false },
    },
  };
  const plan = planUpdate(flat, fixed);
  assert.equal(plan.kind, 'update');
  if (plan.kind === 'update')
    assert.deepEqual(plan.layout, { 'xaxis.range': [0, 5], 'xaxis.autorange': false });
});

test('keepCamera puts the kept camera into a 3-D layout that sets none, and nowhere else', () => {
  const cam = { eye: { x: 0.1, y: 2, z: 0.5 }, up: { x: 0, y: 0, z: 1 } };
  const threeD = figure({}).layout;
  assert.deepEqual(keepCamera(threeD, cam).scene?.camera, cam);
  assert.equal(threeD.scene?.camera, undefined, 'the figure itself is not changed');
  const twoD = figure({ show3d: false }).layout;
  assert.equal(keepCamera(twoD, cam), twoD);
  assert.equal(keepCamera(threeD, null), threeD);
  const own = { ...threeD, scene: { ...threeD.scene, camera: { eye: { x: 1, y: 1, z: 1 } } } };
  assert.equal(keepCamera(own, cam), own, 'a camera the figure sets wins');
});

test('flattenPaths and sameValue: dotted leaves, typed arrays by content', () => {
  assert.deepEqual(
    [...flattenPaths({ marker: { color: 'red', colorbar: { title: { text: 'g' } } }, x: [1, 2] })],
    [
      ['marker.color', 'red'],
      ['marker.colorbar.title.text', 'g'],
      ['x', [1, 2]],
    ],
  );
  assert.ok(sameValue(Float32Array.from([1, 2]), Float32Array.from([1, 2])));
  assert.ok(!sameValue(Float32Array.from([1, 2]), [1, 2]));
  assert.ok(!sameValue(Float32Array.from([1, 2]), Float32Array.from([1, 3])));
  assert.ok(sameValue({ a: [1, { b: 'c' }] }, { a: [1, { b: 'c' }] }));
  assert.ok(sameValue(NaN, NaN));
});

test('the copy Plotly holds is detached: its writes never reach the figure the next draw is planned on', () => {
  const drawn = figure({ show3d: false });
  const held = detachedCopy(drawn);
  // what Plotly writes into the objects it holds: uids, autorange, an axis restored by uirevision
  (held.data[0] as Record<string, unknown>).uid = 'abc';
  (held.layout.xaxis as Record<string, unknown>).autorange = true;
  (held.layout.legend as Record<string, unknown>).title = { text: 'changed' };
  assert.equal((drawn.data[0] as Record<string, unknown>).uid, undefined);
  assert.equal(drawn.layout.xaxis?.autorange, undefined);
  // coordinates are shared, not copied
  assert.equal((held.data[0] as { x: unknown }).x, (drawn.data[0] as { x: unknown }).x);
  const plan = planUpdate(drawn, figure({ show3d: false, colorBy: gene }));
  assert.equal(plan.kind, 'update');
  if (plan.kind === 'update') {
    assert.equal(plan.data.uid, undefined);
    assert.equal(plan.layout['xaxis.autorange'], undefined);
  }
});
