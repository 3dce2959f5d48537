/**
 * End-to-end, Explore ▸ Project another file cancelled after its read, in `tripletlens serve` and Chromium: the
 * status bar's Cancel, pressed while the busy line says a projection step ("Projecting query.csv: scaling the
 * kept genes…"), ends the projection there — nothing is added to the map, the status bar is idle, the failure
 * says it was cancelled — and the next projection runs to its end. Cancel used to stop only the read: the
 * steps after it ran on (~20 s at 10⁵ cells) and the cells were added anyway. Each engine step pauses
 * (TRIPLETLENS_STAGE_STEP_DELAY_MS) so the projection is still in its steps when Cancel is pressed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openAndTrainOnBrowsedFile, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import {
  PROJECTED_TRACES,
  projectQuery,
  writeTrainingAndQuery,
  type ProjectedTrace,
} from './project-steps.js';

/** The status bar's busy line (or 'idle'). Browser-side. */
const WORKER_STATE = `document.querySelector('[data-testid="worker-state"]').textContent`;

describe('Project another file cancelled after its read', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('project-cancel', {
    // every step of the run's and the projection's stages lasts 0.4 s
    env: { TRIPLETLENS_STAGE_STEP_DELAY_MS: '400' },
    prepare: async (session) => {
      writeTrainingAndQuery(session.work);
      await openAndTrainOnBrowsedFile(session, 'cells.csv');
    },
    goto: false,
  });

  test('Cancel during a projection step adds nothing and frees the engine', async () => {
    const { page } = opened;
    await projectQuery(page);
    // the read is done once the busy line says a projection step
    await waitFor<string>(page, WORKER_STATE, (t) => t.startsWith('Projecting query.csv: '), 60_000);
    await page.getByTestId('busy-cancel').click();
    const failure = page.getByTestId('notice-error').filter({
      hasText: 'query.csv: projection cancelled before it finished; nothing was added to the map.',
    });
    await failure.waitFor({ timeout: 60_000 });
    await waitFor<string>(page, WORKER_STATE, (t) => t === 'idle', 10_000);
    assert.deepEqual(await page.evaluate(PROJECTED_TRACES), [], 'no projected cells on the map');

    // the engine is free: the same file projected again is added
    await projectQuery(page);
    const traces = await waitFor<ProjectedTrace[]>(page, PROJECTED_TRACES, (t) => t.length > 0, 120_000);
    assert.equal(
      traces.reduce((n, t) => n + t.points, 0),
      40,
    );
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
