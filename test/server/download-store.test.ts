import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import {
  DOWNLOAD_FOLDER_PREFIX,
  DownloadStore,
  MAX_WAITING,
  type DownloadEnded,
} from '../../src/server/download-store.js';
import { HttpError } from '../../src/server/http-error.js';
import { sibling } from '../../src/util/output-set.js';
import { eventually } from './eventually.js';

describe('DownloadStore: what it leaves on the disk', () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'tl-download-store-'));
  });
  afterEach(() => {
    mock.restoreAll();
    syncBuiltinESMExports();
    rmSync(parent, { recursive: true, force: true });
  });

  /** Everything under the store's folders (the owner file aside), as paths relative to them. */
  const left = (): string[] =>
    readdirSync(parent)
      .filter((f) => f.startsWith(DOWNLOAD_FOLDER_PREFIX))
      .flatMap((f) => readdirSync(join(parent, f), { recursive: true, encoding: 'utf8' }))
      .filter((name) => name !== 'owner.pid');

  test('an export is refused with a clear reason when the disk has no room above the reserve', async () => {
    const store = new DownloadStore({ parentDir: parent, reserveBytes: Number.MAX_SAFE_INTEGER });
    await assert.rejects(store.reserve(), (err: unknown) => {
      assert.ok(err instanceof HttpError);
      assert.equal(err.status, 507);
      assert.match(
        err.message,
        /^The server's disk is too full for the export: [\d.\u202f]+ [MG]B free, and at least 8\u202f388\u202f608 GB must stay free \(the server's --disk-reserve-mb 8589934592\)\. The export's size is only known once it is written/,
      );
      assert.match(
        err.message,
        /or restart the server with a smaller --disk-reserve-mb if the export will fit\.$/,
      );
      return true;
    });
    assert.deepEqual(store.paths(), []);
    assert.deepEqual(left(), []);
    await store.close();
  });

  test('each export has a folder of its own, and discard deletes what the writer left in it', async () => {
    const store = new DownloadStore({ parentDir: parent });
    const slot = await store.reserve();
    assert.equal(dirname(slot.path).endsWith(slot.id), true);
    // the engine worker was killed mid-write: only its temporary sibling exists
    writeFileSync(sibling(slot.path, 'tmp'), 'half an h5ad');
    assert.equal(left().length, 2, 'the folder and the temporary sibling');
    await store.discard(slot.id);
    assert.deepEqual(left(), []);
    await store.close();
  });

  test('an export that finishes after close() is deleted, folder and all, and answers 410', async () => {
    const store = new DownloadStore({ parentDir: parent });
    const slot = await store.reserve();
    await store.close();
    // the writer makes its destination's folder as it commits (output-set: mkdir -p)
    mkdirSync(dirname(slot.path), { recursive: true });
    writeFileSync(slot.path, 'an h5ad');
    await assert.rejects(store.ready(slot.id, 'x.h5ad', 'application/x-hdf5'), { status: 410 });
    assert.equal(existsSync(slot.path), false);
    assert.deepEqual(
      readdirSync(parent).filter((f) => f.startsWith(DOWNLOAD_FOLDER_PREFIX)),
      [],
      'no folder without an owner file is left for no sweep to find',
    );
  });

  test('an export asked for as the server closes is refused and makes no folder', async () => {
    const store = new DownloadStore({ parentDir: parent });
    const reserved = store.reserve();
    const closed = store.close();
    await assert.rejects(reserved, { status: 503 });
    await closed;
    assert.deepEqual(readdirSync(parent), []);
  });

  test(`a newer export deletes the oldest unfetched ones: at most ${MAX_WAITING} wait`, async () => {
    const store = new DownloadStore({ parentDir: parent });
    const slots = [];
    for (let i = 0; i < MAX_WAITING + 2; i++) {
      const slot = await store.reserve();
      writeFileSync(slot.path, `export ${i}`);
      await store.ready(slot.id, 'x.h5ad', 'application/x-hdf5');
      slots.push(slot);
    }
    const kept = slots.slice(-MAX_WAITING).map((s) => s.path);
    assert.deepEqual(store.paths(), kept);
    for (const slot of slots.slice(0, -MAX_WAITING)) assert.equal(existsSync(dirname(slot.path)), false);
    for (const path of kept) assert.ok(existsSync(path));
    await store.close();
  });

  test('a deletion that fails (busy, EPERM) is reported, never an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const failed: string[] = [];
    const store = new DownloadStore({
      parentDir: parent,
      ttlMs: 1,
      onDeleteError: (_err, path) => failed.push(path),
    });
    try {
      const slot = await store.reserve();
      writeFileSync(slot.path, 'an h5ad');
      mock.method(fsPromises, 'rm', () =>
        Promise.reject(Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' })),
      );
      syncBuiltinESMExports();
      // the time to live runs out: the timer's deletion fails
      await store.ready(slot.id, 'x.h5ad', 'application/x-hdf5');
      await eventually(() => failed.length === 1, 'the failed deletion is reported');
      assert.deepEqual(failed, [dirname(slot.path)]);
      // and a direct discard (as send's finally runs it) resolves
      await store.discard(slot.id);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      mock.restoreAll();
      syncBuiltinESMExports();
      await store.close();
    }
  });

  /** A response that takes `accept` bytes and then fails, as a browser cancelling the download does. */
  function response(accept: number): { res: ServerResponse; received: () => number } {
    let received = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        done(received > accept ? new Error('socket hang up') : null);
      },
    });
    const res = Object.assign(sink, {
      headersSent: false,
      writeHead() {
        res.headersSent = true;
        return res;
      },
    });
    return { res: res as unknown as ServerResponse, received: () => received };
  }

  test('the end of a download is told to onEnded: all of it sent, or cut off', async () => {
    const ended: DownloadEnded[] = [];
    const store = new DownloadStore({ parentDir: parent, onEnded: (e) => ended.push(e) });
    const get = { method: 'GET' } as IncomingMessage;
    const written = async () => {
      const slot = await store.reserve();
      writeFileSync(slot.path, Buffer.alloc(1000, 7));
      await store.ready(slot.id, 'cells.tripletlens.h5ad', 'application/x-hdf5');
      return slot.id;
    };
    const whole = await written();
    const full = response(Infinity);
    await store.send(get, full.res, whole);
    assert.equal(full.received(), 1000);
    const cut = await written();
    await store.send(get, response(0).res, cut);
    assert.deepEqual(ended, [
      { downloadId: whole, fileName: 'cells.tripletlens.h5ad', ok: true },
      { downloadId: cut, fileName: 'cells.tripletlens.h5ad', ok: false },
    ]);
    assert.deepEqual(left(), [], 'both are deleted');
    await store.close();
  });
});
