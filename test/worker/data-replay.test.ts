// After a worker crash the host reopens what loaded the data (DataReplay): a session the user opened comes back
// as a session — its input and its saved run — never an earlier file, and a file opened after it replaces it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { EngineEvent } from '../../src/api/engine-api.js';
import { packageRoot } from '../../src/util/paths.js';
import { forkSpawner } from '../../src/worker/spawner.js';
import { createWorkerEngine, type WorkerEngine } from '../../src/worker/worker-client.js';

const fakeWorker = join(packageRoot(), 'test', 'worker', 'fixtures', 'fake-worker.ts');
const spawnFake = forkSpawner({ script: fakeWorker, execArgv: ['--import', 'tsx'] });

/** The fake worker's own state (test/worker/fixtures/fake-engine.ts). */
type State = {
  pid: number;
  opens: number;
  sessionOpens: number;
  attaches: number;
  dataset: { source: string; metadataSource: string | null } | null;
  lastRun: { runId: string; labelColumn: string } | null;
};

describe('crash recovery replays a session', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-replay-'));
  const engines: WorkerEngine[] = [];
  const make = () => {
    // these tests read the fake worker's own state, never the host's copy
    const engine = createWorkerEngine(spawnFake, { stateFallbackMs: 60_000 });
    engines.push(engine);
    const events: EngineEvent[] = [];
    engine.onEvent((e) => events.push(e));
    return { engine, events };
  };
  const sessionFile = (name: string) => {
    const path = join(dir, name);
    writeFileSync(path, 'PK');
    return path;
  };
  /** Kills the worker from inside (exit code 3), then returns the new worker's state after one call. */
  const crashAndResume = async (engine: WorkerEngine): Promise<State> => {
    const before = (await engine.getState()) as unknown as State;
    await assert.rejects(engine.labelSummary('crash'), /exited with code 3 unexpectedly/);
    await engine.labelSummary('label');
    const state = (await engine.getState()) as unknown as State;
    assert.notEqual(state.pid, before.pid, 'a new worker');
    return state;
  };
  after(async () => {
    await Promise.all(engines.map((e) => e.dispose()));
    rmSync(dir, { recursive: true, force: true });
  });

  test('an opened session comes back with its input and run, with its confinement — not the earlier file', async () => {
    const { engine, events } = make();
    await engine.openFile({ kind: 'path', path: '/data/earlier.csv' });
    await engine.openSession(
      { kind: 'path', path: sessionFile('cells.tripletlens') },
      { inputRoot: '/root' },
    );
    const state = await crashAndResume(engine);
    assert.equal(state.opens, 0, 'the earlier file is not reopened');
    assert.equal(state.sessionOpens, 1);
    assert.equal(state.dataset?.source, 'input-of-cells.tripletlens.csv');
    assert.equal(state.lastRun?.labelColumn, '/root', 'openSession is replayed with its confinement');
    const exit = events.find((e) => e.type === 'worker-exit');
    assert.ok(exit?.type === 'worker-exit');
    assert.equal(exit.reopens, 'cells.tripletlens');
    assert.match(exit.message, /The session \(cells\.tripletlens\) will be reopened with its map/);
    // the session's map comes back: the page must not be told it was lost
    assert.deepEqual(
      events.filter((e) => e.type === 'run-discarded'),
      [],
    );
  });

  test('a session whose input was re-attached comes back attached, with its joined metadata', async () => {
    const { engine } = make();
    await engine.openSession({ kind: 'path', path: sessionFile('missing.tripletlens') });
    await engine.attachSessionInput({ kind: 'path', path: '/data/moved.csv' });
    await engine.openMetadata({ kind: 'path', path: '/data/meta.csv' });
    const state = await crashAndResume(engine);
    assert.equal(state.sessionOpens, 1);
    assert.equal(state.attaches, 1);
    assert.equal(state.dataset?.source, '/data/moved.csv');
    assert.equal(state.dataset?.metadataSource, '/data/meta.csv');
    assert.equal(state.lastRun?.labelColumn, 'missing.tripletlens');
  });

  test('a file opened after a session replaces it in the replay', async () => {
    const { engine } = make();
    await engine.openSession({ kind: 'path', path: sessionFile('first.tripletlens') });
    await engine.openFile({ kind: 'path', path: '/data/later.csv' });
    const state = await crashAndResume(engine);
    assert.equal(state.sessionOpens, 0);
    assert.equal(state.opens, 1);
    assert.equal(state.dataset?.source, '/data/later.csv');
    assert.equal(state.lastRun, null);
  });

  test('the replay reopens the data unsaid: no page is told another window opened it', async () => {
    const { engine, events } = make();
    await engine.openFile({ kind: 'path', path: '/data/cells.csv' });
    // the page's own open is said (every page hears it; the others follow it)
    assert.equal(events.filter((e) => e.type === 'data-opened').length, 1);
    const seen = events.length;
    const state = await crashAndResume(engine);
    assert.equal(state.opens, 1, 'the file was reopened');
    assert.deepEqual(
      events.slice(seen).filter((e) => e.type === 'data-opened'),
      [],
    );
  });

  test('a session file gone since: the next call says so, naming it, its map is said lost, and nothing is replayed again', async () => {
    const { engine, events } = make();
    const path = sessionFile('gone.tripletlens');
    const opened = await engine.openSession({ kind: 'path', path });
    rmSync(path);
    await assert.rejects(engine.labelSummary('crash'), /exited with code 3/);
    await assert.rejects(
      engine.labelSummary('label'),
      /restarted but could not reopen the loaded data: Cannot read gone\.tripletlens/,
    );
    const lost = events.filter((e) => e.type === 'run-discarded');
    assert.equal(lost.length, 1);
    assert.ok(lost[0].type === 'run-discarded');
    assert.equal(lost[0].runId, opened.result.runId);
    assert.match(lost[0].message, /could not be reopened: Cannot read gone\.tripletlens/);
    const state = (await engine.getState()) as unknown as State;
    assert.equal(state.dataset, null);
    assert.equal(state.sessionOpens, 0);
  });

  test('a file opened after the crash, before the replay: the session’s map is said replaced', async () => {
    const { engine, events } = make();
    const opened = await engine.openSession({ kind: 'path', path: sessionFile('dropped.tripletlens') });
    await assert.rejects(engine.labelSummary('crash'), /exited with code 3/);
    await engine.openFile({ kind: 'path', path: '/data/other.csv' });
    const lost = events.filter((e) => e.type === 'run-discarded');
    assert.deepEqual(
      lost.map((e) => e.type === 'run-discarded' && [e.runId, e.cause]),
      [[opened.result.runId, 'data-replaced']],
    );
    const state = (await engine.getState()) as unknown as State;
    assert.equal(state.dataset?.source, '/data/other.csv');
    assert.equal(state.sessionOpens, 0);
  });

  test('killed while a session opens: the session is not loaded, and the file before it is reopened', async () => {
    const { engine, events } = make();
    await engine.openFile({ kind: 'path', path: '/data/cells.csv' });
    const opening = engine.openSession({ kind: 'path', path: '/data/hang.tripletlens' });
    await new Promise((r) => setTimeout(r, 100));
    process.kill(engine.workerPid() ?? 0, 'SIGKILL');
    await assert.rejects(opening, /hang\.tripletlens was being opened and is not loaded/);
    const exit = events.find((e) => e.type === 'worker-exit');
    assert.ok(exit?.type === 'worker-exit');
    assert.equal(exit.failedOpen, 'hang.tripletlens');
    assert.match(exit.message, /The loaded data \(cells\.csv\) will be reopened/);
    const state = (await engine.getState()) as unknown as State;
    assert.equal(state.dataset?.source, '/data/cells.csv');
    assert.equal(state.sessionOpens, 0);
  });
  test('killed during the replay: said once — the exit says no data is loaded, the call fails in its words', async () => {
    const { engine, events } = make();
    const opened = await engine.openSession({ kind: 'path', path: sessionFile('killed.tripletlens') });
    await assert.rejects(engine.labelSummary('crash'), /exited with code 3/);
    const seen = events.length;
    const next = engine.labelSummary('label');
    next.catch(() => undefined);
    // the next call starts a worker for the replay: killed as soon as it is there, the replay has not ended
    let pid = engine.workerPid();
    while (pid === null) {
      await new Promise((r) => setTimeout(r, 2));
      pid = engine.workerPid();
    }
    process.kill(pid, 'SIGKILL');
    const failure = await next.then(
      () => assert.fail('the call cannot succeed'),
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    const after = events.slice(seen);
    const exits = after.filter((e) => e.type === 'worker-exit');
    assert.equal(exits.length, 1);
    assert.ok(exits[0].type === 'worker-exit');
    assert.equal(exits[0].reopens, null);
    assert.match(exits[0].message, /killed by SIGKILL unexpectedly.* No data is loaded\.$/);
    assert.equal(failure, exits[0].message, 'the call fails with the exit’s own message');
    const lost = after.filter((e) => e.type === 'run-discarded');
    assert.deepEqual(
      lost.map((e) => e.type === 'run-discarded' && e.runId),
      [opened.result.runId],
      'the session’s map is said lost once',
    );
    const state = (await engine.getState()) as unknown as State;
    assert.equal(state.dataset, null, 'nothing is replayed again');
    assert.equal(state.sessionOpens, 0);
  });
  test('a re-attached session whose input is back where it says: reopened without the attach, nothing lost', async () => {
    const { engine, events } = make();
    const path = sessionFile('missing-back.tripletlens');
    await engine.openSession({ kind: 'path', path });
    const attached = await engine.attachSessionInput({ kind: 'path', path: '/data/moved.csv' });
    writeFileSync(`${path}.found`, '');
    const state = await crashAndResume(engine);
    assert.equal(state.sessionOpens, 1);
    assert.equal(state.attaches, 0, 'the session holds its input: no attach is sent');
    assert.equal(state.dataset?.source, 'input-of-missing-back.tripletlens.csv');
    assert.deepEqual(
      events.filter((e) => e.type === 'run-discarded'),
      [],
    );
    assert.equal(attached.inputStatus, 'attached');
  });

  test('a session whose input cannot be re-attached in the replay stays noted: a later crash reopens it', async () => {
    const { engine, events } = make();
    const path = sessionFile('missing-moved.tripletlens');
    const input = join(dir, 'moved.csv');
    await engine.openSession({ kind: 'path', path });
    await engine.attachSessionInput({ kind: 'path', path: input });
    writeFileSync(`${input}.gone`, '');
    await assert.rejects(engine.labelSummary('crash'), /exited with code 3/);
    await assert.rejects(
      engine.labelSummary('label'),
      /was reopened with its map, but its input \(moved\.csv\) could not be re-attached: Cannot read moved\.csv/,
    );
    const seen = events.length;
    await assert.rejects(engine.labelSummary('crash'), /exited with code 3/);
    const exit = events.slice(seen).find((e) => e.type === 'worker-exit');
    assert.ok(exit?.type === 'worker-exit');
    assert.match(exit.message, /The session \(missing-moved\.tripletlens\) will be reopened/);
    await assert.rejects(engine.labelSummary('label'), /Open a file first/);
    const state = (await engine.getState()) as unknown as State;
    assert.equal(state.sessionOpens, 1, 'the session is reopened, waiting for its input');
    assert.equal(state.attaches, 0);
  });
});
