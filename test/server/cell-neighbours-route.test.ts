/**
 * EngineApi.cellNeighbours over HTTP, end to end through both halves of the transport: the page's client
 * (renderer/transport/http-engine.ts) → POST /api/cellNeighbours (src/server/api-routes.ts) → the engine, and
 * back. Neighbour lists arrive as Int32Arrays; a refused cell arrives as the engine's typed error.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ENGINE_REQUEST_METHODS } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { decodeFrame, encodeFrame } from '../../src/api/wire.js';
import { startServer, type RunningServer } from '../../src/server/http-server.js';
import { createHttpEngine } from '../../renderer/transport/http-engine.js';
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

  /** The page's transport, with the token as a header (a page has it as a cookie). */
  const client = () =>
    createHttpEngine({
      baseUrl: `http://127.0.0.1:${server.port}`,
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...init?.headers, 'x-tripletlens-token': server.token } }),
    });

  test('is a request method of the API (so both transports carry it)', () => {
    assert.ok(ENGINE_REQUEST_METHODS.includes('cellNeighbours'));
  });

  test('the answer round-trips with its neighbour lists as Int32Arrays', async () => {
    const answer = await client().cellNeighbours(0, 2);
    assert.ok(answer.inputNeighbours instanceof Int32Array);
    assert.ok(answer.mapNeighbours instanceof Int32Array);
    assert.deepEqual(
      { ...answer, inputNeighbours: [...answer.inputNeighbours], mapNeighbours: [...answer.mapNeighbours] },
      { runId: 'run-1', cell: 0, k: 2, inputNeighbours: [1, 2], mapNeighbours: [2, 1], shared: 2 },
    );
    assert.deepEqual(engine.calls.at(-1), { method: 'cellNeighbours', args: [0, 2] });
  });

  test('a refused cell rejects with the engine’s typed error', async () => {
    await assert.rejects(client().cellNeighbours(7), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.kind, 'invalid-request');
      assert.equal(err.message, 'bad cell 7');
      return true;
    });
  });

  test('the wire frame of an answer decodes to the same typed arrays', () => {
    const frame = encodeFrame({ ok: true, result: { inputNeighbours: Int32Array.of(4, 9, 1) } });
    const back = decodeFrame(frame) as { result: { inputNeighbours: Int32Array } };
    assert.ok(back.result.inputNeighbours instanceof Int32Array);
    assert.deepEqual([...back.result.inputNeighbours], [4, 9, 1]);
  });
});
