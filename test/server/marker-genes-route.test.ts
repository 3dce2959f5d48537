/**
 * EngineApi.markerGenes over HTTP: a wire frame POSTed to /api/markerGenes (as renderer/transport/http-engine.ts
 * sends it) reaches the engine with its selection and reference rows as Int32Arrays, and the reply carries
 * the table, or the engine's typed error for an empty selection.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINE_REQUEST_METHODS } from '../../src/api/engine-api.js';
import type { MarkerRequest, MarkerResult } from '../../src/api/engine-api.js';
import { startFakeEngineServer, type FakeEngineServer, type RouteReply } from './fake-engine-server.js';

describe('markerGenes over HTTP', () => {
  let served: FakeEngineServer;
  let engine: FakeEngineServer['engine'];

  before(async () => {
    served = await startFakeEngineServer('markers-route');
    engine = served.engine;
  });
  after(async () => {
    await served.close();
  });

  const call = (request: MarkerRequest): Promise<RouteReply<MarkerResult>> =>
    served.call('markerGenes', [request]);

  test('is a request method of the API (so both transports carry it)', () => {
    assert.ok(ENGINE_REQUEST_METHODS.includes('markerGenes'));
  });

  test('the selection and the reference arrive as Int32Arrays; the table comes back', async () => {
    const reply = await call({ group: Int32Array.of(4, 9), reference: Int32Array.of(1, 2, 3), genes: 5 });
    assert.ok(reply.ok);
    assert.deepEqual(
      reply.result.genes.map((g) => [g.gene, g.pValue]),
      [
        ['GENE4', 1e-300],
        ['GENE9', 1e-300],
      ],
    );
    assert.equal(reply.result.reference, 'cells');
    const request = engine.calls.at(-1)?.args[0] as MarkerRequest;
    assert.ok(request.group instanceof Int32Array && request.reference instanceof Int32Array);
    assert.deepEqual([...request.group], [4, 9]);
  });

  test('the choice of how the values are logged crosses as sent (the engine checks it)', async () => {
    const reply = await call({ group: Int32Array.of(4), valueLog: 'log1p-base10' });
    assert.ok(reply.ok);
    assert.equal((engine.calls.at(-1)?.args[0] as MarkerRequest).valueLog, 'log1p-base10');
  });

  test("'rest' crosses as the string and an empty selection rejects with the engine’s typed error", async () => {
    const rest = await call({ group: Int32Array.of(1), reference: 'rest' });
    assert.ok(rest.ok && rest.result.reference === 'rest');
    assert.deepEqual(await call({ group: new Int32Array() }), {
      ok: false,
      error: { kind: 'invalid-request', message: 'Select at least one cell' },
    });
  });
});
