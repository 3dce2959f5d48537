/**
 * End-to-end: a Train setting the option schema refuses is a message under its own field (with the range),
 * and no run starts; a rule between two settings marks the sampler field. Drives `tripletlens serve` from dist/.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSessionHooks } from './session-hooks.js';

describe('Train settings the schema refuses', { timeout: 200_000 }, () => {
  const opened = browserSessionHooks('field-messages');

  test('a batch size of 1 is a message under Batch size naming the range; fixing it clears it', async () => {
    const { page } = opened;
    await page.getByTestId('open-sample').click();
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    await page.getByTestId('go-train').click();
    await page.getByTestId('train-batchSize').fill('1');
    await page.getByTestId('train-start').click();
    const message = page.getByTestId('train-batchSize-error');
    await message.waitFor({ timeout: 10_000 });
    assert.equal(await message.textContent(), 'Batch size must be between 2 and 100000; got 1');
    assert.equal(await page.getByTestId('train-batchSize').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByTestId('train-stop').isDisabled(), true, 'no run started');

    await page.getByTestId('train-batchSize').fill('64');
    // every test id on the Train screen names one element: 'train-loss' is the loss select (the progress
    // panel's loss read-out is 'train-loss-value')
    const repeated = await page.evaluate(`(() => {
      const seen = {};
      for (const e of document.querySelectorAll('[data-testid="screen-train"] [data-testid]'))
        seen[e.dataset.testid] = (seen[e.dataset.testid] || 0) + 1;
      return Object.keys(seen).filter((id) => seen[id] > 1);
    })()`);
    assert.deepEqual(repeated, []);
    assert.equal(await page.getByTestId('train-loss-value').innerText(), '—');
    await page.getByTestId('train-loss').selectOption('quadruplet');
    await page.getByTestId('train-sampler').selectOption('batch-all');
    await page.getByTestId('train-start').click();
    const sampler = page.getByTestId('train-sampler-error');
    await sampler.waitFor({ timeout: 10_000 });
    assert.match((await sampler.textContent()) ?? '', /quadruplet loss needs sampled quadruplets/);
    assert.equal(await page.getByTestId('train-batchSize-error').count(), 0);
    assert.equal(await page.getByTestId('train-batchSize').getAttribute('aria-invalid'), null);
  });
});
