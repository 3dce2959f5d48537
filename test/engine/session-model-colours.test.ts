// The app's Export ▸ Model folder keeps the map's class colours in model.json (`classColours`), which `embed`'s
// h5ad gives the predictions of a file without colours of its own: the page's colours (a class recoloured in
// Edit labels as recoloured), else those a fresh map of the run draws. Without them embed's result left the
// projected cells to scanpy's palette, other colours than the app's map.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { trainedCellsSession } from './trained-cells-session.js';

const { session, dir } = trainedCellsSession('tl-model-colours-');

interface Manifest {
  classes: string[];
  classColours?: { class: string; colour: string }[];
}

const manifestOf = (folder: string) =>
  JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')) as Manifest;

test("Export ▸ Model folder keeps a colour for each class, the page's where it sent them", async () => {
  const fresh = join(dir, 'fresh');
  await session.exportModel({ kind: 'path', dir: fresh });
  const plain = manifestOf(fresh);
  const colours = plain.classColours ?? [];
  assert.deepEqual(colours.map((c) => c.class).sort(), [...plain.classes].sort());
  assert.ok(
    colours.every((c) => /^#[0-9a-f]{6}$/.test(c.colour)),
    JSON.stringify(colours),
  );
  assert.equal(new Set(colours.map((c) => c.colour)).size, colours.length, 'one colour a class');

  // a class recoloured on the page keeps the page's colour; the others keep theirs
  const [first, ...others] = colours;
  const page = join(dir, 'page');
  await session.exportModel({ kind: 'path', dir: page }, { [first.class]: '#ABCDEF' });
  const shown = manifestOf(page).classColours ?? [];
  assert.deepEqual(shown, [{ class: first.class, colour: '#abcdef' }, ...others]);

  await assert.rejects(
    session.exportModel({ kind: 'path', dir: join(dir, 'bad') }, { [first.class]: 'blue' }),
    /Cannot export the class colours: the colour of class .* is not a '#rrggbb' colour/,
  );
});
