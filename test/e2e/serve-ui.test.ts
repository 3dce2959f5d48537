/**
 * End-to-end: the real `tripletlens serve` (built CLI, real worker and engine) driven through headless
 * Chromium. Open sample → choose the label → train a few epochs → the map holds one point per cell with one
 * trace per class → the exported CSV is the CLI's format → a malformed upload shows an error and the app
 * still trains → requests without the token are refused. Screenshots of each screen go to
 * test-output/e2e/ (not committed).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { samplePath } from '../../src/util/paths.js';
import { readBack } from '../engine/h5ad/read-back.js';
import { SHOTS_DIR, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const EPOCHS = '3';
const shots = SHOTS_DIR;

// Browser-side code is written as strings: this file is type-checked without the DOM library.
/** True once the Explore plot is on screen and holds traces. */
const PLOT_READY = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  return Boolean(el && el.data && el.data.length && el.offsetParent !== null);
})()`;

/** The Explore plot's traces (Plotly keeps them on its div as .data). */
const PLOT_TRACES = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  // legend-only traces (one null point each, meta 'legend-only') draw no cells
  return (el && el.data ? el.data : []).filter((t) => t.meta !== 'legend-only').map((t) => ({
    name: String(t.name ?? ''),
    type: String(t.type ?? ''),
    points: t.x ? t.x.length : 0,
  }));
})()`;

/** The Explore plot's drawn coordinates, one string (null before a map is drawn), hidden or not: tells maps apart. */
const PLOT_COORDS = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data || !el.data.length) return null;
  return JSON.stringify(el.data.map((t) => [t.x ? Array.from(t.x) : [], t.y ? Array.from(t.y) : []]));
})()`;

/** True once some trace is coloured by a numeric array covering the cells (a continuous colour scale). */
const GENE_COLOURED = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  return Boolean(el && el.data && el.data.some((t) =>
    t.marker && t.marker.color && typeof t.marker.color !== 'string' && t.marker.color.length > 0 &&
    typeof t.marker.color[0] === 'number'));
})()`;

/**
 * Polls `expression` in the page until it is true. Not page.waitForFunction: its string predicates are
 * eval'd inside the page, which the strict CSP (rightly) refuses; page.evaluate goes through the debugger.
 */
async function waitInPage(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function exploreTraces(page: Page): Promise<{ name: string; type: string; points: number }[]> {
  const traces = (await page.evaluate(PLOT_TRACES)) as { name: string; type: string; points: number }[];
  // the legend shows "class (count)"; the class is the name without the count
  return traces.map((t) => ({ ...t, name: t.name.replace(/ \(\d+\)$/, '') }));
}

async function trainAndWait(page: Page): Promise<void> {
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-epochs').fill(EPOCHS);
  await page.getByTestId('train-start').click();
  // the app moves to Explore when the run finishes; the plot then holds the map
  await waitInPage(page, PLOT_READY, 120_000);
}

describe('tripletlens serve in a browser', { timeout: 600_000 }, () => {
  const classes = new Map<string, number>();

  // Chromium (fails with install instructions when it is missing) and serve on a snapshot of the built CLI
  // and UI (pkg: safe from concurrent rebuilds of dist/)
  const opened = browserSessionHooks('ui', {
    prepare: () => {
      for (const line of readFileSync(samplePath(), 'utf8').trim().split('\n').slice(1)) {
        const label = line.split(',')[1];
        classes.set(label, (classes.get(label) ?? 0) + 1);
      }
    },
    // the first test goes to serve's tokened address itself: it checks where that leaves the page
    goto: false,
    beforeClose: async (session) => {
      const code = await session.stop();
      assert.equal(code, 0, `serve should exit cleanly on SIGINT:\n${session.serve.stderr()}`);
    },
  });

  test('the tokened URL opens the app; the sample imports with its label column', async () => {
    const { serve, page } = opened.session;
    await page.goto(serve.url);
    assert.equal(
      new URL(page.url()).search,
      '',
      'the token is traded for a cookie and leaves the address bar',
    );
    await page.getByTestId('open-sample').click();
    await page.getByTestId('import-summary').getByText('700 rows (cells or samples)').waitFor();
    const labelSelect = page.getByTestId('label-column');
    // the sample's label column is the suggested one; choose it only when the UI picked another
    if ((await labelSelect.inputValue()) !== 'label') await labelSelect.selectOption('label');
    await page.getByTestId('class-counts').waitFor();
    await page.screenshot({ path: join(shots, '1-import.png') });
    const summary = await page.getByTestId('label-summary').innerText();
    assert.match(summary, /10 classes/);
  });

  test('training a few epochs draws one point per cell, one trace per class', async () => {
    const { page } = opened.session;
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-epochs').fill(EPOCHS);
    await page.getByTestId('train-start').click();
    // the counter shows an epoch; attached, not visible: a short run can finish (and the app move to
    // Explore, hiding the Train tab) before this wait starts
    await page.getByTestId('train-epoch').getByText(/\d/).waitFor({ state: 'attached', timeout: 60_000 });
    await page.screenshot({ path: join(shots, '2-train.png') });
    await waitInPage(page, PLOT_READY, 120_000);
    await page.waitForTimeout(500); // let WebGL finish drawing before the screenshot
    await page.screenshot({ path: join(shots, '3-explore.png') });
    const traces = await exploreTraces(page);
    const total = traces.reduce((n, t) => n + t.points, 0);
    assert.equal(total, 700, `one point per cell: ${JSON.stringify(traces)}`);
    assert.deepEqual(new Set(traces.map((t) => t.name)), new Set(classes.keys()), 'one trace per class');
    for (const t of traces) {
      assert.equal(t.type, 'scatter3d');
      assert.equal(t.points, classes.get(t.name), `trace ${t.name} holds that class's cells`);
    }
    assert.match(await page.getByTestId('metrics').innerText(), /PCA/);
  });

  test('colouring by a gene brings its expression (a Float32Array over HTTP) into the plot', async () => {
    const { page } = opened.session;
    await page.getByTestId('explore-color-by').selectOption('gene');
    await page.getByTestId('explore-gene').fill('HES4');
    await page.getByTestId('explore-gene-apply').click();
    await waitInPage(page, GENE_COLOURED, 60_000);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, '3b-explore-gene.png') });
    const traces = await exploreTraces(page);
    assert.equal(
      traces.reduce((n, t) => n + t.points, 0),
      700,
    );
    await page.getByTestId('explore-color-by').selectOption('label');
  });

  test('the exported coordinates CSV is the CLI format', async () => {
    const { page, work, pkg } = opened.session;
    await page.getByTestId('tab-export').click();
    await page.screenshot({ path: join(shots, '4-export.png') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const saved = join(work, 'ui.coords.csv');
    await download.saveAs(saved);
    assert.equal(download.suggestedFilename(), 'pbmc68k_reduced_lognorm.coords.csv');
    const ui = readFileSync(saved, 'utf8');

    const cliOut = join(work, 'cli.coords.csv');
    const cli = spawnSync(
      process.execPath,
      [
        join(pkg, 'bin', 'tripletlens.js'),
        'train',
        samplePath(),
        '--label',
        'label',
        '--epochs',
        EPOCHS,
        '--out',
        cliOut,
        '--quiet',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(cli.status, 0, cli.stderr);
    const cliText = readFileSync(cliOut, 'utf8');
    const uiRows = ui.trim().split('\n');
    const cliRows = cliText.trim().split('\n');
    assert.equal(uiRows[0], cliRows[0], 'same header');
    assert.equal(uiRows[0], 'id,label,split,x,y,z,predicted_label,confidence');
    assert.equal(uiRows.length, 701);
    const firstColumns = (rows: string[]) => rows.map((r) => r.split(',').slice(0, 3).join(','));
    assert.deepEqual(
      firstColumns(uiRows),
      firstColumns(cliRows),
      'same ids, labels and split, in input order',
    );
    for (const row of uiRows.slice(1)) {
      const coords = row.split(',').slice(3, 6);
      assert.equal(coords.length, 3);
      for (const c of coords)
        assert.ok(Number.isFinite(Number(c)) && c.trim() !== '', `numeric coordinate in ${row}`);
    }
  });

  test('the exported AnnData .h5ad holds the same cells, split and map as the CSV', async () => {
    const { page, work } = opened.session;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-h5ad').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'pbmc68k_reduced_lognorm.tripletlens.h5ad');
    const saved = join(work, 'ui.h5ad');
    await download.saveAs(saved);
    const back = await readBack(saved);
    const csvRows = readFileSync(join(work, 'ui.coords.csv'), 'utf8').trim().split('\n').slice(1);
    assert.deepEqual(
      back.obsIndex,
      csvRows.map((r) => r.split(',')[0]),
    );
    assert.deepEqual(
      back.obs.tripletlens_split,
      csvRows.map((r) => r.split(',')[2]),
    );
    // same run: the CSV's coordinates are the h5ad's float32 values to 7 significant digits
    csvRows.forEach((r, i) =>
      r
        .split(',')
        .slice(3, 6)
        .forEach((c, d) =>
          assert.ok(
            Math.abs(Number(c) - back.embedding[i][d]) <= 1e-6 * Math.max(1, Math.abs(Number(c))),
            `${r} vs ${back.embedding[i]}`,
          ),
        ),
    );
  });

  test('a malformed upload shows a readable error and the app still trains afterwards', async () => {
    const { page } = opened.session;
    await page.getByTestId('tab-import').click();
    const rows = Array.from(
      { length: 250 },
      (_, i) => `c${i},${i % 2 ? 'a' : 'b'},1,${i === 240 ? 'oops' : 2}`,
    );
    await page.getByTestId('import-file').setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`id,label,g1,g2\n${rows.join('\n')}\n`),
    });
    const error = page.getByTestId('notice-error').first();
    await error.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(shots, '5-import-error.png') });
    assert.match(await error.innerText(), /broken\.csv, line 242, column 4/);
    // the sample is still loaded: training works again. Another seed gives another map: the earlier run's map
    // is still on the (hidden) plot when the app moves to Explore, so wait for the new one's coordinates
    const before = await page.evaluate(PLOT_COORDS);
    assert.notEqual(before, null, 'the earlier run drew a map');
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-seed').fill('1');
    await trainAndWait(page);
    await waitFor<string | null>(
      page,
      PLOT_COORDS,
      (coords) => coords !== null && coords !== before,
      120_000,
    );
    const traces = await exploreTraces(page);
    assert.equal(
      traces.reduce((n, t) => n + t.points, 0),
      700,
    );
  });

  test('the page ran without script errors or Content-Security-Policy violations', () => {
    assert.deepEqual(opened.session.problems, []);
  });

  test('requests without the token are refused', async () => {
    const { serve, browser } = opened.session;
    const api = await fetch(`${serve.origin}/api/getState`, { method: 'POST' });
    assert.equal(api.status, 403);
    const events = await fetch(`${serve.origin}/api/events`);
    assert.equal(events.status, 403);
    const fresh = await browser.newContext();
    const stranger = await fresh.newPage();
    const response = await stranger.goto(serve.origin);
    assert.equal(response?.status(), 403);
    assert.match(await stranger.innerText('body'), /token/);
    await fresh.close();
  });
});
