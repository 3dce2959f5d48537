// A model folder edited by hand or damaged in a copy: each file of it is refused naming the file and what is
// wrong (a user audit: a recipe with NaN (null) numbers projected cells silently with 0 in their place, a
// recipe without its pca or a run.json without its input section gave "Cannot read properties of
// undefined", a damaged encoder topology a tfjs message naming no file, a NaN weight made every cell NaN).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraining } from '../../src/engine/run-training.js';
import { loadModelFolder, saveModelFolder } from '../../src/engine/model-folder.js';
import { loadModelFiles, modelFilesOfRun } from '../../src/engine/session-restore.js';
import type { TrainingRun } from '../../src/engine/types.js';
import { CoreError } from '../../src/api/core-error.js';
import { blobTable } from '../engine/helpers.js';

let dir = '';
let saved = '';
let run: TrainingRun;
let copies = 0;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-model-damage-'));
  run = await runTraining(blobTable({ classes: 3, perClass: 20, genes: 12 }), {
    labelColumn: 'cell_type',
    epochs: 2,
    seed: 3,
  });
  saved = join(dir, 'model');
  await saveModelFolder(run, saved);
});
after(async () => {
  run.encoder.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** A copy of the saved model folder with `damage` done to it. */
async function damaged(damage: (folder: string) => Promise<void>): Promise<string> {
  const folder = join(dir, `copy-${copies++}`);
  await cp(saved, folder, { recursive: true });
  await damage(folder);
  return folder;
}

/** Rewrites FILE of the folder through `edit` of its parsed JSON. */
const editJson =
  (file: string, edit: (json: Record<string, unknown>) => void) =>
  async (folder: string): Promise<void> => {
    const json = JSON.parse(await readFile(join(folder, file), 'utf8')) as Record<string, unknown>;
    edit(json);
    await writeFile(join(folder, file), JSON.stringify(json));
  };

async function refused(folder: string, says: RegExp): Promise<void> {
  await assert.rejects(loadModelFolder(folder), (err: unknown) => {
    assert.ok(err instanceof CoreError, String(err));
    assert.equal(err.kind, 'bad-model');
    assert.match(err.message, says);
    assert.doesNotMatch(err.message, /Cannot read properties|ENOENT|undefined/);
    return true;
  });
}

test('the undamaged copy loads', async () => {
  (await loadModelFolder(await damaged(async () => {}))).dispose();
});

test('recipe.json: a NaN (null) or text number, a missing step, a wrong width or a repeated gene names the field', async () => {
  await refused(
    await damaged(editJson('recipe.json', (r) => ((r.means as unknown[])[1] = null))),
    /recipe\.json is damaged: means\[1\] is null, not a finite number/,
  );
  await refused(
    await damaged(editJson('recipe.json', (r) => ((r.scales as unknown[])[0] = 'x'))),
    /recipe\.json is damaged: scales\[0\] is "x", not a finite number/,
  );
  await refused(
    await damaged(editJson('recipe.json', (r) => delete r.pca)),
    /recipe\.json is damaged: pca is missing/,
  );
  await refused(
    await damaged(editJson('recipe.json', (r) => (r.outputColumns = 7))),
    /recipe\.json is damaged: outputColumns is 7, but its steps make \d+ columns/,
  );
  await refused(
    await damaged(editJson('recipe.json', (r) => ((r.genes as string[])[2] = (r.genes as string[])[1]))),
    /recipe\.json is damaged: genes\[2\] repeats genes\[1\]/,
  );
  await refused(
    await damaged(editJson('recipe.json', (r) => (r.clip = -1))),
    /recipe\.json is damaged: clip is -1, neither null nor a positive number/,
  );
  // the spreads a recipe without z-score keeps for the scale check: absent in older recipes, never damaged
  await refused(
    await damaged(editJson('recipe.json', (r) => (r.spreads = (r.means as number[]).map(() => null)))),
    /recipe\.json is damaged: spreads\[0\] is null, not a finite number/,
  );
  await refused(
    await damaged(editJson('recipe.json', (r) => (r.spreads = [1]))),
    /recipe\.json is damaged: spreads holds 1 values, \d+ expected/,
  );
  // the total per cell --log-normalize scales a query's counts to: a number, or null when the training values
  // shared none (absent in older recipes); text or 0 would scale every cell wrongly without a word
  await refused(
    await damaged(editJson('recipe.json', (r) => (r.logTotal = '10000'))),
    /recipe\.json is damaged: logTotal is "10000", neither null nor a positive number/,
  );
  await refused(
    await damaged(editJson('recipe.json', (r) => (r.logTotal = 0))),
    /recipe\.json is damaged: logTotal is 0, neither null nor a positive number/,
  );
});

test('model.json, run.json and reference.json: a missing or mistyped field names the file and the field', async () => {
  await refused(
    await damaged(editJson('model.json', (m) => delete m.classes)),
    /model\.json is damaged: classes is missing/,
  );
  await refused(
    await damaged(editJson('model.json', (m) => (m.dims = '3'))),
    /model\.json is damaged: dims is "3", not a positive whole number/,
  );
  await refused(
    await damaged(editJson('model.json', (m) => (m.formatVersion = '2'))),
    /model\.json is damaged: formatVersion is "2", not a whole number/,
  );
  await refused(
    await damaged(async (f) => writeFile(join(f, 'run.json'), '{}')),
    /run\.json is damaged: its input section is missing/,
  );
  await refused(
    await damaged(editJson('model.json', (m) => (m.dims = 2))),
    /reference\.json is damaged \(its shape does not match model\.json: it holds 3-D coordinates but model\.json says dims 2\)/,
  );
  await refused(
    await damaged(editJson('reference.json', (r) => (r.labels = (r.labels as string[]).slice(1)))),
    /reference\.json is damaged \(.*: it holds \d+ coordinates for \d+ cells × 3 dims\)/,
  );
  // counts grouped as the app's sentences group them
  await refused(
    await damaged(editJson('reference.json', (r) => (r.labels = Array<string>(1200).fill('T')))),
    /: it holds [\d\u202f]+ coordinates for 1\u202f200 cells × 3 dims\)/,
  );
  await refused(
    await damaged(editJson('reference.json', (r) => ((r.coords as unknown[])[0] = null))),
    /reference\.json is damaged: coords\[0\] is null, not a finite number/,
  );
  await refused(
    await damaged(async (f) => rm(join(f, 'recipe.json'))),
    /the model folder .* is incomplete: recipe\.json is missing/,
  );
});

// model.json's class colours (the training map's, which embed's h5ad gives the predictions): a hand-edited list
// is refused naming the field, as the other fields are, not written into a result as a colour scanpy refuses
test('model.json: class colours not a list of { class, colour: #rrggbb } are named; a folder without them loads', async () => {
  await refused(
    await damaged(editJson('model.json', (m) => (m.classColours = [{ class: 'B', colour: 'blue' }]))),
    /model\.json is damaged: classColours\[0\] is \{"class":"B","colour":"blue"\}, not a \{ class, colour: '#rrggbb' \}/,
  );
  await refused(
    await damaged(editJson('model.json', (m) => (m.classColours = { B: '#1f77b4' }))),
    /model\.json is damaged: classColours is not a list of \{ class, colour \}/,
  );
  const colours = [{ class: 'B', colour: '#1f77b4' }];
  const kept = await loadModelFolder(
    await damaged(editJson('model.json', (m) => (m.classColours = colours))),
  );
  const plain = await loadModelFolder(saved);
  try {
    assert.deepEqual(kept.manifest.classColours, colours);
    assert.equal(plain.manifest.classColours, undefined, 'saved without colours: none, and it loads');
  } finally {
    kept.dispose();
    plain.dispose();
  }
});

// A model.json, run.json or the encoder's model.json edited by hand with a trailing comma was refused with
// JSON.parse's "in JSON at position 1234" (or no place at all): its line and column, as other bad input gets.
test('a file of the folder that is not valid JSON is named with the line and column of its fault', async () => {
  /** FILE of the folder pretty-printed, with a ',' added after the value on its line 3. */
  const trailingComma = (file: string) => async (folder: string) => {
    const json = JSON.parse(await readFile(join(folder, file), 'utf8')) as unknown;
    const lines = JSON.stringify(json, null, 2).split('\n');
    lines[2] = lines[2].replace(/,$/, ',,');
    await writeFile(join(folder, file), lines.join('\n'));
    return lines[2].length;
  };
  for (const file of ['model.json', 'run.json', 'recipe.json', join('encoder', 'model.json')]) {
    let column = 0;
    const folder = await damaged(async (f) => {
      column = await trailingComma(file)(f);
    });
    const place = `${join(folder, file)}, line 3, column ${column}: not valid JSON: `;
    await refused(folder, new RegExp(`^${place.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  }
  // cut short: the place is the end of the file
  const cut = await damaged(async (f) => writeFile(join(f, 'run.json'), '{\n  "input": {'));
  await refused(
    cut,
    /run\.json, line 2, column 13: not valid JSON: expected a property name in double quotes, found the end of the file; the model folder is damaged/,
  );
});

test('the encoder: a damaged topology, weights cut short, missing or holding NaN each say so, naming the file', async () => {
  await refused(
    await damaged(async (f) =>
      writeFile(join(f, 'encoder', 'model.json'), '{"modelTopology": {"foo": 1}, "weightsManifest": []}'),
    ),
    /encoder\/model\.json is not a network TripletLens can load \(.*\); the model folder is damaged/,
  );
  await refused(
    await damaged(async (f) => truncate(join(f, 'encoder', 'weights.bin'), 100)),
    /weights\.bin holds 100 bytes; .*: the file is cut short or damaged/,
  );
  await refused(
    await damaged(async (f) => rm(join(f, 'encoder', 'weights.bin'))),
    /weights\.bin: the file is missing; the model folder is incomplete/,
  );
  await refused(
    await damaged(async (f) => {
      const path = join(f, 'encoder', 'weights.bin');
      const bytes = await readFile(path);
      bytes.writeFloatLE(Number.NaN, 8);
      await writeFile(path, bytes);
    }),
    /weights\.bin holds a non-finite weight \(NaN, at byte 8\)/,
  );
});

test('an encoder copied in from another run (another input width) is said to come from a different run', async () => {
  const other = await runTraining(blobTable({ classes: 3, perClass: 20, genes: 8 }), {
    labelColumn: 'cell_type',
    epochs: 1,
    seed: 3,
  });
  try {
    const otherFolder = join(dir, 'other');
    await saveModelFolder(other, otherFolder);
    await refused(
      await damaged(async (f) => {
        await rm(join(f, 'encoder'), { recursive: true });
        await cp(join(otherFolder, 'encoder'), join(f, 'encoder'), { recursive: true });
      }),
      /the encoder reads \d+ columns but recipe\.json makes \d+: its files come from different runs/,
    );
  } finally {
    other.encoder.dispose();
  }
});

test('a damaged model inside a session file is named as the session’s model, not a temporary folder', async () => {
  const files = await modelFilesOfRun(run);
  const recipe = JSON.parse(new TextDecoder().decode(files.get('recipe.json'))) as { means: unknown[] };
  recipe.means[0] = null;
  files.set('recipe.json', new TextEncoder().encode(JSON.stringify(recipe)));
  await assert.rejects(loadModelFiles(files), (err: unknown) => {
    assert.ok(err instanceof CoreError);
    assert.match(err.message, /^the session’s model\/recipe\.json is damaged: means\[0\] is null/);
    assert.doesNotMatch(err.message, /tripletlens-session-/);
    return true;
  });
});
