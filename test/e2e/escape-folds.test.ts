/**
 * End-to-end: Escape folded the server's file list (file-browser.ts) but none of the page's other panels —
 * Import settings stayed open. Escape now folds the open panel that holds the focus, else the one the user
 * opened last, leaving the focus on its title; a panel the page opened itself is left open unless the focus
 * is in it, and a panel on a screen not shown is left alone.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSampleTraining, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** Which of the Import screen's panels are open (by their title), and the focused element's text or tag. */
const PANELS = `(() => ({
  open: [...document.querySelectorAll('[data-testid="screen-import"] details')]
    .filter((d) => d.open)
    .map((d) => d.querySelector('summary').textContent),
  focus: document.activeElement.tagName === 'SUMMARY'
    ? document.activeElement.textContent
    : document.activeElement.tagName.toLowerCase(),
}))()`;

interface Panels {
  open: string[];
  focus: string;
}

const SETTINGS = 'Import settings';
const FILES = 'Open from the server’s folder (no upload; for large files and 10x folders)';

describe('Escape folds the page’s panels', { timeout: 120_000 }, () => {
  const opened = browserSessionHooks('escape-folds', {
    ready: async ({ page }) => {
      await page.getByTestId('open-sample').waitFor();
    },
  });
  const panels = async () => (await opened.page.evaluate(PANELS)) as Panels;
  const title = (text: string) => opened.page.locator('summary', { hasText: text });

  test('from inside a panel: that panel, the focus left on its title', async () => {
    const { page } = opened;
    await title(SETTINGS).click();
    await page.getByTestId('import-reopen').focus();
    assert.deepEqual((await panels()).open, [SETTINGS]);
    await page.keyboard.press('Escape');
    assert.deepEqual(await panels(), { open: [], focus: SETTINGS });
    await page.keyboard.press('Enter');
    assert.deepEqual((await panels()).open, [SETTINGS], 'Enter on the title opens it again');
    await page.keyboard.press('Escape');
    assert.deepEqual((await panels()).open, []);
  });

  test('with the focus elsewhere: the panel opened last, then the one before', async () => {
    const { page } = opened;
    await title(FILES).click();
    await title(SETTINGS).click();
    // a click on the page's heading area takes the focus out of both panels
    await page.getByTestId('screen-import').locator('h2').first().click();
    assert.deepEqual(await panels(), { open: [FILES, SETTINGS], focus: 'body' });
    await page.keyboard.press('Escape');
    assert.deepEqual(await panels(), { open: [FILES], focus: SETTINGS });
    await page.keyboard.press('Escape');
    assert.deepEqual((await panels()).open, []);
    await page.keyboard.press('Escape');
    assert.deepEqual((await panels()).open, [], 'nothing else to fold');
  });

  test('a panel the page opened, or one on a screen not shown, is left open', async () => {
    const { session, page } = opened;
    await page.evaluate(`document.querySelector('[data-testid="file-browser"]').open = true`);
    await title(SETTINGS).click();
    await page.getByTestId('tab-train').click();
    // the page draws the switch on its next animation frame: an Escape before it found the Import screen shown
    await page.getByTestId('screen-import').waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await page.getByTestId('tab-import').click();
    assert.deepEqual((await panels()).open, [FILES, SETTINGS], 'the Import screen was not shown');
    await page.getByTestId('screen-import').locator('h2').first().click();
    await page.keyboard.press('Escape');
    assert.deepEqual((await panels()).open, [FILES], 'the one the user opened');
    await page.keyboard.press('Escape');
    assert.deepEqual((await panels()).open, [FILES], 'not the one the page opened');
    assert.deepEqual(session.problems, []);
  });

  // Escape on the page's confirm ("Stop the training run?", over a run another Open would stop) folded the
  // panel opened last behind it instead, and the question stayed: Escape could not answer no.
  test('over the page’s confirm, Escape answers it, not a panel behind', async () => {
    const { session, page } = opened;
    await page.getByTestId('screen-import').locator('h2').first().click();
    await page.keyboard.press('Escape');
    await title(SETTINGS).click();
    assert.deepEqual((await panels()).open, [FILES, SETTINGS]);
    await startSampleTraining(page, { epochs: 10_000, patience: 0 });
    await page.getByTestId('train-stop').waitFor({ state: 'visible' });
    await waitFor<boolean>(page, `!document.querySelector('[data-testid="train-stop"]').disabled`, (v) => v);
    await page.getByTestId('tab-import').click();
    await page.getByTestId('open-sample').click();
    await page.getByTestId('confirm-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    assert.deepEqual((await panels()).open, [FILES, SETTINGS], 'the panels behind the question');
    await page.getByTestId('tab-train').click();
    assert.equal(await page.getByTestId('train-stop').isDisabled(), false, 'the run goes on');
    await page.getByTestId('train-stop').click();
    assert.deepEqual(session.problems, []);
  });
});
