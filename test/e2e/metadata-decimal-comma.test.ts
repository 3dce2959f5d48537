/**
 * End-to-end, a metadata file saved by Excel in a Swedish locale (';', decimal commas: test/data/swedish-metadata.ts)
 * joined to a table in the page under `tripletlens serve`: its purity (0,7) and age (40,5) are measurements, so the
 * label picker offers them as "continuous: not a label" and cannot pick them, and the Import summary's information
 * says ',' was read as their decimal separator (src/data/comma-metadata.ts). Joined as text, purity's 3 values were
 * a label to choose; the engine's summary was tested (test/engine/session-comma-metadata.test.ts), the page by hand.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { packageRoot } from '../../src/util/paths.js';
import { writeSwedishMetadata } from '../data/swedish-metadata.js';
import { openBrowsedFile } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const CELLS = join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv');
const H5AD = join(packageRoot(), 'test', 'fixtures', 'formats', 'dense.h5ad');

/** An option of the label picker: its value, text and whether it can be picked. */
interface LabelOption {
  value: string;
  text: string;
  disabled: boolean;
}

/** The label picker's options (an expression: the node tsconfig has no DOM types). */
async function labelOptions(page: Page): Promise<LabelOption[]> {
  return (await page.evaluate(`Array.from(document.querySelectorAll('[data-testid="label-column"] option'))
    .map((o) => ({ value: o.value, text: (o.textContent || '').trim(), disabled: o.disabled }))`)) as LabelOption[];
}

describe("a ';' metadata file of decimal commas in the page", { timeout: 180_000 }, () => {
  const opened = browserSessionHooks('meta-comma', {
    prepare: async (session) => {
      copyFileSync(CELLS, join(session.work, 'cells.csv'));
    },
    goto: false,
  });

  test('its number columns are offered as continuous, not as labels, with a note', async () => {
    const { session, page } = opened;
    const meta = join(session.work, 'meta_sv.csv');
    await writeSwedishMetadata(meta);
    await page.goto(session.serve.url);
    await openBrowsedFile(page, 'cells.csv');
    await page.getByTestId('metadata-file').setInputFiles(meta);
    await page
      .getByTestId('summary-source')
      .getByText('+ meta_sv.csv', { exact: false })
      .waitFor({ timeout: 60_000 });
    // the picker is drawn from the joined summary: its new columns are there once it is
    await page
      .getByTestId('label-column')
      .locator('option[value="purity"]')
      .waitFor({ state: 'attached', timeout: 60_000 });
    const options = await labelOptions(page);
    const option = (value: string) => options.find((o) => o.value === value);
    for (const name of ['purity', 'age']) {
      assert.deepEqual(
        option(name),
        { value: name, text: `${name} (continuous: not a label)`, disabled: true },
        JSON.stringify(options),
      );
    }
    // the file's whole numbers and its text stay labels to choose
    assert.equal(option('batch')?.disabled, false, JSON.stringify(options));
    assert.equal(option('annotation')?.disabled, false, JSON.stringify(options));
    assert.match(
      (await page.getByTestId('import-info').textContent()) ?? '',
      /Metadata file meta_sv\.csv: ',' was read as the decimal separator of its columns 'purity' and 'age'/,
    );
    assert.deepEqual(session.problems, []);
  });

  // An h5ad holds no text: Import settings ▸ Decimal separator was hidden for it (and refused when sent), so a
  // tab-separated metadata file's 0,7 — never detected — was joined as text and purity offered as a label.
  test("an h5ad's Decimal separator reads a tab-separated metadata file's decimal commas", async () => {
    const { session, page } = opened;
    copyFileSync(H5AD, join(session.work, 'dense.h5ad'));
    const meta = join(session.work, 'meta_sv.tsv');
    await writeSwedishMetadata(meta, '\t');
    await page.goto(session.serve.url);
    await openBrowsedFile(page, 'dense.h5ad');
    const settings = page.locator('details', { has: page.getByTestId('import-settings') });
    if ((await settings.getAttribute('open')) === null) await settings.locator('summary').click();
    // the h5ad's own text settings stay hidden; the decimal separator is the metadata file's
    assert.equal(await page.getByTestId('import-delimiter').isVisible(), false);
    const decimal = page.getByTestId('import-decimal');
    await decimal.selectOption(',', { timeout: 10_000 });
    // Re-open with these settings reads the h5ad without it (it would be refused)
    const reopened = page.waitForResponse((r) => r.url().endsWith('/api/openFile'), { timeout: 60_000 });
    await page.getByTestId('import-reopen').click();
    const response = await reopened;
    assert.match(response.request().postDataBuffer()?.toString('latin1') ?? '', /"decimal":"auto"/);
    assert.match((await response.body()).toString('latin1'), /"ok":true/);
    await page.getByTestId('metadata-file').setInputFiles(meta);
    await page
      .getByTestId('summary-source')
      .getByText('+ meta_sv.tsv', { exact: false })
      .waitFor({ timeout: 60_000 });
    await page
      .getByTestId('label-column')
      .locator('option[value="purity"]')
      .waitFor({ state: 'attached', timeout: 60_000 });
    const options = await labelOptions(page);
    for (const name of ['purity', 'age']) {
      assert.deepEqual(
        options.find((o) => o.value === name),
        { value: name, text: `${name} (continuous: not a label)`, disabled: true },
        JSON.stringify(options),
      );
    }
    assert.match(
      (await page.getByTestId('import-info').textContent()) ?? '',
      /Metadata file meta_sv\.tsv: the decimal separator chosen, ',' \(0,73 as 0\.73\), reads its numbers only: dense\.h5ad is not a text table\./,
    );
    // Re-open after the join: the joined columns are the metadata file's, not the h5ad's obs, and were sent
    // as its metadata columns ('"purity" is not a metadata column of an AnnData .h5ad file')
    const again = page.waitForResponse((r) => r.url().endsWith('/api/openFile'), { timeout: 60_000 });
    await page.getByTestId('import-reopen').click();
    const second = await again;
    // as quoted column names: the request also carries the page's id, "page-…"
    assert.doesNotMatch(second.request().postDataBuffer()?.toString('latin1') ?? '', /"purity"|"age"/);
    assert.match((await second.body()).toString('latin1'), /"ok":true/);
    assert.deepEqual(session.problems, []);
  });
});
