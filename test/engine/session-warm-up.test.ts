// The session's trainer warm-up (what the engine worker starts with): a run started during it ends it and
// trains exactly as a run in a session that never warmed up.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { RunResult } from '../../src/api/engine-api.js';
import { loadedH5wasm } from '../../src/data/formats/h5wasm-load.js';
import { EngineSession } from '../../src/engine/session.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { nextOutcome } from './session-outcome.js';

/** Opens the small PBMC table, trains 3 epochs and returns the result. */
async function trainOnce(session: EngineSession): Promise<RunResult> {
  await session.openFile({ kind: 'path', path: join(sharedDataPath(), 'pbmc_small_counts.csv') });
  const outcome = nextOutcome(session);
  await session.startTraining({ labelColumn: 'label', epochs: 3, snapshotEvery: 0 });
  const event = await outcome;
  assert.equal(event.type, 'run-finished', JSON.stringify(event));
  return (event as { result: RunResult }).result;
}

// first in the file: the other test's warm-up may end before its run starts, and so load h5wasm too
test('a warm-up no run cuts short leaves h5wasm loaded, for the first HDF5 file the user opens', async () => {
  assert.equal(loadedH5wasm(), undefined, 'nothing in this process loaded h5wasm before');
  const session = new EngineSession();
  try {
    await session.warmUp();
    assert.notEqual(loadedH5wasm(), undefined);
  } finally {
    session.dispose();
  }
});

test('a run started while the session warms up stops the warm-up and gives the same map', async () => {
  const cold = new EngineSession();
  const warm = new EngineSession();
  try {
    const plain = await trainOnce(cold);
    cold.dispose();
    const tensors = tf.memory().numTensors;
    const warming = warm.warmUp();
    assert.equal(warm.warmUp(), warming, 'one warm-up a session');
    const result = await trainOnce(warm);
    await warming;
    assert.deepEqual(result.coords.data, plain.coords.data);
    warm.dispose();
    assert.equal(tf.memory().numTensors, tensors);
  } finally {
    cold.dispose();
    warm.dispose();
  }
});
