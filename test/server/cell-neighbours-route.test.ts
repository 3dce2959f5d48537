/**
 * EngineApi.cellNeighbours over HTTP: a wire frame POSTed to /api/cellNeighbours (src/server/api-routes.ts, as
 * renderer/transport/http-engine.ts sends it — that module needs the DOM typings, so the frame is built here)
 * reaches the engine, and the reply frame carries the neighbour lists as Int32Arrays, or the engine's typed
 * error for a refused cell.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ENGINE_REQUEST_METHODS } from '../../src/api/engine-api.js';
import type { CellNeighbourhood, EngineErrorInfo } from '../../src/api/engine-api.js';
import { FRAME_CONTENT_TYPE, decodeFrame, encodeFrame } from '../../src/api/wire.js';
import { startServer, type RunningServer } from '../../src/server/http-server.js';
import { FakeEngine } from '../worker/fixtures/fake-engine.js';

describe('cellNeighbours over HTTP', () => {
  let server: RunningServer;
  let base: string;
  const engine = new FakeEngine();

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'tl-nbrs-route-'));
    mkdirSync(join(base, 'ui'));
    writeFileSync(join(base, 'ui', 'index.html'), '<!doctype html><title>TripletLens</title>');
    server = await startServer({ engine, port: 0, root: base, staticDir: join(base, 'ui') });
  });
  after(async () => {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  });

  type Reply = { ok: true; result: CellNeighbourhood } | { ok: false; error: EngineErrorInfo };
  /** One call as the page's transport makes it (with the token as a header; a page has it as a cookie). */
  const call = async (args: unknown[]): Promise<Reply> => {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/cellNeighbours`, {
      method: 'POST',
      headers: { 'content-type': FRAME_CONTENT_TYPE, 'x-tripletlens-token': server.token },
      body: encodeFrame(args),
    });
    assert.equal(response.status, 200);
    return decodeFrame(await response.arrayBuffer()) as Reply;
  };

  test('is a request method of the API (so both transports carry it)', () => {
    assert.ok(ENGINE_REQUEST_METHODS.includes('cellNeighbours'));
  });

  test('the answer round-trips with its neighbour lists as Int32Arrays', async () => {
    const reply = await call([0, 2]);
    assert.ok(reply.ok);
    const answer = reply.result;
    assert.ok(answer.inputNeighbours instanceof Int32Array);
    assert.ok(answer.mapNeighbours instanceof Int32Array);
    assert.deepEqual(
      { ...answer, inputNeighbours: [...answer.inputNeighbours], mapNeighbours: [...answer.mapNeighbours] },
      { runId: 'run-1', cell: 0, k: 2, inputNeighbours: [1, 2], mapNeighbours: [2, 1], shared: 2 },
    );
    assert.deepEqual(engine.calls.at(-1), { method: 'cellNeighbours', args: [0, 2] });
  });

  test('a refused cell rejects with the engine’s typed error', async () => {
    assert.deepEqual(await call([7]), {
      ok: false,
      error: { kind: 'invalid-request', message: 'bad cell 7' },
    });
  });

  test('the wire frame of an answer decodes to the same typed arrays', () => {
    const frame = encodeFrame({ ok: true, result: { inputNeighbours: Int32Array.of(4, 9, 1) } });
    const back = decodeFrame(frame) as { result: { inputNeighbours: Int32Array } };
    assert.ok(back.result.inputNeighbours instanceof Int32Array);
    assert.deepEqual([...back.result.inputNeighbours], [4, 9, 1]);
  });
});
