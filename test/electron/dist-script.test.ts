/**
 * `npm run dist` refuses a symlinked node_modules (issue 10, found by the package test): electron-builder's
 * `npm ls` cannot see through it and packs an app without most of its dependencies, with only a warning.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'tl-dist-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('npm run dist stops with one clear line when node_modules is a symlink, before electron-builder runs', () => {
  const root = packageRoot();
  mkdirSync(join(tmp, 'scripts'));
  cpSync(join(root, 'scripts'), join(tmp, 'scripts'), { recursive: true });
  writeFileSync(join(tmp, 'package.json'), '{"name":"tripletlens","version":"0.0.0","type":"module"}\n');
  symlinkSync(realpathSync(join(root, 'node_modules')), join(tmp, 'node_modules'));
  // an Electron binary stand-in, so the script gets past its binary check to the node_modules one
  const electronDir = join(tmp, 'electron-dist');
  mkdirSync(electronDir);
  for (const name of ['electron', 'electron.exe']) {
    writeFileSync(join(electronDir, name), '#!/bin/sh\nexit 1\n');
    chmodSync(join(electronDir, name), 0o755);
  }
  const run = spawnSync(process.execPath, [join(tmp, 'scripts', 'dist.mjs'), '--skip-build'], {
    cwd: tmp,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: electronDir },
  });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^node_modules is a symbolic link: .*npm ls.*incomplete app/);
  assert.equal(run.stderr.trim().split('\n').length, 1);
  assert.equal(run.stdout, '', 'electron-builder never ran');
});
