/**
 * Import settings ▸ Decimal separator in the browser: a tab-separated export with decimal commas is refused
 * naming its place, its value and that setting; choosing comma re-opens it with its numbers. A ';' file of
 * decimal commas (with a BOM and CRLF, as Excel saves it) opens by detection, with a note saying so; re-opened
 * with '.' chosen, it is refused with a notice.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS_DIR } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** Opens `fileName` from the server's folder (the file browser, opened once). */
async function openBrowsed(page: Page, fileName: string): Promise<void> {
  const browser = page.getByTestId('file-browser');
  if ((await browser.getAttribute('open')) === null) await browser.locator('summary').click();
  await page
    .getByTestId('browse-list')
    .locator(`li[data-name="${fileName}"]`)
    .getByTestId('browse-open')
    .click();
}

describe('Import settings ▸ Decimal separator', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('decimal-setting', {
    prepare: async (session) => {
      const rows = ['c1\tT\t1,25\t0,5', 'c2\tB\t2,5\t0,75', 'c3\tT\t-0,75\t3,125', 'c4\tB\t1\t2,0'];
      writeFileSync(join(session.work, 'export_de.tsv'), `cell\ttype\tGeneA\tGeneB\n${rows.join('\n')}\n`);
      const semicolons = rows.map((r) => r.replaceAll('\t', ';')).join('\r\n');
      writeFileSync(join(session.work, 'export_sv.csv'), `\uFEFFcell;type;GeneA;GeneB\r\n${semicolons}\r\n`);
    },
  });

  test('a refused file names the setting, and choosing comma re-opens it', async () => {
    const { page } = opened;
    await openBrowsed(page, 'export_de.tsv');
    const error = page.getByTestId('notice-error').filter({ hasText: 'export_de.tsv' });
    await error.waitFor({ timeout: 60_000 });
    assert.match(
      await error.innerText(),
      /line 2, column 3 \("GeneA"\).*"1,25".*Import settings ▸ Decimal separator/s,
    );
    await page
      .locator('details', { has: page.getByTestId('import-settings') })
      .locator('summary')
      .click();
    const decimal = page.getByTestId('import-decimal');
    assert.equal(await decimal.inputValue(), 'auto');
    assert.deepEqual(await decimal.locator('option').allInnerTexts(), ['auto', 'dot (1.25)', 'comma (1,25)']);
    await decimal.selectOption(',');
    await page.getByTestId('import-reopen').click();
    await page.getByTestId('summary-shape').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('summary-shape').innerText(), /^4 rows .*× 2 genes$/);
    assert.equal(await decimal.inputValue(), ',', 'the choice stays shown');
    await page.screenshot({ path: join(SHOTS_DIR, 'decimal-setting-comma.png'), fullPage: true });
  });

  test("a ';' file of decimal commas opens by detection, with a note", async () => {
    const { session, page } = opened;
    await openBrowsed(page, 'export_sv.csv');
    // raised as an information banner (import-notes.ts), not a warning
    const note = page.getByTestId('notice-info').filter({ hasText: "',' was read as the decimal separator" });
    await note.waitFor({ timeout: 60_000 });
    // the page's field alone: the CLI's --decimal dot was named beside it ("--decimal dot; the app: …")
    assert.match(await note.innerText(), /\(Import settings ▸ Decimal separator: dot \(1\.25\)\)/);
    assert.doesNotMatch(await note.innerText(), /--decimal|the app:/);
    assert.match(await page.getByTestId('summary-shape').innerText(), /^4 rows .*× 2 genes$/);
    assert.equal(await page.getByTestId('import-decimal').inputValue(), 'auto', 'a new file is detected');
    assert.deepEqual(session.problems, []);
  });

  // Re-open with these settings refused (the open file's decimal commas read with '.'): the page says why
  test('a refused Re-open with these settings raises a notice naming the file and the setting', async () => {
    const { session, page } = opened;
    const settings = page.locator('details', { has: page.getByTestId('import-settings') });
    if ((await settings.getAttribute('open')) === null) await settings.locator('summary').click();
    await page.getByTestId('import-decimal').selectOption('.');
    await page.getByTestId('import-reopen').click();
    const error = page.getByTestId('notice-error').filter({ hasText: 'export_sv.csv' });
    await error.waitFor({ timeout: 60_000 });
    assert.match(
      await error.innerText(),
      /line 2, column 3 \("GeneA"\).*"1,25".*Import settings ▸ Decimal separator: comma \(1,25\)/s,
    );
    assert.doesNotMatch(await error.innerText(), /--decimal|the app:/);
    assert.deepEqual(session.problems, []);
  });
});
