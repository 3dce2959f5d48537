/**
 * End-to-end: Explore's Retrain ▸ Epochs refuses what the Train screen's Epochs field refuses, with its
 * message under the field, and retrains nothing — a typed 0 retrained the default 5 epochs without a word.
 * A value it takes clears the message and retrains for that many epochs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { showSampleMap } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { renameFirstClass } from './rename-first-class.js';

describe('Retrain ▸ Epochs', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('retrain-epochs', {
    ready: ({ page }) => showSampleMap(page),
  });

  test('a refused value is a message under the field and starts no run; a good one retrains', async () => {
    const { session, page } = opened;
    // an edit, so Retrain has labels to send: the first class renamed
    await renameFirstClass(page);
    const epochsBefore = await page.getByTestId('train-epoch').textContent();

    await page.getByTestId('retrain-epochs').fill('0');
    await page.getByTestId('retrain-start').click();
    const message = page.getByTestId('retrain-epochs-error');
    await message.waitFor({ timeout: 10_000 });
    assert.match((await message.textContent()) ?? '', /^Epochs must be between 1 and \d+; got 0$/);
    assert.equal(await page.getByTestId('retrain-epochs').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByTestId('retrain-start').isDisabled(), false, 'no retrain started');
    assert.equal(
      await page.getByTestId('train-epoch').textContent(),
      epochsBefore,
      'the run shown is the last',
    );

    await page.getByTestId('retrain-epochs').fill('1');
    await page.getByTestId('retrain-start').click();
    await message.waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByTestId('train-epoch').getByText('1 / 1').waitFor({ state: 'attached', timeout: 120_000 });
    assert.deepEqual(session.problems, []);
  });
});
