/**
 * A `tripletlens serve` HTTP server in front of the fake engine, over a temporary static folder, and one API
 * call as the page's transport makes it (a framed POST with the token as a header; a page has it as a
 * cookie): what the route tests of single API methods share.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineErrorInfo, EngineRequestMethod } from '../../src/api/engine-api.js';
import { FRAME_CONTENT_TYPE, decodeFrame, encodeFrame } from '../../src/api/wire.js';
import { startServer, type RunningServer } from '../../src/server/http-server.js';
import { FakeEngine } from '../worker/fixtures/fake-engine.js';

/** A method's reply as the route sends it. */
export type RouteReply<T> = { ok: true; result: T } | { ok: false; error: EngineErrorInfo };

export interface FakeEngineServer {
  engine: FakeEngine;
  server: RunningServer;
  /** POSTs `args` to /api/`method` and decodes the framed reply (asserting HTTP 200). */
  call<T>(method: EngineRequestMethod, args: unknown[]): Promise<RouteReply<T>>;
  close(): Promise<void>;
}

/** One API call to `server`'s route for `method`, as the page's HTTP transport makes it; its reply decoded. */
export async function callRoute<T>(
  server: RunningServer,
  method: EngineRequestMethod,
  args: unknown[],
): Promise<RouteReply<T>> {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': FRAME_CONTENT_TYPE, 'x-tripletlens-token': server.token },
    body: encodeFrame(args),
  });
  assert.equal(response.status, 200);
  return decodeFrame(await response.arrayBuffer()) as RouteReply<T>;
}

/** Starts the server; `tag` names its temporary folder. */
export async function startFakeEngineServer(tag: string): Promise<FakeEngineServer> {
  const engine = new FakeEngine();
  const base = mkdtempSync(join(tmpdir(), `tl-${tag}-`));
  mkdirSync(join(base, 'ui'));
  writeFileSync(join(base, 'ui', 'index.html'), '<!doctype html><title>TripletLens</title>');
  const server = await startServer({ engine, port: 0, root: base, staticDir: join(base, 'ui') });
  return {
    engine,
    server,
    call: <T>(method: EngineRequestMethod, args: unknown[]) => callRoute<T>(server, method, args),
    async close() {
      await server.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
