import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import {
  DROP_CHANNEL,
  INVOKE_CHANNELS,
  MENU_CHANNEL,
  EVENT_CHANNEL,
  SHELL_GLOBAL,
  type EngineBridge,
  type MenuCommand,
} from '../../src/api/ipc-channels.js';
import { exposeApis } from '../../electron/preload-api.js';
import { createIpcEngine } from '../../renderer/transport/ipc-engine.js';
import { ENGINE_API_METHODS, type EngineEvent, type FileFormatSummary } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { packageRoot } from '../../src/util/paths.js';
import { FakeContextBridge, FakeIpc, valueAcross } from './fakes.js';

/** The preload behind a contextBridge stand-in; `api` is what the page makes of it (renderer's ipc-engine). */
function exposed() {
  const bridge = new FakeContextBridge();
  const ipc = new FakeIpc();
  exposeApis(bridge, ipc.renderer);
  const raw = bridge.exposed.get('tripletlens') as EngineBridge;
  return { bridge, ipc, raw, api: createIpcEngine(raw) };
}

test('the preload exposes exactly EngineApi’s methods as window.tripletlens, plus only the menu bridge', () => {
  const { bridge, raw: api } = exposed();
  assert.deepEqual([...bridge.exposed.keys()].sort(), [SHELL_GLOBAL, 'tripletlens'].sort());
  assert.deepEqual(Object.keys(api).sort(), [...ENGINE_API_METHODS].sort());
  for (const key of Object.keys(api))
    assert.equal(typeof (api as unknown as Record<string, unknown>)[key], 'function');
  assert.deepEqual(Object.keys(bridge.exposed.get(SHELL_GLOBAL) as object), [
    'onMenuCommand',
    'openDropped',
    'chooseProjected',
    'chooseInput',
    'chooseSavePath',
  ]);
});

test('each method invokes its own channel with its arguments and returns the value', async () => {
  const { ipc, api } = exposed();
  const seen: unknown[][] = [];
  ipc.main.handle(INVOKE_CHANNELS.labelSummary, (_e, ...args) => {
    seen.push(args);
    return { ok: true, value: { column: args[0], classes: [], unlabeled: 0, tooSmall: [] } };
  });
  const summary = await api.labelSummary('louvain');
  assert.equal(summary.column, 'louvain');
  assert.deepEqual(seen, [['louvain']]);
});

test('openFile carries the input setting (an h5ad embedding) to main and the embeddings back', async () => {
  const { ipc, api } = exposed();
  const seen: unknown[][] = [];
  const format: FileFormatSummary = {
    kind: 'h5ad',
    matrix: 'obsm/X_scVI',
    layers: ['X'],
    obsm: ['X_scVI', 'X_umap'],
    embeddings: [
      { name: 'X_scVI', columns: 10 },
      { name: 'X_umap', columns: 2 },
    ],
  };
  ipc.main.handle(INVOKE_CHANNELS.openFile, (_e, ...args) => {
    seen.push(args);
    return { ok: true, value: { format } };
  });
  const summary = await api.openFile({ kind: 'path', path: 's.h5ad' }, { input: 'obsm:X_scVI' });
  assert.deepEqual(seen, [[{ kind: 'path', path: 's.h5ad' }, { input: 'obsm:X_scVI' }]]);
  assert.deepEqual(summary.format, format);
});

test('an engine failure is rethrown as an EngineError with its fields', async () => {
  const { ipc, api } = exposed();
  ipc.main.handle(INVOKE_CHANNELS.openFile, () => ({
    ok: false,
    error: {
      kind: 'import',
      message: 'x.csv line 3, column 2: not a number',
      file: 'x.csv',
      line: 3,
      column: 2,
    },
  }));
  await assert.rejects(api.openFile({ kind: 'path', path: 'x.csv' }), (err: unknown) => {
    assert.ok(err instanceof EngineError);
    assert.equal(err.kind, 'import');
    assert.equal(err.line, 3);
    assert.equal(err.column, 2);
    assert.match(err.message, /line 3, column 2/);
    return true;
  });
});

test('contextBridge drops a thrown error’s fields (the gap the bridge’s outcome data closes)', async () => {
  // what the preload did before: rethrow the EngineError on its side of the bridge
  const across = valueAcross(async () => {
    throw new EngineError({
      kind: 'import',
      message: 'x.csv line 3, column 2: not a number',
      line: 3,
      column: 2,
    });
  }) as () => Promise<never>;
  await assert.rejects(across(), (err: unknown) => {
    assert.ok(!(err instanceof EngineError));
    assert.equal((err as { kind?: unknown }).kind, undefined);
    assert.equal((err as { line?: unknown }).line, undefined);
    assert.match((err as Error).message, /line 3, column 2/);
    return true;
  });
});

test('the bridge never rejects: failures cross as data, a failed invoke becomes an internal outcome', async () => {
  const { ipc, raw } = exposed();
  const info = { kind: 'import', message: 'x.csv, line 3, column 2: bad', file: 'x.csv', line: 3, column: 2 };
  ipc.main.handle(INVOKE_CHANNELS.openFile, () => ({ ok: false, error: info }));
  assert.deepEqual(await raw.openFile({ kind: 'path', path: 'x.csv' }), { ok: false, error: info });
  // no handler registered for getState: ipcRenderer.invoke rejects; the page still gets data
  const outcome = await raw.getState();
  assert.equal(outcome.ok, false);
  if (!outcome.ok) {
    assert.equal(outcome.error.kind, 'internal');
    assert.match(outcome.error.message, /No handler registered/);
  }
  // a malformed reply from main is an error too, never a silent value
  ipc.main.handle(INVOKE_CHANNELS.backendInfo, () => ({ backend: 'wasm' }));
  const odd = await raw.backendInfo();
  assert.equal(odd.ok, false);
});

test('event listeners get the payload only (never the IpcRendererEvent) and can unsubscribe', () => {
  const { ipc, api, bridge } = exposed();
  const calls: unknown[][] = [];
  const off = api.onEvent((...args: unknown[]) => calls.push(args));
  const event: EngineEvent = { type: 'train-stage', runId: 'r1', stage: 'preprocess' };
  ipc.sendToPage(EVENT_CHANNEL, event);
  ipc.sendToPage(EVENT_CHANNEL, 'not an event');
  assert.deepEqual(calls, [[event]]);
  assert.equal(typeof off, 'function');
  off();
  assert.equal(ipc.listenerCount(EVENT_CHANNEL), 0, 'unsubscribed from ipcRenderer');
  ipc.sendToPage(EVENT_CHANNEL, event);
  assert.equal(calls.length, 1);

  const shell = bridge.exposed.get(SHELL_GLOBAL) as {
    onMenuCommand(l: (c: MenuCommand) => void): () => void;
  };
  const commands: unknown[][] = [];
  const offMenu = shell.onMenuCommand((...args: unknown[]) => commands.push(args));
  ipc.sendToPage(MENU_CHANNEL, { kind: 'open-sample' });
  ipc.sendToPage(MENU_CHANNEL, { kind: 'format-disk' });
  ipc.sendToPage(MENU_CHANNEL, { kind: 'open-path', path: '' });
  assert.deepEqual(commands, [[{ kind: 'open-sample' }]]);
  offMenu();
  assert.equal(ipc.listenerCount(MENU_CHANNEL), 0);
});

test('the built preload.cjs, run as a sandboxed preload (require gives only electron), exposes EngineApi', () => {
  const code = readFileSync(join(packageRoot(), 'dist', 'electron', 'preload.cjs'), 'utf8');
  const bridge = new FakeContextBridge();
  const ipc = new FakeIpc();
  const required: string[] = [];
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return { contextBridge: bridge, ipcRenderer: ipc.renderer };
  };
  const module = { exports: {} };
  runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
  assert.deepEqual([...new Set(required)], ['electron']);
  const api = bridge.exposed.get('tripletlens') as Record<string, unknown>;
  assert.deepEqual(Object.keys(api).sort(), [...ENGINE_API_METHODS].sort());
  assert.ok(bridge.exposed.has(SHELL_GLOBAL));
});

test('the built preload.cjs keeps an engine error’s kind, line and column across the bridge', async () => {
  const code = readFileSync(join(packageRoot(), 'dist', 'electron', 'preload.cjs'), 'utf8');
  const bridge = new FakeContextBridge();
  const ipc = new FakeIpc();
  const module = { exports: {} };
  const electron = {
    contextBridge: bridge,
    ipcRenderer: ipc.renderer,
    webUtils: { getPathForFile: () => '' },
  };
  runInNewContext(code, { require: () => electron, module, exports: module.exports });
  ipc.main.handle(INVOKE_CHANNELS.openFile, () => ({
    ok: false,
    error: {
      kind: 'import',
      message: 'x.csv, line 4, column 5: missing value',
      file: 'x.csv',
      line: 4,
      column: 5,
    },
  }));
  const page = createIpcEngine(bridge.exposed.get('tripletlens') as EngineBridge);
  await assert.rejects(page.openFile({ kind: 'path', path: 'x.csv' }), (err: unknown) => {
    assert.ok(err instanceof EngineError);
    assert.deepEqual([err.kind, err.file, err.line, err.column], ['import', 'x.csv', 4, 5]);
    return true;
  });
});

test('openDropped: the dropped File’s path (webUtils) goes to main; no path, nothing sent', () => {
  const bridge = new FakeContextBridge();
  const ipc = new FakeIpc();
  const paths = new Map<Blob, string>();
  exposeApis(bridge, ipc.renderer, { getPathForFile: (file) => paths.get(file) ?? '' });
  const sent: unknown[][] = [];
  ipc.main.on(DROP_CHANNEL, (_event, ...args) => void sent.push(args));
  const shell = bridge.exposed.get(SHELL_GLOBAL) as { openDropped(file: Blob): boolean };
  const onDisk = new Blob(['x']);
  paths.set(onDisk, '/data/sample1/filtered_feature_bc_matrix');
  assert.equal(shell.openDropped(onDisk), true);
  assert.equal(shell.openDropped(new Blob(['made in the page'])), false);
  assert.deepEqual(sent, [['/data/sample1/filtered_feature_bc_matrix']]);
  // without webUtils (an older Electron) nothing is sent and the page handles the drop itself
  const older = new FakeContextBridge();
  exposeApis(older, ipc.renderer);
  assert.equal(
    (older.exposed.get(SHELL_GLOBAL) as { openDropped(f: Blob): boolean }).openDropped(onDisk),
    false,
  );
  assert.equal(sent.length, 1);
});

test('markerGenes crosses the bridge: its selection rows arrive as an Int32Array, its result comes back', async () => {
  const { ipc, api } = exposed();
  const seen: unknown[] = [];
  ipc.main.handle(INVOKE_CHANNELS.markerGenes, (_e, request) => {
    seen.push(request);
    return { ok: true, value: { datasetId: 'data-1', genes: [{ gene: 'CD79A', pValue: 1e-300 }] } };
  });
  const result = await api.markerGenes({ group: Int32Array.of(2, 5), reference: 'rest', genes: 10 });
  assert.equal(result.genes[0].gene, 'CD79A');
  assert.equal(result.genes[0].pValue, 1e-300);
  const request = seen[0] as { group: Int32Array; reference: string; genes: number };
  assert.ok(ArrayBuffer.isView(request.group), 'the rows stay a typed array');
  assert.deepEqual([...request.group], [2, 5]);
  assert.equal(request.reference, 'rest');
});
