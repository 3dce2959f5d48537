// An uploaded file (`tripletlens serve` streams it to a temporary copy) is named by the user's file name in
// what the page shows: the Import summary's warnings (an h5ad whose X is None says which matrix it read) and
// the AnnData export's notes (the input's varm and varp entries left out) named the server's temporary path,
// …/tripletlens-uploads-XXXXXX/<id>/<name>, which the user never chose and which is gone with the upload. A
// file opened by its path on the server keeps its path.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { FileSource } from '../../src/api/engine-api.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { writeEmbeddingH5ad } from '../data/formats/write-embedding-h5ad.js';
import { nextOutcome, outcome } from './session-outcome.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const UNS = join(FORMATS, 'uns.h5ad');

describe('an uploaded file is named by its own name, not the server’s temporary copy', () => {
  const session = new EngineSession();
  const uploads = mkdtempSync(join(tmpdir(), 'tripletlens-uploads-'));
  const other = mkdtempSync(join(tmpdir(), 'tl-upload-names-'));
  after(() => {
    session.dispose();
    rmSync(uploads, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  });

  /** `name` as the server keeps an upload of it (a folder per upload id). */
  function upload(id: string, name: string): { source: FileSource; path: string } {
    mkdirSync(join(uploads, id));
    const path = join(uploads, id, name);
    return { source: { kind: 'uploaded', uploadId: id, name, path }, path };
  }

  test('the Import summary’s warnings name the upload’s file name', async () => {
    const { source, path } = upload('u1', 'scanpy.h5ad');
    await writeEmbeddingH5ad(path, { x: 'none', obsm: { X_scVI: 10 } });
    const summary = await session.openFile(source);
    const warning = summary.warnings.find((w) => w.code === 'matrix-instead-of-x');
    assert.ok(warning, JSON.stringify(summary.warnings));
    assert.match(warning.message, /^scanpy\.h5ad has no X matrix \(X is None\)/);
    assert.ok(!JSON.stringify(summary).includes(uploads), JSON.stringify(summary.warnings));
    assert.ok(!JSON.stringify((await session.getState()).dataset).includes(uploads), 'the kept summary too');
  });

  test('so do the AnnData export’s notes; a file opened by path keeps its path', async () => {
    const { source } = upload('u2', 'uns.h5ad');
    copyFileSync(UNS, (source as { path: string }).path);
    const notesOf = async (opened: FileSource): Promise<string[]> => {
      await session.openFile(opened);
      const done = outcome(session);
      // 20 of its 30 genes: the input's varp is then left out, with a note naming the file
      await session.startTraining({
        labelColumn: 'cell_type',
        epochs: 1,
        snapshotEvery: 0,
        preprocess: { topGenes: 20 },
      });
      await done;
      const written = await session.exportAnnData(null, { kind: 'path', path: join(other, 'out.h5ad') });
      return written.notes ?? [];
    };
    const uploaded = (await notesOf(source)).join('\n');
    assert.match(uploaded, /varp 'gene_corr' of uns\.h5ad:/);
    assert.ok(!uploaded.includes(uploads), uploaded);
    // the run report (Export's run.json, the h5ad's uns) names it alike
    const report = JSON.parse((await session.exportReport()).text) as { input: { source: string } };
    assert.equal(report.input.source, 'uns.h5ad');
    const byPath = join(other, 'uns.h5ad');
    copyFileSync(UNS, byPath);
    assert.match(
      (await notesOf({ kind: 'path', path: byPath })).join('\n'),
      /varp 'gene_corr' of \/.*\/uns\.h5ad:/,
    );
  });

  test('a failed run’s error names the upload’s file name', async () => {
    const { source, path } = upload('u3', 'one-class.csv');
    const rows = Array.from({ length: 12 }, (_, i) => `s${i},a,${i % 3},${i % 4}`);
    writeFileSync(path, `id,kind,g1,g2\n${rows.join('\n')}\n`);
    await session.openFile(source);
    const done = nextOutcome(session);
    await session.startTraining({ labelColumn: 'kind', epochs: 1, snapshotEvery: 0 });
    const event = await done;
    assert.ok(event.type === 'run-failed', event.type);
    assert.match(event.error.message, /^one-class\.csv: /);
    assert.ok(!JSON.stringify(event.error).includes(uploads), event.error.message);
  });
  // A walkthrough: a Cell Ranger .h5 uploaded to serve exported as 1e4fe6de8989c1691156a5e4.tripletlens.h5ad —
  // the sample rule (sampleA/outs/filtered_feature_bc_matrix.h5 → sampleA) took the upload's id folder for the
  // sample. The server's folders are no sample: the file keeps its own name.
  test('a Cell Ranger file’s exports are named by the uploaded file, not the upload’s id folder', async () => {
    const { source, path } = upload('9f0c2a7d1e4b5c6a8d3e2f10', 'filtered_feature_bc_matrix.h5');
    copyFileSync(join(FORMATS, 'tenx-v3.h5'), path);
    await session.openFile(source);
    await session.openMetadata({ kind: 'path', path: join(FORMATS, 'cells_meta.csv') });
    const done = outcome(session);
    await session.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    await done;
    const stem = 'filtered_feature_bc_matrix';
    assert.equal((await session.exportCoordinates()).fileName, `${stem}.coords.csv`);
    assert.equal((await session.exportReport()).fileName, `${stem}.run.json`);
    const h5ad = await session.exportAnnData(null, { kind: 'path', path: join(other, 'tenx.h5ad') });
    assert.equal(h5ad.fileName, `${stem}.tripletlens.h5ad`);
    const result = (await session.getState()).lastRun!;
    const categories = [...new Set(result.labels)];
    const edits = {
      column: 'label_edited',
      source: result.labelColumn,
      categories,
      codes: Int32Array.from(result.labels, (l) => categories.indexOf(l)),
    };
    assert.equal((await session.exportEditedLabels(edits)).fileName, `${stem}.label_edited.csv`);
  });
});
