/**
 * The CLI as users install it: `npm pack` makes a tarball holding everything the CLI runs (bin, the built
 * dist/ — a tarball install runs no build — samples, package.json), and the installed `tripletlens` works
 * from any folder. Needs `npm run build` first.
 *
 * Offline: `npm install -g --offline` of the tarball cannot resolve its dependencies from the npm cache that
 * `npm ci` leaves (that cache holds tarballs, not the registry's package lists), so the test lays the
 * tarball out as `npm install -g --prefix P` does on Linux/macOS — P/lib/node_modules/tripletlens from the
 * tarball, its node_modules linked to this project's installed dependencies, and P/bin/tripletlens a link to
 * the package's bin — and runs `tripletlens` through PATH from a folder outside the repository.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { test } from 'node:test';
import { packageRoot, samplePath } from '../../src/util/paths.js';
import { runCli, tempDir } from './helpers.js';

const ROOT = packageRoot();
const SAMPLE = 'samples/pbmc68k_reduced_lognorm.csv';

interface BuildMeta {
  outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}

/** Every dist file reachable from `entries` through static and dynamic imports (esbuild's metafile). */
function reachable(entries: string[]): Set<string> {
  const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'build-meta.json'), 'utf8')) as BuildMeta;
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    assert.ok(meta.outputs[file], `dist/build-meta.json has no output ${file}`);
    files.add(file);
    for (const imp of meta.outputs[file].imports) if (!imp.external) visit(imp.path);
  };
  entries.forEach(visit);
  return files;
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  assert.equal(result.status, 0, `${what} failed: ${result.stderr}`);
  return result.stdout;
}

/** `npm pack` (without the prepare build: dist/ is already built) into `dir`: the tarball and its files. */
function pack(dir: string): { tarball: string; files: string[] } {
  const out = ok(
    spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
    'npm pack',
  );
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(dir, packed.filename), files: packed.files.map((f) => f.path) };
}

test(
  'npm pack holds everything the CLI runs, and the installed tripletlens works from any folder',
  { skip: process.platform === 'win32' ? 'the global layout laid out here is the POSIX one' : false },
  async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const { tarball, files } = pack(dir);
      const needed = [
        'package.json',
        'bin/tripletlens.js',
        SAMPLE,
        'dist/renderer/index.html',
        ...reachable(['dist/cli/run.js', 'dist/worker/engine-worker.js']),
      ];
      for (const file of needed) assert.ok(files.includes(file), `the tarball lacks ${file}`);
      assert.deepEqual(
        files.filter((f) => f.endsWith('.map') || /^(src|test|node_modules)\//.test(f)),
        [],
        'source maps, sources, tests or node_modules in the tarball',
      );

      // the layout of `npm install -g --prefix <dir>/prefix <tarball>`
      const installed = join(dir, 'prefix', 'lib', 'node_modules', 'tripletlens');
      mkdirSync(installed, { recursive: true });
      ok(
        spawnSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], { encoding: 'utf8' }),
        'tar',
      );
      symlinkSync(join(ROOT, 'node_modules'), join(installed, 'node_modules'), 'dir');
      mkdirSync(join(dir, 'prefix', 'bin'));
      symlinkSync(
        '../lib/node_modules/tripletlens/bin/tripletlens.js',
        join(dir, 'prefix', 'bin', 'tripletlens'),
      );

      const elsewhere = join(dir, 'elsewhere');
      mkdirSync(elsewhere);
      const PATH = [join(dir, 'prefix', 'bin'), dirname(process.execPath), process.env.PATH].join(delimiter);
      const tripletlens = (...argv: string[]) =>
        spawnSync('tripletlens', argv, { cwd: elsewhere, encoding: 'utf8', env: { ...process.env, PATH } });

      assert.match(ok(tripletlens('--help'), 'tripletlens --help'), /^Usage: tripletlens <command>/);
      const installedSample = join(installed, SAMPLE);
      const facts = ok(tripletlens('inspect', installedSample), 'tripletlens inspect');
      // the same facts as the repository's CLI gives for its own copy of the sample
      const here = await runCli(['inspect', samplePath()]);
      assert.equal(here.code, 0);
      assert.equal(facts, here.stdout.replace(samplePath(), installedSample));
    } finally {
      await cleanup();
    }
  },
);
