// EngineSession's annotate methods end to end on a real file: retraining with edited labels (fine-tuned from
// the current encoder or from scratch), predictions, edited-label exports, and .tripletlens sessions.
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { EditedLabels } from '../../src/api/annotation.js';
import type { EngineEvent, RunResult } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { EngineSession } from '../../src/engine/session.js';
import { outcome, trainAndSave } from './session-outcome.js';
import { parseSession, sessionBytes } from '../../src/engine/session-file.js';
import { packageRoot, sharedDataPath } from '../../src/util/paths.js';
import { readZip, writeZip } from '../../src/util/zip-archive.js';
import { readBack } from './h5ad/read-back.js';

/** The run labels as edited labels, with cells 0–9 relabelled 'Picked' and cell 10 unlabeled. */
function edits(result: RunResult): EditedLabels {
  const categories = [...new Set(result.labels.filter((l) => l))].sort();
  const codes = Int32Array.from(result.labels, (l) => categories.indexOf(l));
  categories.push('Picked');
  for (let r = 0; r < 10; r++) codes[r] = categories.length - 1;
  codes[10] = -1;
  return { column: 'label_edited', source: 'label', categories, codes };
}

describe('EngineSession: annotate and sessions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-annotate-'));
  const input = join(dir, 'cells.csv');
  copyFileSync(join(sharedDataPath(), 'pbmc_small_counts.csv'), input);
  const original = readFileSync(input);
  const session = new EngineSession();
  let first: RunResult;
  after(() => {
    session.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('fine-tuning starts from the current encoder: its first epoch is far below a fresh start', async (t) => {
    await session.openFile({ kind: 'path', path: input });
    const done = outcome(session);
    // the standard regime: this table is small enough for 'auto' to choose the small one, without class evidence
    await session.startTraining({
      labelColumn: 'label',
      epochs: 20,
      patience: 0,
      snapshotEvery: 0,
      regime: 'standard',
    });
    first = await done;
    const edited = edits(first);

    const fine = outcome(session);
    await session.retrainWithLabels({ editedLabels: edited, init: 'fine-tune', epochs: 1, snapshotEvery: 0 });
    const tuned = await fine;
    const scratch = outcome(session);
    await session.retrainWithLabels({
      editedLabels: edited,
      init: 'scratch',
      epochs: 1,
      snapshotEvery: 0,
      regime: 'standard',
    });
    const fresh = await scratch;

    assert.equal(tuned.labelColumn, 'label_edited');
    assert.equal(tuned.labels[0], 'Picked');
    assert.equal(tuned.labels[10], '', 'a cell marked unlabeled trains as unlabeled');
    assert.equal(tuned.split[10], 'unlabeled');
    const tunedLoss = tuned.history[0].loss;
    const freshLoss = fresh.history[0].loss;
    t.diagnostic(
      `first-epoch loss: fine-tuned ${tunedLoss.toFixed(4)}, from scratch ${freshLoss.toFixed(4)}`,
    );
    assert.ok(
      tunedLoss < 0.7 * freshLoss,
      `first-epoch loss: fine-tuned ${tunedLoss} should be well below from-scratch ${freshLoss}`,
    );
    // fine-tuning keeps the architecture and preprocessing of the run it starts from
    const params = (r: RunResult) => r.report.parameters as { preset: unknown; dims: number; seed: number };
    assert.deepEqual(params(tuned).preset, params(first).preset);
    assert.equal(params(tuned).seed, params(first).seed);
    // and the class-evidence step its input was built with, though the edits add a class ('Picked'): the
    // earlier encoder's first layer fits only that input; from scratch the step is fitted on the new classes
    type Evidence = { classes: string[]; weights: number[] };
    const evidence = (r: RunResult) => (r.report.recipe as { classEvidence?: Evidence }).classEvidence;
    assert.deepEqual([...evidence(first)!.classes].sort(), [...new Set(first.labels.filter(Boolean))].sort());
    assert.deepEqual(evidence(tuned), evidence(first));
    assert.ok(evidence(fresh)?.classes.includes('Picked'));
  });

  test('fine-tuning without a trained encoder, or with labels of the wrong length, is refused', async () => {
    const other = new EngineSession();
    try {
      await other.openFile({ kind: 'path', path: input });
      await assert.rejects(
        other.retrainWithLabels({ editedLabels: edits(first) }),
        /no trained encoder on this data to fine-tune/,
      );
      const short = { ...edits(first), codes: new Int32Array(3) };
      await assert.rejects(
        other.retrainWithLabels({ editedLabels: short, init: 'scratch' }),
        /one edited label per cell/,
      );
    } finally {
      other.dispose();
    }
  });

  test('predictions, edited-label CSV and the h5ad label_edited column', async () => {
    const state = await session.getState();
    const result = state.lastRun!;
    const predictions = await session.runPredictions();
    assert.equal(predictions.runId, result.runId);
    assert.equal(predictions.predicted.length, result.ids.length);
    result.split.forEach((s, r) => {
      if (s === 'train')
        assert.ok(predictions.predicted[r] === '' && Number.isNaN(predictions.confidence[r]));
      else assert.ok(predictions.predicted[r] !== '' && predictions.confidence[r] > 0);
    });

    const edited = edits(first);
    const csv = await session.exportEditedLabels(edited);
    const lines = csv.text.trimEnd().split('\n');
    assert.equal(lines[0], 'id,label,label_edited');
    assert.equal(lines.length, result.ids.length + 1);
    assert.equal(lines[1], `${result.ids[0]},${first.labels[0]},Picked`);
    assert.equal(lines[11], `${result.ids[10]},${first.labels[10]},`);

    await session.exportAnnData(edited, { kind: 'path', path: join(dir, 'out.h5ad') });
    const back = await readBack(join(dir, 'out.h5ad'));
    assert.ok(back.obsColumnOrder.includes('label'), 'the original column is kept');
    assert.equal(back.obsColumnOrder.filter((c) => c === 'label_edited').length, 1);
    assert.equal(back.obs.label_edited[0], 'Picked');
    assert.equal(back.obs.label_edited[10], null);
    assert.equal(back.obs.label[0], first.labels[0]);

    // the coordinates CSV carries the columns the h5ad's obs does: the last run was trained on label_edited,
    // yet the input's own label column stays beside it, and label_edited holds the page's current edits (cell
    // 0 edited again since that run)
    const later = { ...edited, categories: [...edited.categories, 'Later'], codes: edited.codes.slice() };
    later.codes[0] = later.categories.length - 1;
    const coords = (await session.exportCoordinates(later)).text.trimEnd().split('\n');
    assert.equal(coords[0], 'id,label,split,x,y,z,predicted_label,confidence,label_edited');
    await session.exportAnnData(later, { kind: 'path', path: join(dir, 'later.h5ad') });
    const laterBack = await readBack(join(dir, 'later.h5ad'));
    const rows = coords.slice(1).map((line) => line.split(','));
    assert.deepEqual(
      rows.map((fields) => fields[fields.length - 1]),
      result.ids.map((_, r) => (laterBack.obs.label_edited[r] as string | null) ?? ''),
    );
    assert.deepEqual(
      rows.map((fields) => fields[1]),
      result.ids.map((_, r) => String(laterBack.obs.label[r])),
    );
    assert.equal(rows[0][rows[0].length - 1], 'Later');
    assert.equal(rows[0][1], first.labels[0]);
    // without edits (undone since the retrain) the CSV is the run's: its label_edited as trained on, still
    // beside the input's own label column
    const undone = (await session.exportCoordinates()).text.split('\n');
    assert.equal(undone[0], 'id,label,split,x,y,z,predicted_label,confidence,label_edited');
    assert.deepEqual(undone[1].split(',').slice(-1), ['Picked']);
    assert.equal(undone[1].split(',')[1], first.labels[0]);
    // cells projected onto the retrained map keep their file's own annotation: the column the edits started
    // from (the file has no label_edited), not told against the run's renamed classes
    const projected = await session.embedFile({ kind: 'path', path: input });
    const projectedCsv = (await session.exportProjected(projected.projectionId)).text.split('\n');
    assert.equal(projectedCsv[0], 'id,label,x,y,z,predicted_label,confidence');
    assert.equal(projectedCsv[1].split(',')[1], first.labels[0]);
    assert.deepEqual(projected.labels?.slice(0, 3), first.labels.slice(0, 3));
    assert.ok(!projected.notes.some((n) => /agree/.test(n)), projected.notes.join(' | '));
    await assert.rejects(
      session.exportCoordinates({ ...later, codes: new Int32Array(3) }),
      /Cannot export the edited labels/,
    );
  });

  test('a saved session reopens with the same map, labels, selection and view, without retraining', async () => {
    const before = (await session.getState()).lastRun!;
    const edited = edits(first);
    const saved = await session.saveSession({
      editedLabels: edited,
      selection: Int32Array.of(1, 5, 7),
      view: { explore: { dims: '2', pointSize: 4 } },
    });
    // the third run on cells.csv (a fine-tune and a retrain from scratch followed the first): named by its number
    assert.equal(saved.fileName, `cells_run${before.runNumber}.tripletlens`);
    assert.equal(before.runNumber, 3);
    writeFileSync(join(dir, 'cells.tripletlens'), saved.bytes);

    const fresh = new EngineSession();
    try {
      let trained = false;
      const opens: EngineEvent[] = [];
      fresh.onEvent((e) => {
        trained ||= e.type === 'train-progress';
        if (e.type === 'data-opened') opens.push(e);
      });
      const opened = await fresh.openSession({ kind: 'path', path: join(dir, 'cells.tripletlens') });
      assert.equal(opened.inputStatus, 'attached');
      // another page sharing the engine hears that it now holds the session, named by its file's name
      assert.deepEqual(opens, [
        {
          type: 'data-opened',
          datasetId: opened.summary.datasetId,
          by: { action: 'session', name: 'cells.tripletlens' },
        },
      ]);
      assert.equal(opened.inputMessage, '');
      assert.equal(trained, false, 'no training happened');
      assert.deepEqual(opened.result.coords.data, before.coords.data);
      assert.deepEqual(opened.result.ids, before.ids);
      assert.deepEqual(opened.result.labels, before.labels);
      assert.deepEqual(opened.result.split, before.split);
      assert.deepEqual(opened.editedLabels?.codes, edited.codes);
      assert.deepEqual(opened.editedLabels?.categories, edited.categories);
      assert.deepEqual([...opened.selection], [1, 5, 7]);
      assert.deepEqual(opened.view, { explore: { dims: '2', pointSize: 4 } });
      assert.equal(opened.input.sha256, (before.report.input as { sha256: string }).sha256);
      // the engine holds the run again: exports, the neighbourhood check and fine-tuning work
      // (the run on label_edited keeps the edits' source column beside it, the session's edits telling which)
      assert.match(
        (await fresh.exportCoordinates()).text,
        /^id,label,split,x,y,z,predicted_label,confidence,label_edited\n/,
      );
      assert.equal((await fresh.cellNeighbours(0, 5)).k, 5);
      const tuned = outcome(fresh);
      await fresh.retrainWithLabels({ editedLabels: edited, epochs: 1, snapshotEvery: 0 });
      assert.equal((await tuned).labels[0], 'Picked');
    } finally {
      fresh.dispose();
    }
  });

  test('a changed or missing input is said plainly; the map still opens and a matching file re-attaches', async () => {
    const path = join(dir, 'cells.tripletlens');
    const fresh = new EngineSession();
    try {
      writeFileSync(input, Buffer.concat([original, Buffer.from('\n')]));
      const changed = await fresh.openSession({ kind: 'path', path });
      assert.equal(changed.inputStatus, 'changed');
      assert.match(changed.inputMessage, /has changed since the session was saved \(its SHA-256 differs\)/);
      assert.equal(changed.result.coords.rows, 80);
      assert.equal((await fresh.getState()).lastRun?.runId, changed.result.runId);
      await assert.rejects(fresh.exportCoordinates(), /input \(cells\.csv\) is not open/);
      // predictions come from the session itself
      assert.equal((await fresh.runPredictions()).predicted.length, 80);
      await assert.rejects(
        fresh.attachSessionInput({ kind: 'path', path: input }),
        /is not the session's input cells\.csv: its content differs/,
      );

      rmSync(input);
      const missing = await fresh.openSession({ kind: 'path', path });
      assert.equal(missing.inputStatus, 'missing');
      assert.match(missing.inputMessage, /was not found/);
      // where to open it: Import's Open starts afresh (the saved map is dropped), so the message names the control
      assert.match(missing.inputMessage, /“Open the input file again” in Explore's Edit labels panel/);
      // another page sharing the engine (or this one reloaded) is given it to show as this page does
      const held = await fresh.getState();
      assert.equal(held.dataset, null);
      assert.equal(held.lastRun?.runId, missing.result.runId);
      const { result: _run, ...answered } = missing;
      assert.deepEqual(held.reopenedSession, answered);

      const moved = join(dir, 'moved.csv');
      writeFileSync(moved, original);
      const attached = await fresh.attachSessionInput({ kind: 'upload', name: 'moved.csv', bytes: original });
      assert.equal(attached.inputStatus, 'attached');
      assert.equal((await fresh.getState()).reopenedSession, undefined, 'the engine holds the data again');
      assert.equal((await fresh.exportEditedLabels(attached.editedLabels!)).text.split('\n').length, 82);
      assert.match((await fresh.exportCoordinates()).text, /^id,/);
    } finally {
      writeFileSync(input, original);
      fresh.dispose();
    }
  });

  test('a Cell Ranger folder (no SHA-256) re-attaches; its joined labels come back from the run', async () => {
    const formats = join(packageRoot(), 'test', 'fixtures', 'formats');
    const folder = new EngineSession();
    const fresh = new EngineSession();
    try {
      await folder.openFile({ kind: 'path', path: join(formats, 'tenx_v3') });
      await folder.openMetadata({ kind: 'path', path: join(formats, 'cells_meta.csv') });
      const done = outcome(folder);
      await folder.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
      const trained = await done;
      const saved = await folder.saveSession({ editedLabels: null, selection: new Int32Array(0) });
      assert.equal(saved.fileName, 'tenx_v3.tripletlens');
      const opened = await fresh.openSession({ kind: 'upload', name: saved.fileName, bytes: saved.bytes });
      assert.equal(opened.inputStatus, 'attached');
      assert.equal(opened.input.sha256, null);
      assert.deepEqual(opened.result.coords.data, trained.coords.data);
      const csv = (await fresh.exportCoordinates()).text.split('\n');
      assert.equal(csv[0], 'barcode,cell_type,split,x,y,z,predicted_label,confidence');
      assert.equal(csv[1].split(',')[1], trained.labels[0]);
      // the joined file's columns are kept in the session (it may have been an upload) and come back
      assert.equal(opened.inputMessage, '');
      const names = opened.summary.metadata.map((m) => m.name);
      for (const c of ['cell_type', 'donor', 'leiden_cluster', 'is_doublet'])
        assert.ok(names.includes(c), names.join());
      assert.match(opened.summary.metadataSource ?? '', /cells_meta\.csv$/);
      const donors = await fresh.labelSummary('donor');
      assert.ok(donors.classes.length > 1, JSON.stringify(donors));
      // a damaged kept column: one message naming the session file and the entry
      const contents = parseSession(saved.bytes, 'tenx_v3.tripletlens');
      assert.ok(contents.joinedMetadata?.length);
      const bad = contents.joinedMetadata.map((c) => ({ ...c, codes: Int32Array.from(c.codes, () => 99) }));
      assert.throws(
        () => parseSession(sessionBytes({ ...contents, joinedMetadata: bad }), 'bad.tripletlens'),
        /^SessionFileError: bad\.tripletlens cannot be opened as a TripletLens session: it is damaged \(the joined metadata column "[^"]+", metadata\/0\.i32, has a code with no value\)/,
      );
      // a session saved before the columns were kept: it opens, saying which joined columns are not loaded
      const older = sessionBytes({ ...contents, joinedMetadata: undefined });
      const old = await fresh.openSession({ kind: 'upload', name: 'older.tripletlens', bytes: older });
      assert.equal(old.inputStatus, 'attached');
      assert.equal(
        old.inputMessage,
        "The metadata joined from cells_meta.csv is not joined again: its columns 'cell_type', 'donor', " +
          "'leiden_cluster', 'is_doublet' are not loaded (the map keeps its labels, 'cell_type'). Join " +
          'cells_meta.csv again on the Import screen to train on them (a new run: it replaces this map).',
      );
    } finally {
      folder.dispose();
      fresh.dispose();
    }
  });

  // An input with cell metadata of its own (an h5ad's obs, a CSV's text columns) and a joined file: the
  // session kept every column, doubling what the input gives back.
  test('a session keeps only the joined file’s columns, also when it is saved again after reopening', async () => {
    const ids = readFileSync(input, 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line)
      .map((line) => line.split(',')[0]);
    const meta = join(dir, 'donors.csv');
    writeFileSync(meta, `cell,donor\n${ids.map((id, i) => `${id},d${i % 3}`).join('\n')}\n`);
    const trainer = new EngineSession();
    const fresh = new EngineSession();
    try {
      await trainer.openFile({ kind: 'path', path: input });
      await trainer.openMetadata({ kind: 'path', path: meta });
      const done = outcome(trainer);
      await trainer.startTraining({ labelColumn: 'label', epochs: 1, snapshotEvery: 0 });
      await done;
      const saved = await trainer.saveSession({ editedLabels: null, selection: new Int32Array(0) });
      const kept = (bytes: Uint8Array) =>
        (parseSession(bytes, 's.tripletlens').joinedMetadata ?? []).map((c) => c.name);
      assert.deepEqual(kept(saved.bytes), ['donor']);
      const opened = await fresh.openSession({
        kind: 'upload',
        name: 'cells.tripletlens',
        bytes: saved.bytes,
      });
      assert.equal(opened.inputStatus, 'attached');
      assert.ok(opened.summary.metadata.some((m) => m.name === 'donor'));
      const again = await fresh.saveSession({ editedLabels: null, selection: new Int32Array(0) });
      assert.deepEqual(kept(again.bytes), ['donor']);
    } finally {
      trainer.dispose();
      fresh.dispose();
    }
  });

  test('a moved Cell Ranger folder re-attaches by its new path (it cannot be uploaded)', async () => {
    const formats = join(packageRoot(), 'test', 'fixtures', 'formats');
    const folder = join(dir, 'tenx_v3');
    cpSync(join(formats, 'tenx_v3'), folder, { recursive: true });
    const fresh = new EngineSession();
    try {
      const { trained, saved } = await trainAndSave(folder);
      const moved = join(dir, 'tenx_v3_moved');
      renameSync(folder, moved);
      const opened = await fresh.openSession({ kind: 'upload', name: saved.fileName, bytes: saved.bytes });
      assert.equal(opened.inputStatus, 'missing');
      // a file for a folder's session is still refused
      await assert.rejects(
        fresh.attachSessionInput({ kind: 'path', path: input }),
        /cells\.csv is not the session's input tenx_v3: it is a file, not a Cell Ranger folder or the matrix file of one, so the saved map does not belong to it$/,
      );
      const attached = await fresh.attachSessionInput({ kind: 'path', path: moved });
      assert.equal(attached.inputStatus, 'attached');
      assert.deepEqual(attached.result.coords.data, trained.coords.data);
      assert.match((await fresh.exportCoordinates()).text, /^barcode,/);
    } finally {
      fresh.dispose();
    }
  });

  test('bad, corrupt or foreign session files get one clear message', async () => {
    const fresh = new EngineSession();
    try {
      const bytes = new Uint8Array(readFileSync(join(dir, 'cells.tripletlens')));
      const cut = bytes.subarray(0, bytes.length >> 1);
      const cases: [string, Uint8Array, RegExp][] = [
        [
          'text.tripletlens',
          new TextEncoder().encode('id,label\n1,a\n'),
          /it is a text file, such as a table of data, not a session: data opens on the Import screen/,
        ],
        ['cut.tripletlens', cut, /cannot be opened as a TripletLens session/],
        [
          'foreign.tripletlens',
          writeZip([{ name: 'readme.txt', data: new TextEncoder().encode('hi') }]),
          /without tripletlens-session\.json/,
        ],
        [
          'badmodel.tripletlens',
          (() => {
            const files = readZip(bytes);
            files.set('model/recipe.json', new TextEncoder().encode('{"format":"nope"}'));
            return writeZip([...files].map(([n, d]) => ({ name: n, data: d })));
          })(),
          /cannot be used: its model is damaged/,
        ],
        [
          'newer.tripletlens',
          writeZip([
            {
              name: 'tripletlens-session.json',
              data: new TextEncoder().encode('{"format":"tripletlens-session","formatVersion":99}'),
            },
          ]),
          /newer TripletLens/,
        ],
      ];
      for (const [name, data, message] of cases) {
        await assert.rejects(fresh.openSession({ kind: 'upload', name, bytes: data }), (err: unknown) => {
          assert.ok(err instanceof EngineError, String(err));
          assert.equal(err.kind, 'import');
          assert.match(err.message, new RegExp(name.replace('.', '\\.')));
          assert.match(err.message, message);
          return true;
        });
      }
    } finally {
      fresh.dispose();
    }
  });
});
