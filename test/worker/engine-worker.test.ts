import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { EngineEvent, RunResult } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { forkSpawner } from '../../src/worker/spawner.js';
import { createWorkerEngine } from '../../src/worker/worker-client.js';

function waitFor<T extends EngineEvent['type']>(
  engine: { onEvent(l: (e: EngineEvent) => void): () => void },
  types: T[],
): Promise<Extract<EngineEvent, { type: T }>> {
  return new Promise((resolve) => {
    const off = engine.onEvent((event) => {
      if ((types as string[]).includes(event.type)) {
        off();
        resolve(event as Extract<EngineEvent, { type: T }>);
      }
    });
  });
}

describe('the real engine worker', () => {
  const engine = createWorkerEngine(forkSpawner());
  const dir = mkdtempSync(join(tmpdir(), 'tl-worker-'));
  after(async () => {
    await engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('opens the sample, trains, exports, and survives a crash with the data still loaded', async () => {
    const summary = await engine.openFile({ kind: 'sample' });
    assert.equal(summary.rows, 700);
    assert.equal(summary.genes, 765);
    assert.equal(summary.suggestedLabel, 'label');
    const labels = await engine.labelSummary('label');
    assert.equal(labels.classes.length, 10);
    assert.equal(labels.classes.reduce((n, c) => n + c.count, 0) + labels.unlabeled, 700);

    const progress: EngineEvent[] = [];
    const off = engine.onEvent((e) => progress.push(e));
    const finished = waitFor(engine, ['run-finished', 'run-failed']);
    const { runId } = await engine.startTraining({ labelColumn: 'label', epochs: 2, snapshotEvery: 1 });
    const outcome = await finished;
    off();
    assert.equal(outcome.type, 'run-finished', JSON.stringify(outcome));
    const result = (outcome as { result: RunResult }).result;
    assert.equal(result.runId, runId);
    assert.ok(
      result.coords.data instanceof Float32Array,
      'coordinates cross the process boundary as Float32Array',
    );
    assert.equal(result.coords.rows, 700);
    assert.equal(result.coords.cols, 3);
    assert.ok(result.coords.data.every(Number.isFinite));
    assert.ok(progress.some((e) => e.type === 'train-progress' && e.runId === runId));
    const snapshot = progress.find((e) => e.type === 'embedding-snapshot');
    assert.ok(snapshot?.type === 'embedding-snapshot', 'a snapshot arrived');
    assert.ok(snapshot.rows instanceof Int32Array);
    assert.equal(snapshot.rows.length, snapshot.coords.rows);
    assert.equal(snapshot.coords.rows, result.split.filter((s) => s !== 'holdout').length);

    const csv = await engine.exportCoordinates();
    const lines = csv.text.trim().split('\n');
    assert.equal(lines[0], 'id,label,split,x,y,z,predicted_label,confidence');
    assert.equal(lines.length, 701);

    // the AnnData export is written by the worker where it goes: only its name and size come back
    const h5ad = join(dir, 'sample.h5ad');
    const written = await engine.exportAnnData(null, { kind: 'path', path: h5ad });
    assert.deepEqual(written, {
      kind: 'path',
      path: h5ad,
      fileName: 'pbmc68k_reduced_lognorm.tripletlens.h5ad',
      mimeType: 'application/x-hdf5',
      bytes: statSync(h5ad).size,
    });
    assert.deepEqual([...readFileSync(h5ad).subarray(0, 4)], [0x89, 0x48, 0x44, 0x46], 'an HDF5 file');
    await assert.rejects(
      engine.exportAnnData(null, { kind: 'download' }),
      (err: unknown) => err instanceof EngineError && err.kind === 'invalid-request',
      'only the server makes downloads',
    );

    // crash: the worker is killed; the next call gets a new worker with the sample open again
    const pid = engine.workerPid();
    const exit = waitFor(engine, ['worker-exit']);
    process.kill(pid ?? 0, 'SIGKILL');
    assert.match((await exit).message, /killed by SIGKILL/);
    const again = await engine.labelSummary('label');
    assert.deepEqual(again, labels);
    assert.notEqual(engine.workerPid(), pid);
    const state = await engine.getState();
    assert.equal(state.dataset?.rows, 700);
    assert.equal(state.lastRun, null, 'the model died with the worker');
  });

  test('a malformed file is a readable import error and the worker stays up', async () => {
    const bad = join(dir, 'bad.csv');
    // the bad value sits below the rows the importer profiles, so the column is known to be numeric
    const rows = Array.from(
      { length: 250 },
      (_, i) => `c${i},${i % 2 ? 'a' : 'b'},1,${i === 240 ? 'oops' : 2}`,
    );
    writeFileSync(bad, `id,label,g1,g2\n${rows.join('\n')}\n`);
    const pid = engine.workerPid();
    await assert.rejects(engine.openFile({ kind: 'path', path: bad }), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.kind, 'import');
      assert.match(err.message, /bad\.csv, line 242, column 4/);
      // the page's words across the process boundary: its settings, not the CLI's flags
      assert.match(err.message, /\(Import settings ▸ Metadata columns\), or choose a missing-value policy/);
      assert.doesNotMatch(err.message, /--meta|--missing|the app:/);
      return true;
    });
    assert.equal(engine.workerPid(), pid);
    assert.equal((await engine.getState()).dataset?.rows, 700, 'the previous data stays loaded');
  });

  // what Electron's IPC and serve's HTTP carry from the worker: a refused option names the Train screen's
  // setting, not its API name (batchSize) nor the CLI's flag (--batch-size)
  test('a refused training option crosses from the worker in the page’s words', async () => {
    await assert.rejects(
      engine.startTraining({ labelColumn: 'label', batchSize: 1 }),
      (err: unknown) =>
        err instanceof EngineError &&
        err.kind === 'invalid-request' &&
        err.message === 'Batch size must be an integer from 2 to 100000; got 1',
    );
  });

  // an import's note crosses from the worker in the page's words too: the Import screen's field, not --decimal
  test('an import note naming a setting crosses from the worker in the page’s words', async () => {
    const swedish = join(dir, 'swedish.csv');
    const rows = Array.from({ length: 6 }, (_, i) => `c${i};${i},25;0,5;${i % 2 ? 'T' : 'B'}`);
    writeFileSync(swedish, `cell;GeneA;GeneB;type\n${rows.join('\n')}\n`);
    const summary = await engine.openFile({ kind: 'path', path: swedish });
    const note = summary.warnings.find((w) => w.code === 'decimal-comma');
    assert.match(
      note?.message ?? '',
      /To read it otherwise, choose the decimal separator \(Import settings ▸ Decimal separator: dot \(1\.25\)\)\.$/,
    );
    assert.doesNotMatch(note?.message ?? '', /--decimal|the app:/);
    assert.equal(note?.appMessage, undefined, 'the page is sent its words alone');
  });
});

describe('the real engine worker, killed after a run', () => {
  const engine = createWorkerEngine(forkSpawner());
  after(() => engine.dispose());

  test('the lost run is announced, and ids keep growing in the restarted worker', async () => {
    const first = await engine.openFile({ kind: 'sample' });
    const finished = waitFor(engine, ['run-finished', 'run-failed']);
    const { runId } = await engine.startTraining({ labelColumn: 'label', epochs: 1, snapshotEvery: 0 });
    assert.equal((await finished).type, 'run-finished');

    const discarded = waitFor(engine, ['run-discarded']);
    const exit = waitFor(engine, ['worker-exit']);
    process.kill(engine.workerPid() ?? 0, 'SIGKILL');
    const lost = await discarded;
    assert.equal(lost.runId, runId);
    assert.equal(lost.cause, 'worker-exit');
    assert.match(lost.message, /can no longer be exported/);
    assert.match((await exit).message, /The loaded data \(the sample\) will be reopened/);
    await assert.rejects(engine.exportCoordinates(), /No trained model/);

    // the replayed dataset keeps the id the page holds; the next run gets a new one, above every id handed
    // out before the crash
    const number = (id: string) => Number(/-(\d+)$/.exec(id)?.[1]);
    const state = await engine.getState();
    assert.equal(state.dataset?.datasetId, first.datasetId);
    const again = waitFor(engine, ['run-finished', 'run-failed']);
    const next = await engine.startTraining({ labelColumn: 'label', epochs: 1, snapshotEvery: 0 });
    assert.ok(number(next.runId) > number(runId), `${next.runId} after ${runId}`);
    assert.equal((await again).type, 'run-finished');
  });
});

test('a worker started with TRIPLETLENS_MAX_MEMORY (serve --max-memory) refuses a file over that limit', async () => {
  const engine = createWorkerEngine(forkSpawner({ env: { TRIPLETLENS_MAX_MEMORY: '64K' } }));
  try {
    await assert.rejects(engine.openFile({ kind: 'sample' }), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.match(err.message, /limit of 64 KB/);
      return true;
    });
  } finally {
    await engine.dispose();
  }
});
