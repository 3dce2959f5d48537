import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INVOKE_CHANNELS } from '../../src/api/ipc-channels.js';
import { registerEngineIpc } from '../../electron/ipc-handlers.js';
import { createPathGuard } from '../../electron/path-guard.js';
import { createPreloadEngine } from '../../electron/preload-api.js';
import { createIpcEngine } from '../../renderer/transport/ipc-engine.js';
import { APP_START_URL, isTrustedSender } from '../../electron/security.js';
import { ENGINE_REQUEST_METHODS, type EngineApi } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { FakeIpc, frame } from './fakes.js';

/** An engine that records calls and answers with the method name. */
function recordingEngine() {
  const calls: string[] = [];
  const engine = Object.fromEntries(
    ENGINE_REQUEST_METHODS.map((m) => [
      m,
      async (...args: unknown[]) => {
        calls.push(m);
        if (m === 'labelSummary' && args[0] === 'boom') {
          throw new EngineError({ kind: 'invalid-request', message: 'No column named boom' });
        }
        return { method: m };
      },
    ]),
  ) as unknown as Omit<EngineApi, 'onEvent'>;
  return { engine, calls };
}

function setup() {
  const ipc = new FakeIpc();
  const mainFrame = frame(APP_START_URL);
  const paths = createPathGuard();
  const rejected: string[] = [];
  const { engine, calls } = recordingEngine();
  const unregister = registerEngineIpc(ipc.main, engine, {
    isTrusted: (f) => isTrustedSender(f, mainFrame),
    paths,
    onRejected: (m) => rejected.push(m),
  });
  ipc.senderFrame = mainFrame;
  return {
    ipc,
    mainFrame,
    paths,
    rejected,
    calls,
    unregister,
    api: createIpcEngine(createPreloadEngine(ipc.renderer)),
  };
}

test('one handler per EngineApi request method', () => {
  const { ipc, unregister } = setup();
  assert.deepEqual(
    [...ipc.handlers.keys()].sort(),
    ENGINE_REQUEST_METHODS.map((m) => INVOKE_CHANNELS[m]).sort(),
  );
  unregister();
  assert.equal(ipc.handlers.size, 0);
});

test('calls from the main window’s top frame reach the engine; errors keep their kind', async () => {
  const { api, calls } = setup();
  assert.deepEqual(await api.getState(), { method: 'getState' });
  await assert.rejects(api.labelSummary('boom'), {
    kind: 'invalid-request',
    message: 'No column named boom',
  });
  assert.deepEqual(calls, ['getState', 'labelSummary']);
});

test('an IPC call from a foreign frame is rejected without reaching the engine', async () => {
  const { ipc, api, calls, mainFrame, rejected } = setup();
  for (const foreign of [
    frame(APP_START_URL, mainFrame), // an iframe inside the window
    frame('https://evil.example/'), // another window or a navigated page
    frame(APP_START_URL), // same URL, but not the main window's frame
    null, // the frame is gone
  ]) {
    ipc.senderFrame = foreign;
    await assert.rejects(api.startTraining({ labelColumn: 'louvain' }), { kind: 'forbidden' });
  }
  assert.deepEqual(calls, [], 'the engine was never called');
  assert.equal(rejected.length, 4);
});

test('file paths are honoured only when the user picked them in a dialog', async () => {
  const { api, calls, paths } = setup();
  await assert.rejects(api.openFile({ kind: 'path', path: '/etc/passwd' }), { kind: 'forbidden' });
  await assert.rejects(api.embedFile({ kind: 'path', path: '/home/u/other.csv' }), { kind: 'forbidden' });
  await assert.rejects(api.exportModel({ kind: 'path', dir: '/home/u/.ssh' }), { kind: 'forbidden' });
  await assert.rejects(
    api.openFile({
      kind: 'uploaded',
      uploadId: 'u1',
      name: 'x.csv',
      path: '/tmp/tripletlens-uploads-1/u1/x.csv',
    }),
    { kind: 'forbidden' },
  );
  assert.deepEqual(calls, []);
  paths.allow('/home/u/data/pbmc.csv');
  await api.openFile({ kind: 'path', path: '/home/u/data/../data/pbmc.csv' });
  await api.openFile({ kind: 'sample' });
  await api.openMetadata({ kind: 'upload', name: 'm.csv', bytes: new Uint8Array([1]) });
  await api.exportModel({ kind: 'archive' });
  assert.deepEqual(calls, ['openFile', 'openFile', 'openMetadata', 'exportModel']);
});
