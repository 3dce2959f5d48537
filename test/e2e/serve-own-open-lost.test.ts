/**
 * End-to-end, a tab of `tripletlens serve` whose Open reached the engine but whose reply was lost (the connection
 * dropped): the engine holds the file, and its 'data-opened' reaches the tab — which used to say "Another window
 * opened sklearn_iris.csv.". Its opens now carry its id, given back in the event: it says the file was opened
 * after all, and shows it.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sharedDataPath } from '../../src/util/paths.js';
import { openBrowsedFile, shownFileName } from './browser-session.js';
import { copyCells } from './cells-batches.js';
import { browserSessionHooks } from './session-hooks.js';

const IRIS = 'sklearn_iris.csv';

describe('a tab whose own Open lost its reply', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('own-open-lost', {
    prepare: (session) => {
      copyCells(session.work);
      copyFileSync(join(sharedDataPath(), IRIS), join(session.work, IRIS));
    },
  });

  test('shows the file the engine opened for it, and does not call it another window’s', async () => {
    const { session, page } = opened;
    await openBrowsedFile(page, 'cells.csv');
    // the engine opens the file, then the reply is dropped on its way to the page
    await page.route('**/api/openFile', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page
      .getByTestId('browse-list')
      .locator(`li[data-name="${IRIS}"]`)
      .getByTestId('browse-open')
      .click();
    await page
      .getByTestId('notice-info')
      .filter({ hasText: `${IRIS} was opened after all` })
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('summary-source').getByText(shownFileName(IRIS)).waitFor({ timeout: 30_000 });
    await page.unroute('**/api/openFile');
    assert.equal(await page.getByText('Another window').count(), 0);
    // a page error is none of this test's: the call's failure is the dropped connection it was given
    assert.deepEqual(
      session.problems.filter((p) => !p.includes('api/openFile')),
      [],
    );
  });
});
