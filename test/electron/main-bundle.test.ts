/**
 * The Electron main process must never load tfjs (training belongs in the utility process). Follows every
 * import of the built dist/electron/main.js — static, dynamic and require — through esbuild's shared chunks.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../src/util/paths.js';

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g;

/** Every bare package specifier reachable from `entry`, with the file that imports it. */
function reachablePackages(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else if (!packages.has(spec)) packages.set(spec, file);
    }
  };
  visit(entry);
  return packages;
}

test('the built main process imports no @tensorflow package, directly or through chunks', () => {
  const main = join(packageRoot(), 'dist', 'electron', 'main.js');
  assert.ok(existsSync(main), `${main} missing: run npm run build`);
  const packages = reachablePackages(main);
  assert.ok(packages.has('electron'), 'the scan sees the bundle’s imports');
  const tf = [...packages].filter(([spec]) => spec.startsWith('@tensorflow'));
  assert.deepEqual(tf, [], 'tfjs reachable from the main process');
});

test('the scan would notice tfjs in a chunk (the check can fail)', () => {
  const worker = join(packageRoot(), 'dist', 'worker', 'engine-worker.js');
  const packages = reachablePackages(worker);
  assert.ok(
    [...packages.keys()].some((spec) => spec.startsWith('@tensorflow')),
    'the worker does load tfjs',
  );
});

test('the preload bundle is one CommonJS file that requires only electron', () => {
  const preload = readFileSync(join(packageRoot(), 'dist', 'electron', 'preload.cjs'), 'utf8');
  const required = [...preload.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(required)], ['electron']);
});

test('the built main.js runs without tfjs: loads its chunks, registers app:// before ready, enables the sandbox', () => {
  const hooks = pathToFileURL(join(packageRoot(), 'test', 'electron', 'fixtures', 'electron-hooks.mjs')).href;
  const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(hooks)});`;
  const run = spawnSync(
    process.execPath,
    ['--import', register, join(packageRoot(), 'dist', 'electron', 'main.js')],
    {
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  assert.equal(run.status, 0, run.stderr);
  const calls = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '[]') as unknown[][];
  const names = calls.map((c) => c[0]);
  assert.deepEqual(names.slice(0, 2), ['protocol.registerSchemesAsPrivileged', 'app.enableSandbox']);
  const [schemes] = calls[0].slice(1) as {
    scheme: string;
    privileges: { standard: boolean; secure: boolean };
  }[][];
  assert.equal(schemes[0].scheme, 'app');
  assert.equal(schemes[0].privileges.standard && schemes[0].privileges.secure, true);
  for (const event of ['web-contents-created', 'window-all-closed', 'before-quit']) {
    assert.ok(
      calls.some((c) => c[0] === 'app.on' && c[1] === event),
      event,
    );
  }
});
