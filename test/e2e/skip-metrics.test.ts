/**
 * End-to-end, in `tripletlens serve` and Chromium: Stop pressed during the epochs ends them, and the stopped
 * map's metrics are computed — minutes at 10⁵ cells, the Stop button disabled all along ("stopping…"). It is
 * enabled again as Skip metrics during them, and a press shows the map at once, the metrics not yet computed
 * said so in the Quality panel. The engine pauses after each stage step (TRIPLETLENS_STAGE_STEP_DELAY_MS), so
 * the run is still in the metrics when Skip metrics is pressed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSampleTraining, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** The Train screen's Epoch field (in the DOM whichever screen is shown). Browser-side. */
const EPOCH_TEXT = `document.querySelector('[data-testid="train-epoch"]').textContent`;

describe('Skip metrics after a Stop during the epochs', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('skip-metrics', {
    // each metric lasts 1 s at least: the stage has seconds of steps left for Skip metrics
    env: { TRIPLETLENS_STAGE_STEP_DELAY_MS: '1000' },
  });

  test('Stop ends the epochs; Skip metrics, enabled while stopping, skips the metrics', async () => {
    const { page } = opened;
    // patience 0: the run never ends on its own before the Stop
    await startSampleTraining(page, { epochs: 100_000, patience: 0, dims: 2 });
    await waitFor<string>(page, EPOCH_TEXT, (t) => /^\d+ \//.test(t), 180_000);
    const stop = page.getByTestId('train-stop');
    await stop.click();
    await page.getByTestId('train-stage').getByText('stopping…').waitFor({ timeout: 30_000 });
    // enabled again once the stopped run's metrics begin
    const skip = page.getByRole('button', { name: 'Skip metrics' });
    await skip.waitFor({ timeout: 60_000 });
    await waitFor<boolean>(
      page,
      `!document.querySelector('[data-testid="train-stop"]').disabled`,
      (e) => e,
      30_000,
    );
    await skip.click();
    await page.getByTestId('screen-explore').waitFor({ timeout: 60_000 });
    const notes = page.getByTestId('metric-notes');
    await notes.getByText('not computed: stopped by you').waitFor({ timeout: 30_000 });
    // the input-space kNN is the stage's last step: skipped whenever the press came
    assert.match(await notes.innerText(), /input space[^:]*: not computed: stopped by you\./);
    assert.equal((await page.getByTestId('metric-input-space').innerText()).trim(), '—');
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
