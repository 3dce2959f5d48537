import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createPaletteWatch,
  PALETTE_COLOURS,
  scatterLayers,
  writesMarkersOnce,
} from '../../renderer/gl-palette.js';

/** A regl-scatter2d layer as Plotly holds it (a function object carrying its palette of RGBA bytes). */
function layer(colours: number): { palette: number[] } & (() => void) {
  return Object.assign(() => undefined, { palette: new Array<number>(colours * 4).fill(0) });
}
const grow = (l: { palette: number[] }, colours: number) =>
  l.palette.push(...new Array<number>(colours * 4).fill(0));
/** A drawn graph div: its 2-D scenes by subplot, with the Box tool's dragmode unless told. */
const graph = (scenes: Record<string, unknown>, dragmode = 'select') => ({
  _fullLayout: {
    dragmode,
    clickmode: 'event',
    _plots: Object.fromEntries(Object.entries(scenes).map(([id, scene]) => [id, { _scene: scene }])),
  },
  _fullData: [],
});

test('scatterLayers: the markers and selected markers of each 2-D scene, once drawn', () => {
  const a = layer(3);
  const b = layer(5);
  const c = layer(0);
  assert.deepEqual(scatterLayers(graph({ xy: { scatter2d: a, select2d: b }, x2y2: { scatter2d: c } })), [
    a,
    b,
    c,
  ]);
  // not drawn yet (Plotly marks a layer to make with `true`), no scene, a 3-D plot, nothing drawn
  assert.deepEqual(scatterLayers(graph({ xy: { scatter2d: true, select2d: false } })), []);
  assert.deepEqual(scatterLayers(graph({ xy: null })), []);
  assert.deepEqual(scatterLayers({ _fullLayout: { scene: {} } }), []);
  assert.deepEqual(scatterLayers({}), []);
  assert.deepEqual(scatterLayers(null), []);
});

test('a palette that went past 255 colours during a draw asks for one redraw; later draws do not', () => {
  const watch = createPaletteWatch();
  const markers = layer(23);
  const gd = graph({ xy: { scatter2d: markers } });
  assert.equal(watch.overflowed(gd), false, 'the class colours');
  grow(markers, 11);
  assert.equal(watch.overflowed(gd), false, 'a selection: each class colour dimmed too');
  // colouring by a gene with the selection drawn: 34 + 367 colours, the switch midway through the traces
  grow(markers, 367);
  assert.equal(watch.overflowed(gd), true);
  // the redraw, and every draw after it, writes per-point colours from the start
  assert.equal(watch.overflowed(gd), false);
  grow(markers, 40);
  assert.equal(watch.overflowed(gd), false);
});

test('exactly at the limit is no switch; a layer made and overflowed in one draw is one', () => {
  const watch = createPaletteWatch();
  const markers = layer(PALETTE_COLOURS);
  const gd = graph({ xy: { scatter2d: markers } });
  assert.equal(watch.overflowed(gd), false);
  grow(markers, 1);
  assert.equal(watch.overflowed(gd), true);
  // Plotly made new layers (the plot was purged, or a 3-D detour): the first draw of a map with many colours
  const fresh = layer(371);
  assert.equal(watch.overflowed(graph({ xy: { scatter2d: fresh, select2d: layer(2) } })), true);
  // the selected-markers layer keeps its own palette and switches on its own
  const selected = layer(250);
  const both = graph({ xy: { scatter2d: fresh, select2d: selected } });
  assert.equal(watch.overflowed(both), false);
  grow(selected, 10);
  assert.equal(watch.overflowed(both), true);
});

test('with no selection mode on, Plotly writes the markers twice a draw: an overflow asks for nothing', () => {
  const watch = createPaletteWatch();
  const markers = layer(34);
  assert.equal(watch.overflowed(graph({ xy: { scatter2d: markers } }, 'zoom')), false);
  grow(markers, 367);
  assert.equal(watch.overflowed(graph({ xy: { scatter2d: markers } }, 'zoom')), false);
  // and taking the Box tool afterwards finds the palette switched already
  assert.equal(watch.overflowed(graph({ xy: { scatter2d: markers } }, 'select')), false);
  // the lasso is a selection mode too
  const other = layer(250);
  const lasso = graph({ xy: { scatter2d: other } }, 'lasso');
  assert.equal(watch.overflowed(lasso), false);
  grow(other, 6);
  assert.equal(watch.overflowed(lasso), true);
});

test('writesMarkersOnce: box or lasso dragmode, selecting clicks, or Plotly-selected points', () => {
  assert.equal(writesMarkersOnce(graph({}, 'select')), true);
  assert.equal(writesMarkersOnce(graph({}, 'lasso')), true);
  assert.equal(writesMarkersOnce(graph({}, 'pan')), false);
  assert.equal(writesMarkersOnce(graph({}, 'zoom')), false);
  assert.equal(writesMarkersOnce({ _fullLayout: { dragmode: 'zoom', clickmode: 'event+select' } }), true);
  assert.equal(
    writesMarkersOnce({ _fullLayout: { dragmode: 'zoom' }, _fullData: [{ selectedpoints: [1] }] }),
    true,
  );
  assert.equal(writesMarkersOnce({ _fullLayout: { dragmode: 'zoom' }, _fullData: [{}] }), false);
  assert.equal(writesMarkersOnce(null), false);
});
