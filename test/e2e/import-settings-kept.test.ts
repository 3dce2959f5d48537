/**
 * End-to-end: what the user set in Import settings and has not applied yet ("Re-open with these settings")
 * stays set when a metadata file is joined (the Labels panel's Metadata file). The join gives the page a new
 * summary of the same file, and the form was drawn again from it — its Genes start at and metadata columns
 * back to what the file was read with — so a Re-open then read the file as before, not as the form had said.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { copyCells, writeBatches } from './cells-batches.js';
import { openBrowsedFile, openBrowserSession, type BrowserSession } from './browser-session.js';
import { setControl, TWO_FRAMES } from './page-input.js';

const GENES_FROM = '[data-testid="import-genes-from"]';
const LEIDEN = '[data-testid="import-metadata-columns"] input[value="leiden_cluster"]';

describe(
  'Import settings keep what the user set while a metadata file is joined',
  { timeout: 180_000 },
  () => {
    let session: BrowserSession;
    let page: Page;

    before(async () => {
      session = await openBrowserSession('import-settings-kept');
      page = session.page;
      copyCells(session.work);
    });

    after(async () => {
      await session?.close();
    });

    test('Genes start at and a metadata column, set but not applied, stay after the join', async () => {
      const meta = writeBatches(session.work);
      await page.goto(session.serve.url);
      await openBrowsedFile(page, 'cells.csv');
      assert.equal(
        await page.evaluate(`document.querySelector('${LEIDEN}').checked`),
        true,
        'read as metadata',
      );

      await page.evaluate(
        setControl(GENES_FROM, 'GENE00', 'change') + setControl(LEIDEN, { checked: false }, 'change'),
      );
      await page.getByTestId('metadata-file').setInputFiles(meta);
      await page
        .getByTestId('summary-source')
        .getByText('+ batches.csv', { exact: false })
        .waitFor({ timeout: 60_000 });
      await page.evaluate(TWO_FRAMES);
      assert.equal(await page.evaluate(`document.querySelector('${GENES_FROM}').value`), 'GENE00');
      assert.equal(await page.evaluate(`document.querySelector('${LEIDEN}').checked`), false);
    });
  },
);
