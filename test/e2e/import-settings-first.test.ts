/**
 * End-to-end: what the user sets in Import settings before opening the first file is how that file is read. A
 * walkthrough (an Excel export with NA cells) set Missing values to the gene's mean, then picked the file: the
 * page read it with the defaults and refused it, its message naming that very setting. A later file is still
 * read with the defaults, not the last file's settings (test/e2e/h5ad-embedding.test.ts). Drives `tripletlens
 * serve` from dist/.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openBrowsedFile } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** 8 samples, 3 genes, an NA in the second sample's g2. */
function gapsCsv(): string {
  const lines = ['id,subtype,g1,g2,g3'];
  for (let i = 0; i < 8; i++) {
    lines.push(`s${i},${i < 4 ? 'AML' : 'ALL'},${i + 1},${i === 1 ? 'NA' : (i * 3) % 7},${(i * 5) % 9}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('Import settings set before the first file', { timeout: 180_000 }, () => {
  const opened = browserSessionHooks('import-settings-first', {
    prepare: async (session) => {
      writeFileSync(join(session.work, 'gaps.csv'), gapsCsv());
    },
  });

  test('Missing values chosen before opening reads the file with it', async () => {
    const { page } = opened;
    await page.locator('summary', { hasText: 'Import settings' }).click();
    await page.getByTestId('import-missing').selectOption('column-mean');
    await openBrowsedFile(page, 'gaps.csv');
    await page
      .getByTestId('notice-warning')
      .filter({ hasText: /1 missing values? (?:was|were) replaced by/ })
      .waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('import-missing').inputValue(), 'column-mean');
    assert.equal(await page.getByTestId('notice-error').count(), 0);
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
