/**
 * End-to-end, a scanpy user's first visit to `tripletlens serve`: the file browser lists a 10x folder under a
 * readable name, an h5ad opens from it, and the live map while training already uses the category colours
 * the file carries (`uns['cell_type_colors']`), as the Explore view does afterwards; a 10x folder without labels
 * says where they come from on this page; and when another tab
 * opens other data in the shared engine, Start training says so instead of training a file not shown.
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';
import { trainOnBrowsedFile, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

/** What make_hdf5.py writes as `uns['cell_type_colors']` into csr.h5ad. */
const FILE_COLORS: Record<string, string> = {
  'B cell': '#1f77b4',
  Monocyte: '#ff7f0e',
  'NK cell': '#279e68',
  'T cell': '#d62728',
};

/** Each class trace of the live map: its name and marker colour. */
const LIVE_COLORS = `(() => {
  const el = document.querySelector('[data-testid="live-map"]');
  if (!el || !el.data) return [];
  return el.data.filter((t) => t.marker && typeof t.marker.color === 'string')
    .map((t) => ({ name: String(t.name), color: String(t.marker.color).toLowerCase() }));
})()`;

describe('an h5ad in the browser', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('h5ad', {
    prepare: async (session) => {
      copyFileSync(join(FORMATS, 'csr.h5ad'), join(session.work, 'csr.h5ad'));
      cpSync(join(FORMATS, 'tenx_v3'), join(session.work, 'tenx_v3'), { recursive: true });
    },
  });

  test('the file browser shows a folder’s name on one line beside its 10x mark', async () => {
    const { page } = opened;
    await page.getByTestId('file-browser').locator('summary').click();
    const folder = page.getByTestId('browse-list').locator('li[data-name="tenx_v3"]');
    await folder.waitFor();
    const name = folder.getByTestId('browse-folder');
    // its text, not innerText: the name's head and tail are flex items, which innerText puts on lines of their
    // own; that it is drawn on one line is the height check below
    assert.equal((await name.textContent())?.trim(), 'tenx_v3/');
    const box = await name.boundingBox();
    // a line of text is about 1.2 font sizes high; the squeezed name was one letter a line, 8 lines high
    const fontSize = Number.parseFloat(
      (await page.evaluate(
        `getComputedStyle(document.querySelector('li[data-name="tenx_v3"] [data-testid="browse-folder"]')).fontSize`,
      )) as string,
    );
    assert.ok(box && box.height < 2 * fontSize, `one line: ${box?.height} px at ${fontSize} px type`);
  });

  // A walkthrough: the hint for a folder without labels sent browser users to "Open metadata…", a command of the
  // desktop app's File menu that the page under serve does not have.
  test('a 10x folder without labels: the hint names the page’s Metadata file field, not a desktop menu', async () => {
    const { page } = opened;
    await page
      .getByTestId('browse-list')
      .locator('li[data-name="tenx_v3"]')
      .getByTestId('browse-open')
      .click();
    // a folder, opened as one, is called so ("This file holds no cell labels" before)
    const hint = page.getByTestId('label-hint');
    await hint.getByText('This folder holds no cell labels', { exact: false }).waitFor({ timeout: 60_000 });
    const text = await hint.innerText();
    assert.match(text, /add them with the “Metadata file” field below/);
    assert.doesNotMatch(text, /Open metadata/);
    assert.equal(
      await page.getByTestId('metadata-file').count(),
      1,
      'the field the hint names is on the page',
    );
    const decimalHint = page
      .locator('.field', { has: page.getByTestId('import-decimal') })
      .locator('small.hint');
    // its text, not innerText: Import settings is folded
    assert.match(
      (await decimalHint.textContent()) ?? '',
      /^This folder holds no text: the decimal separator reads/,
    );
  });

  test('the live map colours the classes with the file’s own colours', async () => {
    const { page } = opened;
    await trainOnBrowsedFile(page, 'csr.h5ad');
    // a finished run moves to Explore; the live map is drawn when its screen is shown again
    await page.getByTestId('tab-train').click();
    const traces = await waitFor<{ name: string; color: string }[]>(
      page,
      LIVE_COLORS,
      (t) => t.length >= 4,
      120_000,
    );
    for (const [name, color] of Object.entries(FILE_COLORS)) {
      assert.equal(traces.find((t) => t.name === name)?.color, color, `${name}: ${JSON.stringify(traces)}`);
    }
  });

  test('a continuous obs column (n_counts, a QC metric) colours the map on a scale, not one legend entry a value', async () => {
    const { page } = opened;
    await page.getByTestId('tab-explore').click();
    await page.getByTestId('explore-color-by').selectOption('meta:n_counts');
    // one trace a class (and its held-out cells), coloured per cell with a colour bar; before, 25 value traces
    const traces = await waitFor<{ name: string; bar: boolean; perCell: boolean }[]>(
      page,
      `(() => Array.from(document.querySelector('[data-testid="explore-plot"]').data || [])
        .filter((t) => t.customdata && t.legendgroup !== 'neighbourhood')
        .map((t) => ({ name: String(t.name), bar: Boolean(t.marker && t.marker.colorbar),
          perCell: Boolean(t.marker && Array.isArray(t.marker.color) || ArrayBuffer.isView(t.marker && t.marker.color)) })))()`,
      (t) => t.some((x) => x.bar),
      60_000,
    );
    const names = new Set(traces.map((t) => t.name));
    assert.deepEqual([...names].sort(), ['B cell', 'Monocyte', 'NK cell', 'T cell'], JSON.stringify(traces));
    assert.ok(
      traces.every((t) => t.perCell),
      JSON.stringify(traces),
    );
    await page.getByTestId('explore-color-by').selectOption('label');
  });

  test('after another tab opens the sample, Start training says this tab’s file is gone instead of training the sample', async () => {
    const { session, page } = opened;
    const second = await session.browser.newPage();
    await second.goto(session.serve.url);
    await second.getByTestId('open-sample').click();
    // the new page first shows what the engine holds (csr.h5ad, with its class counts): wait for the sample
    await second
      .getByTestId('summary-source')
      .getByText('pbmc68k_reduced_lognorm.csv')
      .waitFor({ timeout: 60_000 });
    await second.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    await second.close();
    await page.bringToFront();
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-start').click();
    const error = page.getByTestId('notice-error').filter({ hasText: 'Could not start training' });
    await error.waitFor({ timeout: 30_000 });
    assert.match(
      await error.innerText(),
      /holds pbmc68k_reduced_lognorm\.csv, opened since .*: csr\.h5ad is no longer loaded\. Open it again/,
    );
    assert.equal(await page.getByTestId('train-stage').innerText(), 'finished', 'the last run’s view stays');
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
