/** scripts/electron-binary.mjs and the one-line failure of `npm start` / `npm run dist` without a binary. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { packageRoot } from '../../src/util/paths.js';

const root = packageRoot();
const empty = mkdtempSync(join(tmpdir(), 'tl-no-electron-'));
after(() => rmSync(empty, { recursive: true, force: true }));

function withOverride<T>(dir: string, run: () => T): T {
  const saved = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  process.env.ELECTRON_OVERRIDE_DIST_PATH = dir;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
    else process.env.ELECTRON_OVERRIDE_DIST_PATH = saved;
  }
}

test('electronBinary finds the binary where path.txt (or the override) says, and names the path when missing', () => {
  const missing = withOverride(empty, () => electronBinary(root));
  assert.equal(missing.ok, false);
  assert.ok(missing.path.startsWith(empty));
  assert.match(missing.reason, /no binary at/);

  const dir = mkdtempSync(join(tmpdir(), 'tl-electron-'));
  try {
    const name = (() => {
      try {
        return readFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'utf8').trim();
      } catch {
        return process.platform === 'win32' ? 'electron.exe' : 'electron';
      }
    })();
    writeFileSync(join(dir, name), '#!/bin/sh\n');
    chmodSync(join(dir, name), 0o755);
    const found = withOverride(dir, () => electronBinary(root));
    assert.deepEqual(found, { ok: true, path: join(dir, name), reason: '' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const script of ['start-desktop.mjs', 'dist.mjs']) {
  test(`${script} without an Electron binary prints one line pointing to tripletlens serve and exits 1`, () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', script), '--skip-build'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      // no binary at the override; the download attempt is cut short so the test never fetches 100 MB
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty, ELECTRON_DOWNLOAD_TIMEOUT_MS: '1' },
    });
    assert.equal(run.status, 1, run.stderr);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.match(
      lines[0],
      /^Electron's binary could not be downloaded \(.+\); the same UI runs in your browser: npx tripletlens serve$/,
    );
    assert.equal(run.stdout, '');
  });
}
