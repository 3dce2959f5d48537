/**
 * End-to-end: the Import screen's Metadata file field names the file joined to the open data. The browser
 * clears a file input once its file is read, so the field read "No file chosen" beside a summary showing the
 * join; opening other data drops the name with the join.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { copyCells, writeBatches } from './cells-batches.js';
import { openBrowsedFile, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** The Metadata file field's text: its label, what the input shows beside it, its hint. */
const FIELD_TEXT = `document.querySelector('.field:has([data-testid="metadata-file"])').innerText`;
const SOURCE_TEXT = `document.querySelector('[data-testid="summary-source"]').textContent`;

describe('the Metadata file field names the joined file', { timeout: 180_000 }, () => {
  const opened = browserSessionHooks('metadata-joined-name', {
    prepare: async (session) => {
      copyCells(session.work);
    },
    goto: false,
  });

  test('joined: the field names the file; the data opened again: the name is gone', async () => {
    const { session, page } = opened;
    const meta = writeBatches(session.work);
    await page.goto(session.serve.url);
    await openBrowsedFile(page, 'cells.csv');
    assert.doesNotMatch(await page.evaluate<string>(FIELD_TEXT), /batches\.csv/);

    await page.getByTestId('metadata-file').setInputFiles(meta);
    await waitFor<string>(page, SOURCE_TEXT, (t) => t.includes('+ batches.csv'));
    await waitFor<string>(page, FIELD_TEXT, (t) => t.includes('Joined: batches.csv'));

    // the same file opened again, without its metadata file: the field no longer names it
    await openBrowsedFile(page, 'cells.csv');
    await waitFor<string>(page, SOURCE_TEXT, (t) => !t.includes('batches.csv'));
    await waitFor<string>(page, FIELD_TEXT, (t) => !t.includes('batches.csv'));
  });
});
