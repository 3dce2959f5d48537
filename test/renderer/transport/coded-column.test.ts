/**
 * The live map's labels as class codes and names (`columnValues` with `coded`) through both of the page's
 * transports — the desktop's IPC (main's handlers, the preload, structured clone as Electron clones) and
 * serve's HTTP frames (src/api/wire.ts) — arrive as they were sent: the codes a typed array of the same kind
 * (a byte a cell up to 256 classes, else four), the names in their order, each cell's label the same.
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
import { decodeColumnCodes, encodeColumnCodes } from '../../../src/api/column-codes.js';
import type {
  ColumnRequest,
  ColumnValues,
  EngineApi,
  EngineEventListener,
} from '../../../src/api/engine-api.js';
import { startServer, type RunningServer } from '../../../src/server/http-server.js';
import { exposedPage, FakeIpc, frame } from '../../electron/fakes.js';

/** Labels of 5 000 cells: few classes (one with an empty label) or 300, one a cell mostly. */
const FEW = Array.from({ length: 5000 }, (_, i) => (i % 17 === 0 ? '' : `class ${i % 7}`));
const MANY = Array.from({ length: 5000 }, (_, i) => `cluster ${(i * 31) % 300}`);

/** An engine answering columnValues as the real one does for a coded request of column 'few' or 'many'. */
function labelEngine(): EngineApi {
  const columnValues = async (request: ColumnRequest): Promise<ColumnValues> => {
    if (request.kind !== 'metadata' || request.coded !== true)
      throw new Error('a coded request was expected');
    const values = request.column === 'many' ? MANY : FEW;
    return { kind: 'coded', name: request.column, ...encodeColumnCodes(values) };
  };
  return { columnValues, onEvent: (_l: EngineEventListener) => () => undefined } as unknown as EngineApi;
}

describe('the coded labels over IPC and over HTTP', () => {
  const base = mkdtempSync(join(tmpdir(), 'tl-coded-'));
  let server: RunningServer;
  let http: EngineApi;
  let desktop: EngineApi;

  before(async () => {
    mkdirSync(join(base, 'ui'));
    writeFileSync(join(base, 'ui', 'index.html'), '<!doctype html><title>TripletLens</title>');
    server = await startServer({ engine: labelEngine(), port: 0, root: base, staticDir: join(base, 'ui') });
    http = createHttpEngine({
      baseUrl: `http://127.0.0.1:${server.port}`,
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...init?.headers, 'x-tripletlens-token': server.token } }),
      openEvents: () => ({}) as EventSource,
    });
    const ipc = new FakeIpc();
    const mainFrame = frame(APP_START_URL);
    registerEngineIpc(ipc.main, labelEngine(), {
      isTrusted: (f) => isTrustedSender(f, mainFrame),
      paths: createPathGuard(),
    });
    desktop = exposedPage(ipc, mainFrame).api;
  });
  after(async () => {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  });

  for (const [column, values, codes] of [
    ['few', FEW, Uint8Array],
    ['many', MANY, Int32Array],
  ] as const) {
    test(`${column} classes: the codes and names arrive as sent, each cell's label the same`, async () => {
      const sent = encodeColumnCodes(values);
      for (const [name, api] of [
        ['IPC', desktop],
        ['HTTP', http],
      ] as const) {
        const reply = await api.columnValues({ kind: 'metadata', column, coded: true });
        assert.equal(reply.kind, 'coded', name);
        if (reply.kind !== 'coded') continue;
        assert.ok(reply.codes instanceof codes, `${name}: ${reply.codes.constructor.name}`);
        assert.deepEqual(reply.categories, sent.categories, name);
        assert.deepEqual(Array.from(reply.codes), Array.from(sent.codes), name);
        assert.deepEqual(decodeColumnCodes(reply), values, name);
      }
    });
  }
});
