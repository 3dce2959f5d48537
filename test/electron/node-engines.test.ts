/**
 * The Node versions the project promises (package.json "engines") and the ones its dependency tree accepts
 * must agree: every package the lockfile installs has to accept every Node version the project's range
 * allows, or `npm ci` warns EBADENGINE (issue 10: @electron/rebuild and node-abi 4 wanted Node ≥ 22.12 while
 * the README said Node ≥ 20). The override that keeps @electron/rebuild on a Node-20 release must still work
 * with electron-builder's rebuild helper.
 */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';

const root = packageRoot();
const require = createRequire(join(root, 'package.json'));
// semver is npm's own range library (electron-builder, eslint and others depend on it)
const semver = require('semver') as {
  subset(sub: string, dom: string): boolean;
  satisfies(version: string, range: string): boolean;
  validRange(range: string): string | null;
};

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};

/** Every installed package whose engines.node does not cover all of `projectRange`. */
function disagreeing(projectRange: string, packages: Record<string, LockEntry>): string[] {
  const out: string[] = [];
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '') continue; // the project itself
    const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (node === undefined) continue;
    // an unparsable range is a disagreement too (npm would warn about it)
    if (semver.validRange(node) === null || !semver.subset(projectRange, node)) {
      out.push(`${path}@${entry.version ?? '?'} wants node ${node}`);
    }
  }
  return out;
}

test('package-lock.json records the engines stated in package.json', () => {
  assert.ok(lock.lockfileVersion >= 2, 'a lockfile with the packages map');
  const stated = pkg.engines.node;
  assert.ok(semver.validRange(stated), stated);
  assert.deepEqual(lock.packages['']?.engines, { node: stated });
  assert.ok(
    semver.satisfies(process.versions.node, stated),
    `this Node (${process.versions.node}) is supported`,
  );
  assert.ok(semver.satisfies('20.19.0', stated), 'Node 20 (the README and CI) is supported');
});

test('every package in the lockfile accepts every Node version package.json allows', () => {
  assert.deepEqual(disagreeing(pkg.engines.node, lock.packages), []);
});

test('the check can fail: the old ">=20" against the old @electron/rebuild and node-abi', () => {
  const before = {
    'node_modules/@electron/rebuild': { version: '4.2.1', engines: { node: '>=22.12.0' } },
    'node_modules/node-abi': { version: '4.40.0', engines: { node: '>=22.12.0' } },
    'node_modules/eslint': { version: '9.39.5', engines: { node: '^18.18.0 || ^20.9.0 || >=21.1.0' } },
  };
  assert.deepEqual(disagreeing('>=20', before), [
    'node_modules/@electron/rebuild@4.2.1 wants node >=22.12.0',
    'node_modules/node-abi@4.40.0 wants node >=22.12.0',
    'node_modules/eslint@9.39.5 wants node ^18.18.0 || ^20.9.0 || >=21.1.0',
  ]);
});

test('electron-builder’s rebuild helper runs with the installed @electron/rebuild', async () => {
  // The exact options app-builder-lib (util/yarn.js) passes, on an app without native modules, so it needs
  // no network: proves the installed @electron/rebuild exports `rebuild` in the shape electron-builder uses.
  const app = mkdtempSync(join(tmpdir(), 'tl-rebuild-'));
  try {
    writeFileSync(join(app, 'package.json'), '{"name":"rebuild-probe","version":"1.0.0"}\n');
    const electronVersion = (require('electron/package.json') as { version: string }).version;
    const options = {
      buildPath: app,
      electronVersion,
      arch: process.arch,
      platform: process.platform,
      buildFromSource: false,
      projectRootPath: app,
      mode: 'sequential',
      disablePreGypCopy: true,
    };
    const helper = join(
      require.resolve('app-builder-lib/package.json'),
      '..',
      'helpers',
      'remote-rebuild.js',
    );
    const messages: unknown[] = [];
    const code = await new Promise<number | null>((resolve) => {
      const child = fork(helper, [JSON.stringify(options)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      child.on('message', (m) => messages.push(m));
      child.on('exit', resolve);
    });
    assert.equal(code, 0);
    assert.deepEqual(messages, [{ msg: 'rebuild-done' }]);
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});
