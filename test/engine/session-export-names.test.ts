// The app's export names follow the CLI's defaults: `tripletlens train x.csv.gz` writes x.coords.csv and
// x.run.json (its .gz dropped before the extension), so the app's downloads of a run on x.csv.gz are named so
// too (they were x.csv.coords.csv and x.csv.run.json).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { EditedLabels } from '../../src/api/annotation.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { outcome } from './session-outcome.js';

/** The run's labels as an unedited label_edited column (every cell keeps its class). */
async function noEdits(engine: EngineSession): Promise<EditedLabels> {
  const result = (await engine.getState()).lastRun!;
  const categories = [...new Set(result.labels)];
  return {
    column: 'label_edited',
    source: result.labelColumn,
    categories,
    codes: Int32Array.from(result.labels, (l) => categories.indexOf(l)),
  };
}

const CELLS = join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv');
const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), 'tl-export-names-'));
after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

before(async () => {
  const gz = join(dir, 'cells.csv.gz');
  writeFileSync(gz, gzipSync(readFileSync(CELLS)));
  await session.openFile({ kind: 'path', path: gz });
  const done = outcome(session);
  await session.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
  await done;
});

test('a run on x.csv.gz exports x.coords.csv and x.run.json, the names `tripletlens train` gives', async () => {
  assert.equal((await session.exportCoordinates()).fileName, 'cells.coords.csv');
  assert.equal((await session.exportReport()).fileName, 'cells.run.json');
  // the edited labels too (they were cells.csv.label_edited.csv)
  assert.equal((await session.exportEditedLabels(await noEdits(session))).fileName, 'cells.label_edited.csv');
});

// A walkthrough: two samples' Cell Ranger folders both downloaded as filtered_feature_bc_matrix.coords.csv.
test('a run on a Cell Ranger folder exports under its sample name (sampleA/outs/filtered_feature_bc_matrix → sampleA)', async () => {
  const folder = join(dir, 'sampleA', 'outs', 'filtered_feature_bc_matrix');
  mkdirSync(folder, { recursive: true });
  cpSync(join(packageRoot(), 'test', 'fixtures', 'formats', 'tenx_v3'), folder, { recursive: true });
  const tenx = new EngineSession();
  try {
    await tenx.openFile({ kind: 'path', path: folder });
    await tenx.openMetadata({
      kind: 'path',
      path: join(packageRoot(), 'test', 'fixtures', 'formats', 'cells_meta.csv'),
    });
    const done = outcome(tenx);
    await tenx.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    await done;
    assert.equal((await tenx.exportCoordinates()).fileName, 'sampleA.coords.csv');
    assert.equal((await tenx.exportReport()).fileName, 'sampleA.run.json');
    // a walk with 10⁵ cells: the edited labels downloaded as filtered_feature_bc_matrix.label_edited.csv
    assert.equal((await tenx.exportEditedLabels(await noEdits(tenx))).fileName, 'sampleA.label_edited.csv');
  } finally {
    tenx.dispose();
  }
});

// Reported: after a Retrain, every export was offered under the first run's names (cells.coords.csv,
// cells.tripletlens.h5ad…), so the desktop app saved the second run over the first without a word.
test('a later run on the same data exports as x_run2, x_run3…, also after the file is opened again', async () => {
  const engine = new EngineSession();
  try {
    await engine.openFile({ kind: 'path', path: CELLS });
    let done = outcome(engine);
    await engine.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    assert.equal((await done).runNumber, 1);
    assert.equal((await engine.exportCoordinates()).fileName, 'cells.coords.csv');

    done = outcome(engine);
    await engine.retrainWithLabels({ editedLabels: await noEdits(engine), epochs: 1, snapshotEvery: 0 });
    assert.equal((await done).runNumber, 2);
    const names = async (stem: string) => {
      assert.equal((await engine.exportCoordinates()).fileName, `${stem}.coords.csv`);
      assert.equal((await engine.exportReport()).fileName, `${stem}.run.json`);
      const model = await engine.exportModel({ kind: 'archive' });
      assert.equal(model.kind === 'archive' && model.fileName, `${stem}.model.tar`);
      const h5ad = await engine.exportAnnData(null, { kind: 'path', path: join(dir, 'names.h5ad') });
      assert.equal(h5ad.fileName, `${stem}.tripletlens.h5ad`);
      // cells projected onto this run's map: the projected file's stem with the run's number
      const { projectionId } = await engine.embedFile({ kind: 'path', path: CELLS });
      assert.equal((await engine.exportProjected(projectionId)).fileName, `${stem}.projected.csv`);
    };
    await names('cells_run2');
    // the edits are not a run's: their file keeps its name
    assert.equal((await engine.exportEditedLabels(await noEdits(engine))).fileName, 'cells.label_edited.csv');
    const saved = await engine.saveSession({ editedLabels: null, selection: new Int32Array(0), view: {} });
    assert.equal(saved.fileName, 'cells_run2.tripletlens');

    // another training on the same data is the third run
    done = outcome(engine);
    await engine.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    assert.equal((await done).runNumber, 3);
    assert.equal((await engine.exportCoordinates()).fileName, 'cells_run3.coords.csv');

    // a reopened session's run keeps its number; the run after it follows every run of the data in this
    // session (run 3's exports already took cells_run3)
    writeFileSync(join(dir, saved.fileName), saved.bytes);
    const opened = await engine.openSession({ kind: 'path', path: join(dir, saved.fileName) });
    assert.equal(opened.result.runNumber, 2);
    await names('cells_run2');
    done = outcome(engine);
    await engine.retrainWithLabels({ editedLabels: await noEdits(engine), epochs: 1, snapshotEvery: 0 });
    assert.equal((await done).runNumber, 4);

    // the same file opened again: its runs go on numbering, not offered under cells, cells_run2… again
    await engine.openFile({ kind: 'path', path: CELLS });
    done = outcome(engine);
    await engine.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    assert.equal((await done).runNumber, 5);
    await names('cells_run5');
  } finally {
    engine.dispose();
  }
});

test('other data opened: its first run has the plain names', async () => {
  const engine = new EngineSession();
  try {
    await engine.openFile({ kind: 'path', path: CELLS });
    let done = outcome(engine);
    await engine.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    assert.equal((await done).runNumber, 1);
    const other = join(dir, 'other.csv');
    writeFileSync(other, readFileSync(CELLS));
    await engine.openFile({ kind: 'path', path: other });
    done = outcome(engine);
    await engine.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    assert.equal((await done).runNumber, 1);
    assert.equal((await engine.exportCoordinates()).fileName, 'other.coords.csv');
  } finally {
    engine.dispose();
  }
});
