import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { EngineEvent } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { packageRoot } from '../../src/util/paths.js';
import { forkSpawner } from '../../src/worker/spawner.js';
import { createWorkerEngine, type WorkerEngine } from '../../src/worker/worker-client.js';

const fakeWorker = join(packageRoot(), 'test', 'worker', 'fixtures', 'fake-worker.ts');
const spawnFake = forkSpawner({ script: fakeWorker, execArgv: ['--import', 'tsx'] });

/**
 * `ask`'s answer, asked while the fake worker's event loop is blocked (a 1.5 s synchronous stage of its
 * labelSummary('block')) — after asserting it came before the blocking call ended: the host answered it.
 */
async function answeredWhileBlocked<T>(engine: WorkerEngine, ask: () => Promise<T>): Promise<T> {
  const order: string[] = [];
  const blocked = engine.labelSummary('block').then(() => order.push('blocking call done'));
  await new Promise((r) => setTimeout(r, 200)); // the worker is now inside its 1.5 s synchronous stage
  const answer = await ask();
  order.push('answered');
  await blocked;
  assert.deepEqual(order, ['answered', 'blocking call done'], "the host's copy answered");
  return answer;
}

type State = {
  opens: number;
  pid: number;
  dataset: { source: string; metadataSource: string | null } | null;
};

describe('createWorkerEngine with a fake worker', () => {
  const engines: WorkerEngine[] = [];
  const make = () => {
    // these tests read the fake worker's own state (pid, opens), never the host's copy
    const engine = createWorkerEngine(spawnFake, { stateFallbackMs: 60_000 });
    engines.push(engine);
    return engine;
  };
  after(async () => {
    await Promise.all(engines.map((e) => e.dispose()));
  });

  test('answers requests, keeps typed arrays, forwards events', async () => {
    const engine = make();
    const events: EngineEvent[] = [];
    engine.onEvent((e) => events.push(e));
    assert.equal(engine.workerPid(), null, 'no worker before the first call');
    const summary = await engine.openFile({ kind: 'upload', name: 'u.csv', bytes: new Uint8Array(5) });
    assert.equal(summary.rows, 5);
    const values = await engine.columnValues({ kind: 'gene', gene: 'g1' });
    assert.equal(values.kind, 'numeric');
    assert.ok(values.kind === 'numeric' && values.values instanceof Float32Array);
    assert.deepEqual(Array.from(values.kind === 'numeric' ? values.values : []), [0.5, 1.5, 2.5]);
    await engine.startTraining({ labelColumn: 'label' });
    for (let i = 0; i < 100 && !events.some((e) => e.type === 'embedding-snapshot'); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.deepEqual(
      events.map((e) => e.type),
      ['import-progress', 'data-opened', 'embedding-snapshot'],
    );
    const snapshot = events[2];
    assert.ok(snapshot.type === 'embedding-snapshot' && snapshot.coords.data instanceof Float32Array);
  });

  test('calls that answer nothing (Stop, Cancel) resolve to nothing', async () => {
    const engine = make();
    assert.equal(await engine.stopTraining(), undefined);
    assert.equal(await engine.cancelImport(), undefined);
  });

  test('engine errors arrive as EngineError with location', async () => {
    const engine = make();
    await assert.rejects(engine.openFile({ kind: 'path', path: '/x/bad.csv' }), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.kind, 'import');
      assert.equal(err.line, 3);
      assert.equal(err.column, 2);
      assert.match(err.message, /bad\.csv, line 3, column 2/);
      return true;
    });
  });

  test('a crash rejects the call, emits worker-exit, and the next call restarts and replays the data', async () => {
    const engine = make();
    const events: EngineEvent[] = [];
    engine.onEvent((e) => events.push(e));
    await engine.openFile({ kind: 'upload', name: 'cells.csv', bytes: new Uint8Array(7) });
    await engine.openMetadata({ kind: 'path', path: '/data/meta.csv' });
    const before = (await engine.getState()) as unknown as State;

    await assert.rejects(engine.labelSummary('crash'), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.kind, 'worker');
      assert.match(err.message, /exited with code 3 unexpectedly/);
      return true;
    });
    const exit = events.find((e) => e.type === 'worker-exit');
    assert.ok(exit && exit.type === 'worker-exit');
    assert.equal(exit.code, 3);

    // the next call works, in a new process that has the same file and metadata open again
    const summary = await engine.labelSummary('label');
    assert.equal(summary.column, 'label');
    const afterCrash = (await engine.getState()) as unknown as State;
    assert.notEqual(afterCrash.pid, before.pid);
    assert.equal(afterCrash.opens, 1, 'the new worker opened the file once (the replay)');
    assert.equal(afterCrash.dataset?.source, 'cells.csv');
    assert.equal(afterCrash.dataset?.metadataSource, '/data/meta.csv');
  });

  test('a worker killed with calls in flight rejects every one of them', async () => {
    const engine = make();
    await engine.openFile({ kind: 'sample' });
    const first = engine.labelSummary('hang');
    const second = engine.labelSummary('label'); // queued behind the first
    process.kill(engine.workerPid() ?? 0, 'SIGKILL');
    await assert.rejects(first, /killed by SIGKILL/);
    await assert.rejects(second, /killed by SIGKILL/);
    assert.equal((await engine.labelSummary('label')).column, 'label');
  });

  test('dispose stops the worker without reporting a crash', async () => {
    const engine = make();
    const events: EngineEvent[] = [];
    engine.onEvent((e) => events.push(e));
    await engine.getState();
    assert.ok(engine.workerPid());
    await engine.dispose();
    assert.equal(engine.workerPid(), null);
    assert.equal(events.length, 0);
    await assert.rejects(engine.getState(), /shut down/);
  });
});

describe('what the host says when the worker dies', () => {
  test('killed while opening the first file: that file is not loaded and nothing is reopened', async () => {
    const engine = createWorkerEngine(spawnFake);
    try {
      const events: EngineEvent[] = [];
      engine.onEvent((e) => events.push(e));
      await engine.getState(); // start the worker
      const opening = engine.openFile({ kind: 'upload', name: 'hang.csv.gz', bytes: new Uint8Array(3) });
      await new Promise((r) => setTimeout(r, 100));
      process.kill(engine.workerPid() ?? 0, 'SIGABRT');
      await assert.rejects(opening, /hang\.csv\.gz was being opened and is not loaded/);
      const exit = events.find((e) => e.type === 'worker-exit');
      assert.ok(exit?.type === 'worker-exit');
      assert.equal(exit.failedOpen, 'hang.csv.gz');
      assert.equal(exit.reopens, null);
      assert.match(exit.message, /killed by SIGABRT unexpectedly \(it probably ran out of memory\)/);
      assert.match(exit.message, /No data is loaded\./);
      assert.doesNotMatch(exit.message, /will be reopened/);
    } finally {
      await engine.dispose();
    }
  });

  test('killed while opening a second file: the first one is what gets reopened', async () => {
    const engine = createWorkerEngine(spawnFake);
    try {
      const events: EngineEvent[] = [];
      engine.onEvent((e) => events.push(e));
      await engine.openFile({ kind: 'path', path: '/data/cells.csv' });
      const opening = engine.openFile({ kind: 'path', path: '/data/hang.csv' });
      await new Promise((r) => setTimeout(r, 100));
      process.kill(engine.workerPid() ?? 0, 'SIGKILL');
      await assert.rejects(opening, /killed by SIGKILL/);
      const exit = events.find((e) => e.type === 'worker-exit');
      assert.ok(exit?.type === 'worker-exit');
      assert.equal(exit.reopens, 'cells.csv');
      assert.match(
        exit.message,
        /hang\.csv was being opened and is not loaded\. The loaded data \(cells\.csv\) will be reopened/,
      );
      const state = (await engine.getState()) as unknown as State;
      assert.equal(state.dataset?.source, '/data/cells.csv');
    } finally {
      await engine.dispose();
    }
  });
});

describe('getState while the worker is busy', () => {
  test('a worker whose event loop is blocked still gets its state answered, by the host', async () => {
    const engine = createWorkerEngine(spawnFake);
    try {
      await engine.openFile({ kind: 'path', path: '/data/cells.csv' });
      const state = await answeredWhileBlocked(engine, () => engine.getState());
      assert.equal(state.dataset?.source, '/data/cells.csv', 'the host knows what is loaded');
      assert.equal(state.activeRunId, null);
      assert.equal((state as { pid?: number }).pid, undefined, "the host's copy, not the worker's answer");
    } finally {
      await engine.dispose();
    }
  });
});

describe('getState while the worker is busy, during a run', () => {
  test('the host’s copy gives the run’s settings: a reloaded page shows them and colours by its label', async () => {
    const engine = createWorkerEngine(spawnFake);
    try {
      await engine.openFile({ kind: 'path', path: '/data/cells.csv' });
      const request = { labelColumn: 'label', epochs: 40, margin: 0.7 };
      const { runId } = await engine.startTraining(request);
      const state = await answeredWhileBlocked(engine, () => engine.getState());
      assert.equal(state.activeRunId, runId);
      assert.deepEqual(state.activeRequest, request);
    } finally {
      await engine.dispose();
    }
  });
});

describe('backendInfo while the worker is busy', () => {
  test('is answered from the host’s copy of the worker’s first answer', async () => {
    const engine = createWorkerEngine(spawnFake);
    try {
      await engine.openFile({ kind: 'path', path: '/data/cells.csv' });
      const first = await engine.backendInfo();
      const again = await answeredWhileBlocked(engine, () => engine.backendInfo());
      assert.deepEqual(again, first);
    } finally {
      await engine.dispose();
    }
  });
});
