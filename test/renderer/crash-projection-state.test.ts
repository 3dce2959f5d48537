// Projected cells (Explore ▸ Project another file) after the engine process died: the page stops showing and
// offering (Export projected cells, Save session with them) those the restarted engine no longer holds — the
// map they were projected onto died with the worker, or the replay could not project their file again — and
// keeps those the replay brought back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INITIAL_STATE } from '../../renderer/state.js';
import { datasetFixture, projectedFixture, runResultFixture } from './fixtures.js';
import { run, event } from './reduce-steps.js';

const projected = projectedFixture({ projectionId: 'projection-4' });

/** A trained map with projected cells coloured by a joined column. */
const shown = run(
  INITIAL_STATE,
  { type: 'dataset-opened', summary: datasetFixture({ datasetId: 'd1' }) },
  { type: 'training-started', runId: 'r1' },
  event({ type: 'run-finished', result: runResultFixture('r1') }),
  { type: 'projected', result: projected },
  { type: 'projected-colour', column: 'donor' },
);

test('the map a dead worker took takes its projected cells with it', () => {
  const s = run(shown, event({ type: 'run-discarded', runId: 'r1', cause: 'worker-exit', message: 'died' }));
  assert.equal(s.projected, null, 'no Export projected cells, no saving them');
  assert.equal(s.projectedColour, '');
  assert.equal(s.result?.runId, 'r1', 'the map stays on screen');
  // another page replacing the data leaves the cells shown (the engine's notice says what to do)
  const replaced = run(
    shown,
    event({ type: 'run-discarded', runId: 'r1', cause: 'data-replaced', message: 'replaced' }),
  );
  assert.equal(replaced.projected, projected);
});

test('projected cells the replay could not project again are dropped, said in one notice', () => {
  const message = 'The engine process stopped; … could not be projected again: query.csv: no such file.';
  const s = run(shown, event({ type: 'replay-incomplete', message, projectionId: 'projection-4' }));
  assert.equal(s.projected, null);
  assert.equal(s.notices.filter((n) => n.message === message).length, 1);
  assert.equal(s.notices.at(-1)?.level, 'warning');
  // told again (another page's call ran the replay): nothing more
  assert.equal(run(s, event({ type: 'replay-incomplete', message, projectionId: 'projection-4' })), s);
  // other cells projected since are not those
  const other = run(shown, event({ type: 'replay-incomplete', message, projectionId: 'projection-2' }));
  assert.equal(other.projected, projected);
});

test('projected cells the crash notice says are lost are dropped with it; others stay', () => {
  const message =
    'The engine worker was killed by SIGKILL unexpectedly. … The projected rows (query.csv) are lost too.';
  const exit = {
    type: 'worker-exit' as const,
    message,
    code: null,
    signal: 'SIGKILL',
    reopens: 's.tripletlens',
  };
  const s = run(shown, event({ ...exit, lostProjection: 'projection-4' }));
  assert.equal(s.projected, null);
  assert.equal(s.notices.filter((n) => n.message === message).length, 1, 'one notice for the crash');
  assert.equal(run(shown, event(exit)).projected, projected, 'nothing said lost: kept');
});
