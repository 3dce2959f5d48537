/**
 * End-to-end, two tabs of one `tripletlens serve`, the first only viewing its data while the second changes
 * what the engine holds (serve-tab-follows-open.test.ts has the plain Open):
 * - the second joins a metadata file: the first used to start over — its label column back to the suggested
 *   one — although the column the user picked is still there; now it keeps it and names the new columns;
 * - both open a file at once, the second's finishing last: the first, whose reply came after the second's
 *   event, used to show its own file, which the engine no longer held; now the engine's order decides;
 * - the second reopens a saved session whose input is gone: the first used to stay on its old data; now it
 *   shows the session's map and says the input is missing, as the second does.
 */
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { sharedDataPath } from '../../src/util/paths.js';
import {
  openBrowsedFile,
  reopenSession,
  saveSession,
  shownFileName,
  trainOnBrowsedFile,
  waitFor,
} from './browser-session.js';
import { copyCells, writeBatches } from './cells-batches.js';
import { browserSessionHooks } from './session-hooks.js';

const IRIS = 'sklearn_iris.csv';

describe('a tab that only views its data follows what another tab does to it', { timeout: 600_000 }, () => {
  const opened = browserSessionHooks('tab-follows-changes', {
    prepare: (session) => {
      copyCells(session.work);
      copyFileSync(join(sharedDataPath(), IRIS), join(session.work, IRIS));
      copyFileSync(join(sharedDataPath(), 'pbmc_small_counts.csv'), join(session.work, 'pbmc.csv'));
    },
  });
  let second: Page;

  test('metadata joined in the other tab: the label column picked here is kept, the new column named', async () => {
    const { session, page: first } = opened;
    const meta = writeBatches(session.work);
    await openBrowsedFile(first, 'cells.csv');
    // not the suggested column: the user's own choice
    await first.getByTestId('label-column').selectOption('donor');
    await first.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    second = await session.browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await second.goto(session.serve.url);
    await second
      .getByTestId('summary-source')
      .getByText(shownFileName('cells.csv'))
      .waitFor({ timeout: 60_000 });

    await second.getByTestId('metadata-file').setInputFiles(meta);
    await first.getByTestId('summary-source').getByText('+ batches.csv').waitFor({ timeout: 60_000 });
    assert.equal(await first.getByTestId('label-column').inputValue(), 'donor');
    const told = first.getByTestId('notice-info').filter({
      hasText: 'Another window joined the metadata file batches.csv: its column “batch” is now available.',
    });
    assert.equal(await told.count(), 1);
    assert.deepEqual(session.problems, []);
  });

  test('both tabs open a file, the other finishing last: this tab shows the other’s file, and says so', async () => {
    const { session, page: first } = opened;
    // the first tab's open of iris reaches the engine first, its reply held back until the second tab's open
    // of cells.csv finished after it: the engine then holds cells.csv, and the first tab gets both events
    // before its reply
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let answered = (): void => undefined;
    const engineOpened = new Promise<void>((resolve) => (answered = resolve));
    await first.route('**/api/openFile', async (route) => {
      const response = await route.fetch();
      answered();
      await released;
      await route.fulfill({ response });
    });
    const browser = first.getByTestId('file-browser');
    if ((await browser.getAttribute('open')) === null) await browser.locator('summary').click();
    await first
      .getByTestId('browse-list')
      .locator(`li[data-name="${IRIS}"]`)
      .getByTestId('browse-open')
      .click();
    await engineOpened;
    await openBrowsedFile(second, 'cells.csv');
    release();

    const told = first.getByTestId('notice-info').filter({ hasText: 'Another window opened cells.csv.' });
    await told.waitFor({ timeout: 60_000 });
    await first
      .getByTestId('summary-source')
      .getByText(shownFileName('cells.csv'))
      .waitFor({ timeout: 30_000 });
    await first.unroute('**/api/openFile');
    // its Train screen offers what the engine holds, not iris's Start that the engine would refuse
    await first.getByTestId('tab-train').click();
    await first.getByTestId('train-label').getByText('Training on cells.csv').waitFor({ timeout: 30_000 });
    assert.equal(await first.getByTestId('notice-error').count(), 0);
    // the second tab, whose open finished last, is not told anything
    assert.equal(await second.getByText('Another window').count(), 0);
    assert.deepEqual(session.problems, []);
  });
  test('a session reopened in the other tab without its input: this tab shows its map and says the input is missing', async () => {
    const { session, page: first } = opened;
    await trainOnBrowsedFile(second, 'pbmc.csv', { label: 'label', epochs: 1 });
    const { file } = await saveSession({ ...session, page: second }, 'saved.tripletlens');
    rmSync(join(session.work, 'pbmc.csv'));
    // the first tab views other data, no map
    await first.getByTestId('tab-import').click();
    await openBrowsedFile(first, 'cells.csv');

    await reopenSession(second, file);
    const missing = first
      .getByTestId('notice-warning')
      .filter({ hasText: 'The session’s input file is missing' });
    await missing.waitFor({ timeout: 60_000 });
    const told = first
      .getByTestId('notice-info')
      .filter({ hasText: 'Another window opened the session saved.tripletlens.' });
    assert.equal(await told.count(), 1);
    await first.getByTestId('tab-explore').click();
    const note = await waitFor<string>(
      first,
      `document.querySelector('[data-testid="session-input"]').textContent`,
      (t) => t !== '',
    );
    assert.match(note, /pbmc\.csv was not found/);
    assert.deepEqual(session.problems, []);
  });
});
