import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withTmpfs } from '../util/tmpfs.js';
import { OwnedFolder } from '../../src/server/owned-folder.js';
import { HttpError } from '../../src/server/http-error.js';

test('a full TMPDIR: the folder is refused naming it (507), nothing is left, and it is made once there is room', async (t) => {
  const parent = await mkdtemp(join(tmpdir(), 'tl-owned-'));
  try {
    await withTmpfs(t, parent, 'size=16k', async () => {
      const filler = join(parent, 'filler');
      await writeFile(filler, new Uint8Array(64 * 1024)).catch(() => undefined);
      const owned = new OwnedFolder('tripletlens-uploads-', parent);
      await assert.rejects(owned.path(), (err: unknown) => {
        assert.ok(err instanceof HttpError);
        assert.equal(err.status, 507);
        assert.equal(
          err.message,
          `The server cannot make its temporary folder in ${parent}: the disk is full (no space left on device). Free some disk space there, or restart 'tripletlens serve' with TMPDIR set to a folder with room.`,
        );
        return true;
      });
      assert.deepEqual(await readdir(parent), ['filler'], 'no folder without its owner file left behind');
      await rm(filler);
      const dir = await owned.path();
      assert.ok(dir.startsWith(join(parent, 'tripletlens-uploads-')), 'made once the disk has room');
      await owned.remove();
      assert.deepEqual(await readdir(parent), []);
    });
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
});
