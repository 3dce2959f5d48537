/**
 * End-to-end: an error of Explore's Project another file stayed on screen over the Import screen the user
 * moved to (walkthrough). It belongs to Explore (Notice.screen): gone from the Import screen, shown again back
 * in Explore; a notice of no screen — the engine's, a run's — stays on every screen. It also stayed after a
 * later projection succeeded: the next projection's start and its success clear it (Notice.about 'project').
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openAndTrainOnBrowsedFile } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { projectQuery, writeTrainingAndQuery } from './project-steps.js';

describe('Project another file: its error belongs to Explore', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('project-error-screen', {
    prepare: async (session) => {
      writeTrainingAndQuery(session.work);
      // query.csv with a missing value in its third line's second column: the engine refuses it
      const lines = readFileSync(join(session.work, 'query.csv'), 'utf8').split('\n');
      const bad = [...lines];
      bad[2] = bad[2].replace(/^([^,]*),[^,]*/, '$1,NA');
      writeFileSync(join(session.work, 'bad-query.csv'), bad.join('\n'));
      // another failing file: its missing value in the fifth line
      const worse = [...lines];
      worse[4] = worse[4].replace(/^([^,]*),[^,]*/, '$1,NA');
      writeFileSync(join(session.work, 'worse-query.csv'), worse.join('\n'));
      await openAndTrainOnBrowsedFile(session, 'cells.csv');
    },
    goto: false,
  });

  /** Projects `name` from the section's server browser. */
  async function projectFromServer(name: string): Promise<void> {
    const { page } = opened;
    const browser = page.getByTestId('project-browser');
    if ((await browser.getAttribute('open')) === null) await browser.locator('summary').click();
    await page
      .getByTestId('project-browse-list')
      .locator(`li[data-name="${name}"]`)
      .getByTestId('project-browse-open')
      .click();
  }

  const errorOf = (name: string) =>
    opened.page.getByTestId('notice-error').filter({ hasText: `Could not project ${name}` });

  test('a failed projection’s error is not shown on the Import screen, and is again in Explore', async () => {
    const { session, page } = opened;
    await projectFromServer('bad-query.csv');
    const error = errorOf('bad-query.csv');
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

  test('the next projection’s start clears a failed one’s error; a projection that succeeds too', async () => {
    const { session, page } = opened;
    await projectFromServer('bad-query.csv');
    await errorOf('bad-query.csv').waitFor({ timeout: 60_000 });
    // another failure: its own error, not both
    await projectFromServer('worse-query.csv');
    await errorOf('worse-query.csv').waitFor({ timeout: 60_000 });
    assert.match(await errorOf('worse-query.csv').innerText(), /line 5, column 2/);
    assert.equal(await errorOf('bad-query.csv').count(), 0, await page.getByTestId('notices').innerText());
    // then a file that projects: no error is left
    await projectQuery(page);
    await page
      .getByTestId('project-info')
      .getByText('query.csv', { exact: false })
      .waitFor({ timeout: 60_000 });
    await errorOf('worse-query.csv').waitFor({ state: 'detached' });
    assert.equal(
      await page.getByTestId('notice-error').count(),
      0,
      await page.getByTestId('notices').innerText(),
    );
    assert.deepEqual(session.problems, []);
  });
});
