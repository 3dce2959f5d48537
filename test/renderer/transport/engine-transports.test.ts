/**
 * The contract of EngineApi's two implementations: the page's IPC transport (renderer/transport/ipc-engine.ts
 * over the preload's bridge and main's handlers, electron/) and its HTTP transport (http-engine.ts to the
 * routes of `tripletlens serve`, src/server/) expose the same methods — EngineApi's, every one — and each
 * request method reaches the engine by its own name with its arguments, through the real handlers on both
 * sides. A method missing from either transport, from main's handlers or from the server's routes fails here
 * by name; a method added to EngineApi without an entry in ARGS below fails to typecheck.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { registerEngineIpc } from '../../../electron/ipc-handlers.js';
import { createPathGuard } from '../../../electron/path-guard.js';
import { APP_START_URL, isTrustedSender } from '../../../electron/security.js';
import { createHttpEngine } from '../../../renderer/transport/http-engine.js';
import {
  ENGINE_API_METHODS,
  ENGINE_REQUEST_METHODS,
  type EngineApi,
  type EngineArgs,
  type EngineEventListener,
  type EngineRequestMethod,
} from '../../../src/api/engine-api.js';
import { startServer, type RunningServer } from '../../../src/server/http-server.js';
import { exposedPage, FakeIpc, frame } from '../../electron/fakes.js';

const edited = { column: 'label_edited', source: 'louvain', categories: ['B'], codes: Int32Array.of(0, -1) };

/** One valid argument list per request method, without paths (each transport confines those its own way). */
const ARGS: { [M in EngineRequestMethod]: EngineArgs<M> } = {
  openFile: [{ kind: 'sample' }, { previewRows: 3 }],
  openMetadata: [{ kind: 'upload', name: 'm.csv', bytes: Uint8Array.of(105, 100) }],
  cancelImport: [],
  labelSummary: ['louvain'],
  columnValues: [{ kind: 'gene', gene: 'CD79A' }],
  backendInfo: [],
  getState: [],
  startTraining: [{ labelColumn: 'louvain', epochs: 2 }],
  stopTraining: [],
  embedFile: [{ kind: 'upload', name: 'q.csv', bytes: Uint8Array.of(1, 2) }, { layer: 'counts' }],
  exportCoordinates: [edited],
  exportProjected: ['projection-3'],
  exportReport: [],
  // each transport's own target: the desktop's save-dialog path, serve's download (set below)
  exportAnnData: [edited, { kind: 'download' }],
  exportModel: [{ kind: 'archive' }],
  cellNeighbours: [4, 9],
  retrainWithLabels: [{ editedLabels: edited, init: 'scratch', epochs: 1 }],
  runPredictions: [],
  exportEditedLabels: [edited],
  saveSession: [{ editedLabels: edited, selection: Int32Array.of(1, 3), view: { dims: 2 } }],
  openSession: [{ kind: 'upload', name: 's.tripletlens', bytes: Uint8Array.of(80, 75) }],
  attachSessionInput: [{ kind: 'sample' }],
  markerGenes: [{ group: Int32Array.of(0, 2), reference: 'rest', genes: 5, valueLog: 'log2' }],
};

/** An engine that records each call (method and arguments) and answers with its method's name. */
function recordingEngine(): { engine: EngineApi; calls: { method: string; args: unknown[] }[] } {
  const calls: { method: string; args: unknown[] }[] = [];
  const methods = Object.fromEntries(
    ENGINE_REQUEST_METHODS.map((m) => [
      m,
      async (...args: unknown[]) => {
        calls.push({ method: m, args });
        if (m === 'exportAnnData') {
          // the engine writes the file where it is told (serve: its download slot)
          const target = args[1] as { path: string };
          writeFileSync(target.path, 'HDF5');
          return {
            kind: 'path',
            path: target.path,
            fileName: 'x.h5ad',
            mimeType: 'application/x-hdf5',
            bytes: 4,
          };
        }
        return { answeredBy: m };
      },
    ]),
  );
  const engine = {
    ...methods,
    onEvent: (_listener: EngineEventListener) => () => undefined,
  } as unknown as EngineApi;
  return { engine, calls };
}

/** The page's EngineApi in the desktop app: ipc-engine over the preload, main's handlers, the path guard. */
function desktopTransport() {
  const { engine, calls } = recordingEngine();
  const ipc = new FakeIpc();
  const mainFrame = frame(APP_START_URL);
  const paths = createPathGuard();
  registerEngineIpc(ipc.main, engine, { isTrusted: (f) => isTrustedSender(f, mainFrame), paths });
  return { api: exposedPage(ipc, mainFrame).api, calls, paths };
}

describe('EngineApi’s two transports', () => {
  const base = mkdtempSync(join(tmpdir(), 'tl-transports-'));
  let server: RunningServer;
  const served = recordingEngine();
  let http: EngineApi;

  before(async () => {
    mkdirSync(join(base, 'ui'));
    writeFileSync(join(base, 'ui', 'index.html'), '<!doctype html><title>TripletLens</title>');
    server = await startServer({ engine: served.engine, port: 0, root: base, staticDir: join(base, 'ui') });
    // the page's fetch carries the token as a cookie; here as the header the server also accepts
    http = createHttpEngine({
      baseUrl: `http://127.0.0.1:${server.port}`,
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...init?.headers, 'x-tripletlens-token': server.token } }),
      openEvents: () => ({}) as EventSource,
    });
  });
  after(async () => {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  });

  test('both expose exactly EngineApi’s methods, each a function', () => {
    const desktop = desktopTransport().api;
    for (const [name, api] of [
      ['IPC (desktop)', desktop],
      ['HTTP (serve)', http],
    ] as const) {
      assert.deepEqual(Object.keys(api).sort(), [...ENGINE_API_METHODS].sort(), name);
      for (const method of ENGINE_API_METHODS) {
        assert.equal(typeof api[method], 'function', `${name}: ${method}`);
      }
    }
    assert.deepEqual(Object.keys(desktop).sort(), Object.keys(http).sort());
  });

  test('every request method reaches the engine by its name with its arguments, over IPC as over HTTP', async () => {
    const desktop = desktopTransport();
    const saveTo = join(base, 'chosen.h5ad');
    desktop.paths.allowWrite(saveTo);
    const missing: string[] = [];
    for (const method of ENGINE_REQUEST_METHODS) {
      const args = ARGS[method] as unknown[];
      const desktopArgs = method === 'exportAnnData' ? [edited, { kind: 'path', path: saveTo }] : args;
      for (const [name, api, calls, sent] of [
        ['IPC', desktop.api, desktop.calls, desktopArgs],
        ['HTTP', http, served.calls, args],
      ] as const) {
        const before = calls.length;
        const call = api[method] as (...a: unknown[]) => Promise<unknown>;
        let answer: unknown;
        try {
          answer = await call(...sent);
        } catch (err) {
          missing.push(`${name} ${method}: ${String(err)}`);
          continue;
        }
        const reached = calls.slice(before);
        if (reached.length !== 1 || reached[0].method !== method) {
          missing.push(`${name} ${method}: reached ${JSON.stringify(reached.map((c) => c.method))}`);
          continue;
        }
        if (method !== 'exportAnnData') {
          assert.deepEqual(answer, { answeredBy: method }, `${name} ${method}'s answer`);
          // serve adds its confinement to openSession (the page never sends it)
          const got = method === 'openSession' ? reached[0].args.slice(0, 1) : reached[0].args;
          assert.deepEqual(got, sent, `${name} ${method}'s arguments`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });
});
