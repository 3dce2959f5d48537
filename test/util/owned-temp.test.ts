import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { makeOwnedTemp } from '../../src/util/owned-temp.js';
import { inTempFolder } from '../../src/util/temp-folder.js';
import { HOST_TAG } from '../../src/util/sibling-name.js';
import { deadPid } from './scratch.js';

test('making an owned temporary folder removes those of gone owners of its prefix, and nothing else', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'tl-owned-'));
  const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    const dead = deadPid();
    const otherHost = HOST_TAG === 'ffff' ? 'eeee' : 'ffff';
    const gone = `tripletlens-x-${dead}-${HOST_TAG}-Ab12Cd`; // a killed process's, with its big copy in it
    await mkdir(join(parent, gone));
    await writeFile(join(parent, gone, 'upload.h5'), 'big');
    const kept = [
      `tripletlens-x-${live.pid}-${HOST_TAG}-Zz99Yy`, // a running process's
      `tripletlens-x-${dead}-${otherHost}-Ab12Cd`, // another machine's (a shared TMPDIR): its pid means nothing here
      `tripletlens-y-${dead}-${HOST_TAG}-Ab12Cd`, // another prefix: swept by whoever makes those
      'tripletlens-x-notes', // a user's
    ];
    for (const name of kept) await mkdir(join(parent, name));
    const asLink = `tripletlens-x-${dead}-${HOST_TAG}-Li9k00`;
    await symlink(join(parent, kept[0]), join(parent, asLink));
    const made = await makeOwnedTemp('tripletlens-x-', parent);
    assert.match(basename(made), new RegExp(`^tripletlens-x-${process.pid}-${HOST_TAG}-[A-Za-z0-9]{6}$`));
    assert.deepEqual((await readdir(parent)).sort(), [...kept, asLink, basename(made)].sort());
  } finally {
    live.kill();
    await rm(parent, { recursive: true, force: true });
  }
});

test("inTempFolder's folder is owned: a killed process's folder goes at the next use, its own at the end", async () => {
  const parent = await mkdtemp(join(tmpdir(), 'tl-owned-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = parent;
  try {
    const gone = `tripletlens-session-${deadPid()}-${HOST_TAG}-Ab12Cd`;
    await mkdir(join(parent, gone));
    await inTempFolder('tripletlens-session-', 'a temporary copy of the model', async (dir) => {
      assert.deepEqual(await readdir(parent), [basename(dir)]);
    });
    assert.deepEqual(await readdir(parent), []);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    await rm(parent, { recursive: true, force: true });
  }
});
