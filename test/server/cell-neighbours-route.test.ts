/**
 * EngineApi.cellNeighbours over HTTP: a wire frame POSTed to /api/cellNeighbours (src/server/api-routes.ts, as
 * renderer/transport/http-engine.ts sends it — that module needs the DOM typings, so the frame is built here)
 * reaches the engine, and the reply frame carries the neighbour lists as Int32Arrays, or the engine's typed
 * error for a refused cell.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINE_REQUEST_METHODS } from '../../src/api/engine-api.js';
import type { CellNeighbourhood } from '../../src/api/engine-api.js';
import { decodeFrame, encodeFrame } from '../../src/api/wire.js';
import { startFakeEngineServer, type FakeEngineServer, type RouteReply } from './fake-engine-server.js';

describe('cellNeighbours over HTTP', () => {
  let served: FakeEngineServer;
  let engine: FakeEngineServer['engine'];

  before(async () => {
    served = await startFakeEngineServer('nbrs-route');
    engine = served.engine;
  });
  after(async () => {
    await served.close();
  });

  const call = (args: unknown[]): Promise<RouteReply<CellNeighbourhood>> =>
    served.call('cellNeighbours', args);

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
