import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withTmpfs } from './tmpfs.js';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDirAtomic, writeFileAtomic } from '../../src/util/atomic-write.js';

test('writeFileAtomic creates parents, replaces content, leaves no temp files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-atomic-'));
  try {
    const path = join(dir, 'sub', 'out.txt');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, 'second');
    assert.equal(await readFile(path, 'utf8'), 'second');
    assert.deepEqual(await readdir(join(dir, 'sub')), ['out.txt']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('writeDirAtomic swaps a folder in and keeps the old one when filling fails', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-atomic-'));
  try {
    const target = join(dir, 'model');
    await writeDirAtomic(target, async (tmp) => writeFile(join(tmp, 'a.txt'), 'v1'));
    assert.equal(await readFile(join(target, 'a.txt'), 'utf8'), 'v1');
    await assert.rejects(
      writeDirAtomic(target, async (tmp) => {
        await writeFile(join(tmp, 'a.txt'), 'half');
        throw new Error('disk full');
      }),
      /disk full/,
    );
    assert.equal(await readFile(join(target, 'a.txt'), 'utf8'), 'v1');
    await writeDirAtomic(target, async (tmp) => writeFile(join(tmp, 'b.txt'), 'v2'));
    assert.deepEqual(await readdir(target), ['b.txt']);
    assert.deepEqual(await readdir(dir), ['model']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a write to a read-only disk names the destination and the reason, not the temporary file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-atomic-'));
  try {
    await withTmpfs(t, dir, 'ro,size=64k', async () => {
      const path = join(dir, 'recent.json');
      await assert.rejects(writeFileAtomic(path, 'x'), {
        message: `Cannot write ${path}: the file system is read-only`,
        code: 'EROFS',
      });
      await assert.rejects(
        writeDirAtomic(join(dir, 'model'), async () => undefined),
        {
          message: `Cannot write ${join(dir, 'model')}: the file system is read-only`,
        },
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a file where a folder of the path goes: a WriteError naming the destination and that file; nothing left', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-atomic-'));
  try {
    const file = join(dir, 'notes.txt');
    await writeFile(file, 'old');
    for (const path of [join(file, 'recent.json'), join(file, 'a', 'b', 'recent.json')]) {
      await assert.rejects(writeFileAtomic(path, 'x'), {
        name: 'WriteError',
        message: `Cannot write ${path}: ${file} is a file, not a folder`,
      });
    }
    const model = join(file, 'model');
    await assert.rejects(
      writeDirAtomic(model, async () => undefined),
      {
        message: `Cannot write ${model}: ${file} is a file, not a folder`,
      },
    );
    assert.equal(await readFile(file, 'utf8'), 'old');
    assert.deepEqual(await readdir(dir), ['notes.txt']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
