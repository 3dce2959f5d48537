/**
 * End-to-end: the notices a user sees around opening and training. A run's warnings (here: classes spelt
 * alike but for letter case) show as notices when the run finishes; a file that opens clears the earlier
 * file's "Could not open" notice. Drives `tripletlens serve` from dist/.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openBrowserSession, trainOnBrowsedFile, type BrowserSession } from './browser-session.js';

/** 60 cells, 6 genes; 'B cell' (25) and 'b cell' (5) differ only in letter case. */
function caseVariantCsv(): string {
  const lines = ['id,g1,g2,g3,g4,g5,g6,cell_type'];
  for (let i = 0; i < 60; i++) {
    const label = i < 30 ? 'T cell' : i < 55 ? 'B cell' : 'b cell';
    const shift = i < 30 ? 0 : 3;
    const genes = Array.from({ length: 6 }, (_, g) =>
      (shift * (g % 2) + ((i * 7 + g * 13) % 10) / 10).toFixed(2),
    );
    lines.push(`c${i},${genes.join(',')},${label}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('notices about opening and training', { timeout: 300_000 }, () => {
  let session: BrowserSession;

  before(async () => {
    session = await openBrowserSession('run-notes');
    writeFileSync(join(session.work, 'variants.csv'), caseVariantCsv());
    // a missing value stops the import (the default policy): a file that fails to open
    writeFileSync(join(session.work, 'gaps.csv'), 'id,label,g1,g2\nc1,A,1,\nc2,B,2,3\n');
    await session.page.goto(session.serve.url);
  });
  after(async () => {
    await session?.close();
  });

  test("a failed open's notice goes when another file opens; the run's case warning shows when it finishes", async () => {
    const page = session.page;
    await page.getByTestId('file-browser').locator('summary').click();
    await page
      .getByTestId('browse-list')
      .locator('li[data-name="gaps.csv"]')
      .getByTestId('browse-open')
      .click();
    const failed = page.getByTestId('notice-error').filter({ hasText: 'Could not open gaps.csv' });
    await failed.waitFor({ timeout: 60_000 });

    await trainOnBrowsedFile(page, 'variants.csv', { label: 'cell_type', epochs: 2 });
    assert.equal(await failed.count(), 0, 'the earlier file’s open failure is gone');
    const warning = page.getByTestId('notice-warning').filter({ hasText: 'differing only in letter case' });
    await warning.waitFor({ timeout: 30_000 });
    assert.match((await warning.innerText()) ?? '', /'B cell' \(25\) and 'b cell' \(5\)/);
    assert.equal(await warning.count(), 1);
  });

  test('no script errors or CSP violations', () => {
    assert.deepEqual(session.problems, []);
  });
});
