import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FRAME_CONTENT_TYPE, decodeFrame, encodeFrame } from '../../src/api/wire.js';
import { startServer, type RunningServer } from '../../src/server/http-server.js';
import { FakeEngine } from '../worker/fixtures/fake-engine.js';
import { send } from './send.js';

describe('tripletlens serve HTTP server', () => {
  let server: RunningServer;
  let root: string;
  let outside: string;
  const engine = new FakeEngine();
  const auth = () => ({ 'x-tripletlens-token': server.token });
  const call = async (method: string, args: unknown[], headers: Record<string, string> = auth()) => {
    const reply = await send(server, `/api/${method}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': FRAME_CONTENT_TYPE },
      body: encodeFrame(args),
    });
    return {
      ...reply,
      decoded: reply.status === 200 ? (decodeFrame(reply.body) as Record<string, unknown>) : null,
    };
  };

  before(async () => {
    const base = mkdtempSync(join(tmpdir(), 'tl-serve-'));
    root = join(base, 'root');
    outside = join(base, 'outside');
    mkdirSync(root);
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.csv'), 'id,x\n');
    writeFileSync(join(root, 'cells.csv'), 'id,x\n');
    symlinkSync(join(outside, 'secret.csv'), join(root, 'link.csv'));
    const staticDir = join(base, 'ui');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>TripletLens</title>');
    server = await startServer({ engine, port: 0, root, staticDir, maxBodyBytes: 1024 });
  });
  after(async () => {
    await server.close();
    rmSync(join(root, '..'), { recursive: true, force: true });
  });

  test('prints a 127.0.0.1 URL with a long random token', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
  });

  test('a request without the token is refused with 403', async () => {
    assert.equal((await send(server, '/')).status, 403);
    assert.equal((await call('getState', [], {})).status, 403);
    assert.equal((await send(server, '/api/events')).status, 403);
  });

  test('a wrong token is refused', async () => {
    assert.equal((await send(server, '/?token=' + 'a'.repeat(64))).status, 403);
    assert.equal((await call('getState', [], { 'x-tripletlens-token': 'nope' })).status, 403);
  });

  test('a foreign Host header is refused even with the token (DNS rebinding)', async () => {
    const reply = await send(server, `/?token=${server.token}`, {
      headers: { host: `evil.example:${server.port}` },
    });
    assert.equal(reply.status, 403);
    assert.match(reply.body.toString(), /Host/);
    const wrongPort = await send(server, '/api/getState', {
      method: 'POST',
      headers: { ...auth(), host: `127.0.0.1:${server.port + 1}` },
    });
    assert.equal(wrongPort.status, 403);
  });

  test('a foreign Origin is refused', async () => {
    const reply = await call('getState', [], { ...auth(), origin: 'http://evil.example' });
    assert.equal(reply.status, 403);
  });

  test('the token in the URL becomes a cookie and the page is served with a CSP', async () => {
    const first = await send(server, `/?token=${server.token}`);
    assert.equal(first.status, 302);
    assert.equal(first.headers.location, '/');
    const cookie = String(first.headers['set-cookie']).split(';')[0];
    assert.match(String(first.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
    const page = await send(server, '/', { headers: { cookie } });
    assert.equal(page.status, 200);
    assert.match(page.body.toString(), /TripletLens/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
    const viaLocalhost = await send(server, '/', { headers: { cookie, host: `localhost:${server.port}` } });
    assert.equal(viaLocalhost.status, 200);
  });

  test('static paths cannot escape the UI folder', async () => {
    const reply = await send(server, '/..%2f..%2fetc%2fpasswd', { headers: auth() });
    assert.equal(reply.status, 404);
  });

  test('API calls round-trip through the frame codec', async () => {
    const reply = await call('columnValues', [{ kind: 'gene', gene: 'g1' }]);
    assert.equal(reply.status, 200);
    const result = (reply.decoded as { ok: true; result: { values: Float32Array } }).result;
    assert.ok(result.values instanceof Float32Array);
    assert.equal(result.values[2], 2.5);
  });

  test('the AnnData export arrives as a download id and its size, not as bytes', async () => {
    const reply = await call('exportAnnData', [null, { kind: 'download' }]);
    const result = (reply.decoded as { ok: true; result: Record<string, unknown> }).result;
    assert.equal(result.fileName, 'result.h5ad');
    assert.equal(result.kind, 'download');
    assert.equal(typeof result.bytes, 'number');
    assert.equal(reply.body.length < 1024, true);
  });

  test('projected cells: the reply names them by id, without their CSV; exportProjected brings it by that id', async () => {
    const embedded = await call('embedFile', [{ kind: 'path', path: 'cells.csv' }]);
    const result = (embedded.decoded as { ok: true; result: Record<string, unknown> }).result;
    assert.equal(result.projectionId, 'projection-1');
    assert.equal('csv' in result, false);
    const exported = await call('exportProjected', [result.projectionId]);
    const text = (exported.decoded as { ok: true; result: Record<string, unknown> }).result;
    assert.equal(text.fileName, 'x.projected.csv');
    assert.match(String(text.text), /^id,x,y,predicted_label,confidence\n/);
    assert.deepEqual(engine.calls.filter((c) => c.method === 'exportProjected').at(-1)?.args, [
      'projection-1',
    ]);
  });

  test('paths are resolved under --root; escapes and symlinks out are refused', async () => {
    const ok = await call('openFile', [{ kind: 'path', path: 'cells.csv' }]);
    assert.equal((ok.decoded as { ok: boolean }).ok, true);
    const opened = engine.calls.filter((c) => c.method === 'openFile').at(-1)?.args[0] as { path: string };
    assert.ok(opened.path.endsWith(join('root', 'cells.csv')), opened.path);

    for (const path of ['../outside/secret.csv', join(outside, 'secret.csv'), 'link.csv']) {
      const before = engine.calls.length;
      const reply = await call('openFile', [{ kind: 'path', path }]);
      const decoded = reply.decoded as { ok: boolean; error: { kind: string; message: string } };
      assert.equal(decoded.ok, false, path);
      assert.equal(decoded.error.kind, 'forbidden');
      assert.match(decoded.error.message, /outside the folder/);
      assert.equal(engine.calls.length, before, 'the engine never saw the refused path');
    }
    const model = await call('exportModel', [{ kind: 'path', dir: '../outside/model' }]);
    assert.equal((model.decoded as { ok: boolean }).ok, false);
    // the page's class colours go with a path under the root to the engine (they were dropped with the path
    // resolved, so the model folder kept a fresh map's colours, not the ones the page drew)
    const colours = { 'B cell': '#1f77b4' };
    const kept = await call('exportModel', [{ kind: 'path', dir: 'model' }, colours]);
    assert.equal((kept.decoded as { ok: boolean }).ok, true);
    assert.deepEqual(engine.calls.filter((c) => c.method === 'exportModel').at(-1)?.args, [
      { kind: 'path', dir: join(root, 'model') },
      colours,
    ]);
  });

  test('an upload over the size limit is refused with 413 and a clear message', async () => {
    const reply = await call('openFile', [{ kind: 'upload', name: 'big.csv', bytes: new Uint8Array(4096) }]);
    assert.equal(reply.status, 413);
    assert.match(reply.body.toString(), /larger than this server's limit/);
  });

  test('unknown methods and malformed bodies are refused', async () => {
    assert.equal((await call('rmRf', [])).status, 404);
    const bad = await send(server, '/api/getState', {
      method: 'POST',
      headers: auth(),
      body: Buffer.from('hello'),
    });
    assert.equal(bad.status, 400);
  });

  test('events stream over SSE', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/events',
          headers: { ...auth(), host: `127.0.0.1:${server.port}` },
        },
        (res) => {
          assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('import-progress')) {
              req.destroy();
              resolve(text);
            }
          });
          // the stream is open: trigger an event
          void call('openFile', [{ kind: 'sample' }]);
        },
      );
      req.on('error', (err) => (err.message.includes('aborted') ? undefined : reject(err)));
      req.end();
    });
    assert.match(await received, /data: \{"type":"import-progress"/);
  });
});

test("the disk reserve (diskReserveBytes) is the uploads' and the exports' alike", async () => {
  const base = mkdtempSync(join(tmpdir(), 'tl-serve-reserve-'));
  // more than any disk has free: no room for an upload, and an export is refused
  const server = await startServer({
    engine: new FakeEngine(),
    port: 0,
    staticDir: base,
    uploadDir: base,
    downloadDir: base,
    diskReserveBytes: Number.MAX_SAFE_INTEGER,
  });
  try {
    const limit = await send(server, '/api/upload', { headers: { 'x-tripletlens-token': server.token } });
    assert.equal(limit.status, 200);
    const answer = JSON.parse(limit.body.toString('utf8')) as {
      uploadLimitBytes: number;
      uploadLimitReason: string;
    };
    assert.equal(answer.uploadLimitBytes, 0);
    // the page's refusal names what sets the limit: here the reserve's flag
    assert.match(answer.uploadLimitReason, /--disk-reserve-mb \d+/);
    await assert.rejects(server.downloads.reserve(), /The server's disk is too full for the export/);
  } finally {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  }
});

describe('tripletlens serve timeouts', () => {
  // before the timeouts were set, Node's defaults held such a client for a minute or more
  const slow = { timeout: 10_000 };
  test(
    'a client that sends its headers slowly is disconnected (it cannot hold a socket for ever)',
    slow,
    async () => {
      const base = mkdtempSync(join(tmpdir(), 'tl-slow-'));
      const server = await startServer({
        engine: new FakeEngine(),
        port: 0,
        root: base,
        staticDir: base,
        headersTimeoutMs: 300,
        timeoutCheckIntervalMs: 50,
      });
      try {
        const outcome = await new Promise<string>((resolve) => {
          const socket = connect(server.port, '127.0.0.1');
          let reply = '';
          let timer: NodeJS.Timeout | undefined;
          socket.setEncoding('utf8');
          socket.on('data', (text: string) => (reply += text));
          socket.on('connect', () => {
            socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Slow: `);
            // one byte of a header every 50 ms, never the blank line that ends the headers
            timer = setInterval(() => socket.write('a'), 50);
          });
          socket.on('close', () => {
            clearInterval(timer);
            resolve(reply);
          });
          socket.on('error', () => undefined);
        });
        // Node answers 408 Request Timeout, then closes the connection
        assert.match(outcome, /^HTTP\/1\.1 408 /);
      } finally {
        await server.close();
        rmSync(base, { recursive: true, force: true });
      }
    },
  );

  test('an upload whose body takes longer than the header timeout still arrives whole', slow, async () => {
    const base = mkdtempSync(join(tmpdir(), 'tl-slow-upload-'));
    const server = await startServer({
      engine: new FakeEngine(),
      port: 0,
      root: base,
      staticDir: base,
      uploadDir: base,
      headersTimeoutMs: 300,
      timeoutCheckIntervalMs: 50,
    });
    try {
      const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/api/upload?name=slow.csv',
            method: 'POST',
            headers: { host: `127.0.0.1:${server.port}`, 'x-tripletlens-token': server.token },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (t: string) => (body += t));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        // eight chunks 150 ms apart: 1.2 s, four times the header timeout
        let sent = 0;
        const timer = setInterval(() => {
          req.write('id,x\n1,2\n');
          if (++sent === 8) {
            clearInterval(timer);
            req.end();
          }
        }, 150);
      });
      assert.equal(reply.status, 200, reply.body);
      assert.equal((JSON.parse(reply.body) as { bytes: number }).bytes, 8 * 'id,x\n1,2\n'.length);
    } finally {
      await server.close();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
