/**
 * A walkthrough as a bulk user (the 38-sample Golub leukaemia panel as a CSV under `tripletlens serve`): past the
 * Shape line's "38 rows (cells or samples)" the page said "cells as rows —", "Label column (cell types)",
 * "2 classes, 38 labelled cells", a "cells" column in the class table, "38 cells: 8 held out", "kNN accuracy,
 * held-out cells", "30 training cells" and "Final map …: cells coloured by label". A text table's rows are now
 * 'rows' (src/api/file-format.ts rowWords) on every one of these; an h5ad's stay cells.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { packageRoot } from '../../src/util/paths.js';
import { SHOTS_DIR, trainOnBrowsedFile, waitFor, waitForSteady } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

/** A bulk panel: 24 samples of 3 tumour classes × 8 genes, the class showing in two genes. */
function bulkPanel(): string {
  const lines = ['sample,tumour,g1,g2,g3,g4,g5,g6,g7,g8'];
  for (let s = 0; s < 24; s++) {
    const cls = s % 3;
    const genes = Array.from({ length: 8 }, (_, g) =>
      ((g === cls * 2 ? 5 : 0) + ((s * 7 + g * 3) % 5) / 4 + 1).toFixed(2),
    );
    lines.push([`patient-${s}`, `class${cls}`, ...genes].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The first hover box of the Explore map's first trace, without its id and label lines; null while the map is
 * not drawn. Browser-side.
 */
const FIRST_HOVER = `(() => {
  const trace = (document.querySelector('[data-testid="explore-plot"]').data || []).find((t) => (t.text || []).length);
  return trace ? trace.text[0].split('<br>').slice(2).join(' ') : null;
})()`;

/** Edit labels' status line. Browser-side. */
const EDIT_STATUS = `document.querySelector('[data-testid="label-edit-status"]').textContent`;

/** The hint under Edit labels' confidence threshold. Browser-side. */
const THRESHOLD_HINT = `(() => {
  const input = document.querySelector('[data-testid="label-edit-threshold"]');
  return document.getElementById(input.getAttribute('aria-describedby')).textContent;
})()`;

/** The hint under the field whose control has test id `testid`. Browser-side. */
const hintOf = (testid: string): string => `(() => {
  const input = document.querySelector('[data-testid="${testid}"]');
  return document.getElementById(input.getAttribute('aria-describedby')).textContent;
})()`;

/**
 * What Project another file says once `fileName` itself is projected from the server's folder — the line, the
 * notice, the Remove and Export buttons — then the crosses removed again (the button hides).
 */
async function projectedWords(page: Page, fileName: string) {
  const browser = page.getByTestId('project-browser');
  if ((await browser.getAttribute('open')) === null) await browser.locator('summary').click();
  await page
    .getByTestId('project-browse-list')
    .locator(`li[data-name="${fileName}"]`)
    .getByTestId('project-browse-open')
    .click();
  const notices = page.getByTestId('notice-info').filter({ hasText: `Projected ${fileName}` });
  await notices.filter({ hasText: 'shown on the map as ✕' }).waitFor({ timeout: 60_000 });
  const clear = page.getByTestId('project-clear');
  const words = {
    projectedInfo: await page.getByTestId('project-info').innerText(),
    // the projection's notice and its notes (the predicted classes' agreement with the file's labels)
    projectedNotices: (await notices.allInnerTexts()).join('\n'),
    projectedRemove: await clear.innerText(),
    projectedExport: await page.getByTestId('project-export').innerText(),
  };
  await clear.click();
  await clear.waitFor({ state: 'hidden' });
  return words;
}

/** What the screens say about the file and its run, once `fileName` is trained with label `label`. */
async function wordsOf(page: Page, fileName: string, label: string) {
  await trainOnBrowsedFile(page, fileName, { label, epochs: 2 });
  const text = (id: string) => page.getByTestId(id).innerText();
  // Explore shows the run in its render pass; the map draws a frame or more later (with late frames the hover
  // of the second file's map was read before it was drawn), and Edit labels follows the state in its own
  // frames (label-edit-panel.ts's watch): wait for both
  const hover = await waitFor<string | null>(page, FIRST_HOVER, (h) => h !== null);
  await waitForSteady<string>(page, EDIT_STATUS);
  const explore = {
    counts: await text('explore-counts'),
    metrics: await page.locator('.metrics-table th').allInnerTexts(),
    selection: await text('selection-count'),
    labelEdit: await text('label-edit-status'),
    hover: hover ?? '',
    neighbours: await text('neighbour-overlap'),
    markers: await text('markers-status'),
    boxTool: (await page.getByTestId('select-tool-box').getAttribute('title')) ?? '',
    threshold: (await page.evaluate(THRESHOLD_HINT)) as string,
    find: (await page.evaluate(
      `document.querySelector('[data-testid="explore-search"]').labels[0].textContent`,
    )) as string,
    projectFile: (await page.evaluate(hintOf('project-file'))) as string,
    projectMetadata: (await page.evaluate(hintOf('project-meta-file'))) as string,
    ...(await projectedWords(page, fileName)),
  };
  await page.getByTestId('tab-export').click();
  const exportScreen = {
    csv: await page.getByTestId('export-csv').locator('xpath=following-sibling::span').innerText(),
    h5ad: await page.getByTestId('export-h5ad').locator('xpath=following-sibling::span').innerText(),
  };
  await page.getByTestId('tab-train').click();
  const train = { caption: await text('live-map-caption'), summary: await text('train-summary') };
  await page.getByTestId('tab-import').click();
  const importScreen = {
    orientation: await text('summary-orientation'),
    labels: await page.locator('section[aria-labelledby="import-label-h"]').innerText(),
    header: await page.getByTestId('class-counts').locator('th').allInnerTexts(),
  };
  await page.screenshot({ path: join(SHOTS_DIR, `row-words-${fileName}.png`), fullPage: true });
  return { explore, train, importScreen, exportScreen };
}

describe('the words of a bulk table’s rows in the browser', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('row-words', {
    prepare: async (session) => {
      writeFileSync(join(session.work, 'panel.csv'), bulkPanel());
      copyFileSync(join(FORMATS, 'csr.h5ad'), join(session.work, 'csr.h5ad'));
    },
  });

  test('a CSV panel says rows on Import, Train, Explore and Export', async () => {
    const { session } = opened;
    const w = await wordsOf(session.page, 'panel.csv', 'tumour');
    assert.match(w.importScreen.orientation, /^cells or samples as rows — Rows are cells or samples \(24\)/);
    assert.match(w.importScreen.labels, /Label column \(classes\)/);
    assert.match(w.importScreen.labels, /Rows sharing a label are pulled together/);
    assert.match(w.importScreen.labels, /3 classes, 24 labelled rows, 0 unlabeled/);
    assert.match(w.importScreen.labels, /keyed by row id/);
    assert.deepEqual(w.importScreen.header, ['class', 'rows']);
    assert.match(w.explore.counts, /^24 rows: \d+ held out/);
    assert.equal(
      w.explore.selection,
      'No rows selected. Choose Box or Lasso, then drag over the map to select rows.',
    );
    assert.match(w.explore.labelEdit, /^No rows selected · /);
    assert.match(w.explore.hover, /^(training|held-out) row$/);
    assert.match(w.explore.neighbours, /^Click a row on the map/);
    assert.equal(w.explore.find, 'Find a row by id');
    assert.equal(w.explore.markers, 'Select rows on the map, then find the genes that mark them.');
    assert.equal(w.explore.boxTool, 'Drag a box to select rows');
    assert.equal(w.explore.threshold, 'For unlabeled rows only; 0–1.');
    assert.ok(
      w.explore.metrics.some((m) => m.startsWith('kNN accuracy, held-out rows')),
      w.explore.metrics.join(' | '),
    );
    assert.equal(
      w.explore.projectFile,
      'CSV/TSV, .h5ad, 10x .h5, .loom or .mtx. Rows are placed with the trained model; their class is predicted.',
    );
    assert.match(
      w.explore.projectMetadata,
      /^Optional: a CSV\/TSV of row ids and their annotations \(classes, /,
    );
    assert.equal(w.explore.projectedInfo, '24 rows from panel.csv shown as ✕.');
    assert.match(w.explore.projectedNotices, /24 rows from panel\.csv are shown on the map as ✕/);
    assert.equal(w.explore.projectedRemove, 'Remove projected rows');
    assert.equal(w.explore.projectedExport, 'Export projected rows (CSV)');
    assert.match(w.exportScreen.csv, /^One row per input row: /);
    assert.match(w.exportScreen.h5ad, /the rows’ metadata/);
    assert.match(w.train.caption, /^Final map after epoch \d+: rows coloured by tumour\./);
    assert.match(w.train.summary, /kNN accuracy of held-out rows /);
    assert.match(w.train.summary, /Regime: small \(\d+ training rows, /);
    // apart from the regime's sentence ("tables of tens of cells or samples"), none of these says cells
    const said = [
      ...Object.values(w.importScreen),
      ...Object.values(w.explore),
      ...Object.values(w.train),
      ...Object.values(w.exportScreen),
    ]
      .flat()
      .join('\n')
      .replace(/tables of tens of cells or samples/g, '')
      .replace(/Rows are cells or samples|cells or samples as rows/g, '');
    assert.doesNotMatch(said, /\bcells?\b/i, said);
    assert.deepEqual(session.problems, []);
  });

  test('an h5ad still says cells', async () => {
    const { session } = opened;
    const w = await wordsOf(session.page, 'csr.h5ad', 'cell_type');
    assert.match(w.importScreen.orientation, /^cells as rows — /);
    assert.match(w.importScreen.labels, /Label column \(cell types\)/);
    assert.match(w.importScreen.labels, /Cells sharing a label are pulled together/);
    assert.match(w.importScreen.labels, /4 classes, 40 labelled cells/);
    assert.deepEqual(w.importScreen.header, ['class', 'cells']);
    assert.match(w.explore.counts, /^40 cells: \d+ held out/);
    assert.match(w.explore.selection, /^No cells selected\. /);
    assert.match(w.explore.labelEdit, /^No cells selected · /);
    assert.match(w.explore.hover, /^(training|held-out) cell$/);
    assert.match(w.explore.neighbours, /^Click a cell on the map/);
    assert.equal(w.explore.find, 'Find a cell by id');
    assert.equal(w.explore.markers, 'Select cells on the map, then find the genes that mark them.');
    assert.equal(w.explore.boxTool, 'Drag a box to select cells');
    assert.equal(w.explore.threshold, 'For unlabeled cells only; 0–1.');
    assert.ok(
      w.explore.metrics.some((m) => m.startsWith('kNN accuracy, held-out cells')),
      w.explore.metrics.join(' | '),
    );
    assert.match(w.explore.projectFile, /Cells are placed with the trained model/);
    assert.match(w.explore.projectMetadata, /a CSV\/TSV of cell ids and their annotations \(cell types, /);
    assert.match(w.explore.projectedInfo, /^40 cells from csr\.h5ad \(X\) shown as ✕/);
    assert.equal(w.explore.projectedRemove, 'Remove projected cells');
    assert.equal(w.explore.projectedExport, 'Export projected cells (CSV)');
    assert.match(w.exportScreen.csv, /^One row per cell: /);
    assert.match(w.exportScreen.h5ad, /the cells’ metadata/);
    assert.match(w.train.caption, /^Final map after epoch \d+: cells coloured by cell_type\./);
    assert.match(w.train.summary, /kNN accuracy of held-out cells /);
    assert.deepEqual(session.problems, []);
  });
});
