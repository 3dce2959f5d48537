import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { EngineEvent, EngineState, RunResult } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { runStem } from '../../src/api/output-stem.js';
import { decodeColumnCodes } from '../../src/api/column-codes.js';
import type { StageStep } from '../../src/api/stage-step.js';
import { EngineSession, STOPPED_BEFORE_FIRST_STEP } from '../../src/engine/session.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { readBack } from './h5ad/read-back.js';
import { nextOutcome } from './session-outcome.js';

const data = sharedDataPath();

async function train(session: EngineSession, epochs: number): Promise<RunResult> {
  const outcome = nextOutcome(session);
  await session.startTraining({ labelColumn: 'label', epochs, snapshotEvery: 0 });
  const event = await outcome;
  assert.equal(event.type, 'run-finished', JSON.stringify(event));
  return (event as { result: RunResult }).result;
}

describe('EngineSession', () => {
  const session = new EngineSession();
  const dir = mkdtempSync(join(tmpdir(), 'tl-session-'));
  after(() => {
    session.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('refuses work before data is open, with a readable reason', async () => {
    await assert.rejects(session.labelSummary('label'), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.kind, 'invalid-request');
      assert.match(err.message, /open a file/);
      return true;
    });
    await assert.rejects(session.exportCoordinates(), /No trained model/);
  });

  test('summarises a file: shape, label suggestion, values, metadata, preview', async () => {
    const summary = await session.openFile({ kind: 'path', path: join(data, 'pbmc_small_counts.csv') });
    assert.equal(summary.rows, 80);
    assert.equal(summary.genes, 230);
    assert.equal(summary.valueKind, 'counts');
    assert.equal(summary.recommendedPreprocess.normalize, true);
    assert.equal(summary.suggestedLabel, 'label');
    assert.equal(summary.preview.header[0], 'id');
    assert.equal(summary.preview.rows.length, 10);
    const label = summary.metadata.find((m) => m.name === 'label');
    assert.equal(label?.distinct, 3);
    assert.equal(
      label?.topValues.reduce((n, v) => n + v.count, 0),
      80,
    );
    const gene = await session.columnValues({ kind: 'gene', gene: summary.geneNames[0] });
    assert.ok(gene.kind === 'numeric' && gene.values.length === 80 && gene.max >= gene.min);
    await assert.rejects(session.columnValues({ kind: 'gene', gene: 'NOPE' }), /no gene 'NOPE'/);
  });

  test('bad training settings are refused before a run starts', async () => {
    await assert.rejects(
      session.startTraining({ labelColumn: 'nope' }),
      /no label column 'nope'.*Valid label columns: label/,
    );
    await assert.rejects(session.startTraining({ labelColumn: 'label', epochs: -3 }), (err: unknown) => {
      assert.ok(err instanceof EngineError && err.kind === 'invalid-request');
      return true;
    });
    assert.equal((await session.getState()).activeRunId, null);
  });

  test('a second run frees the first run’s tensors', async () => {
    await train(session, 2);
    const afterFirst = tf.memory().numTensors;
    assert.ok(afterFirst > 0, 'the trained encoder holds tensors (so this check can fail)');
    await train(session, 2);
    assert.equal(tf.memory().numTensors, afterFirst);
  });

  test('stop ends the run cleanly with a result', async () => {
    const outcome = nextOutcome(session);
    const stopAtFirstProgress = session.onEvent((event) => {
      if (event.type === 'train-progress') void session.stopTraining();
    });
    await session.startTraining({ labelColumn: 'label', epochs: 50, snapshotEvery: 0 });
    const event = await outcome;
    stopAtFirstProgress();
    assert.equal(event.type, 'run-finished');
    const result = (event as { result: RunResult }).result;
    assert.equal(result.stoppedReason, 'stopped');
    assert.ok(result.history.length < 50);
  });

  test('stop before the first step ends the neighbour search: the run fails saying there is no map', async () => {
    const outcome = nextOutcome(session);
    // stopped as the train stage starts, so the sampler's neighbour search (neighbourShare > 0 in the
    // standard regime) sees the stop before training's first step
    const stopAtTrainStage = session.onEvent((event) => {
      if (event.type === 'train-stage' && event.stage === 'train') void session.stopTraining();
    });
    await session.startTraining({ labelColumn: 'label', epochs: 50, regime: 'standard', snapshotEvery: 0 });
    const event = await outcome;
    stopAtTrainStage();
    assert.equal(event.type, 'run-failed', JSON.stringify(event));
    const { error } = event as { error: { kind: string; message: string } };
    assert.equal(error.kind, 'training');
    assert.equal(error.message, STOPPED_BEFORE_FIRST_STEP);
    assert.equal((await session.getState()).activeRunId, null);
  });

  test('stop while preprocessing ends the run between preprocessing passes, before the later stages', async () => {
    const outcome = nextOutcome(session);
    const stages: string[] = [];
    let held: Promise<EngineState> | null = null;
    const stopAtPreprocess = session.onEvent((event) => {
      if (event.type !== 'train-stage' || event.step) return;
      stages.push(event.stage);
      if (event.stage !== 'preprocess') return;
      // what a page reloaded now would be told: the run and its stage
      held = session.getState();
      void session.stopTraining();
    });
    await session.startTraining({ labelColumn: 'label', epochs: 50, snapshotEvery: 0 });
    const event = await outcome;
    stopAtPreprocess();
    assert.equal(event.type, 'run-failed', JSON.stringify(event));
    assert.equal((event as { error: { message: string } }).error.message, STOPPED_BEFORE_FIRST_STEP);
    // a Stop used to wait for the whole preprocessing (minutes at 300 000 cells) and the split
    assert.deepEqual(stages, ['preprocess']);
    assert.equal((await held!)?.activeStage, 'preprocess');
  });

  test('getState gives the step of the stage in progress, for a page reloaded during it', async () => {
    const outcome = nextOutcome(session);
    let seen: { step: StageStep; held: Promise<EngineState> } | null = null;
    const stopAtStep = session.onEvent((event) => {
      if (event.type !== 'train-stage' || !event.step || seen) return;
      // what a page reloaded now would be told: the run, its stage and the step the page last showed
      seen = { step: event.step, held: session.getState() };
      void session.stopTraining();
    });
    await session.startTraining({ labelColumn: 'label', epochs: 50, snapshotEvery: 0 });
    await outcome;
    stopAtStep();
    assert.ok(seen, 'the run said a step of its preprocessing');
    const { step, held } = seen as { step: StageStep; held: Promise<EngineState> };
    const state = await held;
    assert.equal(state.activeStage, 'preprocess');
    assert.deepEqual(state.activeStep, step);
  });

  test('embeds a second file and exports CSV, report and model (path and archive)', async () => {
    const embedded = await session.embedFile({ kind: 'path', path: join(data, 'pbmc_small_lognorm.csv') });
    assert.equal(embedded.coords.rows, 80);
    assert.equal(embedded.predicted.length, 80);
    assert.ok(embedded.labels && embedded.labels.length === 80);
    // log-normalised values onto a map trained on counts: said, as `embed` says it (the app was silent)
    assert.equal(embedded.warnings.length, 1, embedded.warnings.join(' | '));
    assert.match(
      embedded.warnings[0],
      /^The model was trained on raw counts \(it normalises and log-transforms them\), but pbmc_small_lognorm\.csv holds log or normalised data/,
    );
    // what the import notices about a projected file reaches the page, as for an opened one
    const lines = readFileSync(join(data, 'pbmc_small_lognorm.csv'), 'utf8').split('\n');
    lines[0] = lines[0].replace(',CD79B,', ',MS4A1,');
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const renamed = await session.embedFile({ kind: 'upload', name: 'dup-gene.csv', bytes });
    assert.ok(
      renamed.warnings.some((w) => w.includes('MS4A1')),
      renamed.warnings.join(' | '),
    );

    // the exports of this data's latest run (earlier tests trained on it too) are named with its number
    const stem = runStem('pbmc_small_counts', (await session.getState()).lastRun!.runNumber);
    const csv = await session.exportCoordinates();
    assert.equal(csv.fileName, `${stem}.coords.csv`);
    assert.equal(csv.text.split('\n')[0], 'id,label,split,x,y,z,predicted_label,confidence');
    const reportExport = await session.exportReport();
    // named as `tripletlens train` names it by default (was pbmc_small_counts.coords.run.json)
    assert.equal(reportExport.fileName, `${stem}.run.json`);
    const report = JSON.parse(reportExport.text) as { input: { cells: number } };
    assert.equal(report.input.cells, 80);

    const h5adPath = join(dir, 'chosen.h5ad');
    const h5ad = await session.exportAnnData(null, { kind: 'path', path: h5adPath });
    assert.equal(h5ad.fileName, `${stem}.tripletlens.h5ad`);
    assert.deepEqual(h5ad, {
      kind: 'path',
      path: h5adPath,
      fileName: `${stem}.tripletlens.h5ad`,
      mimeType: 'application/x-hdf5',
      bytes: statSync(h5adPath).size,
    });
    // written in place (a temporary sibling renamed), never returned as bytes
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith('chosen')),
      ['chosen.h5ad'],
    );
    const back = await readBack(h5adPath);
    assert.equal(back.obsIndex.length, 80);
    assert.ok(back.obsColumnOrder.includes('tripletlens_split'));
    assert.equal(back.embedding[0].length, 3);

    const target = join(dir, 'model');
    const written = await session.exportModel({ kind: 'path', dir: target });
    assert.ok(written.kind === 'path' && written.files.includes('model.json'));
    assert.ok(existsSync(join(target, 'recipe.json')));

    const archive = await session.exportModel({ kind: 'archive' });
    assert.ok(archive.kind === 'archive');
    assert.equal(archive.fileName, `${stem}.model.tar`);
    writeFileSync(join(dir, 'm.tar'), archive.bytes);
    const listing = spawnSync('tar', ['-tf', join(dir, 'm.tar')], { encoding: 'utf8' });
    assert.equal(listing.status, 0);
    assert.ok(listing.stdout.includes(`${stem}.model/model.json`), listing.stdout);
    assert.deepEqual(JSON.parse(readFileSync(join(target, 'model.json'), 'utf8')).labelColumn, 'label');
  });

  test('a malformed file is an import error with its location and the loaded data stays', async () => {
    const bad = join(dir, 'bad.csv');
    const rows = Array.from(
      { length: 250 },
      (_, i) => `c${i},${i % 2 ? 'a' : 'b'},1,${i === 240 ? 'oops' : 2}`,
    );
    writeFileSync(bad, `id,label,g1,g2\n${rows.join('\n')}\n`);
    await assert.rejects(
      session.openFile({ kind: 'upload', name: 'bad.csv', bytes: readFileSync(bad) }),
      (err: unknown) => {
        assert.ok(err instanceof EngineError);
        assert.equal(err.kind, 'import');
        assert.equal(err.file, 'bad.csv');
        assert.equal(err.line, 242);
        assert.equal(err.column, 4);
        return true;
      },
    );
    const state = await session.getState();
    assert.equal(state.dataset?.rows, 80);
    assert.ok(state.lastRun, 'the last run is kept too');
  });

  test('a metadata file is joined by cell id', async () => {
    const ids = readFileSync(join(data, 'pbmc_small_counts.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    const meta = join(dir, 'meta.csv');
    writeFileSync(meta, `id,donor\n${ids.map((id, i) => `${id},donor_${i % 4}`).join('\n')}\n`);
    const summary = await session.openMetadata({ kind: 'path', path: meta });
    assert.equal(summary.metadataSource, meta);
    assert.equal(summary.rows, 80);
    assert.equal(summary.metadata.find((m) => m.name === 'donor')?.distinct, 4);
    const donor = await session.columnValues({ kind: 'metadata', column: 'donor' });
    assert.ok(donor.kind === 'text');
    assert.equal(donor.values[5], 'donor_1');
    // the live map's request: the same column as class codes and names, a byte a cell
    const coded = await session.columnValues({ kind: 'metadata', column: 'donor', coded: true });
    assert.ok(coded.kind === 'coded', coded.kind);
    assert.ok(coded.codes instanceof Uint8Array);
    assert.deepEqual(coded.categories.slice().sort(), ['donor_0', 'donor_1', 'donor_2', 'donor_3']);
    assert.deepEqual(decodeColumnCodes(coded), donor.values);
  });

  test('an uploaded metadata file is named by its own name in the join note, not the server’s temporary path', async () => {
    const ids = readFileSync(join(data, 'pbmc_small_counts.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    const uploads = mkdtempSync(join(tmpdir(), 'tripletlens-uploads-'));
    mkdirSync(join(uploads, 'm1'));
    const path = join(uploads, 'm1', 'donors.csv');
    writeFileSync(path, `id,batch\n${ids.map((id, i) => `${id},b${i % 2}`).join('\n')}\n`);
    const events: EngineEvent[] = [];
    const off = session.onEvent((e) => events.push(e));
    const summary = await session.openMetadata({
      kind: 'uploaded',
      uploadId: 'm1',
      name: 'donors.csv',
      path,
    });
    off();
    rmSync(uploads, { recursive: true, force: true });
    assert.equal(summary.metadataSource, 'donors.csv');
    // every page hears that the engine holds other data: the joined data, named as the user knows the file
    assert.deepEqual(
      events.filter((e) => e.type === 'data-opened'),
      [{ type: 'data-opened', datasetId: summary.datasetId, by: { action: 'join', name: 'donors.csv' } }],
    );
    const note = summary.warnings.find((w) => w.code === 'metadata-join');
    assert.ok(note, JSON.stringify(summary.warnings));
    assert.equal(note.message, 'Metadata file donors.csv: 80 of 80 rows matched.');
    const state = await session.getState();
    assert.ok(!JSON.stringify(state.dataset?.warnings).includes(uploads), 'the kept summary too');
  });

  test('opening other data while training is refused unless the call names the run; named, it stops the run and says why', async () => {
    const outcome = nextOutcome(session);
    const progress = new Promise<EngineEvent>((resolve) => {
      const off = session.onEvent((e) => {
        if (e.type === 'train-progress') {
          off();
          resolve(e);
        }
      });
    });
    // Training yields to the event loop, so the run goes on while the other file imports: it must be long
    // enough (no epoch limit or plateau stop in reach) to still be running when the import ends.
    const epochs = 100000;
    const trainedOn = basename((await session.getState()).dataset?.source ?? '');
    const { runId } = await session.startTraining({
      labelColumn: 'label',
      epochs,
      patience: 0,
      snapshotEvery: 0,
    });
    await progress;
    const iris = { kind: 'path', path: join(data, 'sklearn_iris.csv') } as const;
    const refusal = (opening: string) => (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.kind, 'busy');
      assert.equal(err.runId, runId, 'the refusal names the run, for a call that may stop it');
      const running = `Training on ${trainedOn} is running \\(epoch \\d+ of ${epochs}\\)\\.`;
      assert.match(err.message, new RegExp(`^${running} ${opening} stops it\\.$`));
      return true;
    };
    await assert.rejects(session.openFile(iris), refusal('Opening sklearn_iris\\.csv'));
    await assert.rejects(session.openFile(iris, {}, 'run-0'), refusal('Opening sklearn_iris\\.csv'));
    const meta = { kind: 'path', path: join(data, 'no-such-metadata.csv') } as const;
    await assert.rejects(
      session.openMetadata(meta),
      refusal('Joining the metadata file no-such-metadata\\.csv'),
    );
    // refused before the file is read: these bytes are no session at all
    const saved = { kind: 'upload', name: 'saved.tripletlens', bytes: new Uint8Array(4) } as const;
    await assert.rejects(session.openSession(saved), refusal('Opening the session saved\\.tripletlens'));
    assert.equal((await session.getState()).activeRunId, runId, 'the refusals left the run running');

    await session.openFile(iris, {}, runId);
    const event = await outcome;
    assert.equal(event.type, 'run-failed');
    assert.ok(event.type === 'run-failed');
    assert.deepEqual(event.stoppedBy, { action: 'open', name: 'sklearn_iris.csv' });
    assert.equal(event.error.message, `Training on ${trainedOn} was stopped: sklearn_iris.csv was opened.`);
    assert.equal((await session.getState()).lastRun, null);
  });
});

describe('EngineSession shared by several pages', () => {
  const session = new EngineSession();
  after(() => session.dispose());

  test('opening other data tells every page that the finished run is gone (run-discarded)', async () => {
    session.setIdFloor(41); // what the host sends a restarted worker: ids continue above it
    const summary = await session.openFile({ kind: 'path', path: join(data, 'pbmc_small_counts.csv') });
    assert.equal(summary.datasetId, 'data-42');
    const result = await train(session, 1);
    assert.equal(result.runId, 'run-43');
    const events: EngineEvent[] = [];
    const off = session.onEvent((e) => events.push(e));
    // an uploaded file: the server gave its temporary path; the page sees the user's file name
    const uploads = mkdtempSync(join(tmpdir(), 'tripletlens-uploads-'));
    mkdirSync(join(uploads, 'u1'));
    copyFileSync(join(data, 'sklearn_iris.csv'), join(uploads, 'u1', 'iris.csv'));
    const other = await session.openFile({
      kind: 'uploaded',
      uploadId: 'u1',
      name: 'iris.csv',
      path: join(uploads, 'u1', 'iris.csv'),
    });
    off();
    rmSync(uploads, { recursive: true, force: true });
    assert.equal(other.source, 'iris.csv');
    // then that the engine holds the file now, by the user's name for it, never the server's path
    assert.deepEqual(
      events.filter((e) => e.type === 'run-discarded' || e.type === 'data-opened').map((e) => e.type),
      ['run-discarded', 'data-opened'],
    );
    assert.deepEqual(
      events.find((e) => e.type === 'data-opened'),
      { type: 'data-opened', datasetId: other.datasetId, by: { action: 'open', name: 'iris.csv' } },
    );
    const discarded = events.find((e) => e.type === 'run-discarded');
    assert.ok(discarded?.type === 'run-discarded', JSON.stringify(events.map((e) => e.type)));
    assert.equal(discarded.runId, 'run-43');
    assert.equal(discarded.cause, 'data-replaced');
    assert.match(discarded.message, /run-43.*iris\.csv was opened/);
    // training again alone is refused on this page (its file is no longer loaded): say to open it again
    assert.match(
      discarded.message,
      /replaced: open pbmc_small_counts\.csv again, then train again to export it/,
    );
    await assert.rejects(session.exportCoordinates(), /No trained model/);
  });

  test('the same file opened again from another page: training again is all it takes', async () => {
    const path = join(data, 'sklearn_iris.csv');
    await session.openFile({ kind: 'path', path });
    const result = await train(session, 1);
    const events: EngineEvent[] = [];
    const off = session.onEvent((e) => events.push(e));
    await session.openFile({ kind: 'path', path });
    off();
    const discarded = events.find((e) => e.type === 'run-discarded');
    assert.ok(discarded?.type === 'run-discarded', JSON.stringify(events.map((e) => e.type)));
    assert.equal(discarded.runId, result.runId);
    assert.match(discarded.message, /same data: train again to export it/);
    assert.doesNotMatch(discarded.message, /open .* again/);
  });

  test('an uploaded file that fails to import is named by its own name, not the server’s temporary path', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'tripletlens-uploads-'));
    const path = join(temp, 'a1b2', 'broken.csv');
    mkdirSync(join(temp, 'a1b2'));
    const rows = Array.from(
      { length: 250 },
      (_, i) => `c${i},${i % 2 ? 'a' : 'b'},1,${i === 240 ? 'oops' : 2}`,
    );
    writeFileSync(path, `id,label,g1,g2\n${rows.join('\n')}\n`);
    await assert.rejects(
      session.openFile({ kind: 'uploaded', uploadId: 'a1b2', name: 'broken.csv', path }),
      (err: unknown) => {
        assert.ok(err instanceof EngineError);
        assert.match(err.message, /^broken\.csv, line 242, column 4/);
        assert.ok(!err.message.includes(temp), err.message);
        assert.equal(err.file, 'broken.csv');
        return true;
      },
    );
    rmSync(temp, { recursive: true, force: true });
  });

  test('an uploaded source naming a file outside the upload folder is refused (a forged page request)', async () => {
    await assert.rejects(
      session.openFile({
        kind: 'uploaded',
        uploadId: 'x',
        name: 'iris.csv',
        path: join(data, 'sklearn_iris.csv'),
      }),
      (err: unknown) => {
        assert.ok(err instanceof EngineError);
        assert.equal(err.kind, 'invalid-request');
        assert.match(err.message, /not on the server/);
        return true;
      },
    );
  });
});
