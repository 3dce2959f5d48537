/**
 * The desktop package as electron-builder makes it (issue 10): `--linux dir` built offline with a stand-in
 * Electron, then app.asar and app.asar.unpacked checked against the files the main process, the preload,
 * the engine worker and the page load at run time (derived from the build's metafile and package.json, see
 * package-layout.ts), and finally the packed code run with plain Node from the extracted package layout —
 * the main process and preload load, every imported package imports, and the engine worker trains on the
 * bundled sample with the wasm backend. Everything is written under one temporary folder, removed after.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { appFiles } from '../../electron/app.js';
import { SHELL_GLOBAL } from '../../src/api/ipc-channels.js';
import type { EngineEvent } from '../../src/api/engine-api.js';
import { packageRoot } from '../../src/util/paths.js';
import { utilityProcessSpawner } from '../../src/worker/utility-process-spawner.js';
import { createWorkerEngine } from '../../src/worker/worker-client.js';
import { FakeContextBridge, FakeIpc, forkUtilityProcess } from './fakes.js';
import {
  dependencyClosure,
  filesUnder,
  globToRegExp,
  loadAsar,
  packageEntryFiles,
  packLinuxDir,
  relativeClosure,
  runtimeFiles,
  workerSources,
  type PackResult,
  type RuntimeFiles,
} from './package-layout.js';

const root = packageRoot();
const asar = loadAsar(root);
const tmp = mkdtempSync(join(tmpdir(), 'tl-package-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let packed: PackResult;
let listing: Set<string>;
let runtime: RuntimeFiles;
/** resources/app: app.asar extracted, with app.asar.unpacked's files in place (what Electron's fs shows). */
const app = join(tmp, 'resources', 'app');

before(() => {
  assert.ok(existsSync(join(root, 'dist', 'build-meta.json')), 'dist/ is built (npm run build)');
  packed = packLinuxDir(root, tmp);
  listing = new Set(asar.listPackage(packed.asar, { isPack: false }).map((p) => p.replace(/^[\\/]/, '')));
  runtime = runtimeFiles(root);
  mkdirSync(app, { recursive: true });
  asar.extractAll(packed.asar, app);
});

const inAsar = (file: string) => listing.has(file.split('/').join(sep));

test('the app’s own files are packed: every dist output main, preload, worker and page load, sample, icon', (t) => {
  t.diagnostic(`node_modules collected by ${packed.collector}; ${listing.size} entries in app.asar`);
  const own = appFiles('');
  for (const named of [
    own.preload,
    own.worker,
    own.icon,
    'dist/electron/main.js',
    'dist/renderer/index.html',
  ]) {
    assert.ok(runtime.files.includes(named.replace(/^[\\/]/, '')), `the derived list names ${named}`);
  }
  assert.ok(
    runtime.files.some((f) => /^dist\/chunk-.*\.js$/.test(f)),
    'shared chunks come from the metafile',
  );
  const missing = runtime.files.filter((f) => !inAsar(f));
  assert.deepEqual(missing, [], 'runtime files missing from app.asar');
  assert.ok(!inAsar('dist/build-meta.json'), 'the build metadata is not shipped');
  assert.deepEqual(
    [...listing].filter((f) => f.endsWith('.map')),
    [],
    'no source maps shipped',
  );
});

test('every worker thread the engine starts has its script packed, with the chunks it imports', (t) => {
  const { sources, unread } = workerSources(root);
  assert.deepEqual(
    unread,
    [],
    'a worker this test cannot follow: start it from a threadEntry named by literal strings',
  );
  t.diagnostic(`worker threads' scripts: ${runtime.workers.join(', ')}`);
  assert.ok(
    runtime.workers.length > 0,
    'the engine starts worker threads (thread-pool.ts, mask-prefetch.ts)',
  );
  // in the package threadEntry loads dist/<folder>/<name>.js: the build must write each worker's source there
  assert.deepEqual(
    runtime.workers,
    sources.map((source) => source.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js')).sort(),
  );
  assert.deepEqual(
    runtime.workers.filter((file) => !inAsar(file)),
    [],
    'worker scripts missing from app.asar: the run would search, rank or compute metrics in one thread',
  );
});

test('every runtime package is packed with its entry files and their relative imports', (t) => {
  t.diagnostic(`runtime packages: ${runtime.packages.join(', ')}`);
  assert.ok(runtime.packages.includes('@tensorflow/tfjs'), 'the worker imports tfjs');
  assert.ok(runtime.packages.includes('h5wasm'), 'h5wasm (HDF5 readers) is a runtime dependency');
  const missing: string[] = [];
  for (const name of runtime.packages) {
    const dir = join(root, 'node_modules', name);
    for (const file of relativeClosure(dir, packageEntryFiles(dir))) {
      if (!inAsar(`node_modules/${name}/${file}`)) missing.push(`node_modules/${name}/${file}`);
    }
  }
  assert.deepEqual(missing, []);
  // h5wasm ships its wasm inside dist/node/hdf5_util.js (Emscripten SINGLE_FILE): the node build's closure has it
  const h5 = join(root, 'node_modules', 'h5wasm');
  assert.ok(relativeClosure(h5, packageEntryFiles(h5)).includes('dist/node/hdf5_util.js'));
});

test('every dependency of those packages resolves inside the package as it does in node_modules', (t) => {
  const semver = createRequire(join(root, 'package.json'))('semver') as {
    satisfies(v: string, r: string): boolean;
  };
  const source = dependencyClosure(root, runtime.packages, semver.satisfies);
  // throws when a required package cannot be found from its dependent's place in the package
  const inPackage = dependencyClosure(app, runtime.packages, semver.satisfies);
  const names = (dirs: string[]) => new Set(dirs.map((d) => d.replace(/^.*node_modules\//, '')));
  const packedNames = names(inPackage.dirs);
  assert.deepEqual(
    [...names(source.dirs)].filter((n) => !packedNames.has(n)),
    [],
    'packages not packed',
  );
  const newMismatches = inPackage.mismatched.filter((m) => !source.mismatched.includes(m));
  if (newMismatches.length > 0) {
    // electron-builder's npm collector drops a nested copy when another version of it is hoisted; tell, with
    // the list, so a packaging change that affects a loaded module is seen (the run tests below load them)
    t.diagnostic(
      `resolved to another version in the package than in node_modules:\n${newMismatches.join('\n')}`,
    );
  }
});

test('asarUnpack: the wasm binaries (and tfjs-node’s when installed) are real files beside app.asar', (t) => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    build: { asarUnpack: string[] };
  };
  const binary = /\.(wasm|node|so(\.\d+)*|dylib|dll)$/;
  for (const pattern of pkg.build.asarUnpack) {
    const regex = globToRegExp(pattern);
    const packedMatches = [...listing].map((f) => f.split(sep).join('/')).filter((f) => regex.test(f));
    for (const file of packedMatches) {
      if (asar.statFile(packed.asar, file).files) continue; // a folder entry
      assert.equal(asar.statFile(packed.asar, file).unpacked, true, `${file} marked unpacked`);
      assert.ok(existsSync(join(packed.unpacked, file)), `${file} in app.asar.unpacked`);
    }
    const prefix: string[] = [];
    for (const part of pattern.split('/')) {
      if (part.includes('*')) break;
      prefix.push(part);
    }
    const binaries = filesUnder(join(root, ...prefix), root).filter((f) => regex.test(f) && binary.test(f));
    if (binaries.length === 0) t.diagnostic(`${pattern}: no binary installed here (an optional package)`);
    if (pattern.endsWith('.wasm')) assert.ok(binaries.length >= 1, `${pattern} names the wasm binaries`);
    assert.deepEqual(
      binaries.filter((f) => !packedMatches.includes(f)),
      [],
      `${pattern}: binaries left out of the package`,
    );
  }
  const nativeInAsar = [...listing].filter(
    (f) => /\.(node|so(\.\d+)*|dylib|dll)$/.test(f) && asar.statFile(packed.asar, f).unpacked !== true,
  );
  assert.deepEqual(nativeInAsar, [], 'native libraries cannot load from inside app.asar');
});

test('from the package layout, the main process and the preload load (stand-in Electron)', () => {
  const hooks = pathToFileURL(join(root, 'test', 'electron', 'fixtures', 'electron-hooks.mjs')).href;
  const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(hooks)});`;
  const main = spawnSync(process.execPath, ['--import', register, join(app, 'dist', 'electron', 'main.js')], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(main.status, 0, main.stderr);
  assert.match(main.stdout, /protocol\.registerSchemesAsPrivileged/);

  const bridge = new FakeContextBridge();
  const ipc = new FakeIpc();
  const module = { exports: {} };
  const electron = {
    contextBridge: bridge,
    ipcRenderer: ipc.renderer,
    webUtils: { getPathForFile: () => '' },
  };
  runInNewContext(readFileSync(join(app, 'dist', 'electron', 'preload.cjs'), 'utf8'), {
    require: (name: string) => (name === 'electron' ? electron : assert.fail(`preload required ${name}`)),
    module,
    exports: module.exports,
  });
  assert.ok(bridge.exposed.has('tripletlens') && bridge.exposed.has(SHELL_GLOBAL));
});

test('from the package layout, every package the built code imports loads in plain Node', () => {
  assert.ok(runtime.imported.length >= 2, runtime.imported.join(', '));
  // run from the packed worker's folder so resolution starts inside the package, as the worker's does
  const probe = `
    const out = {};
    for (const spec of ${JSON.stringify(runtime.imported)}) {
      const m = await import(spec);
      const ready = m.ready ?? m.default?.ready;
      if (ready && typeof ready.then === 'function') await ready;
      out[spec] = import.meta.resolve(spec);
    }
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
    cwd: join(app, 'dist', 'worker'),
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_PATH: '' },
  });
  assert.equal(run.status, 0, run.stderr);
  const resolved = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, string>;
  assert.deepEqual(Object.keys(resolved).sort(), [...runtime.imported].sort());
  for (const [spec, url] of Object.entries(resolved)) {
    assert.ok(url.startsWith(pathToFileURL(app).href), `${spec} resolved inside the package: ${url}`);
  }
});

test('the packed engine worker trains on the bundled sample (wasm backend) from the package layout', async () => {
  const script = join(app, ...appFiles('').worker.split(/[\\/]/).filter(Boolean));
  const engine = createWorkerEngine(
    utilityProcessSpawner(forkUtilityProcess(), {
      script,
      env: { TRIPLETLENS_BACKEND: 'wasm', NODE_PATH: '' },
    }),
  );
  const events: EngineEvent[] = [];
  engine.onEvent((e) => events.push(e));
  try {
    const backend = await engine.backendInfo();
    assert.equal(backend.backend, 'wasm', backend.reason);
    const summary = await engine.openFile({ kind: 'sample' });
    assert.equal(summary.rows, 700);
    assert.ok(summary.source.startsWith(app), `the packed sample: ${summary.source}`);
    assert.ok(summary.suggestedLabel);
    const { runId } = await engine.startTraining({
      labelColumn: summary.suggestedLabel,
      epochs: 3,
      snapshotEvery: 0,
    });
    const end = Date.now() + 120_000;
    while (!events.some((e) => e.type === 'run-finished' || e.type === 'run-failed')) {
      if (Date.now() > end) throw new Error('the packed worker did not finish training within 120 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    const done = events.find((e) => e.type === 'run-finished' || e.type === 'run-failed');
    assert.equal(done?.type, 'run-finished', JSON.stringify(done));
    if (done?.type !== 'run-finished') return;
    assert.equal(done.result.runId, runId);
    assert.equal(done.result.coords.rows, 700);
    assert.ok(done.result.history.length >= 1);
    assert.ok(done.result.coords.data.every(Number.isFinite), 'finite coordinates');
  } finally {
    await engine.dispose();
  }
});
