/**
 * `train` / `embed` with `--out x.h5ad`, from the CSV every format fixture is written from: the AnnData
 * result read back through h5wasm (always) and opened with anndata + scanpy (when TRIPLETLENS_PYTHON is set).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asDense, importTable } from '../../src/data/index.js';
import { packageRoot } from '../../src/util/paths.js';
import { ANNDATA_SKIP_REASON, checkWithAnndata } from '../engine/h5ad/anndata-check.js';
import { readBack, type ReadBack } from '../engine/h5ad/read-back.js';
import { FITTED_OMITTED_NOTE } from '../../src/engine/h5ad/uns-report.js';
import { writeFullAnnData } from '../engine/h5ad/full-anndata.js';
import { parseCsv, runCli, tempDir } from './helpers.js';
import { classesBySize, exportedClassColours, extendColourBook } from '../../renderer/class-colours.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const CELLS = join(FORMATS, 'cells.csv');
/** The same cells as an h5ad with sparse counts and scanpy colours for cell_type (written by anndata). */
const CSR_H5AD = join(FORMATS, 'csr.h5ad');
const META = ['cell_type', 'donor', 'leiden_cluster', 'is_doublet'];

let dir = '';
let cleanup = async () => {};
let inputSha = '';
let trained: ReadBack;
let runJson: { recipe: { genes: string[] }; split: Record<string, number> };
before(async () => {
  ({ dir, cleanup } = await tempDir());
  inputSha = createHash('sha256')
    .update(await readFile(CELLS))
    .digest('hex');
  const r = await runCli([
    'train',
    CELLS,
    '--label',
    'cell_type',
    '--epochs',
    '3',
    '--top-genes',
    '20',
    '--out',
    join(dir, 'result.h5ad'),
    '--model',
    join(dir, 'model'),
    '--quiet',
  ]);
  assert.equal(r.code, 0, r.stderr);
  trained = await readBack(join(dir, 'result.h5ad'));
  runJson = JSON.parse(await readFile(join(dir, 'result.run.json'), 'utf8'));
});
after(() => cleanup());

const csv = async () => parseCsv(await readFile(CELLS, 'utf8'));

test('train --out x.h5ad: obs is the input metadata plus split and predictions, ids as the index', async () => {
  const rows = await csv();
  assert.deepEqual(
    trained.obsIndex,
    rows.slice(1).map((r) => r[0]),
  );
  assert.deepEqual(trained.obsColumnOrder, [
    ...META,
    'tripletlens_split',
    'tripletlens_predicted',
    'tripletlens_confidence',
  ]);
  META.forEach((name, i) =>
    assert.deepEqual(
      trained.obs[name],
      rows.slice(1).map((r) => r[i + 1]),
      name,
    ),
  );
  assert.deepEqual(trained.obsCategories.cell_type, ['B cell', 'Monocyte', 'NK cell', 'T cell']);
  const split = trained.obs.tripletlens_split as string[];
  assert.equal(split.filter((s) => s === 'train').length, runJson.split.train);
  assert.equal(split.filter((s) => s === 'holdout').length, runJson.split.holdout);
  // held-out cells get a predicted label and a confidence; training cells neither
  split.forEach((s, r) => {
    const predicted = trained.obs.tripletlens_predicted[r];
    const confidence = trained.obs.tripletlens_confidence[r] as number;
    if (s === 'train') {
      assert.equal(predicted, null);
      assert.ok(Number.isNaN(confidence));
    } else {
      assert.ok(trained.obsCategories.cell_type.includes(String(predicted)));
      assert.ok(confidence > 0 && confidence <= 1);
    }
  });
});

test('train --out x.h5ad: var is the recipe genes, X their input values, obsm the map, uns the report', async () => {
  const rows = await csv();
  const header = rows[0];
  assert.equal(runJson.recipe.genes.length, 20, 'the recipe kept --top-genes genes');
  assert.deepEqual(trained.varIndex, runJson.recipe.genes);
  const columns = trained.varIndex.map((g) => header.indexOf(g));
  assert.ok(columns.every((c) => c > 0));
  assert.deepEqual(
    trained.X,
    rows.slice(1).map((r) => columns.map((c) => Number(r[c]))),
  );
  assert.equal(trained.embedding.length, 40);
  for (const row of trained.embedding) {
    assert.equal(row.length, 3);
    for (const v of row) assert.ok(Number.isFinite(v));
  }
  const report = JSON.parse(String(trained.uns.tripletlens));
  const { recipe: unsRecipe, ...unsRest } = report;
  const { recipe: runRecipe, ...runRest } = runJson as unknown as Record<string, unknown>;
  assert.deepEqual(unsRest, runRest, 'uns holds the same report as run.json');
  // the recipe's steps and genes, not its fitted numbers (the model folder's recipe.json holds those)
  assert.deepEqual(unsRecipe.genes, runJson.recipe.genes);
  assert.equal(unsRecipe.omitted, FITTED_OMITTED_NOTE);
  for (const key of ['means', 'scales']) {
    assert.ok(key in (runRecipe as Record<string, unknown>), `run.json's recipe has ${key}`);
    assert.ok(!(key in unsRecipe), `uns's recipe leaves ${key} out`);
  }
  assert.equal(
    createHash('sha256')
      .update(await readFile(CELLS))
      .digest('hex'),
    inputSha,
    'the input is untouched',
  );
});

test('the result opens again in TripletLens (its own h5ad reader): same cells, genes, values and metadata', async () => {
  const reopened = await importTable(join(dir, 'result.h5ad'));
  assert.deepEqual(reopened.ids, trained.obsIndex);
  assert.deepEqual(reopened.genes, trained.varIndex);
  assert.deepEqual(Array.from(asDense(reopened.values).data), trained.X.flat());
  const cellType = reopened.metadata.find((m) => m.name === 'cell_type');
  assert.deepEqual(cellType?.values, trained.obs.cell_type);
  assert.ok(reopened.format?.obsm.includes('X_tripletlens'));
});

test('embed --out x.h5ad: predicted labels and confidence for every cell, no split', async () => {
  const out = join(dir, 'embedded.h5ad');
  const r = await runCli(['embed', CELLS, '--model', join(dir, 'model'), '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const back = await readBack(out);
  assert.deepEqual(back.obsColumnOrder, [...META, 'tripletlens_predicted', 'tripletlens_confidence']);
  assert.deepEqual(back.varIndex, runJson.recipe.genes);
  for (const p of back.obs.tripletlens_predicted) assert.ok(typeof p === 'string' && p.length > 0);
  for (const c of back.obs.tripletlens_confidence) assert.ok((c as number) > 0 && (c as number) <= 1);
  const report = JSON.parse(String(back.uns.tripletlens));
  assert.equal(report.kind, 'embed');
  assert.equal(report.input.sha256, inputSha);
  assert.deepEqual(report.missingGenes, []);
  assert.deepEqual(report.training.recipe.genes, runJson.recipe.genes, "the training run's report is kept");
  assert.ok(!('means' in report.training.recipe), "its recipe's fitted numbers are left out");
  assert.ok(!(await readdir(dir)).some((f) => f.includes('.tmp-')), 'no temporary file is left');
});

test('embed --out x.h5ad of a file lacking a model gene: var holds the genes it has, the report names the missing', async () => {
  const rows = await csv();
  const missing = runJson.recipe.genes[0];
  const drop = rows[0].indexOf(missing);
  const partial = join(dir, 'partial.csv');
  await writeFile(partial, `${rows.map((r) => r.filter((_, c) => c !== drop).join(',')).join('\n')}\n`);
  const out = join(dir, 'partial.h5ad');
  const r = await runCli(['embed', partial, '--model', join(dir, 'model'), '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const back = await readBack(out);
  assert.deepEqual(back.varIndex, runJson.recipe.genes.slice(1));
  assert.equal(back.X[0].length, runJson.recipe.genes.length - 1);
  assert.deepEqual(JSON.parse(String(back.uns.tripletlens)).missingGenes, [missing]);
});

test('the CLI results open in anndata and scanpy plots them', { skip: ANNDATA_SKIP_REASON }, async () => {
  const found = checkWithAnndata(join(dir, 'result.h5ad'), {
    n_obs: 40,
    n_vars: 20,
    dims: 3,
    obs_columns: [...META, 'tripletlens_split', 'tripletlens_predicted', 'tripletlens_confidence'],
    color_by: 'cell_type',
    colors: null,
    sparse: false,
  });
  assert.equal(found.obs.tripletlens_confidence, 'float64');
  assert.ok(found.report_keys.includes('metrics'));
  checkWithAnndata(join(dir, 'embedded.h5ad'), {
    n_obs: 40,
    n_vars: 20,
    dims: 3,
    obs_columns: ['tripletlens_predicted'],
    color_by: 'tripletlens_predicted',
    colors: null,
    sparse: false,
  });
});

// A scanpy user plotted the CLI's result with sc.pl.embedding(adata, basis='tripletlens', color='cell_type'):
// the file had no uns['cell_type_colors'], so scanpy drew its own palette — other colours than the app's map
// of the same run (the page's export writes them). The CLI now writes the colours the page gives a fresh map.
test("train --out x.h5ad of a file without colours: uns['<label>_colors'] holds the app's colours of a fresh map", async () => {
  const labels = (await csv()).slice(1).map((r) => r[1]);
  const book = exportedClassColours(Object.fromEntries(extendColourBook(new Map(), classesBySize(labels))));
  const expected = trained.obsCategories.cell_type.map((c) => book[c]);
  assert.equal(new Set(expected).size, 4, JSON.stringify(book));
  assert.deepEqual(trained.uns.cell_type_colors, expected);
  // the predictions share the label column's categories, so the same list
  assert.deepEqual(trained.uns.tripletlens_predicted_colors, expected);
  if (ANNDATA_SKIP_REASON === false) {
    checkWithAnndata(join(dir, 'result.h5ad'), {
      ...{ n_obs: 40, n_vars: 20, dims: 3, sparse: false },
      ...{ obs_columns: ['cell_type'], color_by: 'cell_type', colors: expected },
    });
  }
});

test('train from an h5ad: sparse X stays CSR, the input keeps its bytes, its scanpy colours are carried', async () => {
  const sha = async () =>
    createHash('sha256')
      .update(await readFile(CSR_H5AD))
      .digest('hex');
  const before = await sha();
  const out = join(dir, 'from-h5ad.h5ad');
  const r = await runCli([
    'train',
    CSR_H5AD,
    '--label',
    'cell_type',
    '--epochs',
    '2',
    '--out',
    out,
    '--quiet',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(await sha(), before, 'the input h5ad is untouched');
  const back = await readBack(out);
  assert.equal(back.xEncoding, 'csr_matrix');
  assert.deepEqual(back.obsCategories.cell_type, ['B cell', 'Monocyte', 'NK cell', 'T cell']);
  assert.deepEqual(back.uns.cell_type_colors, ['#1f77b4', '#ff7f0e', '#279e68', '#d62728']);
  // the same counts as the CSV of the same cells
  const rows = await csv();
  const columns = back.varIndex.map((g) => rows[0].indexOf(g));
  assert.deepEqual(
    back.X,
    rows.slice(1).map((row) => columns.map((c) => Number(row[c]))),
  );
});

test(
  'the result of an h5ad opens in scanpy with the colours the user chose',
  { skip: ANNDATA_SKIP_REASON },
  () => {
    const out = join(dir, 'from-h5ad.h5ad');
    checkWithAnndata(out, {
      n_obs: 40,
      n_vars: 30,
      dims: 3,
      obs_columns: ['cell_type', 'leiden', 'tripletlens_split'],
      color_by: 'cell_type',
      colors: ['#1f77b4', '#ff7f0e', '#279e68', '#d62728'],
      sparse: true,
    });
  },
);

// A scanpy user trained on their genes: the result held the kept genes and the map, but their X_umap, the
// neighbour graph (obsp) and raw were gone.
test("train on an h5ad's genes: the input's other obsm entries, obsp and raw come along, anndata agrees", async (t) => {
  const input = join(dir, 'lognorm-full.h5ad');
  await writeFullAnnData(input, false);
  const out = join(dir, 'lognorm-full.genes.h5ad');
  const r = await runCli([
    ...['train', input, '--label', 'cell_type', '--epochs', '1', '--dims', '2', '--top-genes', '10'],
    ...['--out', out, '--json', '--quiet'],
  ]);
  assert.equal(r.code, 0, r.stderr);
  const { warnings } = JSON.parse(r.stdout) as { warnings: string[] };
  const copyNotes = warnings.filter((w) => /obsm|obsp|raw/.test(w));
  assert.equal(copyNotes.length, 1, JSON.stringify(warnings));
  assert.match(copyNotes[0], /^the input's obsm 'X_tripletlens' is kept as obsm 'X_tripletlens\.1'/);
  const back = await importTable(out);
  assert.equal(back.genes.length, 10);
  assert.deepEqual(back.format?.obsm, ['X_pca', 'X_tripletlens', 'X_tripletlens.1', 'X_umap']);
  for (const options of [{ layer: 'raw' }, { input: 'obsm:X_umap' }]) {
    const [a, b] = [await importTable(out, options), await importTable(input, options)];
    assert.deepEqual([a.genes, a.values], [b.genes, b.values], JSON.stringify(options));
  }
  if (ANNDATA_SKIP_REASON) {
    t.skip(ANNDATA_SKIP_REASON);
    return;
  }
  checkWithAnndata(out, {
    n_obs: 40,
    n_vars: 10,
    dims: 2,
    obs_columns: ['cell_type', 'tripletlens_predicted'],
    color_by: 'cell_type',
    colors: null,
    sparse: true,
    obsm: ['X_pca', 'X_tripletlens', 'X_tripletlens.1', 'X_umap'],
    elements_of: input,
    obsm_of: ['X_pca', 'X_umap'],
    obsp_of: ['connectivities', 'distances'],
    genes_run: true,
  });
});

test("embed an h5ad --out x.h5ad with a genes model: the file's own obsm entries come along", async () => {
  const out = join(dir, 'embedded-h5ad.h5ad');
  const r = await runCli(['embed', CSR_H5AD, '--model', join(dir, 'model'), '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const back = await importTable(out);
  assert.deepEqual(back.genes, runJson.recipe.genes);
  assert.deepEqual(back.format?.obsm, ['X_pca', 'X_tripletlens', 'X_umap']);
  for (const input of ['obsm:X_pca', 'obsm:X_umap']) {
    const read = await importTable(out, { input });
    assert.deepEqual(read.values, (await importTable(CSR_H5AD, { input })).values, input);
  }
});
