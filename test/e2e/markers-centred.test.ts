/**
 * End-to-end, the marker panel on centred values: Golub's leukaemia panel (/work/shared/data; log10 values
 * standardised per array, so many means are negative) trained to a map, its AML rows tested against the rest.
 * The table shows no fold change, the heading says why, and the select of how the values were logged is not
 * offered (no choice of log makes a log ratio of centred means); a session saved there reopens the same way;
 * and so for two groups whose listed genes' fold changes are all finite numbers, though of negative means.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { sharedDataPath } from '../../src/util/paths.js';
import {
  openAndTrainOnBrowsedFile,
  reopenSession,
  saveSession,
  selectRowsScript,
  waitFor,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const FILE = 'golub_leukemia.csv';
const SOURCE = sharedDataPath(FILE);
/** Each table row's log₂FC as shown, or null before a table. */
const FOLD_CHANGES = `(() => {
  const rows = [...document.querySelectorAll('[data-testid="markers-table"] tbody tr')];
  return rows.length ? rows.map((tr) => tr.querySelector('td').textContent) : null;
})()`;
const STATUS = `(document.querySelector('[data-testid="markers-status"]') || {}).textContent || ''`;

/** The rows of `label` in the file. */
function rowsOf(label: string): number[] {
  const lines = readFileSync(SOURCE, 'utf8').trim().split('\n').slice(1);
  return lines.flatMap((line, r) => (line.split(',')[1] === label ? [r] : []));
}

/** Asks for the selection's markers against the rest; resolves with the heading once the table shows. */
async function markersVsRest(page: Page): Promise<string> {
  await page.evaluate(`document.querySelector('[data-testid="markers-table"] tbody')?.remove()`);
  await page.getByTestId('markers-vs-rest').click();
  await waitFor<string[] | null>(page, FOLD_CHANGES, (r) => r !== null, 60_000);
  return page.evaluate<string>(STATUS);
}

/** The panel as it should read on centred values: why no fold change, every log₂FC '—', no select offered. */
async function assertCentred(page: Page, heading: string): Promise<void> {
  assert.match(heading, /No fold change \(—\): these values are centred/);
  assert.doesNotMatch(heading, /log₂FC (assumes|takes)/, 'no basis stated for a fold change not shown');
  const shown = (await page.evaluate(FOLD_CHANGES)) as string[];
  assert.deepEqual(new Set(shown), new Set(['—']));
  assert.equal(await page.locator('label.markers-value-log').isHidden(), true);
}

describe('the marker panel on centred values', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('markers-centred', {
    prepare: async (session) => {
      copyFileSync(SOURCE, join(session.work, FILE));
      await session.page.addInitScript('window.tripletlensE2eHooks = true');
    },
    goto: false,
  });

  test('no fold change, the heading says why, no log choice — and so again in the reopened session', async () => {
    const { session, page } = opened;
    const aml = rowsOf('AML');
    assert.equal(aml.length, 11);
    await openAndTrainOnBrowsedFile(session, FILE, { label: 'label', epochs: 2 });
    await page.evaluate(selectRowsScript(aml));
    await assertCentred(page, await markersVsRest(page));

    const { file } = await saveSession(session, 'centred.tripletlens');
    await reopenSession(page, file);
    await page.getByTestId('notices').getByText('Session opened').waitFor();
    await assertCentred(page, await markersVsRest(page));
    assert.deepEqual(session.problems, []);
  });

  test('three arrays against four, every listed gene’s means of one sign: still no fold change', async () => {
    const { session, page } = opened;
    // these groups' 50 best genes have both means positive or both negative: no fold change is NaN, and
    // scanpy's ratio of expm1 of two negative means (a finite number) read as a log₂FC, the select offered
    await page.evaluate(selectRowsScript([2, 8, 14, 37]));
    await page.evaluate(selectRowsScript([10, 11, 25]));
    await page.evaluate(`document.querySelector('[data-testid="markers-table"] tbody')?.remove()`);
    await page.getByTestId('markers-vs-previous').click();
    await waitFor<string>(
      page,
      STATUS,
      (t) => t.startsWith('3 selected rows vs the previous selection'),
      60_000,
    );
    await waitFor<string[] | null>(page, FOLD_CHANGES, (r) => r !== null, 60_000);
    await assertCentred(page, await page.evaluate<string>(STATUS));
    assert.deepEqual(session.problems, []);
  });
});
