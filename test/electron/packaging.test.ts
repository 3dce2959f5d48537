/**
 * The electron-builder config ("build" in package.json): valid against electron-builder's own schema, the
 * installers the issue asks for, tfjs-node and the wasm binaries unpacked from the asar (native modules and
 * wasm must be real files), no native rebuild (tfjs-node is Node-API), and every file the app loads shipped.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';

const root = packageRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  build: Record<string, unknown> & {
    files: string[];
    asarUnpack: string[];
    linux: { target: string[] };
    mac: { target: string[] };
    win: { target: string[] };
  };
};
const config = pkg.build;

test('electron-builder accepts the config (its schema validation)', async () => {
  const require = createRequire(join(root, 'package.json'));
  // electron-builder's own validator (app-builder-lib and builder-util come with electron-builder)
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration(c: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util/out/DebugLogger') as {
    DebugLogger: new (on: boolean) => unknown;
  };
  await validateConfiguration(config, new DebugLogger(false));
  await assert.rejects(
    validateConfiguration({ ...config, asarUnpackk: ['x'] }, new DebugLogger(false)),
    /Invalid configuration object/,
  );
});

test('installers: AppImage + deb, dmg, nsis; product TripletLens; no native rebuild', () => {
  assert.equal(config.productName, 'TripletLens');
  assert.match(String(config.appId), /^[a-z]+(\.[a-z]+)+$/);
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(config.mac.target, ['dmg']);
  assert.deepEqual(config.win.target, ['nsis']);
  assert.equal(config.npmRebuild, false);
});

test('tfjs-node and the wasm binaries are unpacked from the asar', () => {
  assert.ok(config.asarUnpack.includes('node_modules/@tensorflow/tfjs-node/**'));
  const wasmPattern = 'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm';
  assert.ok(config.asarUnpack.includes(wasmPattern));
  const wasmDir = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  const wasm = readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'));
  assert.ok(wasm.length >= 1, 'the pattern names files that exist');
});

test('the app’s runtime files are shipped: main, preload, worker, chunks, renderer, sample, icon', () => {
  assert.ok(config.files.includes('dist/**/*'), 'dist/ including esbuild’s chunk-*.js');
  assert.ok(config.files.includes('samples/**/*'));
  assert.ok(config.files.includes('package.json'));
  assert.equal(pkg.main, 'dist/electron/main.js');
  for (const built of [
    'dist/electron/main.js',
    'dist/electron/preload.cjs',
    'dist/worker/engine-worker.js',
  ]) {
    assert.ok(existsSync(join(root, built)), `${built} (npm test builds dist/)`);
  }
  assert.ok(
    readdirSync(join(root, 'dist')).some((f) => /^chunk-.*\.js$/.test(f)),
    'shared chunks beside entries',
  );
  assert.ok(existsSync(join(root, 'dist', 'renderer', 'index.html')));
  assert.ok(existsSync(join(root, 'samples', 'pbmc68k_reduced_lognorm.csv')));
});

test('build/icon.png is a real 512×512 RGBA PNG', () => {
  const png = readFileSync(join(root, 'build', 'icon.png'));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  assert.equal(png.readUInt32BE(16), 512);
  assert.equal(png.readUInt32BE(20), 512);
  assert.equal(png[25], 6, 'colour type RGBA');
  assert.ok(png.length > 2000, 'not an empty image');
});

test('build/icon.ico and build/icon.icns hold the icon as PNGs at the sizes each platform uses', () => {
  const config = pkg.build as unknown as {
    win: { icon: string };
    mac: { icon: string };
    linux: { icon: string };
  };
  assert.equal(config.win.icon, 'build/icon.ico');
  assert.equal(config.mac.icon, 'build/icon.icns');
  assert.equal(config.linux.icon, 'build/icon.png');
  const pngSize = (buf: Buffer, at: number) => {
    assert.equal(buf.toString('ascii', at + 1, at + 4), 'PNG');
    return buf.readUInt32BE(at + 16);
  };
  const ico = readFileSync(join(root, 'build', 'icon.ico'));
  assert.equal(ico.readUInt16LE(2), 1, 'an icon resource');
  const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) =>
    pngSize(ico, ico.readUInt32LE(6 + 16 * i + 12)),
  );
  assert.deepEqual(icoSizes, [16, 24, 32, 48, 64, 128, 256]);
  const icns = readFileSync(join(root, 'build', 'icon.icns'));
  assert.equal(icns.toString('ascii', 0, 4), 'icns');
  assert.equal(icns.readUInt32BE(4), icns.length);
  const icnsSizes: number[] = [];
  for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) icnsSizes.push(pngSize(icns, at + 8));
  assert.deepEqual(icnsSizes, [128, 256, 512]);
});
