// Start training answers before the run's first computation: its passes over a big table hold the event loop
// for seconds each, so the engine worker could send the start reply (and the page learn the run's id, which
// it needs to show the run's stages) only after them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { initBackend } from '../../src/backend/index.js';
import { EngineSession } from '../../src/engine/session.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { nextOutcome } from './session-outcome.js';

test('a run starts computing on a later turn of the event loop than its start reply', async () => {
  await initBackend(); // as in the engine worker, whose warm-up loaded it: no await that waits for I/O
  const session = new EngineSession();
  try {
    await session.openFile({ kind: 'path', path: join(sharedDataPath(), 'pbmc_small_counts.csv') });
    const stages: string[] = [];
    session.onEvent((event) => {
      if (event.type === 'train-stage') stages.push(event.stage);
    });
    // the first macrotask after the reply: the worker's reply is written by then; no stage may come before
    let stagesAtNextTurn: string[] | undefined;
    setImmediate(() => (stagesAtNextTurn = [...stages]));
    const outcome = nextOutcome(session);
    await session.startTraining({ labelColumn: 'label', epochs: 1, snapshotEvery: 0 });
    const event = await outcome;
    assert.equal(event.type, 'run-finished', JSON.stringify(event));
    assert.deepEqual(stagesAtNextTurn, [], 'no preprocessing before the event loop took a turn');
    assert.equal(stages[0], 'preprocess');
  } finally {
    session.dispose();
  }
});
