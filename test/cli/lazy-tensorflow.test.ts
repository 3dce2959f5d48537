/**
 * The built CLI starts without TensorFlow for everything that does not compute: `--help`, `--version`,
 * every command's `--help` and `inspect`. Each run is a child process of `node bin/tripletlens.js` (needs
 * `npm run build`) preloaded with fixtures/record-loads.mjs, which logs every module the process loads (ES
 * modules through a loader hook, CommonJS ones from require.cache). `doctor` itself must load it, which shows the log sees it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot, samplePath } from '../../src/util/paths.js';
import { tempDir } from './helpers.js';

const PROBE = join(packageRoot(), 'test', 'cli', 'fixtures', 'record-loads.mjs');
const COMMANDS = ['inspect', 'train', 'embed', 'serve', 'doctor'];

/** Runs the built CLI with the probe and returns its exit code, output and the modules it loaded. */
function runRecorded(argv: string[], log: string): { code: number; stdout: string; loaded: string[] } {
  const result = spawnSync(
    process.execPath,
    ['--import', PROBE, join(packageRoot(), 'bin', 'tripletlens.js'), ...argv],
    { encoding: 'utf8', env: { ...process.env, LOAD_LOG: log, TRIPLETLENS_DEBUG: '' } },
  );
  const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { code: result.status ?? -1, stdout: result.stdout, loaded };
}

const tensorflowIn = (loaded: string[]) => loaded.filter((m) => m.includes('@tensorflow'));

test('--help, --version, every command --help and inspect load no TensorFlow module', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const runs = [
      ['--help'],
      ['--version'],
      ...COMMANDS.map((c) => [c, '--help']),
      ['inspect', samplePath()],
    ];
    for (const [i, argv] of runs.entries()) {
      const run = runRecorded(argv, join(dir, `loads-${i}.txt`));
      const what = `tripletlens ${argv.join(' ')}`;
      assert.equal(run.code, 0, what);
      assert.ok(run.stdout.length > 0, `${what} printed nothing`);
      // the probe saw the CLI's own modules, so an empty TensorFlow list means none was loaded
      assert.ok(
        run.loaded.some((m) => m.includes('/dist/')),
        `${what}: the probe recorded no CLI module`,
      );
      assert.deepEqual(tensorflowIn(run.loaded), [], what);
    }
  } finally {
    await cleanup();
  }
});

test('doctor (which computes) does load TensorFlow, and the probe sees it', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const run = runRecorded(['doctor'], join(dir, 'loads.txt'));
    assert.equal(run.code, 0);
    assert.ok(tensorflowIn(run.loaded).length > 0, 'no @tensorflow module recorded for doctor');
  } finally {
    await cleanup();
  }
});
