/**
 * A run finishes with the code it started with: the package rebuilt or reinstalled while `train` or `embed`
 * runs (`npm run build` removes dist/ and writes chunks under new names; `npm i -g` replaces node_modules) must
 * not fail the run when it writes its results. The built CLI runs from a copy of the package (dist/, bin/,
 * package.json; node_modules a folder of links to the real packages), paused by fixtures/pause-at-line.mjs at
 * a line of its work; the test removes the copy's dist/ (and for an .h5ad, its link to h5wasm) there and lets
 * it go on. Needs the build that `npm test` makes.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { importTable } from '../../src/data/index.js';
import { packageRoot, samplePath } from '../../src/util/paths.js';
import { parseCsv, tempDir } from './helpers.js';

const PAUSE = join(packageRoot(), 'test', 'cli', 'fixtures', 'pause-at-line.mjs');

/** A copy of the built package in `dir` whose dist/ and package links the test may delete. */
function packageCopy(dir: string): string {
  const root = join(dir, 'package');
  const from = packageRoot();
  for (const part of ['dist', 'bin', 'package.json']) {
    cpSync(join(from, part), join(root, part), { recursive: true, filter: (p) => !p.endsWith('.map') });
  }
  // each package linked on its own, so that one can be taken away without touching the real node_modules
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(from, 'node_modules'))) {
    symlinkSync(join(from, 'node_modules', name), join(root, 'node_modules', name));
  }
  return root;
}

interface PausedRun {
  code: number | null;
  stderr: string;
  /** Whether the run reached the line it was to pause at (where the files were removed). */
  paused: boolean;
}

/** Runs the copy's CLI with `argv`; at the line starting with `at` calls `whilePaused`, then lets it go on. */
function runPaused(root: string, argv: string[], at: string, whilePaused: () => void): Promise<PausedRun> {
  const child = spawn(process.execPath, ['--import', PAUSE, join(root, 'bin', 'tripletlens.js'), ...argv], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, TRIPLETLENS_DEBUG: '', PAUSE_AT: at },
  });
  child.stdout.resume();
  let stderr = '';
  let paused = false;
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr += `${line}\n`;
    if (!paused && line.startsWith(at)) {
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

/** As a rebuild starts (scripts/build.mjs): every built file gone, the chunks' names to change. */
const removeDist = (root: string) => () => rmSync(join(root, 'dist'), { recursive: true, force: true });

/** The cells of the sample the runs read (a coordinate row each). */
const sampleCells = () => parseCsv(readFileSync(samplePath(), 'utf8')).length - 1;

test('train writes complete results when the package is rebuilt during the run', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const root = packageCopy(dir);
    const [out, reportPath, model] = ['coords.csv', 'run.json', 'model'].map((f) => join(dir, 'out', f));
    const argv = ['train', samplePath(), '--label', 'label', '--epochs', '3', '--out', out];
    const run = await runPaused(
      root,
      [...argv, '--report', reportPath, '--model', model],
      'epoch 1/',
      removeDist(root),
    );
    assert.ok(run.paused, `the run never reached its first epoch:\n${run.stderr}`);
    assert.ok(!existsSync(join(root, 'dist')), 'dist/ was not removed');
    assert.equal(run.code, 0, run.stderr);
    // every output complete: a coordinate row per cell of the sample, the report, the model folder
    assert.equal(parseCsv(readFileSync(out, 'utf8')).length - 1, sampleCells());
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as object;
    assert.ok('metrics' in report, 'the run report has no metrics');
    assert.ok(readdirSync(model).length > 0, 'the model folder is empty');

    // embed with that model, paused as it starts embedding
    const embedded = join(dir, 'out', 'embedded.csv');
    const root2 = packageCopy(join(dir, 'again'));
    const again = await runPaused(
      root2,
      ['embed', samplePath(), '--model', model, '--out', embedded],
      'embedding ',
      removeDist(root2),
    );
    assert.ok(again.paused, `embed never started embedding:\n${again.stderr}`);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(parseCsv(readFileSync(embedded, 'utf8')).length - 1, sampleCells());
  } finally {
    await cleanup();
  }
});

test('train --out x.h5ad writes it when dist/ and h5wasm are gone mid-run (a reinstall)', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const root = packageCopy(dir);
    const out = join(dir, 'out', 'result.h5ad');
    const run = await runPaused(
      root,
      ['train', samplePath(), '--label', 'label', '--epochs', '3', '--out', out],
      'epoch 1/',
      () => {
        removeDist(root)();
        rmSync(join(root, 'node_modules', 'h5wasm'));
      },
    );
    assert.ok(run.paused, `the run never reached its first epoch:\n${run.stderr}`);
    assert.equal(run.code, 0, run.stderr);
    const back = await importTable(out);
    assert.equal(back.ids.length, sampleCells());
  } finally {
    await cleanup();
  }
});
