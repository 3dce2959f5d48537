/**
 * The desktop engine host end to end without Electron: the real utilityProcessSpawner over a fork-based
 * utilityProcess stand-in, running the real built worker (dist/worker/engine-worker.js, which `npm test`
 * builds), behind the real IPC handlers and preload API joined by an in-memory IPC, seen by the page through
 * a contextBridge stand-in and the page's IPC transport.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createEngineHost } from '../../electron/engine-host.js';
import type { EngineBridge } from '../../src/api/ipc-channels.js';
import { registerEngineIpc } from '../../electron/ipc-handlers.js';
import { createPathGuard } from '../../electron/path-guard.js';
import { createPreloadEngine } from '../../electron/preload-api.js';
import { APP_START_URL, isTrustedSender } from '../../electron/security.js';
import type { EngineEvent } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { packageRoot } from '../../src/util/paths.js';
import { utilityProcessSpawner } from '../../src/worker/utility-process-spawner.js';
import { createIpcEngine } from '../../renderer/transport/ipc-engine.js';
import { FakeIpc, forkUtilityProcess, frame, valueAcross } from './fakes.js';

const workerScript = join(packageRoot(), 'dist', 'worker', 'engine-worker.js');

function desktop() {
  const ipc = new FakeIpc();
  const mainFrame = frame(APP_START_URL);
  ipc.senderFrame = mainFrame;
  const utilityProcess = forkUtilityProcess();
  const engine = createEngineHost({
    spawn: utilityProcessSpawner(utilityProcess, {
      script: workerScript,
      env: { TRIPLETLENS_BACKEND: 'cpu' },
    }),
    sendToPage: ipc.sendToPage,
  });
  const paths = createPathGuard();
  registerEngineIpc(ipc.main, engine, {
    isTrusted: (f) => isTrustedSender(f, mainFrame),
    paths,
  });
  // the page's EngineApi: the preload's bridge as contextBridge copies it, made typed again by ipc-engine
  const page = createIpcEngine(valueAcross(createPreloadEngine(ipc.renderer)) as EngineBridge);
  const events: EngineEvent[] = [];
  page.onEvent((e) => events.push(e));
  return { engine, page, events, utilityProcess, paths };
}

const until = async (what: string, ok: () => boolean, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

const hosts: ReturnType<typeof desktop>[] = [];
after(async () => {
  await Promise.all(hosts.map((h) => h.engine.dispose()));
});

test('the built worker exists (npm test builds dist/ first)', () => {
  assert.ok(existsSync(workerScript), `${workerScript} missing: run npm run build`);
});

test('a worker crash is reported to the page, the data is kept, and the next call starts a new worker', async () => {
  const host = desktop();
  hosts.push(host);
  const summary = await host.page.openFile({ kind: 'sample' });
  assert.equal(summary.rows, 700);
  const firstPid = host.engine.workerPid();
  assert.ok(firstPid);

  // The OS kills the utility process (as an out-of-memory kill would).
  const child = host.utilityProcess.children.at(-1) as unknown as { signalKill(): void };
  child.signalKill();
  await until('worker-exit event', () => host.events.some((e) => e.type === 'worker-exit'));
  const exit = host.events.find((e) => e.type === 'worker-exit');
  assert.match(exit?.type === 'worker-exit' ? exit.message : '', /unexpectedly/);

  const state = await host.page.getState();
  assert.equal(state.dataset?.rows, 700, 'the loaded data was reopened in the new worker');
  assert.equal(state.dataset?.source, summary.source);
  const secondPid = host.engine.workerPid();
  assert.ok(secondPid && secondPid !== firstPid, 'a new utility process');
  assert.equal(host.utilityProcess.children.length, 2);
});

test('Stop ends a run cleanly with its progress delivered to the page', async () => {
  const host = desktop();
  hosts.push(host);
  await host.page.openFile({ kind: 'sample' });
  const { runId } = await host.page.startTraining({ labelColumn: 'louvain', epochs: 200, snapshotEvery: 0 });
  await until('first progress event', () => host.events.some((e) => e.type === 'train-progress'));
  await host.page.stopTraining();
  await until('run end', () => host.events.some((e) => e.type === 'run-finished' || e.type === 'run-failed'));
  const end = host.events.find((e) => e.type === 'run-finished' || e.type === 'run-failed');
  assert.equal(end?.type, 'run-finished', JSON.stringify(end?.type === 'run-failed' ? end.error : ''));
  if (end?.type !== 'run-finished') return;
  assert.equal(end.result.runId, runId);
  assert.equal(end.result.stoppedReason, 'stopped');
  assert.ok(end.result.history.length < 200);
  assert.equal(end.result.coords.rows, 700);
  assert.ok(end.result.coords.data instanceof Float32Array, 'typed arrays survive both hops');
  assert.ok(!host.events.some((e) => e.type === 'worker-exit'), 'no crash');
});

test('a real import error reaches the page as an EngineError with its kind, file, line and column', async () => {
  const host = desktop();
  hosts.push(host);
  const bad = join(packageRoot(), 'test', 'fixtures', 'bad', 'missing-na.csv');
  host.paths.allow(bad);
  await assert.rejects(host.page.openFile({ kind: 'path', path: bad }), (err: unknown) => {
    assert.ok(err instanceof EngineError, String(err));
    assert.equal(err.kind, 'import');
    assert.equal(err.file, bad);
    assert.deepEqual([err.line, err.column], [4, 5]);
    assert.match(err.message, /line 4, column 5/);
    return true;
  });
});
