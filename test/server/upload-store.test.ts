/** The upload store's refusals: an upload the disk's room above the reserve cannot hold names the flag. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../../src/server/http-error.js';
import { UploadStore } from '../../src/server/upload-store.js';
import { OWNER_FILE } from '../../src/server/owned-folder.js';
import { withTmpfs } from '../util/tmpfs.js';

/** A request that declares a body of `bytes` bytes, as a browser's upload does (refused before it is read). */
function body(bytes: number): IncomingMessage {
  return Object.assign(Readable.from([Buffer.alloc(1)]), {
    headers: { 'content-length': String(bytes) },
  }) as unknown as IncomingMessage;
}

test('an upload refused for the reserve says the reserve, the flag that sets it and its value', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'tl-upload-store-'));
  const reserveMb = 1024 * 1024 * 1024; // 1 PiB: more than any disk here has free
  const store = new UploadStore({ parentDir: parent, reserveBytes: reserveMb * 1024 * 1024 });
  try {
    await assert.rejects(store.receive(body(10), 'cells.csv'), (err: unknown) => {
      assert.ok(err instanceof HttpError);
      assert.equal(err.status, 413);
      assert.equal(
        err.message,
        `The file is larger than the free disk space for uploads: 0 MB free in ${parent} above the 1\u202f048\u202f576 GB the server keeps free (--disk-reserve-mb ${reserveMb}). Open it by its path instead (Open from the server's folder), free some disk space, or restart 'tripletlens serve' with a smaller --disk-reserve-mb.`,
      );
      return true;
    });
    assert.deepEqual(store.paths(), []);
  } finally {
    await store.close();
    rmSync(parent, { recursive: true, force: true });
  }
});

test('with no reserve (--disk-reserve-mb 0) the refusal is the disk alone and names no flag', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'tl-upload-store-'));
  const store = new UploadStore({ parentDir: parent, reserveBytes: 0 });
  try {
    const room = await store.limit();
    await assert.rejects(store.receive(body(room + 1), 'cells.csv'), (err: unknown) => {
      assert.ok(err instanceof HttpError);
      assert.equal(err.status, 413);
      assert.match(err.message, /^The file is larger than the free disk space for uploads \(.* free in /);
      assert.doesNotMatch(err.message, /disk-reserve/);
      return true;
    });
  } finally {
    await store.close();
    rmSync(parent, { recursive: true, force: true });
  }
});

test("limitReason: what sets the page's upload limit, the flag named with its value", async () => {
  const parent = mkdtempSync(join(tmpdir(), 'tl-upload-store-'));
  const reserved = new UploadStore({ parentDir: parent, reserveBytes: 512 * 1024 * 1024 });
  const capped = new UploadStore({ parentDir: parent, maxBytes: 300 * 1024 * 1024 });
  const open = new UploadStore({ parentDir: parent, reserveBytes: 0 });
  try {
    assert.equal(
      reserved.limitReason(await reserved.limit()),
      'its free disk space above the 512 MB it keeps free, --disk-reserve-mb 512',
    );
    assert.equal(
      new UploadStore({ parentDir: parent }).limitReason(0),
      'its free disk space above the 256 MB it keeps free, --disk-reserve-mb 256',
    );
    assert.equal(capped.limitReason(300 * 1024 * 1024), 'its upload limit, --max-upload-mb 300');
    assert.equal(open.limitReason(1000), 'its free disk space');
  } finally {
    await Promise.all([reserved.close(), capped.close(), open.close()]);
    rmSync(parent, { recursive: true, force: true });
  }
});

test('a server disk that refuses the file (read-only) is said with the file name and why, and leaves nothing', async (t) => {
  const parent = mkdtempSync(join(tmpdir(), 'tl-upload-store-'));
  try {
    await withTmpfs(t, parent, 'size=1m', async () => {
      const store = new UploadStore({ parentDir: parent, reserveBytes: 0 });
      try {
        await store.limit(); // makes the server's upload folder, while the disk is writable
        const folder = join(parent, readdirSync(parent)[0]);
        const remount = spawnSync('mount', ['-o', 'remount,ro', parent], { encoding: 'utf8' });
        assert.equal(remount.status, 0, remount.stderr);
        const req = Object.assign(Readable.from([Buffer.from('id,a\nc1,1\n')]), {
          headers: { 'content-length': '10' },
          setTimeout: () => undefined,
        }) as unknown as IncomingMessage;
        const failure = await store.receive(req, 'cells.csv').then(
          () => null,
          (err: unknown) => err,
        );
        assert.ok(failure instanceof HttpError, `an HttpError, not ${String(failure)}`);
        assert.equal(failure.status, 500);
        assert.equal(failure.message, 'The server could not store cells.csv: the file system is read-only');
        assert.deepEqual(store.paths(), []);
        assert.deepEqual(
          readdirSync(folder).filter((n) => n !== OWNER_FILE),
          [],
        );
      } finally {
        spawnSync('mount', ['-o', 'remount,rw', parent]);
        await store.close();
      }
    });
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
