import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withTmpfs } from './tmpfs.js';
import { inTempFolder } from '../../src/util/temp-folder.js';

/** Runs `body` with TMPDIR set to `dir` (os.tmpdir() reads it at each call). */
async function withTmpdir(dir: string, body: () => Promise<void>): Promise<void> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    await body();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

test('a write in a full TMPDIR names that folder and TMPDIR, not the private folder; nothing is left', async (t) => {
  const full = await mkdtemp(join(tmpdir(), 'tl-tempfolder-'));
  try {
    await withTmpfs(t, full, 'size=64k', async () =>
      withTmpdir(full, async () => {
        let made = '';
        await assert.rejects(
          inTempFolder('tripletlens-x-', 'a temporary copy of the model', async (dir) => {
            made = dir;
            await writeFile(join(dir, 'weights.bin'), new Uint8Array(256 * 1024));
          }),
          {
            name: 'WriteError',
            message:
              `Cannot write a temporary copy of the model in ${full} (the folder for temporary files): the disk ` +
              'is full (no space left on device); free some space there, or set TMPDIR to a folder with room',
          },
        );
        assert.ok(made.startsWith(full), 'the work ran in TMPDIR');
        assert.deepEqual(await readdir(full), [], 'the private folder is removed');
      }),
    );
  } finally {
    await rm(full, { recursive: true, force: true });
  }
});

test('a TMPDIR that cannot hold a folder (a file) is said too; other errors of the work pass unchanged', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-tempfolder-'));
  try {
    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    await withTmpdir(file, async () => {
      await assert.rejects(
        inTempFolder('tripletlens-x-', 'a temporary copy of the model', async () => 1),
        {
          message: new RegExp(
            `^Cannot write a temporary copy of the model in ${file} \\(the folder for temporary files\\): a part of the path is a file, not a folder; `,
          ),
        },
      );
    });
    // a file the work reads and does not find is no fault of TMPDIR's
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'x.json'"), {
      code: 'ENOENT',
    });
    await assert.rejects(
      inTempFolder('tripletlens-x-', 'a copy', async () => Promise.reject(missing)),
      (e) => e === missing,
    );
    const bad = new Error('the model is damaged');
    await assert.rejects(
      inTempFolder('tripletlens-x-', 'a copy', async () => Promise.reject(bad)),
      (e) => e === bad,
    );
    assert.equal(
      await inTempFolder('tripletlens-x-', 'a copy', async (d) => readdir(d).then((l) => l.length)),
      0,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
