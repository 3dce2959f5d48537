// embed's colours for the classes a file's own colours leave out (a subset, another sample): the training
// map's, kept in the model folder, where they look like none of the file's; else a palette colour. Before,
// such a class always took a palette colour, so the projected cells of it were drawn in another colour than
// the training map drew them in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colourUncovered } from '../../../src/engine/h5ad/shown-colours.js';

test("a class the file's colours lack takes the training map's colour", () => {
  const given = { B: '#111111', T: '#eeeeee' };
  const model = { B: '#0072b2', T: '#e69f00', NK: '#009e73' };
  assert.deepEqual(colourUncovered(['B', 'T', 'NK'], given, model), { NK: '#009e73' });
});

test("a map's colour that looks like one of the file's is passed over for a palette colour", () => {
  // '#1f77b4' (scanpy's tab10 blue) and the palette's '#0072b2' pass for one another
  const given = { B: '#1f77b4', T: '#eeeeee' };
  const model = { NK: '#0072b2', Mono: '#e69f00' };
  const added = colourUncovered(['B', 'T', 'NK', 'Mono'], given, model);
  assert.ok(added);
  assert.equal(added.Mono, '#e69f00');
  assert.match(added.NK, /^#[0-9a-f]{6}$/);
  assert.notEqual(added.NK, '#0072b2');
  assert.ok(![given.B, given.T, added.Mono].includes(added.NK), `${added.NK} is a colour of its own`);
});

test('without a map colour (an old model folder) the class takes a palette colour, as before', () => {
  const given = { B: '#111111' };
  const added = colourUncovered(['B', 'NK'], given);
  assert.ok(added && /^#[0-9a-f]{6}$/.test(added.NK) && added.NK !== '#111111');
  assert.deepEqual(colourUncovered(['B', 'NK'], given, {}), added);
  // a file that colours none of the classes, or all of them: nothing to add
  assert.equal(colourUncovered(['NK'], given, { NK: '#009e73' }), null);
  assert.equal(colourUncovered(['B'], given, { B: '#009e73' }), null);
});
