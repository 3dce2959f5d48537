/**
 * End-to-end, Stop pressed during the metrics stage (after the last epoch; at 10⁵ cells the stage took
 * minutes), in `tripletlens serve` and Chromium: the map is shown, the metrics not yet computed show a dash
 * and the Quality panel says they were not computed because of the Stop. The engine pauses after each step
 * (TRIPLETLENS_STAGE_STEP_DELAY_MS) so the run is still in the stage when Stop is pressed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSampleTraining, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** The Train screen's Stage field (in the DOM whichever screen is shown). Browser-side. */
const STAGE_TEXT = `document.querySelector('[data-testid="train-stage"]').textContent`;

describe('Stop during the metrics stage', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('stop-metrics', {
    // each step lasts 1 s: after the PCA baseline is said, the stage has seconds of steps left for the Stop
    env: { TRIPLETLENS_STAGE_STEP_DELAY_MS: '1000' },
  });

  test('shows the map at once, the metrics not computed said so', async () => {
    const { page } = opened;
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    await waitFor<string>(page, STAGE_TEXT, (t) => t.startsWith('metrics: the PCA baseline'), 180_000);
    await page.getByTestId('train-stop').click();
    await page.getByTestId('screen-explore').waitFor({ timeout: 60_000 });
    const notes = page.getByTestId('metric-notes');
    await notes.getByText('not computed: stopped by you').waitFor({ timeout: 30_000 });
    // the input-space kNN is the stage's last step: skipped whenever the Stop came
    assert.match(await notes.innerText(), /input space[^:]*: not computed: stopped by you\./);
    assert.equal((await page.getByTestId('metric-input-space').innerText()).trim(), '—');
    // the kNN accuracy in the map was computed before the PCA baseline was said
    assert.match(await page.getByTestId('metric-knn-accuracy-held-out-cells').innerText(), /%/);
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
