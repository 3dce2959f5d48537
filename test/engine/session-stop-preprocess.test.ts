// A Stop sent while a preprocessing pass runs is taken within that pass: a pass over 10⁵ cells held the engine
// worker 6–15 s, so a Stop waited for the pass's end. Order of events only, no timing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initBackend } from '../../src/backend/index.js';
import { EngineSession } from '../../src/engine/session.js';
import { STOPPED_BEFORE_FIRST_STEP } from '../../src/engine/session.js';
import { seededRandom } from '../../src/util/random.js';
import type { StageStep } from '../../src/api/stage-step.js';
import { nextOutcome } from './session-outcome.js';

/** A counts table of 3 000 cells × 400 genes in two classes: 1.2 million values, more than one pause's worth. */
function countsCsv(): Uint8Array {
  const random = seededRandom(3);
  const genes = Array.from({ length: 400 }, (_, j) => `g${j}`);
  const lines = [['id', 'label', ...genes].join(',')];
  for (let i = 0; i < 3000; i++) {
    const values = genes.map((_, j) =>
      random() < 0.4 ? 1 + Math.floor(random() * (j % 2 === i % 2 ? 9 : 3)) : 0,
    );
    lines.push([`c${i}`, i % 2 ? 'A' : 'B', ...values].join(','));
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

test('a Stop during a preprocessing pass ends the run within that pass, before any later step or stage', async () => {
  await initBackend();
  // every step event sent (no throttle), so the order is the engine's own
  const session = new EngineSession({ progressIntervalMs: 0 });
  try {
    await session.openFile({ kind: 'upload', name: 'counts.csv', bytes: countsCsv() });
    const seen: string[] = [];
    let stoppedAt: StageStep | undefined;
    session.onEvent((event) => {
      if (event.type !== 'train-stage') return;
      const { step } = event;
      seen.push(step ? `${event.stage}:${step.name}:${step.done}` : event.stage);
      // stopped inside the library sizes' pass: some cells done, not all
      if (!stoppedAt && step?.name === 'library-sizes' && step.done! > 0 && step.done! < step.total!) {
        stoppedAt = step;
        void session.stopTraining();
      }
    });
    const outcome = nextOutcome(session);
    await session.startTraining({ labelColumn: 'label', epochs: 5, snapshotEvery: 0 });
    const event = await outcome;
    assert.equal(event.type, 'run-failed', `the run ended with ${event.type}, events: ${seen.join(' ')}`);
    assert.equal((event as { error: { message: string } }).error.message, STOPPED_BEFORE_FIRST_STEP);
    assert.ok(stoppedAt, `a pause within the pass: ${seen.join(' ')}`);
    // the Stop was the last thing the run did: no event after the one it was sent at
    assert.equal(seen.at(-1), `preprocess:library-sizes:${stoppedAt.done}`, seen.join(' '));
    assert.equal((await session.getState()).activeRunId, null);
  } finally {
    session.dispose();
  }
});
