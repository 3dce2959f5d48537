/**
 * End-to-end, Explore's Hover shows on data with no column but the label: a bulk panel read as a text table
 * of an id, a class and the genes (as the 38-sample Golub leukaemia panel is) has nothing to add to the hover
 * box — the label is always in it — and the page showed an empty list under "Ctrl/⌘-click to choose several
 * columns", a control that did nothing (so did the Explore tab before any map). The field is hidden for
 * such a run and before one, and shown for data with columns to offer (the bundled sample's louvain and phase).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startSampleTraining, trainOnBrowsedFile, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** A panel of 24 samples of two classes × 6 genes: id, label, then the genes; no other column. */
function writePanel(path: string): void {
  const genes = Array.from({ length: 6 }, (_, g) => `gene_${g}`);
  const rows = Array.from({ length: 24 }, (_, i) => {
    const cls = i % 2 === 0 ? 'ALL' : 'AML';
    const values = genes.map((_, g) =>
      ((cls === 'ALL' ? 1 : -1) * (g + 1) + ((i * 7 + g * 3) % 5) / 10).toFixed(2),
    );
    return [`s${String(i).padStart(2, '0')}`, cls, ...values].join(',');
  });
  writeFileSync(path, [['id', 'label', ...genes].join(','), ...rows].join('\n') + '\n');
}

const HOVER_OPTIONS = `Array.from(document.querySelectorAll('[data-testid="explore-hover-fields"] option')).map((o) => o.value)`;

describe('Hover shows with no column to offer', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('hover-none', {
    prepare: async (session) => {
      writePanel(join(session.work, 'panel.csv'));
    },
  });

  test('a table of ids, labels and genes only: no empty Hover shows list', async () => {
    const { page } = opened;
    // nor before any map
    await page.getByTestId('tab-explore').click();
    await page.getByTestId('explore-empty').waitFor();
    assert.equal(await page.getByTestId('explore-hover-fields').isHidden(), true, 'hidden before a map');
    await page.getByTestId('tab-import').click();
    await trainOnBrowsedFile(page, 'panel.csv', { label: 'label', epochs: 2 });
    await page
      .getByTestId('explore-counts')
      .getByText(/^24 rows/)
      .waitFor({ timeout: 60_000 });
    assert.deepEqual(await page.evaluate(HOVER_OPTIONS), []);
    assert.equal(await page.getByTestId('explore-hover-fields').isHidden(), true, 'the empty list is hidden');
  });

  test('data with columns to offer shows the field again', async () => {
    const { session, page } = opened;
    await page.getByTestId('tab-import').click();
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
    await waitFor<string[]>(page, HOVER_OPTIONS, (o) => o.length > 0);
    assert.equal(await page.getByTestId('explore-hover-fields').isVisible(), true);
    assert.deepEqual(session.problems, []);
  });
});
