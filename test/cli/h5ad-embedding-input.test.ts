/**
 * `train FILE.h5ad --input obsm:X_pca --out run.h5ad` and `embed … --out x.h5ad` with such a model: a user got
 * X = the 50 PCA columns and var = their numbers. The result is now the input's data with the map added: X and
 * var as in the input file, obsm['X_pca'] (the input embedding) and obsm['X_tripletlens'], and the rest of
 * the user's AnnData: layers, raw, the other obsm entries (X_umap), obsp (the neighbour graph) and varm (PCs).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importTable } from '../../src/data/index.js';
import { packageRoot } from '../../src/util/paths.js';
import { ANNDATA_SKIP_REASON, checkWithAnndata } from '../engine/h5ad/anndata-check.js';
import { writeEmbeddingH5ad } from '../data/formats/write-embedding-h5ad.js';
import { runCli, tempDir } from './helpers.js';
import { writeFullAnnData } from '../engine/h5ad/full-anndata.js';

const CSR_H5AD = join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad');

let dir = '';
let cleanup = async () => {};
before(async () => {
  ({ dir, cleanup } = await tempDir());
  const r = await runCli([
    ...['train', CSR_H5AD, '--label', 'cell_type', '--input', 'obsm:X_pca', '--epochs', '2', '--dims', '2'],
    ...['--out', join(dir, 'run.h5ad'), '--model', join(dir, 'model'), '--quiet'],
  ]);
  assert.equal(r.code, 0, r.stderr);
});
after(() => cleanup());

/** The genes (names, annotations, values) and embeddings of an h5ad as TripletLens reads them. */
async function genesOf(file: string) {
  const table = await importTable(file);
  return { genes: table.genes, annotations: table.geneAnnotations, values: table.values };
}

test('train on obsm:X_pca --out x.h5ad: X and var are the input file’s, X_pca and the map in obsm', async () => {
  const out = join(dir, 'run.h5ad');
  assert.deepEqual(await genesOf(out), await genesOf(CSR_H5AD));
  const table = await importTable(out);
  assert.deepEqual(table.format?.obsm, ['X_pca', 'X_tripletlens', 'X_umap']);
  for (const input of ['obsm:X_pca', 'obsm:X_umap']) {
    const read = await importTable(out, { input });
    assert.deepEqual(read.values, (await importTable(CSR_H5AD, { input })).values, input);
  }
});

test('embed --out x.h5ad with a model trained on obsm:X_pca: the new file’s X and var', async () => {
  const out = join(dir, 'embedded.h5ad');
  const r = await runCli(['embed', CSR_H5AD, '--model', join(dir, 'model'), '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await genesOf(out), await genesOf(CSR_H5AD));
  assert.deepEqual((await importTable(out)).format?.obsm, ['X_pca', 'X_tripletlens', 'X_umap']);
});

test('the results open in anndata with the input’s X and var', { skip: ANNDATA_SKIP_REASON }, async () => {
  for (const file of ['run.h5ad', 'embedded.h5ad']) {
    checkWithAnndata(join(dir, file), {
      n_obs: 40,
      n_vars: 30,
      dims: 2,
      obs_columns: ['cell_type', 'tripletlens_predicted', 'tripletlens_confidence'],
      color_by: 'cell_type',
      colors: null,
      sparse: true,
      genes_of: CSR_H5AD,
      obsm: ['X_pca', 'X_tripletlens', 'X_umap'],
      elements_of: CSR_H5AD,
      obsm_of: ['X_umap'],
    });
  }
});

// The note about an input without X reached stderr but not `--json`, which scripts read instead.
test('train --json on an h5ad without X lists the result’s missing X among its warnings', async () => {
  const input = join(dir, 'nox.h5ad');
  await writeEmbeddingH5ad(input, { x: 'none', obsm: { X_pca: 20 } });
  const r = await runCli([
    ...['train', input, '--label', 'cell_type', '--input', 'obsm:X_pca', '--epochs', '1', '--dims', '2'],
    ...['--out', join(dir, 'nox.result.h5ad'), '--json', '--quiet'],
  ]);
  assert.equal(r.code, 0, r.stderr);
  const warnings = (JSON.parse(r.stdout) as { warnings: string[] }).warnings;
  assert.ok(
    warnings.some((w) => /nox\.h5ad has no X \(X is None\), so the result has none either/.test(w)),
    JSON.stringify(warnings),
  );
});

/** `train FILE --input obsm:X_pca --out OUT.h5ad --json`; returns the warnings. */
async function trainOnPca(input: string, out: string): Promise<string[]> {
  const r = await runCli([
    ...['train', input, '--label', 'cell_type', '--input', 'obsm:X_pca', '--epochs', '1', '--dims', '2'],
    ...['--out', out, '--json', '--quiet'],
  ]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { warnings: string[] }).warnings;
}

/** The genes and values of `file`'s matrix as TripletLens reads it with `options`. */
async function matrixOf(file: string, options: { layer?: string; input?: string }) {
  const table = await importTable(file, options);
  return { genes: table.genes, values: table.values };
}

test('train on obsm:X_pca of a normalised AnnData: layers/counts, raw, X_umap, obsp and varm come along, anndata agrees', async (t) => {
  const input = join(dir, 'lognorm-full.h5ad');
  await writeFullAnnData(input, false);
  const out = join(dir, 'lognorm-full.result.h5ad');
  const warnings = await trainOnPca(input, out);
  assert.equal(warnings.length, 2, JSON.stringify(warnings));
  assert.match(warnings[0], /^the input's obsm 'X_tripletlens' is kept as obsm 'X_tripletlens\.1'/);
  assert.match(
    warnings[1],
    /^obs\['is_doublet'\] was a boolean column: the result holds it as 'False'\/'True'/,
  );
  for (const options of [
    { layer: 'counts' },
    { layer: 'scaled' },
    { layer: 'raw' },
    { input: 'obsm:X_umap' },
  ]) {
    assert.deepEqual(await matrixOf(out, options), await matrixOf(input, options), JSON.stringify(options));
  }
  if (ANNDATA_SKIP_REASON) {
    t.skip(ANNDATA_SKIP_REASON);
    return;
  }
  checkWithAnndata(out, {
    n_obs: 40,
    n_vars: 25,
    dims: 2,
    obs_columns: ['cell_type', 'tripletlens_predicted'],
    color_by: 'cell_type',
    colors: null,
    sparse: true,
    genes_of: input,
    obsm: ['X_pca', 'X_tripletlens', 'X_tripletlens.1', 'X_umap'],
    elements_of: input,
    obsm_of: ['X_umap'],
    obsp_of: ['connectivities', 'distances'],
    varm_of: ['PCs'],
  });
});

test('train --json: the layers and obsm entries a result leaves out, and a renamed map, are among its warnings', async () => {
  const input = join(dir, 'odd-full.h5ad');
  await writeFullAnnData(input);
  const warnings = await trainOnPca(input, join(dir, 'odd-full.result.h5ad'));
  assert.equal(warnings.length, 7, JSON.stringify(warnings));
  for (const [i, pattern] of [
    /^the result has no layer 'odd', as .*odd-full\.h5ad's layers\/odd is 40 × 24/,
    /^the result has no obsm 'X_frame'/,
    /^the result has no obsm 'X_short'/,
    /^the result has no obsp 'odd', as .*odd-full\.h5ad's obsp\/odd is 40 × 39/,
    /^the result has no varm 'short', as .*odd-full\.h5ad's varm\/short is 24 rows/,
    /^the input's obsm 'X_tripletlens' is kept as obsm 'X_tripletlens\.1'/,
    /^obs\['is_doublet'\] was a boolean column/,
  ].entries()) {
    assert.match(warnings[i], pattern);
  }
});
