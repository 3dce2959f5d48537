/**
 * End-to-end, a scanpy user who integrated with scvi-tools and wants the map of X_scVI, not of the genes:
 * `tripletlens serve` opens their h5ad (counts in X; X_pca, X_scVI, X_umap in obsm), the summary lists the
 * embeddings with their widths, Import settings ▸ Matrix re-opens it with obsm/X_scVI as the input (the
 * CLI's --input obsm:X_scVI), the summary and the preprocessing follow (no normalisation of an embedding), a
 * short run draws the map, and the run report and the h5ad export say the input was obsm/X_scVI; the export
 * holds the file's own X and var (the genes) with X_scVI, the file's other embeddings and the map in obsm.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeEmbeddingH5ad } from '../data/formats/write-embedding-h5ad.js';
import { ANNDATA_SKIP_REASON, checkWithAnndata } from '../engine/h5ad/anndata-check.js';
import { readBack } from '../engine/h5ad/read-back.js';
import { SHOTS_DIR, waitFor, exportFile, PLOT_CELLS } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

describe('an h5ad embedding as the input, in the browser', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('embedding', {
    prepare: async (session) => {
      await writeEmbeddingH5ad(join(session.work, 'scanpy.h5ad'), {
        obsm: { X_pca: 20, X_scVI: 10, X_umap: 2 },
      });
      writeFileSync(join(session.work, 'gaps.csv'), 'id,label,g1,g2\nc1,A,1,\nc2,B,2,3\n');
    },
  });

  test('the summary lists the file’s embeddings with their widths among the other matrices', async () => {
    const { page } = opened;
    await page.getByTestId('file-browser').locator('summary').click();
    await page
      .getByTestId('browse-list')
      .locator('li[data-name="scanpy.h5ad"]')
      .getByTestId('browse-open')
      .click();
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    assert.equal(
      await page.getByTestId('summary-layers').innerText(),
      'obsm/X_pca (20 columns), obsm/X_scVI (10 columns), obsm/X_umap (2 columns) — read one instead with Import settings ▸ Matrix',
    );
    assert.equal(await page.getByTestId('summary-shape').innerText(), '80 cells × 30 genes');
    assert.equal(await page.getByTestId('preprocess-normalize').inputValue(), 'true', 'X holds counts');
    await page.screenshot({ path: join(SHOTS_DIR, 'embedding-1-genes.png') });
  });

  test('Import settings ▸ Matrix re-opens it with X_scVI: the summary says so, the preprocessing follows', async () => {
    const { page } = opened;
    await page
      .locator('details', { has: page.getByTestId('import-settings') })
      .locator('summary')
      .click();
    const matrix = page.getByTestId('import-matrix');
    assert.deepEqual(await matrix.locator('option').allInnerTexts(), [
      'X',
      'obsm/X_pca (20 columns)',
      'obsm/X_scVI (10 columns)',
      'obsm/X_umap (2 columns)',
    ]);
    await matrix.selectOption('obsm/X_scVI');
    await page.getByTestId('import-reopen').click();
    await page.getByTestId('summary-mapped').waitFor({ timeout: 60_000 });
    assert.equal(
      await page.getByTestId('summary-mapped').innerText(),
      "the embedding obsm/X_scVI (10 columns) instead of genes; Explore's marker genes need the genes (Matrix: X)",
    );
    assert.equal(await page.getByTestId('summary-shape').innerText(), '80 cells × 10 columns');
    assert.equal(await page.getByTestId('summary-values').innerText(), 'continuous values');
    assert.equal(await matrix.inputValue(), 'obsm/X_scVI', 'the choice stays shown');
    // an h5ad has no delimiter, id column, gene start or missing values to set (each would be refused); its
    // decimal separator stays shown, for a metadata file's numbers (test/e2e/metadata-decimal-comma.test.ts)
    assert.equal(await page.getByTestId('import-decimal').isVisible(), true);
    for (const id of ['import-delimiter', 'import-orientation', 'import-genes-from', 'import-missing']) {
      assert.equal(await page.getByTestId(id).isVisible(), false, id);
    }
    // an embedding is not normalised, log-transformed or gene-selected (as `train --input obsm:X_scVI`)
    assert.equal(await page.getByTestId('preprocess-normalize').inputValue(), 'false');
    assert.equal(await page.getByTestId('preprocess-log1p').inputValue(), 'false');
    assert.equal(await page.getByTestId('preprocess-topGenes').inputValue(), '0');
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS_DIR, 'embedding-2-reopened.png') });
  });

  test('a short run on it draws the map; the report and the h5ad export name obsm/X_scVI', async () => {
    const { session, page } = opened;
    assert.equal(await page.getByTestId('label-column').inputValue(), 'cell_type');
    await page.getByTestId('go-train').click();
    await page.getByTestId('train-epochs').fill('3');
    await page.getByTestId('train-start').click();
    await waitFor<number>(page, PLOT_CELLS, (n) => n > 0, 120_000);
    assert.equal(await page.evaluate(PLOT_CELLS), 80);
    await page.waitForTimeout(800); // let WebGL paint
    await page.screenshot({ path: join(SHOTS_DIR, 'embedding-3-explore.png') });
    // an embedding has no genes to test: the marker panel says so instead of asking the engine
    await page.getByTestId('markers-vs-rest').click();
    assert.equal(
      await page.getByTestId('markers-status').innerText(),
      'This map was trained on the embedding obsm/X_scVI, which has no genes: to find marker genes, re-open the file with Import settings ▸ Matrix: X and train again.',
    );

    const report = JSON.parse(await exportFile(session, 'export-report', 'run.json')) as {
      input: { genes: number; format: { kind: string; matrix: string } };
    };
    assert.deepEqual(report.input.format, { kind: 'h5ad', matrix: 'obsm/X_scVI' });
    assert.match(
      await page.getByTestId('export-note').innerText(),
      /\(its embedding obsm\/X_scVI, label “cell_type”\)/,
    );
    assert.equal(report.input.genes, 10);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-h5ad').click(),
    ]);
    const saved = join(session.work, 'result.h5ad');
    await download.saveAs(saved);
    const back = await readBack(saved);
    // the user's genes as in their file (not the embedding's columns), the embedding in obsm under its name
    assert.equal(back.varIndex[0], 'GENE1');
    assert.deepEqual([...back.encodings.keys()].filter((k) => /^obsm\/[^/]+$/.test(k)).sort(), [
      'obsm/X_pca',
      'obsm/X_scVI',
      'obsm/X_tripletlens',
      'obsm/X_umap',
    ]);
    assert.equal(JSON.parse(String(back.uns.tripletlens)).input.format.matrix, 'obsm/X_scVI');
  });

  test('the h5ad export opens in anndata and scanpy plots it', { skip: ANNDATA_SKIP_REASON }, () => {
    const { session } = opened;
    checkWithAnndata(join(session.work, 'result.h5ad'), {
      n_obs: 80,
      n_vars: 30,
      dims: 3,
      obs_columns: ['cell_type', 'tripletlens_split', 'tripletlens_predicted'],
      color_by: 'cell_type',
      colors: null,
      sparse: true,
      genes_of: join(session.work, 'scanpy.h5ad'),
      obsm: ['X_pca', 'X_scVI', 'X_tripletlens', 'X_umap'],
      elements_of: join(session.work, 'scanpy.h5ad'),
      obsm_of: ['X_pca', 'X_umap'],
    });
  });

  test('a CSV that fails to open after the h5ad gets the text settings back, none of the h5ad’s choices', async () => {
    const { page } = opened;
    // a missing value stops the import: the user needs Missing values, hidden while the h5ad was shown
    await page.getByTestId('tab-import').click();
    await page
      .getByTestId('browse-list')
      .locator('li[data-name="gaps.csv"]')
      .getByTestId('browse-open')
      .click();
    await page.getByTestId('notice-error').filter({ hasText: 'Could not open gaps.csv' }).waitFor();
    assert.equal(await page.getByTestId('import-missing').isVisible(), true);
    assert.equal(await page.getByTestId('import-matrix').isVisible(), false);
    // the h5ad's id column (obs_names) is not sent with the CSV: that re-open failed on it
    assert.equal(await page.getByTestId('import-id-column').inputValue(), '');
    await page.getByTestId('import-missing').selectOption('zero');
    await page.getByTestId('import-reopen').click();
    await page.getByTestId('summary-source').getByText('gaps.csv').waitFor({ timeout: 60_000 });
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
