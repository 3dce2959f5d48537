/**
 * End-to-end, one `tripletlens serve` engine shared by two browser tabs, and an engine worker that dies:
 * a page whose trained run the engine no longer holds keeps its map on screen, says at once why (a banner),
 * and stops offering the exports the engine would have to produce — instead of failing later with
 * "No trained model yet".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PLOT_CELLS, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { workerPid } from './worker-pid.js';

/** Opens the sample and trains one epoch; resolves when the map is shown. */
async function trainSample(page: Page): Promise<void> {
  await page.getByTestId('tab-import').click();
  await page.getByTestId('open-sample').click();
  await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
  await page.getByTestId('go-train').click();
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-start').click();
  await waitFor<number>(page, PLOT_CELLS, (n) => n === 700, 120_000);
}

describe('pages sharing one engine', { timeout: 400_000 }, () => {
  let first: Page;
  const opened = browserSessionHooks('shared', {
    prepare: async (session) => {
      first = session.page;
      await first.goto(session.serve.url);
    },
    goto: false,
  });

  test('Open sample in a second tab tells the first that its run was replaced, and disables its Export', async () => {
    const { session } = opened;
    await trainSample(first);
    // a second window on the same server (the URL with its token, as the user would open it again)
    const second = await session.browser.newPage();
    await second.goto(session.serve.url);
    await second.getByTestId('open-sample').click();
    await second.getByTestId('class-counts').waitFor({ timeout: 60_000 });

    const banner = first.getByTestId('notice-warning').filter({ hasText: 'replaced' });
    await banner.waitFor({ timeout: 30_000 });
    assert.match(
      await banner.innerText(),
      /no longer held by the engine because .*pbmc68k_reduced_lognorm\.csv was opened/,
    );
    assert.equal(await first.evaluate(PLOT_CELLS), 700, 'the first tab still shows its map');
    await first.getByTestId('tab-export').click();
    for (const id of ['export-csv', 'export-model', 'export-report']) {
      assert.equal(await first.getByTestId(id).isDisabled(), true, `${id} disabled`);
    }
    assert.equal(await first.getByTestId('export-png').isDisabled(), false, 'the picture can still be saved');
    assert.match(await first.getByTestId('export-note').innerText(), /train again to export/);
    // the tab that opened the file is not warned about its own action
    assert.equal(await second.getByTestId('notice-warning').filter({ hasText: 'replaced' }).count(), 0);
    await second.close();
  });

  test('a killed engine worker: the page says the run was lost, and a new run gets a new id', async () => {
    const { session } = opened;
    await trainSample(first);
    process.kill(workerPid(session.serve.child.pid ?? 0), 'SIGKILL');
    const banner = first.getByTestId('notice-warning').filter({ hasText: 'lost' });
    await banner.waitFor({ timeout: 30_000 });
    assert.match(await banner.innerText(), /died with it/);
    const exit = first.getByTestId('notice-error').filter({ hasText: 'killed by SIGKILL' });
    await exit.waitFor({ timeout: 30_000 });
    assert.match(await exit.innerText(), /will be reopened on the next action/);
    assert.equal(await first.evaluate(PLOT_CELLS), 700, 'the map stays');
    await first.getByTestId('tab-export').click();
    assert.equal(await first.getByTestId('export-csv').isDisabled(), true);

    // training again works in the restarted worker, and its run can be exported again
    await first.getByTestId('tab-train').click();
    await first.getByTestId('train-start').click();
    await first.getByTestId('tab-export').click();
    await waitFor<boolean>(
      first,
      `!document.querySelector('[data-testid="export-csv"]').disabled`,
      (enabled) => enabled,
      120_000,
    );
    assert.deepEqual(session.problems, []);
  });
});
