/**
 * Helpers for the packaged-app test (package-layout.test.ts): electron-builder's `--linux dir` target built
 * offline with a stand-in Electron, the packed app.asar read with @electron/asar, and the list of files the
 * app loads at run time derived from the build (dist/build-meta.json, esbuild's metafile), from what the
 * main process itself names (appFiles) and from the worker threads the engine starts (workerSources: its
 * `new Worker(` sites and the `threadEntry` calls that name their scripts), never written out by hand.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { appFiles } from '../../electron/app.js';
import { threadEntry } from '../../src/neighbours/thread-pool.js';
import { samplePath } from '../../src/util/paths.js';

/** The part of @electron/asar used here (it comes with electron-builder, through app-builder-lib). */
export interface AsarModule {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  statFile(archive: string, file: string): { unpacked?: boolean; files?: unknown; size?: number };
  extractAll(archive: string, dest: string): void;
}

/** @electron/asar as electron-builder itself resolves it. */
export function loadAsar(root: string): AsarModule {
  const fromRoot = createRequire(join(root, 'package.json'));
  const fromBuilderLib = createRequire(fromRoot.resolve('app-builder-lib/package.json'));
  return fromBuilderLib('@electron/asar') as AsarModule;
}

/** POSIX-style path relative to `from` (asar paths always use '/'). */
export const rel = (from: string, path: string) => relative(from, path).split(sep).join('/');

/**
 * A stand-in for an unpacked Electron distribution: electron-builder copies the folder and renames the
 * `electron` executable without ever running it, so a script will do.
 */
export function standInElectronDist(dir: string, version: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron"\nexit 1\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), `${version}\n`);
  return dir;
}

export interface PackResult {
  /** out/linux-unpacked/resources */
  resources: string;
  asar: string;
  unpacked: string;
  /** How electron-builder collected node_modules, for the test's diagnostics. */
  collector: string;
}

/**
 * The project electron-builder packs. electron-builder collects the production node_modules with `npm ls`,
 * which cannot read a node_modules that is a symlink (engineers' worktrees share one): then the project is
 * staged in `tmp` (package.json, dist, samples, build) and collected by electron-builder's own traversal of
 * node_modules instead (package.json "packageManager": "traversal"). Packing a normal checkout — CI — is
 * done in place, exactly as `npm run dist` does.
 */
function projectToPack(root: string, tmp: string): { dir: string; collector: string } {
  if (!lstatSync(join(root, 'node_modules')).isSymbolicLink()) return { dir: root, collector: 'npm' };
  const dir = join(tmp, 'project');
  mkdirSync(dir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, packageManager: 'traversal' }, null, 2));
  for (const folder of ['dist', 'samples', 'build'])
    cpSync(join(root, folder), join(dir, folder), { recursive: true });
  symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'));
  return { dir, collector: 'traversal (node_modules is a symlink here)' };
}

/** Runs `electron-builder --linux dir` offline into tmp/out; throws with electron-builder's output on failure. */
export function packLinuxDir(root: string, tmp: string): PackResult {
  const require = createRequire(join(root, 'package.json'));
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const electronDist = standInElectronDist(join(tmp, 'electron-dist'), electronVersion);
  const project = projectToPack(root, tmp);
  const out = join(tmp, 'out');
  const cli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  const run = spawnSync(
    process.execPath,
    [
      cli,
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      '--projectDir',
      project.dir,
      `--config.electronDist=${electronDist}`,
      `--config.electronVersion=${electronVersion}`,
      '--config.npmRebuild=false',
      `--config.directories.output=${out}`,
    ],
    { cwd: project.dir, encoding: 'utf8', timeout: 240_000, env: { ...process.env, CI: 'true' } },
  );
  const resources = join(out, 'linux-unpacked', 'resources');
  const asar = join(resources, 'app.asar');
  if (run.status !== 0 || !existsSync(asar)) {
    throw new Error(`electron-builder failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
  }
  return { resources, asar, unpacked: `${asar}.unpacked`, collector: project.collector };
}

interface MetaImport {
  path: string;
  kind: string;
  external?: boolean;
}
interface BuildMeta {
  outputs: Record<string, { entryPoint?: string; imports: MetaImport[] }>;
}

/** What the desktop app loads at run time, relative to the package root. */
export interface RuntimeFiles {
  /** Files of the app itself (dist outputs reachable from main, preload, worker and the page; sample; icon). */
  files: string[];
  /** Bare specifiers the built main process, preload and engine worker import (not node: or electron). */
  imported: string[];
  /** Packages the app depends on at run time: imported ones + package.json dependencies (+ installed optional ones). */
  packages: string[];
  /** The worker threads' scripts (dist outputs of their own, loaded by path, reached by no import). */
  workers: string[];
}

/** Every dist output reachable from `entries` through the metafile's non-external imports (static and dynamic). */
function reachableOutputs(meta: BuildMeta, entries: string[]): { files: Set<string>; external: Set<string> } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    const out = meta.outputs[file];
    if (!out) throw new Error(`dist/build-meta.json has no output ${file}`);
    files.add(file);
    for (const imp of out.imports) {
      if (imp.external) external.add(imp.path);
      else visit(imp.path);
    }
  };
  for (const entry of entries) visit(entry);
  return { files, external };
}

/** The package a bare specifier names ('@scope/name/sub' → '@scope/name'). */
export const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Derives the runtime file list from dist/build-meta.json, appFiles() and package.json. */
export function runtimeFiles(root: string): RuntimeFiles {
  const meta = JSON.parse(readFileSync(join(root, 'dist', 'build-meta.json'), 'utf8')) as BuildMeta;
  const app = appFiles(root);
  const entryOf = (source: string) => {
    const found = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === source);
    if (!found) throw new Error(`no build output for ${source}`);
    return found[0];
  };
  const node = reachableOutputs(meta, [
    rel(root, join(root, readPackage(root).main)),
    rel(root, app.preload),
    rel(root, app.worker),
  ]);
  const page = reachableOutputs(meta, [entryOf('renderer/main.ts')]);
  const workers = workerSources(root).sources.map(entryOf);
  const threads = reachableOutputs(meta, workers);
  // the app:// protocol serves every file of the renderer folder (app.js, index.html, css, Plotly)
  const rendererFolder = readdirSync(app.renderer)
    .filter((f) => !f.endsWith('.map'))
    .map((f) => rel(root, join(app.renderer, f)));
  const samples = readdirSync(dirname(samplePath())).map((f) => rel(root, join(dirname(samplePath()), f)));
  const files = new Set([
    'package.json',
    ...node.files,
    ...page.files,
    ...threads.files,
    ...rendererFolder,
    ...samples,
    rel(root, app.icon),
  ]);
  const imported = [...node.external].filter((s) => !s.startsWith('node:') && s !== 'electron').sort();
  const pkg = readPackage(root);
  const installed = (name: string) => existsSync(join(root, 'node_modules', name, 'package.json'));
  const packages = new Set([
    ...imported.map(packageOf),
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}).filter(installed),
  ]);
  return { files: [...files].sort(), imported, packages: [...packages].sort(), workers: workers.sort() };
}

/** Every .ts file under `dir`, recursively. */
function typescriptUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** A `new Worker(` given a ThreadEntry's script: `new Worker(job.entry.script, …)`, `new Worker(entry.script, …)`. */
const WORKER_OF_ENTRY = /new Worker\(\s*[\w.]*\bentry\.script\b/;
/** A `threadEntry(` call naming its worker by literal strings: threadEntry('mask-worker', 'train'). */
const THREAD_ENTRY_CALL = /\bthreadEntry\(\s*'([^']+)'\s*(?:,\s*'([^']+)'\s*)?\)/;

/**
 * The worker threads the engine (src/ and electron/) starts, read from the source: the TypeScript file of each
 * worker script (`threadEntry`'s own answer, relative to root: src/<folder>/<name>.ts), and the `new Worker(` and
 * `threadEntry(` lines this cannot follow — a worker started from anything but a ThreadEntry, or an entry
 * named by anything but literal strings — as "file:line: text", for the test to refuse.
 */
export function workerSources(root: string): { sources: string[]; unread: string[] } {
  const sources = new Set<string>();
  const unread: string[] = [];
  for (const file of [...typescriptUnder(join(root, 'src')), ...typescriptUnder(join(root, 'electron'))]) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const where = `${rel(root, file)}:${i + 1}: ${line.trim()}`;
        if (line.includes('new Worker(') && !WORKER_OF_ENTRY.test(line)) unread.push(where);
        if (!line.includes('threadEntry(') || /^\s*(\*|\/\/)|function threadEntry\(/.test(line)) return;
        const call = THREAD_ENTRY_CALL.exec(line);
        if (!call) unread.push(where);
        else sources.add(rel(root, threadEntry(call[1], call[2]).file));
      });
  }
  return { sources: [...sources].sort(), unread };
}

interface PackageJson {
  main?: string;
  module?: string;
  exports?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson & { main: string } {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson & { main: string };
}

/** Conditions Node (and Electron's utility process) resolve with; 'types' and 'browser' are not loaded. */
const RUNTIME_CONDITIONS = new Set(['node', 'import', 'require', 'default', 'module-sync']);

function exportTargets(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    if (!value.includes('*')) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) exportTargets(v, out);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key.startsWith('.') || RUNTIME_CONDITIONS.has(key)) exportTargets(v, out);
    }
  }
}

/**
 * The files a package names as its Node entry points (package.json, main, and every `exports` target under a
 * runtime condition), relative to the package folder, each resolved to an existing file.
 */
export function packageEntryFiles(packageDir: string): string[] {
  const pkg = readPackage(packageDir);
  const targets = new Set<string>();
  if (pkg.exports !== undefined) exportTargets(pkg.exports, targets);
  else targets.add(pkg.main ?? 'index.js');
  const files = new Set(['package.json']);
  for (const target of targets) {
    const candidates = [target, `${target}.js`, `${target}.json`, join(target, 'index.js')];
    const hit = candidates.find(
      (c) => existsSync(join(packageDir, c)) && !lstatSync(join(packageDir, c)).isDirectory(),
    );
    if (hit) files.add(rel(packageDir, join(packageDir, hit)));
  }
  return [...files].sort();
}

/** '**' and '*' of an electron-builder file pattern as a RegExp over '/'-separated relative paths. */
export function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(\*\*\/?|\*)/)
    .map((part) =>
      part === '**/' || part === '**'
        ? '.*'
        : part === '*'
          ? '[^/]*'
          : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}

/** Every file under `dir` (recursively), relative to `base`, '/'-separated. */
export function filesUnder(dir: string, base: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, base));
    else out.push(rel(base, path));
  }
  return out;
}

/** What dependencyClosure found. */
export interface Closure {
  /** Package folders relative to the root, sorted. */
  dirs: string[];
  /** "dependent → name@version (wants range)" where the version Node would load is outside the declared range. */
  mismatched: string[];
}

/**
 * The folders (relative to root) of `names` and of everything they depend on at run time (dependencies and
 * installed optionalDependencies), resolved as Node does: the nearest node_modules walking up. Throws when
 * a required dependency cannot be found at all. Run on the source tree or on an extracted package.
 */
export function dependencyClosure(
  root: string,
  names: string[],
  satisfies: (version: string, range: string) => boolean,
): Closure {
  const found = new Set<string>();
  const mismatched: string[] = [];
  const queue = names.map((name) => ({ name, range: '*', from: root, optional: false }));
  while (queue.length > 0) {
    const { name, range, from, optional } = queue.shift() as (typeof queue)[number];
    let dir = from;
    let hit: string | null = null;
    for (;;) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) {
        hit = candidate;
        break;
      }
      if (dir === root || dirname(dir) === dir) break;
      dir = dirname(dir);
    }
    if (!hit) {
      if (optional) continue;
      throw new Error(`${name} (needed by ${rel(root, from) || 'the app'}) cannot be found under ${root}`);
    }
    const pkg = readPackage(hit) as PackageJson & { version?: string };
    if (range !== '*' && pkg.version && !safeSatisfies(satisfies, pkg.version, range)) {
      mismatched.push(`${rel(root, from)} → ${name}@${pkg.version} (wants ${range})`);
    }
    const key = rel(root, hit);
    if (found.has(key)) continue;
    found.add(key);
    for (const [dep, r] of Object.entries(pkg.dependencies ?? {})) {
      queue.push({ name: dep, range: r, from: hit, optional: false });
    }
    for (const [dep, r] of Object.entries(pkg.optionalDependencies ?? {})) {
      queue.push({ name: dep, range: r, from: hit, optional: true });
    }
  }
  return { dirs: [...found].sort(), mismatched: [...new Set(mismatched)].sort() };
}

/** A range semver cannot read (a URL, a tag) is not a mismatch. */
function safeSatisfies(
  satisfies: (v: string, r: string) => boolean,
  version: string,
  range: string,
): boolean {
  try {
    return satisfies(version, range);
  } catch {
    return true;
  }
}

const RELATIVE_SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** `files` (relative to packageDir) plus every file they reach through relative import/require specifiers. */
export function relativeClosure(packageDir: string, files: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!/\.(c|m)?js$/.test(file)) return;
    const text = readFileSync(join(packageDir, file), 'utf8');
    for (const [, spec] of text.matchAll(RELATIVE_SPECIFIER)) {
      const base = join(packageDir, dirname(file), spec);
      const hit = [base, `${base}.js`, `${base}.json`, join(base, 'index.js')].find(
        (c) => existsSync(c) && !lstatSync(c).isDirectory(),
      );
      if (hit) visit(rel(packageDir, hit));
    }
  };
  for (const file of files) visit(file);
  return [...seen].sort();
}
