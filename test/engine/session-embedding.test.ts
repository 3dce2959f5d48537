// A scanpy user's h5ad through EngineSession, as the page drives it over either transport: the summary lists
// the file's embeddings; re-opened with one as the input (ImportSettings.input, the CLI's --input) it says so
// and recommends what a run then does to it (no normalisation, log1p or variable-gene selection); a run on
// it reports the embedding, exports an h5ad anndata opens, and projects new data from the same embedding.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { RunResult } from '../../src/api/engine-api.js';
import { EngineSession } from '../../src/engine/session.js';
import type { RunReport } from '../../src/engine/types.js';
import { writeEmbeddingH5ad } from '../data/formats/write-embedding-h5ad.js';
import { ANNDATA_SKIP_REASON, checkWithAnndata } from './h5ad/anndata-check.js';
import { readBack } from './h5ad/read-back.js';
import { nextOutcome } from './session-outcome.js';

describe('an h5ad embedding as the input, in the engine session', () => {
  const session = new EngineSession();
  const dir = mkdtempSync(join(tmpdir(), 'tl-session-embedding-'));
  const file = join(dir, 'scanpy.h5ad');
  let result: RunResult;
  before(() => writeEmbeddingH5ad(file, { obsm: { X_pca: 20, X_scVI: 10, X_umap: 2 } }));
  after(() => {
    session.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the summary lists the embeddings; one chosen is the matrix, its values continuous, left unnormalised', async () => {
    const genes = await session.openFile({ kind: 'path', path: file });
    assert.deepEqual(genes.format?.embeddings, [
      { name: 'X_pca', columns: 20 },
      { name: 'X_scVI', columns: 10 },
      { name: 'X_umap', columns: 2 },
    ]);
    assert.equal(genes.valueKind, 'counts');
    assert.equal(genes.recommendedPreprocess.normalize, true);

    const scvi = await session.openFile({ kind: 'path', path: file }, { input: 'obsm:X_scVI' });
    assert.equal(scvi.format?.matrix, 'obsm/X_scVI');
    assert.deepEqual(scvi.format?.layers, ['X']);
    assert.equal(scvi.genes, 10);
    assert.equal(scvi.valueKind, 'other', 'components, not log expression');
    assert.equal(
      scvi.orientation.reason,
      "Rows are cells (80), columns are the embedding's dimensions (10).",
    );
    assert.deepEqual(
      {
        normalize: scvi.recommendedPreprocess.normalize,
        log1p: scvi.recommendedPreprocess.log1p,
        topGenes: scvi.recommendedPreprocess.topGenes,
        zscore: scvi.recommendedPreprocess.zscore,
        pcaComponents: scvi.recommendedPreprocess.pcaComponents,
      },
      // an embedding's dimensions keep their scales (PC1 carries the most variance), as scanpy reads X_pca
      { normalize: false, log1p: false, topGenes: 0, zscore: false, pcaComponents: 0 },
    );
  });

  test('a run on it (the untouched form: no preprocessing sent) does what the summary recommended', async () => {
    const outcome = nextOutcome(session);
    await session.startTraining({ labelColumn: 'cell_type', epochs: 3, snapshotEvery: 0 });
    const event = await outcome;
    assert.equal(event.type, 'run-finished', JSON.stringify(event));
    result = (event as { result: RunResult }).result;
    const report = JSON.parse((await session.exportReport()).text) as RunReport;
    assert.deepEqual(report.input.format, { kind: 'h5ad', matrix: 'obsm/X_scVI' });
    assert.equal(report.input.genes, 10);
    // as the CLI's `train --input obsm:X_scVI`: centred columns, nothing scaled, normalised, selected or projected
    assert.equal(report.recipe.scales, null);
    // nor spreads: an embedding's dimensions are not judged by the centring check (engine/centring.ts)
    assert.equal(report.recipe.spreads, undefined);
    assert.ok(
      report.recipe.notes.includes(
        'obsm/X_scVI is an embedding: its dimensions keep their scales (no z-score)',
      ),
    );
    assert.equal(report.recipe.normalize, null);
    assert.equal(report.recipe.log1p, false);
    assert.equal(report.recipe.topGenes, null);
    assert.equal(report.recipe.pca, null);
    assert.equal(report.recipe.genes.length, 10);
    assert.equal(report.recipe.means?.length, 10);
  });

  // a user audit: the export held the embedding's columns as X and var; a scanpy user expects their genes
  test('its h5ad export holds the file’s X and var, the embedding and the map in obsm, and anndata opens it', async (t) => {
    const path = join(dir, 'embedding.tripletlens.h5ad');
    await session.exportAnnData(null, { kind: 'path', path });
    const back = await readBack(path);
    assert.deepEqual(back.varIndex.slice(0, 2), ['GENE1', 'GENE2']);
    assert.equal(back.xEncoding, 'csr_matrix');
    // the file's other embeddings come along, as stored
    assert.deepEqual([...back.encodings.keys()].filter((k) => /^obsm\/[^/]+$/.test(k)).sort(), [
      'obsm/X_pca',
      'obsm/X_scVI',
      'obsm/X_tripletlens',
      'obsm/X_umap',
    ]);
    assert.equal(back.embedding.length, 80);
    assert.equal(back.embedding[0].length, result.coords.cols);
    assert.equal(JSON.parse(String(back.uns.tripletlens)).input.format.matrix, 'obsm/X_scVI');
    if (ANNDATA_SKIP_REASON) {
      t.skip(ANNDATA_SKIP_REASON);
      return;
    }
    checkWithAnndata(path, {
      n_obs: 80,
      n_vars: 30,
      dims: result.coords.cols,
      obs_columns: ['cell_type', 'tripletlens_split', 'tripletlens_predicted'],
      color_by: 'cell_type',
      colors: null,
      sparse: true,
      genes_of: file,
      obsm: ['X_pca', 'X_scVI', 'X_tripletlens', 'X_umap'],
      elements_of: file,
      obsm_of: ['X_pca', 'X_umap'],
    });
  });

  test('a saved session reopens on the same embedding', async () => {
    const saved = await session.saveSession({ editedLabels: null, selection: new Int32Array(0) });
    const fresh = new EngineSession();
    try {
      const opened = await fresh.openSession({ kind: 'upload', name: saved.fileName, bytes: saved.bytes });
      assert.equal(opened.inputStatus, 'attached', opened.inputMessage);
      assert.equal(opened.summary.format?.matrix, 'obsm/X_scVI');
      assert.equal(opened.summary.genes, 10);
    } finally {
      fresh.dispose();
    }
  });

  // its steps said "scaling the kept genes" while it scaled the columns of obsm X_scVI
  test('Project new data reads the embedding the model was trained on, and says its columns', async () => {
    const messages: string[] = [];
    const off = session.onEvent((event) => {
      if (event.type === 'import-progress') messages.push(event.message);
    });
    const projected = await session.embedFile({ kind: 'path', path: file }).finally(off);
    assert.deepEqual(projected.missingGenes, []);
    assert.equal(projected.coords.rows, 80);
    const steps = messages.filter((m) => m.startsWith('Projecting scanpy.h5ad: '));
    assert.ok(
      steps.some((m) => m.includes(': scaling the kept columns of obsm X_scVI')),
      steps.join('; '),
    );
    for (const step of steps) assert.doesNotMatch(step, /\bgenes?\b/);
  });
});

// The page without `serve` sends a picked file's bytes: the export of a run on its embedding copies X from them
// (read again from the path the bytes were never at, it was refused as moved or deleted).
test('an h5ad opened from its bytes exports its X and var too', async () => {
  const session = new EngineSession();
  const dir = mkdtempSync(join(tmpdir(), 'tl-session-embedding-bytes-'));
  try {
    const file = join(dir, 'picked.h5ad');
    await writeEmbeddingH5ad(file, { obsm: { X_pca: 20 } });
    const bytes = new Uint8Array(readFileSync(file));
    await session.openFile({ kind: 'upload', name: 'picked.h5ad', bytes }, { input: 'obsm:X_pca' });
    const outcome = nextOutcome(session);
    await session.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    assert.equal((await outcome).type, 'run-finished');
    const path = join(dir, 'exported.h5ad');
    await session.exportAnnData(null, { kind: 'path', path });
    const back = await readBack(path);
    assert.deepEqual(back.varIndex.slice(0, 2), ['GENE1', 'GENE2']);
    assert.equal(back.xEncoding, 'csr_matrix');
  } finally {
    session.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

// The app said only "Saved …" for an input whose X is None: the result has no X either (cellxgene needs one),
// which the CLI warned about and the page did not.
test('the export of a run on an embedding of an h5ad without X says the result has no X', async () => {
  const session = new EngineSession();
  const dir = mkdtempSync(join(tmpdir(), 'tl-session-embedding-nox-'));
  try {
    const file = join(dir, 'nox.h5ad');
    await writeEmbeddingH5ad(file, { x: 'none', obsm: { X_pca: 20 } });
    await session.openFile({ kind: 'path', path: file }, { input: 'obsm:X_pca' });
    const outcome = nextOutcome(session);
    await session.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    assert.equal((await outcome).type, 'run-finished');
    const written = await session.exportAnnData(null, { kind: 'path', path: join(dir, 'out.h5ad') });
    assert.equal(written.notes?.length, 1);
    assert.match(written.notes?.[0] ?? '', /nox\.h5ad has no X \(X is None\), so the result has none either/);
  } finally {
    session.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
