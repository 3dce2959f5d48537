// `embed --out x.h5ad` of a file that colours the model's label column (scanpy's uns['<label>_colors']) but
// lacks one of the model's classes — a subset, another sample: the predictions, which may be of that class, had
// no colours (the writer colours a column only when every category has one), so scanpy drew them in its own
// palette beside the label column's colours — one class in two colours, two classes in one. Now the file's
// colours colour its classes in both columns and the class it lacks gets a palette colour the file does not use.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importTable } from '../../src/data/index.js';
import { packageRoot } from '../../src/util/paths.js';
import { ANNDATA_SKIP_REASON, checkWithAnndata } from '../engine/h5ad/anndata-check.js';
import { readBack } from '../engine/h5ad/read-back.js';
import { runCli, tempDir } from './helpers.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
/** The cells of csr.h5ad (which colours cell_type) as a CSV. */
const CELLS = join(FORMATS, 'cells.csv');
const CSR_H5AD = join(FORMATS, 'csr.h5ad');
const NEW_CLASS = 'Platelet';

let dir = '';
let cleanup = async () => {};
before(async () => ({ dir, cleanup } = await tempDir()));
after(() => cleanup());

test("embed --out x.h5ad: a model class the file's label colours lack gets its own colour, the others the file's", async () => {
  const input = await importTable(CSR_H5AD);
  const stored = input.metadata.find((m) => m.name === 'cell_type')?.stored;
  const fileClasses = stored?.kind === 'categorical' ? (stored.categories ?? []) : [];
  const fileColours = fileClasses.map((c) => input.categoryColors?.cell_type?.[c] ?? '');
  assert.ok(fileClasses.length > 2 && fileColours.every((c) => c !== ''), 'the file colours each class');
  // the model knows one of the file's classes under another name, so the file's cells of it are predicted so
  const renamed = fileClasses.at(-2)!;
  const csv = (await readFile(CELLS, 'utf8')).replaceAll(`,${renamed},`, `,${NEW_CLASS},`);
  await writeFile(join(dir, 'renamed.csv'), csv);
  const model = join(dir, 'model');
  const trained = await runCli([
    ...['train', join(dir, 'renamed.csv'), '--label', 'cell_type', '--epochs', '3', '--quiet'],
    ...['--out', join(dir, 'train.csv'), '--model', model],
  ]);
  assert.equal(trained.code, 0, trained.stderr);
  const out = join(dir, 'embedded.h5ad');
  const r = await runCli(['embed', CSR_H5AD, '--model', model, '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const back = await readBack(out);
  const categories = back.obsCategories.tripletlens_predicted;
  assert.deepEqual(categories.slice(0, fileClasses.length), fileClasses);
  assert.ok(categories.includes(NEW_CLASS), 'some cells are predicted as the class the file lacks');
  const colours = back.uns.tripletlens_predicted_colors as string[] | undefined;
  assert.ok(colours, 'the predictions are coloured');
  assert.deepEqual(
    colours.slice(0, fileClasses.length),
    fileColours,
    "the file's classes in the file's colours",
  );
  const own = colours[categories.indexOf(NEW_CLASS)];
  assert.match(own, /^#[0-9a-f]{6}$/);
  assert.ok(!fileColours.includes(own), `${own} is none of the file's colours`);
  assert.deepEqual(back.uns.cell_type_colors, fileColours, "the label column keeps the file's colours");
  if (ANNDATA_SKIP_REASON === false) {
    // scanpy keeps the list as it is (it replaces one that does not fit the categories)
    checkWithAnndata(out, {
      ...{ n_obs: input.ids.length, n_vars: back.varIndex.length, dims: back.embedding[0].length },
      ...{
        obs_columns: ['cell_type', 'tripletlens_predicted'],
        color_by: 'tripletlens_predicted',
        colors: colours,
      },
      sparse: true,
    });
  }
});

// `embed --out x.h5ad` of a file without colours (a CSV of the training cells): the predictions carried no
// uns['tripletlens_predicted_colors'], so scanpy drew the projected cells in its own palette, other colours
// than the training map's. The model folder now keeps the map's class colours, which the result gives the
// predictions (and the file's label column, so a class has one colour in both), paired by category position.
test('embed --out x.h5ad of a file without colours colours the classes as the training map did', async () => {
  const model = join(dir, 'model-plain');
  const trainedMap = join(dir, 'train-plain.h5ad');
  const trained = await runCli([
    ...['train', CELLS, '--label', 'cell_type', '--epochs', '3', '--quiet'],
    ...['--out', trainedMap, '--model', model],
  ]);
  assert.equal(trained.code, 0, trained.stderr);
  const manifest = JSON.parse(await readFile(join(model, 'model.json'), 'utf8')) as {
    classes: string[];
    classColours?: { class: string; colour: string }[];
  };
  assert.deepEqual(
    [...(manifest.classColours ?? []).map((c) => c.class)].sort(),
    [...manifest.classes].sort(),
    'model.json keeps a colour for each class',
  );
  const out = join(dir, 'embedded-plain.h5ad');
  const r = await runCli(['embed', CELLS, '--model', model, '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  // the training map's colours by class, as its own h5ad pairs them with its label column's categories
  const map = await readBack(trainedMap);
  const mapColours = new Map(
    map.obsCategories.cell_type.map((c, i) => [c, (map.uns.cell_type_colors as string[])[i]]),
  );
  const back = await readBack(out);
  for (const column of ['tripletlens_predicted', 'cell_type']) {
    const categories = back.obsCategories[column];
    const colours = back.uns[`${column}_colors`] as string[] | undefined;
    assert.ok(colours, `uns['${column}_colors'] is written`);
    assert.deepEqual(
      colours,
      categories.map((c) => mapColours.get(c)),
      `${column}: each class in the training map's colour`,
    );
  }
  if (ANNDATA_SKIP_REASON === false) {
    // anndata and scanpy read the list as written: scanpy replaces one that does not fit the categories
    const found = checkWithAnndata(out, {
      ...{ n_obs: back.obsIndex.length, n_vars: back.varIndex.length, dims: back.embedding[0].length },
      ...{
        obs_columns: ['cell_type', 'tripletlens_predicted'],
        color_by: 'tripletlens_predicted',
        colors: null,
      },
      sparse: false,
    });
    assert.deepEqual(
      found.colors,
      found.categories.map((c) => mapColours.get(c)),
      "scanpy colours the predictions in the training map's colours",
    );
  }
});
