// The page's AnnData export of a run on an h5ad's genes (EngineSession.exportAnnData): the input's other obsm
// entries (X_umap), obsp and raw come along — and its layers, varm and varp, as the run's genes are all of its
// genes; an input deleted after the run still exports — the run's genes
// and map — with one note saying what the result lacks and why (a run on an embedding fails instead: it has
// no genes of its own to write).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importTable } from '../../src/data/index.js';
import { EngineSession } from '../../src/engine/session.js';
import { writeFullAnnData } from './h5ad/full-anndata.js';
import { readBack } from './h5ad/read-back.js';
import { nextOutcome } from './session-outcome.js';

describe("the export of a run on an h5ad's genes, in the engine session", () => {
  const session = new EngineSession();
  const dir = mkdtempSync(join(tmpdir(), 'tl-session-h5ad-genes-'));
  const file = join(dir, 'lognorm-full.h5ad');
  before(async () => {
    await writeFullAnnData(file, false);
    await session.openFile({ kind: 'path', path: file });
    const outcome = nextOutcome(session);
    await session.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    assert.equal((await outcome).type, 'run-finished');
  });
  after(() => {
    session.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const obsmOf = (back: Awaited<ReturnType<typeof readBack>>) =>
    [...back.encodings.keys()].filter((k) => /^(obsm|obsp)\/[^/]+$/.test(k)).sort();

  test('the input there: its obsm entries, obsp and raw are in the result', async () => {
    const path = join(dir, 'with-input.h5ad');
    const written = await session.exportAnnData(null, { kind: 'path', path });
    assert.deepEqual(written.notes, [
      "the input's obsm 'X_tripletlens' is kept as obsm 'X_tripletlens.1', as the result's own obsm 'X_tripletlens' takes its name.",
      "obs['is_doublet'] was a boolean column: the result holds it as 'False'/'True' categories (h5wasm cannot write HDF5 booleans). In scanpy, adata.obs['is_doublet'] = adata.obs['is_doublet'] == 'True' makes it boolean again.",
    ]);
    const back = await readBack(path);
    // the run's genes are all of the input's, in order: its gene-by-gene entries are kept, with no note
    assert.deepEqual([...back.encodings.keys()].filter((k) => /^(layers|varm|varp)\/[^/]+$/.test(k)).sort(), [
      'layers/counts',
      'layers/scaled',
      'varm/PCs',
      'varp/corr',
    ]);
    assert.deepEqual(obsmOf(back), [
      'obsm/X_pca',
      'obsm/X_tripletlens',
      'obsm/X_tripletlens.1',
      'obsm/X_umap',
      'obsp/connectivities',
      'obsp/distances',
    ]);
    const raw = await importTable(path, { layer: 'raw' });
    assert.deepEqual(raw.values, (await importTable(file, { layer: 'raw' })).values);
  });

  test("the page's class colours: one that is no '#rrggbb' colour is refused, naming its class", async () => {
    const path = join(dir, 'bad-colours.h5ad');
    await assert.rejects(
      session.exportAnnData(null, { kind: 'path', path }, { 'T cell': 'hsl(1, 2%, 3%)' }),
      {
        message: "Cannot export the class colours: the colour of class 'T cell' is not a '#rrggbb' colour",
      },
    );
  });

  test('the input deleted after the run: the export succeeds without them, with one note', async () => {
    await rm(file);
    const path = join(dir, 'without-input.h5ad');
    const written = await session.exportAnnData(null, { kind: 'path', path });
    // and the note on the input's boolean column, which is written as categories either way
    assert.equal(written.notes?.length, 2, JSON.stringify(written.notes));
    assert.match(written.notes?.[1] ?? '', /^obs\['is_doublet'\] was a boolean column/);
    assert.match(
      written.notes?.[0] ?? '',
      /^the result holds the run's genes and map but not the other obsm entries, obsp, raw and uns of the input .*lognorm-full\.h5ad, .*: .*lognorm-full\.h5ad is no longer there \(moved or deleted\)\.$/,
    );
    const back = await readBack(path);
    assert.deepEqual(obsmOf(back), ['obsm/X_tripletlens']);
    assert.ok(back.varIndex.length > 0);
  });
});
