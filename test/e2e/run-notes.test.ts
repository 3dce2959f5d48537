/**
 * End-to-end: the notices a user sees around opening and training. A run's warnings (here: classes spelt
 * alike but for letter case) show as notices when the run finishes; a file that opens clears the earlier
 * file's "Could not open" notice; the import's warnings stay shown beside the run's. Drives `tripletlens serve`
 * from dist/.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MAX_NOTICES } from '../../renderer/notices.js';
import { SHOTS_DIR, trainOnBrowsedFile } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

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

/**
 * caseVariantCsv with three import warnings — a repeated cell id (c1), a repeated gene name (g1), a cell of
 * zeros (c10) — and one cell of its own class ('NK cell'), a run note beside the letter-case one.
 */
function notedCsv(): string {
  const [header, ...rows] = caseVariantCsv().trim().split('\n');
  const cells = rows.map((line, i) => {
    const [id, ...rest] = line.split(',');
    const label = i === rows.length - 1 ? 'NK cell' : rest[6];
    const genes = i === 10 ? rest.slice(0, 6).map(() => '0') : rest.slice(0, 6);
    return [i === 2 ? 'c1' : id, ...genes, label].join(',');
  });
  return `${[header.replace('g6', 'g1'), ...cells].join('\n')}\n`;
}

describe('notices about opening and training', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('run-notes', {
    prepare: (session) => {
      writeFileSync(join(session.work, 'variants.csv'), caseVariantCsv());
      writeFileSync(join(session.work, 'noted.csv'), notedCsv());
      // a missing value stops the import (the default policy): a file that fails to open
      writeFileSync(join(session.work, 'gaps.csv'), 'id,label,g1,g2\nc1,A,1,\nc2,B,2,3\n');
    },
  });

  test("a failed open's notice goes when another file opens; the run's case warning shows when it finishes", async () => {
    const { page } = opened;
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

  // The page kept 4 notices: the run's notes pushed the import's oldest warning (the renamed ids) out
  test('after a run, the import’s warnings are still shown beside the run’s notes', async () => {
    const { page } = opened;
    await page.getByTestId('tab-import').click();
    await trainOnBrowsedFile(page, 'noted.csv', { label: 'cell_type', epochs: 2 });
    const warnings = page.getByTestId('notice-warning');
    await warnings.filter({ hasText: 'differing only in letter case' }).waitFor({ timeout: 30_000 });
    const shown = await warnings.allInnerTexts();
    const imported = shown.filter((t) => t.startsWith('Import note'));
    const run = shown.filter((t) => t.startsWith('Run note'));
    for (const words of [
      /Duplicate row ids renamed: c1 → c1\.1/,
      /Duplicate gene names renamed: g1 → g1\.1/,
      /have no counts/,
    ])
      assert.ok(
        imported.some((t) => words.test(t)),
        `${words} in ${JSON.stringify(shown)}`,
      );
    assert.ok(run.length >= 1 && imported.length + run.length > MAX_NOTICES, JSON.stringify(shown));
    await page.screenshot({ path: join(SHOTS_DIR, 'run-notes-kept.png') });
  });

  test('no script errors or CSP violations', () => {
    assert.deepEqual(opened.session.problems, []);
  });
});
