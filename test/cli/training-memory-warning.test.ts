// A data engineer's 200 000-cell run with --max-memory 300M used 2 GB without a word: the flag limits only the
// import. train now says, once and before training, when the run will hold more than --max-memory — the matrix
// and its preprocessing (engine/training-memory.ts) — and trains on, as no limit holds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importTable } from '../../src/data/index.js';
import { formatBytes } from '../../src/data/memory-guard.js';
import { trainingMemoryFloor } from '../../src/engine/training-memory.js';
import { packageRoot } from '../../src/util/paths.js';
import { runCli, tempDir } from './helpers.js';

const CSR_H5AD = join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad');

const memoryWarnings = (stderr: string): string[] =>
  stderr.split('\n').filter((line) => line.startsWith('warning: training will hold'));

test('train warns once when the run will hold more than --max-memory, which limits only the import', async () => {
  const floor = trainingMemoryFloor((await importTable(CSR_H5AD)).values);
  const { dir, cleanup } = await tempDir();
  try {
    const base = ['train', CSR_H5AD, '--label', 'cell_type', '--epochs', '1', '--quiet'];
    // under the floor, but above what the import needs (the matrix alone): the import passes, training warns
    const under = await runCli([...base, '--max-memory', String(floor - 1), '--out', join(dir, 'a.csv')]);
    assert.equal(under.code, 0, under.stderr);
    assert.deepEqual(memoryWarnings(under.stderr), [
      `warning: training will hold at least about ${formatBytes(floor)} (the matrix and its preprocessing, before TensorFlow's own), more than --max-memory ${formatBytes(floor - 1)}, which limits only the import: training goes on, not held to it`,
    ]);
    // at the floor, and without --max-memory: nothing said
    const at = await runCli([...base, '--max-memory', String(floor), '--out', join(dir, 'b.csv')]);
    assert.equal(at.code, 0, at.stderr);
    assert.deepEqual(memoryWarnings(at.stderr), []);
  } finally {
    await cleanup();
  }
});
