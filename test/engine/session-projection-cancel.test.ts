// Project another file's Cancel (the status bar's, which calls cancelImport) after the file's read: the
// projection ends at its next step — the recipe's passes, the encoder, the labels are not run to the end —,
// nothing is added (the projection held before stays the one exported), the engine is idle and free for the
// next projection, and no tensor is left behind. Cancel used to stop only the read.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { nextOutcome } from './session-outcome.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const FILE = { kind: 'path', path: join(FORMATS, 'lognorm.h5ad') } as const;
const PROJECTING = 'Projecting lognorm.h5ad: ';
// every step said: the test presses Cancel when a given step is said
const session = new EngineSession({ progressIntervalMs: 0 });
after(() => session.dispose());

let heldId = '';

before(async () => {
  await session.openFile(FILE, { layer: 'counts' });
  const outcome = nextOutcome(session);
  await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
  assert.equal((await outcome).type, 'run-finished');
  // a projection held before the cancelled one: a Cancel must not take it away
  heldId = (await session.embedFile(FILE)).projectionId;
});

/**
 * Projects the file and presses Cancel when the step whose words start with `step` is first said; returns the
 * projection's steps said (in order) and what it ended with.
 */
async function cancelAt(step: string): Promise<{ said: string[]; error: unknown }> {
  const said: string[] = [];
  let pressed = false;
  const off = session.onEvent((event) => {
    if (event.type !== 'import-progress' || !event.message.startsWith(PROJECTING)) return;
    said.push(event.message.slice(PROJECTING.length));
    if (!pressed && said.at(-1)?.startsWith(step)) {
      pressed = true;
      void session.cancelImport();
    }
  });
  try {
    await session.embedFile(FILE);
    return { said, error: null };
  } catch (err) {
    return { said, error: err };
  } finally {
    off();
  }
}

for (const step of ['library sizes', 'predicting labels']) {
  test(`Cancel pressed at “${step}” ends the projection there, adds nothing and leaves no tensor`, async () => {
    const state = await session.getState();
    const tensors = tf.memory().numTensors;
    const { said, error } = await cancelAt(step);
    assert.ok(error instanceof Error, 'the projection is refused');
    assert.match(
      error.message,
      /^lognorm\.h5ad: projection cancelled before it finished; nothing was added to the map\.$/,
    );
    assert.ok(said.at(-1)?.startsWith(step), `no step after the Cancel was said: ${said.join(' | ')}`);
    assert.equal(tf.memory().numTensors, tensors, 'no tensor left behind');
    assert.deepEqual(await session.getState(), state, 'the engine is as it was');
    // the projection held before is still the one held: the cancelled one added nothing
    const held = await session.exportProjected(heldId);
    assert.match(held.text, /\S/);
  });
}

test('after a Cancel the next projection runs to its end and is held', async () => {
  await cancelAt('library sizes');
  const embedded = await session.embedFile(FILE);
  assert.notEqual(embedded.projectionId, heldId);
  await assert.doesNotReject(session.exportProjected(embedded.projectionId));
  await assert.rejects(session.exportProjected(heldId), /no longer held/);
});
