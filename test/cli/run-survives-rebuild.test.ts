/**
 * A run finishes with the code it started with: the package rebuilt or reinstalled while `train` runs
 * (`npm run build` removes dist/ and writes chunks under new names) must not fail the run when it writes its
 * results. The built CLI runs from a copy of the package (dist/, bin/, package.json; node_modules linked), paused
 * by fixtures/pause-at-epoch.mjs at its first epoch's progress line; the test removes the copy's dist/ there and
 * lets it go on. Needs the build that `npm test` makes.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { packageRoot, samplePath } from '../../src/util/paths.js';
import { parseCsv, tempDir } from './helpers.js';

const PAUSE = join(packageRoot(), 'test', 'cli', 'fixtures', 'pause-at-epoch.mjs');

/** A copy of the built package in `dir` whose dist/ the test may delete (its node_modules linked, not copied). */
function packageCopy(dir: string): string {
  const root = join(dir, 'package');
  const from = packageRoot();
  for (const part of ['dist', 'bin', 'package.json']) {
    cpSync(join(from, part), join(root, part), { recursive: true, filter: (p) => !p.endsWith('.map') });
  }
  symlinkSync(join(from, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

interface PausedRun {
  code: number | null;
  stderr: string;
  /** Whether the run reached its first epoch's line (where the files were removed). */
  paused: boolean;
}

/** Runs the copy's CLI with `argv`; at the first epoch's line calls `whilePaused`, then lets the run go on. */
function runPaused(root: string, argv: string[], whilePaused: () => void): Promise<PausedRun> {
  const child = spawn(process.execPath, ['--import', PAUSE, join(root, 'bin', 'tripletlens.js'), ...argv], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, TRIPLETLENS_DEBUG: '' },
  });
  child.stdout.resume();
  let stderr = '';
  let paused = false;
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr += `${line}\n`;
    if (!paused && line.startsWith('epoch 1/')) {
      paused = true;
      whilePaused();
      child.stdin.end('\n');
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, paused }));
  });
}

test('train writes complete results when the package is rebuilt during the run', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const root = packageCopy(dir);
    const out = join(dir, 'out', 'coords.csv');
    const model = join(dir, 'out', 'model');
    const reportPath = join(dir, 'out', 'run.json');
    const sample = samplePath();
    const run = await runPaused(
      root,
      [
        'train',
        sample,
        '--label',
        'label',
        '--epochs',
        '3',
        '--out',
        out,
        '--report',
        reportPath,
        '--model',
        model,
      ],
      // as a rebuild starts (scripts/build.mjs): every built file gone, the chunks' names to change
      () => rmSync(join(root, 'dist'), { recursive: true, force: true }),
    );
    assert.ok(run.paused, `the run never reached its first epoch:\n${run.stderr}`);
    assert.ok(!existsSync(join(root, 'dist')), 'dist/ was not removed');
    assert.equal(run.code, 0, run.stderr);
    // every output complete: a coordinate row per cell of the sample, the report, the model folder
    const cells = parseCsv(readFileSync(sample, 'utf8')).length - 1;
    const rows = parseCsv(readFileSync(out, 'utf8'));
    assert.equal(rows.length - 1, cells);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as object;
    assert.ok('metrics' in report, 'the run report has no metrics');
    assert.ok(readdirSync(model).length > 0, 'the model folder is empty');
  } finally {
    await cleanup();
  }
});
