/**
 * End-to-end, re-attaching a reopened session's moved input under `tripletlens serve`: a file opened from the
 * server's folder is trained and the session saved; the file then moves to another folder under --root, and
 * the reopened session (its input missing) finds it again with Edit labels ▸ "Open the input file again" ▸
 * the server's folder — by its path, nothing uploaded (a file of 2 GB or more, or a 10x folder, cannot be).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { sharedDataPath } from '../../src/util/paths.js';
import { openBrowserSession, trainOnBrowsedFile, waitFor, type BrowserSession } from './browser-session.js';

const text = (page: Page, testid: string) =>
  page.evaluate(`document.querySelector('[data-testid="${testid}"]').textContent`) as Promise<string>;

describe('re-attaching a moved input from the server’s folder', { timeout: 600_000 }, () => {
  let session: BrowserSession;
  let page: Page;

  before(async () => {
    session = await openBrowserSession('reattach');
    page = session.page;
    copyFileSync(join(sharedDataPath(), 'pbmc_small_counts.csv'), join(session.work, 'cells.csv'));
  });

  after(async () => {
    await session?.close();
  });

  test('the reopened session finds its moved input in the server’s folder and re-attaches it', async () => {
    await page.goto(session.serve.url);
    await trainOnBrowsedFile(page, 'cells.csv', { label: 'label', epochs: 1 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('session-save').click(),
    ]);
    const file = join(session.work, 'saved.tripletlens');
    await download.saveAs(file);
    mkdirSync(join(session.work, 'moved'));
    renameSync(join(session.work, 'cells.csv'), join(session.work, 'moved', 'cells.csv'));

    await page.reload();
    await page.getByTestId('tab-explore').click();
    await page.getByTestId('session-open-file').setInputFiles(file);
    const note = await waitFor<string>(
      page,
      `document.querySelector('[data-testid="session-input"]').textContent`,
      (t) => t !== '',
    );
    assert.match(note, /cells\.csv was not found/);
    assert.equal(await page.getByTestId('retrain-start').isDisabled(), true, 'retraining needs the data');

    const browser = page.getByTestId('session-attach-browser');
    await browser.locator('summary').click();
    const list = page.getByTestId('session-attach-browse-list');
    await list.locator('li[data-name="moved"]').getByTestId('session-attach-browse-folder').click();
    await page.getByTestId('session-attach-browse-path').getByText('/moved').waitFor();
    await list.locator('li[data-name="cells.csv"]').getByTestId('session-attach-browse-open').click();
    await waitFor<string>(page, `document.querySelector('[data-testid="notices"]').textContent`, (t) =>
      t.includes('Input re-attached'),
    );
    assert.equal(await text(page, 'session-input'), '');
    assert.equal(await page.getByTestId('retrain-start').isDisabled(), false);
    // the Import screen's browser is another one, with its own data-testids
    assert.equal(await page.getByTestId('file-browser').count(), 1);
    assert.deepEqual(session.problems, []);
  });
});
