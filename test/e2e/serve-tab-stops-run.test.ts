/**
 * End-to-end, two tabs of one `tripletlens serve`: tab A trains; tab B opens another file. Tab B's Open used to
 * cancel tab A's run without a word in B and with "Training was cancelled because other data was opened" in
 * A. Now tab B asks first, in the page's own dialog, naming what runs and what stops it — "Keep training"
 * leaves the run alone — and tab A, whose run B then stopped, says so once and shows the file B opened.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { sharedDataPath } from '../../src/util/paths.js';
import { startSampleTraining, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const EPOCH_TEXT = `document.querySelector('[data-testid="train-epoch"]').textContent`;
const OTHER = 'sklearn_iris.csv';
const STOPPED_WORDS = `Another window opened ${OTHER}; the training run was stopped.`;

/** Tab A: the sample, training for longer than the test lasts; resolves once its epochs are counted. */
async function startLongRun(page: Page): Promise<void> {
  // patience 0: the run never ends on its own
  await startSampleTraining(page, { epochs: 100_000, patience: 0 });
  await waitFor<string>(page, EPOCH_TEXT, (t) => /^\d+ \//.test(t), 180_000);
}

describe('Open in a second tab while the first trains', { timeout: 400_000 }, () => {
  let first: Page;
  let second: Page;
  const opened = browserSessionHooks('tab-stops-run', {
    prepare: async (session) => {
      copyFileSync(join(sharedDataPath(), OTHER), join(session.work, OTHER));
      first = session.page;
      await first.goto(session.serve.url);
      await startLongRun(first);
      second = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
      await second.goto(session.serve.url);
    },
    goto: false,
  });

  test('the second tab asks first, naming the run and the file; Keep training leaves it running', async () => {
    const { session } = opened;
    await second.getByTestId('import-file').setInputFiles(join(session.work, OTHER));
    const dialog = second.getByTestId('confirm-dialog');
    await dialog.waitFor({ timeout: 60_000 });
    assert.match(
      await second.getByTestId('confirm-message').innerText(),
      new RegExp(
        `^Training on pbmc68k_reduced_lognorm\\.csv is running \\(epoch \\d+ of 100000\\)\\. Opening sklearn_iris\\.csv stops it\\.$`,
      ),
    );
    await second.getByTestId('confirm-no').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    // the run goes on: the first tab still counts its epochs and was told nothing
    const epoch = (await first.evaluate(EPOCH_TEXT)) as string;
    await waitFor<string>(first, EPOCH_TEXT, (t) => t !== epoch, 60_000);
    assert.equal(await first.getByTestId('notice-warning').filter({ hasText: 'Another window' }).count(), 0);
    assert.equal(await second.getByTestId('notice-error').count(), 0, 'keeping the run is no failure');
  });

  test('on yes the second tab opens the file; the first says once that its run was stopped, and shows it', async () => {
    const { session } = opened;
    await second.getByTestId('import-file').setInputFiles(join(session.work, OTHER));
    await second.getByTestId('confirm-dialog').waitFor({ timeout: 60_000 });
    await second.getByTestId('confirm-yes').click();
    const told = first.getByTestId('notice-warning').filter({ hasText: STOPPED_WORDS });
    await told.waitFor({ timeout: 60_000 });
    assert.equal(await told.count(), 1);
    // said by the stopped run alone, not again as another window's open (data-opened)
    assert.equal(await first.getByTestId('notice-info').filter({ hasText: 'Another window' }).count(), 0);
    // its Train screen offers the file the engine now holds, not the sample's Start that would be refused
    await first.getByTestId('train-label').getByText(`Training on ${OTHER}`).waitFor({ timeout: 30_000 });
    assert.equal(await first.getByTestId('train-start').isDisabled(), false);
    assert.equal(await first.getByTestId('notice-error').count(), 0, 'no “Training failed”');
    // the tab that stopped it is not told another window did
    await second.getByTestId('tab-train').click();
    await second.getByTestId('train-label').getByText(`Training on ${OTHER}`).waitFor({ timeout: 30_000 });
    assert.equal(await second.getByTestId('notice-warning').filter({ hasText: 'Another window' }).count(), 0);
    assert.deepEqual(session.problems, []);
  });
});
