// Project another file says its steps (a busy line's import-progress events after the read): the recipe's
// passes with their counts, the encoder and the labels, in order — 10⁵ cells were ~20 s without a word.
// The projected map is the one embedWithModel makes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { nextOutcome } from './session-outcome.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
// every event passed on: the order of the steps is what is checked, not the throttling
const session = new EngineSession({ progressIntervalMs: 0 });
after(() => session.dispose());

before(async () => {
  // counts: the recipe normalises, so its library sizes are a step too
  await session.openFile({ kind: 'path', path: join(FORMATS, 'lognorm.h5ad') }, { layer: 'counts' });
  const outcome = nextOutcome(session);
  await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
  assert.equal((await outcome).type, 'run-finished');
});

test("projecting a file says each of the embedding's steps after the read, in order", async () => {
  const messages: string[] = [];
  const off = session.onEvent((event) => {
    if (event.type === 'import-progress') messages.push(event.message);
  });
  const embedded = await session.embedFile({ kind: 'path', path: join(FORMATS, 'lognorm.h5ad') });
  off();
  const cells = embedded.coords.rows;
  const steps = messages
    .filter((m) => m.startsWith('Projecting lognorm.h5ad: '))
    .map((m) => m.slice('Projecting lognorm.h5ad: '.length).replace(/, \d+ of \d+ cells$/, ''))
    .filter((m, i, all) => all[i - 1] !== m);
  assert.deepEqual(steps, [
    'library sizes',
    // the small fixture's recipe has no PCA: its pass over the kept genes is a step too
    'scaling the kept genes',
    'class evidence',
    `the encoder (${cells} cells)`,
    `predicting labels (${cells} cells)`,
  ]);
  assert.match(messages[0], /^Reading lognorm\.h5ad/, 'the read first');
});
