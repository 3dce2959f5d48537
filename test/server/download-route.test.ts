import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, before, describe, mock, test } from 'node:test';
import type { AnnDataExport, EngineErrorInfo } from '../../src/api/engine-api.js';
import { FRAME_CONTENT_TYPE, decodeFrame, encodeFrame } from '../../src/api/wire.js';
import { attachmentHeader, DOWNLOAD_FOLDER_PREFIX } from '../../src/server/download-store.js';
import { startServer, type RunningServer } from '../../src/server/http-server.js';
import { FAKE_H5AD_BYTES, FakeEngine } from '../worker/fixtures/fake-engine.js';
import { eventually } from './eventually.js';
import { send } from './send.js';

type Reply = { ok: true; result: AnnDataExport } | { ok: false; error: EngineErrorInfo };

describe('serve: the AnnData export as a streamed one-time download', () => {
  let server: RunningServer;
  let base: string;
  let downloads: string;
  const engine = new FakeEngine();
  const auth = () => ({ 'x-tripletlens-token': server.token });
  const exportAnnData = async (args: unknown[]): Promise<Reply> => {
    const reply = await send(server, '/api/exportAnnData', {
      method: 'POST',
      headers: { ...auth(), 'content-type': FRAME_CONTENT_TYPE },
      body: encodeFrame(args),
    });
    assert.equal(reply.status, 200);
    return decodeFrame(reply.body) as Reply;
  };
  const exported = async (): Promise<Extract<AnnDataExport, { kind: 'download' }>> => {
    const reply = await exportAnnData([null, { kind: 'download' }]);
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.equal(reply.result.kind, 'download');
    return reply.result as Extract<AnnDataExport, { kind: 'download' }>;
  };
  /** The path the engine was last asked to write. */
  const lastTarget = (): string =>
    (engine.calls.filter((c) => c.method === 'exportAnnData').at(-1)?.args[1] as { path: string }).path;
  /** The exports' folders and files in the server's download folder (the owner file aside). */
  const waiting = (): string[] =>
    readdirSync(downloads)
      .filter((f) => f.startsWith(DOWNLOAD_FOLDER_PREFIX))
      .flatMap((f) => readdirSync(join(downloads, f), { recursive: true, encoding: 'utf8' }))
      .filter((name) => name !== 'owner.pid');
  const exportWith = (column: string) =>
    exportAnnData([
      { column, source: 'label', categories: [], codes: new Int32Array(0) },
      { kind: 'download' },
    ]);

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'tl-download-'));
    downloads = join(base, 'downloads');
    mkdirSync(downloads);
    mkdirSync(join(base, 'ui'));
    writeFileSync(join(base, 'ui', 'index.html'), '<!doctype html><title>TripletLens</title>');
    server = await startServer({
      engine,
      port: 0,
      root: join(base, 'ui'),
      staticDir: join(base, 'ui'),
      downloadDir: downloads,
    });
  });
  after(async () => {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  });

  test('the engine writes into the server’s folder; the page gets an opaque id, never bytes or a path', async () => {
    const edited = {
      column: 'label_edited',
      source: 'label',
      categories: ['a'],
      codes: Int32Array.from([0]),
    };
    const colours = { a: '#0072b2' };
    const reply = await exportAnnData([edited, { kind: 'download' }, colours]);
    assert.ok(reply.ok && reply.result.kind === 'download', JSON.stringify(reply));
    const result = reply.result;
    // the page's edited labels and class colours reach the engine as they were sent
    assert.deepEqual(engine.calls.at(-1)?.args[0], edited);
    assert.deepEqual(engine.calls.at(-1)?.args[2], colours);
    assert.match(result.downloadId, /^[0-9a-f]{32}$/);
    assert.deepEqual(
      { ...result, downloadId: '' },
      {
        kind: 'download',
        downloadId: '',
        fileName: 'result.h5ad',
        mimeType: 'application/x-hdf5',
        bytes: FAKE_H5AD_BYTES.length,
      },
    );
    const target = engine.calls.filter((c) => c.method === 'exportAnnData').at(-1)?.args[1] as {
      kind: string;
      path: string;
    };
    assert.equal(target.kind, 'path');
    // <downloads>/tripletlens-downloads-…/<id>/<id>.h5ad: a folder of its own per export
    assert.equal(dirname(dirname(dirname(target.path))), downloads);
    assert.equal(basename(dirname(target.path)), result.downloadId);
    assert.ok(existsSync(target.path));
  });

  test("the engine's notes about the file reach the page with the download", async () => {
    const edited = { column: 'no-x', source: 'label', categories: ['a'], codes: Int32Array.from([0]) };
    const reply = await exportAnnData([edited, { kind: 'download' }]);
    assert.ok(reply.ok && reply.result.kind === 'download', JSON.stringify(reply));
    assert.deepEqual(reply.result.notes, ['in.h5ad has no X (X is None)']);
  });

  test('GET /api/download/<id> needs the token, then streams the file once as an attachment and deletes it', async () => {
    const result = await exported();
    const path = `/api/download/${result.downloadId}`;
    assert.equal((await send(server, path)).status, 403, 'no token');
    assert.equal(
      (await send(server, path, { headers: { ...auth(), origin: 'http://evil.example' } })).status,
      403,
      'foreign origin',
    );
    assert.equal(
      (await send(server, path, { headers: { ...auth(), host: `evil.example:${server.port}` } })).status,
      403,
      'foreign host',
    );
    const file = lastTarget();
    assert.ok(existsSync(file), 'refused requests leave the download waiting');

    const reply = await send(server, path, { headers: auth() });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/x-hdf5');
    assert.equal(reply.headers['content-length'], String(FAKE_H5AD_BYTES.length));
    assert.equal(
      reply.headers['content-disposition'],
      `attachment; filename="result.h5ad"; filename*=UTF-8''result.h5ad`,
    );
    assert.equal(reply.headers['cache-control'], 'no-store');
    assert.deepEqual(new Uint8Array(reply.body), FAKE_H5AD_BYTES);
    await eventually(() => !existsSync(file), 'the file is deleted once downloaded');
    assert.equal((await send(server, path, { headers: auth() })).status, 404, 'one download per export');
  });

  test('the pages’ event stream says when a download ended (the page’s “is downloading” notice then goes)', async () => {
    const result = await exported();
    let text = '';
    const events = request({
      host: '127.0.0.1',
      port: server.port,
      path: '/api/events',
      headers: { ...auth(), host: `127.0.0.1:${server.port}` },
    });
    const connected = new Promise<void>((resolve) =>
      events.on('response', (res) => {
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        resolve();
      }),
    );
    events.on('error', () => undefined); // destroyed below
    events.end();
    try {
      await connected;
      await eventually(() => text.includes(': connected'), 'the event stream is open');
      const reply = await send(server, `/api/download/${result.downloadId}`, { headers: auth() });
      assert.equal(reply.status, 200);
      const ended = `data: {"type":"download-ended","downloadId":"${result.downloadId}","fileName":"result.h5ad","ok":true}`;
      await eventually(() => text.includes(ended), 'the download-ended event');
    } finally {
      events.destroy();
    }
  });

  test('unknown ids and paths are 404: the id is looked up, never used as a path', async () => {
    const result = await exported();
    for (const id of [
      'a'.repeat(32),
      `%2e%2e%2f${result.downloadId}`,
      '..%2f..%2fetc%2fpasswd',
      `..%2f${result.downloadId}.h5ad`,
      `${result.downloadId}.h5ad`,
      '',
    ]) {
      const reply = await send(server, `/api/download/${id}`, { headers: auth() });
      assert.equal(reply.status, 404, id);
      assert.match(reply.body.toString(), /export again/, id);
    }
    assert.equal((await send(server, `/api/download/${result.downloadId}`, { headers: auth() })).status, 200);
  });

  test('the page cannot name a path for the engine to write, nor ask for the bytes', async () => {
    const before = engine.calls.length;
    for (const target of [{ kind: 'path', path: join(base, 'evil.h5ad') }, undefined, { kind: 'bytes' }]) {
      const reply = await exportAnnData([null, target]);
      assert.ok(!reply.ok);
      assert.equal(reply.error.kind, 'forbidden');
    }
    assert.equal(engine.calls.length, before, 'the engine was never asked');
    assert.equal(existsSync(join(base, 'evil.h5ad')), false);
  });

  test('a failed write (disk full) says why and leaves no file behind', async () => {
    const reply = await exportWith('disk-full');
    assert.ok(!reply.ok);
    assert.match(
      reply.error.message,
      /^Cannot write the export's temporary file on the server: the disk is full \(no space left on device\)$/,
    );
    assert.ok(!reply.error.message.includes(downloads), 'no server folder in the page’s message');
    assert.ok(!reply.error.file?.includes(downloads));
    const file = lastTarget();
    assert.equal(existsSync(file), false);
    assert.ok(!server.downloads.paths().includes(file), 'the reserved download is dropped');
    assert.ok(!waiting().some((f) => file.includes(f)), 'nothing of it in the folder');
  });

  test('an export whose engine worker was killed mid-write leaves nothing behind, its temporary file included', async () => {
    const reply = await exportWith('worker-killed');
    assert.ok(!reply.ok);
    assert.equal(reply.error.kind, 'worker');
    const file = lastTarget();
    assert.equal(
      existsSync(dirname(file)),
      false,
      'the export’s folder and the writer’s temporary file are gone',
    );
    assert.ok(!waiting().some((f) => file.includes(f)), JSON.stringify(waiting()));
  });

  test('HEAD answers the download’s headers without using up its one GET', async () => {
    const result = await exported();
    const path = `/api/download/${result.downloadId}`;
    const head = await send(server, path, { method: 'HEAD', headers: auth() });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(FAKE_H5AD_BYTES.length));
    assert.match(String(head.headers['content-disposition']), /^attachment; filename="result\.h5ad"/);
    assert.equal(head.body.length, 0);
    assert.equal((await send(server, path, { method: 'POST', headers: auth() })).status, 405);
    const reply = await send(server, path, { headers: auth() });
    assert.equal(reply.status, 200);
    assert.deepEqual(new Uint8Array(reply.body), FAKE_H5AD_BYTES);
  });

  test('exports nobody fetches (a page reloaded mid-export lost their ids) do not pile up: two wait at most', async () => {
    const [first, second, third] = [await exported(), await exported(), await exported()];
    const gone = await send(server, `/api/download/${first.downloadId}`, { headers: auth() });
    assert.equal(gone.status, 404);
    assert.match(gone.body.toString(), /only the 2 newest unsaved ones wait\): export again/);
    assert.equal(
      waiting().some((f) => f.startsWith(first.downloadId)),
      false,
    );
    for (const r of [second, third]) {
      assert.equal((await send(server, `/api/download/${r.downloadId}`, { headers: auth() })).status, 200);
    }
  });

  test('two exports before either is fetched (two pages) are two downloads', async () => {
    const first = await exported();
    const second = await exported();
    assert.notEqual(first.downloadId, second.downloadId);
    for (const r of [second, first]) {
      const reply = await send(server, `/api/download/${r.downloadId}`, { headers: auth() });
      assert.equal(reply.status, 200);
      assert.deepEqual(new Uint8Array(reply.body), FAKE_H5AD_BYTES);
    }
  });

  test('a download never fetched is deleted after its time to live', async () => {
    // a server of its own with a short lifetime: the other tests' downloads must not expire under load
    const short = await startServer({
      engine,
      port: 0,
      staticDir: join(base, 'ui'),
      downloadDir: downloads,
      downloadTtlMs: 50,
    });
    try {
      const reply = await send(short, '/api/exportAnnData', {
        method: 'POST',
        headers: { 'x-tripletlens-token': short.token, 'content-type': FRAME_CONTENT_TYPE },
        body: encodeFrame([null, { kind: 'download' }]),
      });
      const result = (decodeFrame(reply.body) as Reply & { ok: true }).result as { downloadId: string };
      const file = lastTarget();
      await eventually(
        () => !short.downloads.paths().includes(file) && !existsSync(dirname(file)),
        'expired',
      );
      const again = await send(short, `/api/download/${result.downloadId}`, {
        headers: { 'x-tripletlens-token': short.token },
      });
      assert.equal(again.status, 404);
    } finally {
      await short.close();
    }
  });

  test('a download cancelled by the browser deletes the file', async () => {
    // a file big enough that it cannot be sent before the client hangs up
    const slot = await server.downloads.reserve();
    writeFileSync(slot.path, new Uint8Array(64 * 1024 * 1024));
    const ready = await server.downloads.ready(slot.id, 'big.h5ad', 'application/x-hdf5');
    assert.equal(ready.kind === 'download' && ready.bytes, 64 * 1024 * 1024);
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/api/download/${slot.id}`,
          headers: { host: `127.0.0.1:${server.port}`, ...auth() },
        },
        (res) => {
          assert.equal(res.statusCode, 200);
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ECONNRESET') reject(err);
      });
      req.end();
    });
    await eventually(() => !existsSync(slot.path), 'the cancelled download’s file is deleted');
    assert.ok(!server.downloads.paths().includes(slot.path));
  });

  test("a download folder that cannot be deleted is reported to the server's onError, not printed", async () => {
    const errors: unknown[] = [];
    const printed: string[] = [];
    const own = await startServer({
      engine,
      port: 0,
      staticDir: join(base, 'ui'),
      downloadDir: downloads,
      onError: (err) => errors.push(err),
    });
    try {
      const reply = await send(own, '/api/exportAnnData', {
        method: 'POST',
        headers: { 'x-tripletlens-token': own.token, 'content-type': FRAME_CONTENT_TYPE },
        body: encodeFrame([null, { kind: 'download' }]),
      });
      const result = (decodeFrame(reply.body) as Reply & { ok: true }).result as { downloadId: string };
      const folder = dirname(lastTarget());
      mock.method(fsPromises, 'rm', () =>
        Promise.reject(Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' })),
      );
      syncBuiltinESMExports();
      mock.method(process.stderr, 'write', (text: string | Uint8Array) => {
        printed.push(String(text));
        return true;
      });
      // the download is fetched: the deletion after it fails
      const fetched = await send(own, `/api/download/${result.downloadId}`, {
        headers: { 'x-tripletlens-token': own.token },
      });
      assert.equal(fetched.status, 200);
      await eventually(() => errors.length + printed.length > 0, 'the failed deletion is reported');
      mock.restoreAll();
      syncBuiltinESMExports();
      assert.deepEqual(printed, []);
      assert.equal(errors.length, 1);
      assert.match(
        (errors[0] as Error).message,
        new RegExp(`^could not delete the download folder ${folder}: EBUSY: resource busy$`),
      );
    } finally {
      mock.restoreAll();
      syncBuiltinESMExports();
      await own.close();
    }
  });

  test('closing the server deletes the downloads waiting', async () => {
    const extra = await startServer({
      engine,
      port: 0,
      staticDir: join(base, 'ui'),
      downloadDir: downloads,
    });
    const reply = await send(extra, '/api/exportAnnData', {
      method: 'POST',
      headers: { 'x-tripletlens-token': extra.token, 'content-type': FRAME_CONTENT_TYPE },
      body: encodeFrame([null, { kind: 'download' }]),
    });
    assert.equal((decodeFrame(reply.body) as Reply).ok, true);
    const [path] = extra.downloads.paths();
    assert.ok(existsSync(path));
    await extra.close();
    assert.equal(existsSync(path), false);
    assert.equal(existsSync(dirname(path)), false);
  });
});

test('Content-Disposition keeps any file name safe: an ASCII fallback and the UTF-8 name', () => {
  assert.equal(
    attachmentHeader('Zellen "ü"; x.h5ad'),
    `attachment; filename="Zellen _ü__ x.h5ad"`.replace('ü', '_') +
      `; filename*=UTF-8''Zellen%20%22%C3%BC%22%3B%20x.h5ad`,
  );
  assert.equal(
    attachmentHeader('../a/b.h5ad'),
    `attachment; filename=".._a_b.h5ad"; filename*=UTF-8''.._a_b.h5ad`,
  );
});
