// Streamed uploads to temporary files and the folder listing under --root, through the real HTTP server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FileSource } from '../../src/api/engine-api.js';
import { FRAME_CONTENT_TYPE, decodeFrame, encodeFrame } from '../../src/api/wire.js';
import type { FolderListing, UploadLimitReply } from '../../src/api/server-files.js';
import { startServer, type RunningServer } from '../../src/server/http-server.js';
import { UploadStore } from '../../src/server/upload-store.js';
import { FakeEngine } from '../worker/fixtures/fake-engine.js';
import { send as sendRaw, type Reply, type SendOptions } from './send.js';

/** A request carrying the server's token, as the page's calls do. */
function send(server: RunningServer, path: string, options: SendOptions = {}): Promise<Reply> {
  return sendRaw(server, path, {
    ...options,
    headers: { 'x-tripletlens-token': server.token, ...options.headers },
  });
}

describe('serve: uploads streamed to temporary files, and the folder browser', () => {
  let server: RunningServer;
  let base: string;
  let root: string;
  const engine = new FakeEngine();
  const call = async (method: string, args: unknown[]) => {
    const reply = await send(server, `/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': FRAME_CONTENT_TYPE },
      body: encodeFrame(args),
    });
    assert.equal(reply.status, 200, reply.body.toString());
    return decodeFrame(reply.body) as { ok: boolean; result?: unknown; error?: { message: string } };
  };
  const upload = async (name: string, body: Uint8Array | string) => {
    const reply = await send(server, `/api/upload?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      body,
    });
    return { status: reply.status, text: reply.body.toString() };
  };
  const lastOpened = () =>
    engine.calls.filter((c) => c.method === 'openFile').at(-1)?.args[0] as FileSource & { path: string };

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'tl-files-'));
    root = join(base, 'root');
    mkdirSync(join(root, 'run1', 'filtered_feature_bc_matrix'), { recursive: true });
    writeFileSync(join(root, 'run1', 'filtered_feature_bc_matrix', 'matrix.mtx.gz'), '');
    writeFileSync(join(root, 'cells.csv'), 'id,x\n');
    writeFileSync(join(root, '.hidden.csv'), 'id,x\n');
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside', 'secret.csv'), 'id,x\n');
    symlinkSync(join(base, 'outside'), join(root, 'escape'));
    // a link to itself: the folder browser leaves it out of listings, and asked for it says so in words
    symlinkSync('self', join(root, 'self'));
    // the API call limit is tiny: files must not travel through it
    server = await startServer({
      engine,
      port: 0,
      root,
      staticDir: join(base, 'ui'),
      maxBodyBytes: 1024,
      maxUploadBytes: 300_000,
      uploadDir: base,
    });
  });
  after(async () => {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  });

  test('an upload far above the API body limit streams to a temporary file the engine opens by path', async () => {
    const text = `id,label,g1\n${Array.from({ length: 10_000 }, (_, i) => `c${i},a,${i}`).join('\n')}\n`;
    const sent = await upload('../../my cells.csv', text);
    assert.equal(sent.status, 200, sent.text);
    const receipt = JSON.parse(sent.text) as { uploadId: string; name: string; bytes: number };
    assert.equal(receipt.bytes, Buffer.byteLength(text));
    assert.equal(receipt.name, 'my cells.csv', 'only the base name is kept');
    const opened = await call('openFile', [{ kind: 'uploaded', uploadId: receipt.uploadId, name: 'x' }]);
    assert.equal(opened.ok, true, JSON.stringify(opened));
    const source = lastOpened();
    assert.equal(source.kind, 'uploaded');
    assert.ok(source.path.startsWith(base) && source.path.endsWith('my cells.csv'), source.path);
    assert.equal(readFileSync(source.path, 'utf8'), text, 'the engine reads exactly the uploaded bytes');
  });

  test('the temporary file is deleted when another file replaces it, and a forged path is ignored', async () => {
    const first = JSON.parse((await upload('a.csv', 'id,x\n1,2\n')).text) as { uploadId: string };
    await call('openFile', [
      { kind: 'uploaded', uploadId: first.uploadId, name: 'a.csv', path: '/etc/passwd' },
    ]);
    const firstPath = lastOpened().path;
    assert.notEqual(firstPath, '/etc/passwd');
    assert.ok(existsSync(firstPath));
    await call('openFile', [{ kind: 'path', path: 'cells.csv' }]);
    assert.equal(existsSync(firstPath), false, 'replaced upload deleted');
    assert.equal(existsSync(dirname(firstPath)), false);
    const gone = await call('openFile', [{ kind: 'uploaded', uploadId: first.uploadId, name: 'a.csv' }]);
    assert.equal(gone.ok, false);
    assert.match(gone.error?.message ?? '', /no longer on the server; pick the file again/);
  });

  test('an opened session file is kept — a crashed worker reopens it — with its re-attached input, until a file is opened', async () => {
    const session = JSON.parse((await upload('missing.tripletlens', 'PK')).text) as { uploadId: string };
    const opened = await call('openSession', [
      { kind: 'uploaded', uploadId: session.uploadId, name: 'missing.tripletlens' },
    ]);
    assert.equal(opened.ok, true, opened.error?.message);
    const sessionPath = (engine.calls.at(-1)?.args[0] as { path: string }).path;
    const input = JSON.parse((await upload('moved.csv', 'id,x\n1,2\n')).text) as { uploadId: string };
    const attached = await call('attachSessionInput', [
      { kind: 'uploaded', uploadId: input.uploadId, name: 'moved.csv' },
    ]);
    assert.equal(attached.ok, true, attached.error?.message);
    const inputPath = (engine.calls.at(-1)?.args[0] as { path: string }).path;
    assert.ok(existsSync(sessionPath), 'the session file stays while it is what is loaded');
    assert.ok(existsSync(inputPath));
    await call('openFile', [{ kind: 'sample' }]);
    assert.equal(existsSync(sessionPath), false, 'a file opened since replaces the session');
    assert.equal(existsSync(inputPath), false);
  });

  test('a file that failed to open is kept for a retry until the next open', async () => {
    const bad = JSON.parse((await upload('bad.csv', 'oops')).text) as { uploadId: string };
    const failed = await call('openFile', [{ kind: 'uploaded', uploadId: bad.uploadId, name: 'bad.csv' }]);
    assert.equal(failed.ok, false);
    const badPath = lastOpened().path;
    assert.ok(existsSync(badPath), 'kept so that Re-open with other settings can retry it');
    await call('openFile', [{ kind: 'sample' }]);
    assert.equal(existsSync(badPath), false);
  });

  test('a metadata file joined to projected cells: an upload reaches the engine by its temporary path and is kept until the page removes them; a path is confined to the root', async () => {
    const meta = JSON.parse((await upload('annotations.csv', 'id,cell_type\nc1,T\n')).text) as {
      uploadId: string;
    };
    const projected = await call('embedFile', [
      { kind: 'path', path: 'cells.csv' },
      {},
      { kind: 'uploaded', uploadId: meta.uploadId, name: 'annotations.csv', path: '/etc/passwd' },
    ]);
    assert.equal(projected.ok, true, JSON.stringify(projected));
    const args = engine.calls.filter((c) => c.method === 'embedFile').at(-1)?.args ?? [];
    assert.deepEqual(args[0], { kind: 'path', path: join(root, 'cells.csv') });
    const joined = args[2] as FileSource & { path: string };
    assert.equal(joined.kind, 'uploaded');
    assert.ok(joined.path.startsWith(base) && joined.path.endsWith('annotations.csv'), joined.path);
    assert.ok(existsSync(joined.path), 'kept while the projected cells are: a crash replay joins it again');
    // the page's Remove projected cells (renderer/transport/server-files.ts releaseProjection)
    const remove = (query: string) => send(server, `/api/upload?${query}`, { method: 'DELETE' });
    assert.equal((await remove('projection=')).status, 400);
    const removed = await remove(
      `projection=${String((projected.result as { projectionId: string }).projectionId)}`,
    );
    assert.equal(removed.status, 204, removed.body.toString());
    assert.equal(existsSync(joined.path), false, 'deleted when the page removes the projected cells');
    assert.equal((await remove('projection=projection-1')).status, 204, 'nothing left to delete is no error');
    await call('embedFile', [{ kind: 'path', path: 'cells.csv' }, {}, { kind: 'path', path: 'cells.csv' }]);
    assert.deepEqual(engine.calls.filter((c) => c.method === 'embedFile').at(-1)?.args[2], {
      kind: 'path',
      path: join(root, 'cells.csv'),
    });
    const outside = await call('embedFile', [
      { kind: 'path', path: 'cells.csv' },
      {},
      { kind: 'path', path: '../outside/secret.csv' },
    ]);
    assert.equal(outside.ok, false);
    assert.equal((outside.error as { kind?: string } | undefined)?.kind, 'forbidden');
  });

  test('DELETE /api/upload deletes an upload no call used (a projected file whose metadata upload failed) at once', async () => {
    const sent = JSON.parse((await upload('query.csv', 'id,x\n1,2\n')).text) as { uploadId: string };
    const path = server.uploads.paths().find((p) => p.endsWith('query.csv'));
    assert.ok(path && existsSync(path));
    const del = (id: string) =>
      send(server, `/api/upload?id=${encodeURIComponent(id)}`, { method: 'DELETE' });
    const deleted = await del(sent.uploadId);
    assert.equal(deleted.status, 204, deleted.body.toString());
    assert.equal(existsSync(path), false, 'deleted at once, not at the next call');
    assert.equal(server.uploads.paths().includes(path), false);
    assert.equal((await del(sent.uploadId)).status, 404);
    assert.equal((await del('')).status, 400);
    // the loaded data's upload stays: the page cannot delete what the engine holds
    const held = JSON.parse((await upload('held.csv', 'id,x\n1,2\n')).text) as { uploadId: string };
    assert.equal(
      (await call('openFile', [{ kind: 'uploaded', uploadId: held.uploadId, name: 'held.csv' }])).ok,
      true,
    );
    const inUse = await del(held.uploadId);
    assert.equal(inUse.status, 409);
    assert.ok(existsSync(lastOpened().path), 'the open data’s upload is kept');
    // without the token, as every route
    const anonymous = await sendRaw(server, `/api/upload?id=${held.uploadId}`, { method: 'DELETE' });
    assert.equal(anonymous.status, 403);
  });

  test('an upload larger than the limit is refused with 413 and no file is left behind', async () => {
    const before = server.uploads.paths().length;
    const sent = await upload('huge.csv', new Uint8Array(400_000));
    assert.equal(sent.status, 413);
    // the flag with the value that set the limit, as the disk reserve's refusal names it
    assert.match(sent.text, /larger than this server's upload limit of 0 MB \(--max-upload-mb 0\.29\)\. /);
    assert.equal(server.uploads.paths().length, before);
    const listing = JSON.parse((await send(server, '/api/files')).body.toString()) as {
      uploadLimitBytes: number;
    };
    assert.equal(listing.uploadLimitBytes, 300_000, 'the page can check the size before uploading');
    const limit = JSON.parse((await send(server, '/api/upload')).body.toString()) as UploadLimitReply;
    assert.equal(limit.uploadLimitBytes, 300_000);
    assert.equal(limit.uploadLimitReason, 'its upload limit, --max-upload-mb 0.29', 'what the page names');
  });

  test('the root listing shows folders first, marks a Cell Ranger folder, hides dotfiles and links out', async () => {
    const reply = await send(server, '/api/files?path=');
    assert.equal(reply.status, 200, reply.body.toString());
    const listing = JSON.parse(reply.body.toString()) as FolderListing;
    assert.equal(listing.path, '');
    assert.equal(listing.parent, null);
    assert.deepEqual(
      listing.entries.map((e) => `${e.kind}:${e.name}`),
      ['folder:run1', 'file:cells.csv'],
    );
    const run = JSON.parse((await send(server, '/api/files?path=run1')).body.toString()) as FolderListing;
    assert.equal(run.parent, '');
    assert.deepEqual(run.entries, [
      {
        name: 'filtered_feature_bc_matrix',
        path: 'run1/filtered_feature_bc_matrix',
        kind: 'folder',
        cellRanger: true,
      },
    ]);
  });

  test('listing outside the root is refused', async () => {
    for (const path of ['..', '../outside', join(base, 'outside'), 'escape']) {
      const reply = await send(server, `/api/files?path=${encodeURIComponent(path)}`);
      assert.equal(reply.status, 403, path);
      assert.match(reply.body.toString(), /outside the folder this server may read/);
    }
    assert.equal((await send(server, '/api/files?path=nope')).status, 404);
    assert.equal((await send(server, '/api/files?path=cells.csv')).status, 400);
  });

  // A headless audit: --root holding a symbolic link to itself answered 500 "Internal error: ELOOP: too many
  // symbolic links encountered, scandir '/srv/…/self'" (the server's own path) and logged it as a failure.
  test('a symbolic link loop under the root is a 400 naming it, not an internal error', async () => {
    for (const path of ['self', 'self/x']) {
      const reply = await send(server, `/api/files?path=${encodeURIComponent(path)}`);
      assert.equal(reply.status, 400, reply.body.toString());
      assert.match(
        reply.body.toString(),
        new RegExp(`'${path}' goes through a symbolic link that leads back to itself`),
      );
      assert.doesNotMatch(reply.body.toString(), /ELOOP|Internal error/);
      assert.ok(!reply.body.toString().includes(root), 'the server path is not shown');
    }
  });

  test('close() deletes every temporary upload', async () => {
    const kept = JSON.parse((await upload('keep.csv', 'id,x\n')).text) as { uploadId: string };
    assert.ok(kept.uploadId);
    const paths = server.uploads.paths();
    assert.ok(paths.length > 0);
    await server.close();
    for (const p of paths) assert.equal(existsSync(p), false, p);
    server = await startServer({ engine, port: 0, root, staticDir: join(base, 'ui') });
  });
});

test('upload folders of servers that died are swept; those of running servers are kept', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'tl-sweep-'));
  try {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadPid = Number(dead.stdout);
    for (const [name, pid] of [
      ['tripletlens-uploads-dead', deadPid],
      ['tripletlens-uploads-live', process.pid],
    ] as const) {
      mkdirSync(join(parent, name, 'u1'), { recursive: true });
      writeFileSync(join(parent, name, 'owner.pid'), String(pid));
      writeFileSync(join(parent, name, 'u1', 'cells.csv'), 'id,x\n');
    }
    mkdirSync(join(parent, 'unrelated'));
    const removed = await UploadStore.sweepStale(parent);
    assert.deepEqual(removed, [join(parent, 'tripletlens-uploads-dead')]);
    assert.deepEqual(readdirSync(parent).sort(), ['tripletlens-uploads-live', 'unrelated']);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
