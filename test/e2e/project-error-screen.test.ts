/**
 * End-to-end: an error of Explore's Project another file stayed on screen over the Import screen the user
 * moved to (walkthrough). It belongs to Explore (Notice.screen): gone from the Import screen, shown again back
 * in Explore; a notice of no screen — the engine's, a run's — stays on every screen.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openAndTrainOnBrowsedFile, openBrowserSession, type BrowserSession } from './browser-session.js';
import { writeTrainingAndQuery } from './project-steps.js';

describe('Project another file: its error belongs to Explore', { timeout: 300_000 }, () => {
  let session: BrowserSession;
  let page: Page;

  before(async () => {
    session = await openBrowserSession('project-error-screen');
    page = session.page;
    writeTrainingAndQuery(session.work);
    // query.csv with a missing value in its third line's second column: the engine refuses it
    const lines = readFileSync(join(session.work, 'query.csv'), 'utf8').split('\n');
    lines[2] = lines[2].replace(/^([^,]*),[^,]*/, '$1,NA');
    writeFileSync(join(session.work, 'bad-query.csv'), lines.join('\n'));
    await openAndTrainOnBrowsedFile(session, 'cells.csv');
  });

  after(async () => {
    await session?.close();
  });

  test('a failed projection’s error is not shown on the Import screen, and is again in Explore', async () => {
    const browser = page.getByTestId('project-browser');
    if ((await browser.getAttribute('open')) === null) await browser.locator('summary').click();
    await page
      .getByTestId('project-browse-list')
      .locator('li[data-name="bad-query.csv"]')
      .getByTestId('project-browse-open')
      .click();
    const error = page.getByTestId('notice-error').filter({ hasText: 'Could not project bad-query.csv' });
    await error.waitFor({ timeout: 60_000 });
    assert.match(await error.innerText(), /line 3, column 2/);
    await page.getByTestId('tab-import').click();
    await page.getByTestId('open-sample').waitFor();
    await error.waitFor({ state: 'detached' });
    assert.equal(
      await page.getByTestId('notice-error').count(),
      0,
      await page.getByTestId('notices').innerText(),
    );
    await page.getByTestId('tab-explore').click();
    await error.waitFor();
    // dismissed in Explore, it is gone for good
    await error.getByTestId('notice-dismiss').click();
    await error.waitFor({ state: 'detached' });
    await page.getByTestId('tab-import').click();
    await page.getByTestId('tab-explore').click();
    assert.equal(await error.count(), 0);
    assert.deepEqual(session.problems, []);
  });
});
