/**
 * End-to-end, two tabs of one `tripletlens serve` both showing a session reopened without its input (the first
 * follows the second's reopen, or reloads):
 * - the second re-attaches the input: the first used to keep saying the input was missing and to offer a
 *   Re-attach the engine refused; now it shows the input attached too, and says another window re-attached it;
 * - the second opens other data: the first kept its Save session, which would have saved what the engine held
 *   then (or failed); now its map is said replaced, and neither Save session nor Re-attach is offered.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { sharedDataPath } from '../../src/util/paths.js';
import {
  openBrowsedFile,
  reattachFromServerFolder,
  reopenSession,
  saveSession,
  trainOnBrowsedFile,
  waitFor,
} from './browser-session.js';
import { copyCells } from './cells-batches.js';
import { browserSessionHooks } from './session-hooks.js';

/** The text of the Edit labels panel's note about the session's input ('' when none). */
const inputNote = (page: Page): Promise<string> => page.getByTestId('session-input').innerText();

/**
 * The second tab reopens the session `saved` without its input, and the first, reloaded, shows it as the second
 * does (a tab showing a trained map keeps that map instead), on its Explore screen.
 */
async function showSessionWithoutInput(first: Page, second: Page, saved: string): Promise<void> {
  await reopenSession(second, saved);
  await second
    .getByTestId('notice-warning')
    .filter({ hasText: 'The session’s input file is missing' })
    .waitFor({ timeout: 60_000 });
  await first.reload();
  await first.getByTestId('tab-explore').click();
  await waitFor<string>(first, `document.querySelector('[data-testid="session-input"]').textContent`, (t) =>
    /pbmc\.csv was not found/.test(t),
  );
}

describe(
  'a tab showing a session without its input follows what another tab does to it',
  { timeout: 600_000 },
  () => {
    const opened = browserSessionHooks('tab-session-input', {
      prepare: (session) => {
        copyCells(session.work);
        copyFileSync(join(sharedDataPath(), 'pbmc_small_counts.csv'), join(session.work, 'pbmc.csv'));
      },
    });
    let second: Page;
    let saved = '';

    test('its input re-attached in the other tab: this tab shows it attached, and says so', async () => {
      const { session, page: first } = opened;
      second = await session.browser.newPage({
        viewport: { width: 1280, height: 800 },
        acceptDownloads: true,
      });
      await second.goto(session.serve.url);
      await trainOnBrowsedFile(second, 'pbmc.csv', { label: 'label', epochs: 1 });
      saved = (await saveSession({ ...session, page: second }, 'saved.tripletlens')).file;
      mkdirSync(join(session.work, 'moved'));
      renameSync(join(session.work, 'pbmc.csv'), join(session.work, 'moved', 'pbmc.csv'));
      await showSessionWithoutInput(first, second, saved);
      assert.equal(await first.getByTestId('session-attach-file').isVisible(), true, 'Re-attach offered');

      await reattachFromServerFolder(second, 'moved', 'pbmc.csv');
      await first
        .getByTestId('notice-info')
        .filter({ hasText: /Another window re-attached \S*pbmc\.csv\./ })
        .waitFor({ timeout: 60_000 });
      await waitFor<string>(
        first,
        `document.querySelector('[data-testid="session-input"]').textContent`,
        (t) => t === '',
      );
      assert.equal(
        await first.getByTestId('notice-warning').filter({ hasText: 'input file is missing' }).count(),
        0,
      );
      assert.equal(await first.getByTestId('session-attach-file').isVisible(), false, 'no Re-attach left');
      // the session, now with its input, is saved from this tab too
      const resaved = await saveSession(session, 'resaved.tripletlens');
      assert.match(resaved.suggested, /\.tripletlens$/);
      assert.deepEqual(session.problems, []);
    });

    test('other data opened in the other tab: the map here is said replaced; no Save session, no Re-attach', async () => {
      const { session, page: first } = opened;
      // both tabs show the session without its input again (the input is not where it was saved)
      await showSessionWithoutInput(first, second, saved);
      assert.equal(
        await first.getByTestId('session-save').isDisabled(),
        false,
        'Save session offered before',
      );

      await second.getByTestId('tab-import').click();
      await openBrowsedFile(second, 'cells.csv');
      const replaced = first
        .getByTestId('notice-warning')
        .filter({ hasText: 'The session’s map was replaced' });
      await replaced.waitFor({ timeout: 60_000 });
      assert.match(await replaced.innerText(), /no longer held by the engine because cells\.csv was opened/);
      assert.match(await inputNote(first), /no longer held by the engine/);
      assert.equal(await first.getByTestId('session-save').isDisabled(), true, 'Save session');
      assert.equal(
        await first.getByTestId('label-edit-export-csv').isDisabled(),
        true,
        'Export edited labels',
      );
      assert.equal(await first.getByTestId('session-attach-file').isVisible(), false, 'no Re-attach');
      assert.deepEqual(session.problems, []);
    });
  },
);
