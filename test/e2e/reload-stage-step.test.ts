/**
 * End-to-end, a page reloaded while a run is inside a long stage: it shows the stage's step ("preprocess:
 * PCA, pass 3 of 9") at once, from what the engine holds (getState's `activeStep`), not only from the step's
 * next event, which at 10⁵ cells may be many seconds away. The engine pauses after each step
 * (TRIPLETLENS_STAGE_STEP_DELAY_MS) so the run stays inside its stages; the reloaded page's events are held
 * until the step is on screen, so no event can have brought it — an order, not a time.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSampleTraining, waitFor } from './browser-session.js';
import { reloadWithEventsHeld } from './joined-run.js';
import { browserSessionHooks } from './session-hooks.js';

/** The Train screen's Stage field (in the DOM whichever screen is shown). Browser-side. */
const STAGE_TEXT = `document.querySelector('[data-testid="train-stage"]').textContent`;

/** A stage with its step: "preprocess: gene statistics, 80 of 80 cells (4 s)", "train: fitting the class evidence". */
const WITH_STEP = /^(preprocess|train): \S/;

describe('a page reloaded during a long stage', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('reload-stage-step', {
    // each step of the run's stages lasts 2 s: the sample's preprocessing has a dozen
    env: { TRIPLETLENS_STAGE_STEP_DELAY_MS: '2000' },
  });

  test('shows the stage’s step before the next event arrives', async () => {
    const { page } = opened;
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    await waitFor<string>(page, STAGE_TEXT, (t) => WITH_STEP.test(t), 120_000);
    // the reloaded page's events are held: what it shows of the run can only come from getState
    const release = await reloadWithEventsHeld(page);
    const shown = await waitFor<string>(page, STAGE_TEXT, (t) => WITH_STEP.test(t), 60_000);
    await release();
    assert.match(shown, WITH_STEP);
    // the page follows the run it took over: Stop ends it
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-stop').click();
    await waitFor<string>(page, STAGE_TEXT, (t) => t === 'failed' || t.startsWith('finished'), 120_000);
  });

  test('no script errors or CSP violations', () => {
    assert.deepEqual(opened.session.problems, []);
  });
});
