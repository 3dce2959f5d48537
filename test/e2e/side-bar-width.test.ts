/**
 * End-to-end, Explore's side bar keeps to its width: a walkthrough saw it scroll sideways on a 2-D map of a file
 * with long class names. The Session row's Open session file input (wider than the side bar's rows) and a
 * long class name in Edit labels' Existing class list each pushed their row past the side bar.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SHOTS_DIR, trainOnBrowsedFile } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** Class names as long as cellxgene's author annotations. */
const CLASSES = ['A', 'B', 'C'].map(
  (c) => `CD8_positive_alpha_beta_cytotoxic_T_cell_effector_memory_re_expressing_CD45RA_subcluster_${c}`,
);

/** A table of 3 classes × 30 cells × 8 genes, each class high on its own genes, with the long names. */
function longNamesCsv(): string {
  const genes = Array.from({ length: 8 }, (_, g) => `G${g}`);
  const rows = [['cell', ...genes, 'cell_type'].join(',')];
  for (let i = 0; i < 90; i++) {
    const k = i % 3;
    const values = genes.map((_, g) => ((g % 3 === k ? 5 : 0) + ((i * 7 + g * 13) % 11) / 10).toFixed(2));
    rows.push([`cell${i}`, ...values, CLASSES[k]].join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** The side bar's scroll and client widths, and its elements reaching past its right edge. Browser-side. */
const SIDE_BAR_WIDTH = `(() => {
  const aside = document.querySelector('.explore-screen .controls');
  const right = aside.getBoundingClientRect().left + aside.clientLeft + aside.clientWidth;
  const past = [...aside.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > right + 0.5)
    .map((el) => el.tagName.toLowerCase() + (el.dataset.testid ? '[' + el.dataset.testid + ']' : ''));
  return { scrollWidth: aside.scrollWidth, clientWidth: aside.clientWidth, past };
})()`;

interface SideBarWidth {
  scrollWidth: number;
  clientWidth: number;
  past: string[];
}

describe("Explore's side bar", { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('side-bar', {
    prepare: async (session) => {
      writeFileSync(join(session.work, 'long-names.csv'), longNamesCsv());
    },
  });

  test('has no sideways scroll on a 2-D map with long class names', async () => {
    const { page } = opened;
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-dims').selectOption('2');
    await page.getByTestId('tab-import').click();
    await trainOnBrowsedFile(page, 'long-names.csv', { label: 'cell_type' });
    await page.getByTestId('explore-plot').locator('.main-svg').first().waitFor({ timeout: 60_000 });
    // the class list holds the long names once the run's labels reach Edit labels
    const existing = page.getByTestId('label-edit-class');
    await existing.locator('option', { hasText: CLASSES[0] }).first().waitFor({ state: 'attached' });
    assert.equal(await page.getByTestId('explore-dims').inputValue(), '2');
    await existing.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS_DIR, 'side-bar-width.png') });
    const width = (await page.evaluate(SIDE_BAR_WIDTH)) as SideBarWidth;
    assert.deepEqual(width.past, [], JSON.stringify(width));
    assert.ok(width.scrollWidth <= width.clientWidth, JSON.stringify(width));
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
