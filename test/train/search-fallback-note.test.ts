/**
 * A run whose input-space neighbour search cannot use its worker threads (the forest's script missing: the
 * package rebuilt or reinstalled under a long-lived serve, a packaging mistake) trains as the run in one
 * thread does — the same neighbours, so the same weights — and says so once among its warnings, which the
 * CLI prints and the page raises as a Run note. The exact-search limit is lowered so a small table takes the
 * forest (worker-thread) path, as above 20 000 cells.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadCpu } from '../../src/backend/loaders.js';
import { trainEncoder } from '../../src/train/train-encoder.js';
import { blobs } from './blobs.js';
import { SMALL_RUN } from './term-runs.js';

const missing = join(import.meta.dirname, 'no-such-forest-worker.js');
// below the row count: the forest search, on worker threads with 2 threads
const exactMaxRows = 60;

test('a run whose neighbour-search worker is missing trains as in one thread and says why once', async () => {
  await loadCpu();
  const { x, labels } = blobs(240, 5, 3, 9);
  // the triplet sampler and the graph term both search neighbours: two fallbacks, one note
  const options = { ...SMALL_RUN, epochs: 1, neighbourShare: 0.5, graphWeight: 1, graphEdges: 16 };
  const entry = { script: missing, evaluate: false, file: missing };
  const fallen = await trainEncoder(
    x,
    labels,
    { ...options, threads: 2 },
    { neighbourSearch: { exactMaxRows, entry } },
  );
  const oneThread = await trainEncoder(
    x,
    labels,
    { ...options, threads: 1 },
    { neighbourSearch: { exactMaxRows } },
  );
  try {
    assert.deepEqual(fallen.weightValues(), oneThread.weightValues(), 'the same neighbours, the same run');
    const notes = fallen.warnings.filter((w) => w.startsWith('The neighbour search ran in one thread'));
    assert.equal(notes.length, 1, fallen.warnings.join('\n'));
    assert.match(
      notes[0],
      /the same neighbours, more slowly\): The worker for the neighbour search is missing \(.*no-such-forest-worker\.js\)/,
    );
    assert.ok(!oneThread.warnings.some((w) => w.includes('one thread')), 'no note when no thread was tried');
  } finally {
    fallen.dispose();
    oneThread.dispose();
  }
});
