/**
 * End-to-end, the Explore screen beyond the default 3-D map: a 2-D run draws with scattergl (Plotly's regl
 * trace, which needs the CSP's 'unsafe-eval' — without it the plot says "WebGL is not supported"), searching
 * an id rings that cell, colouring by a metadata column regroups the legend, and the standalone HTML export
 * embeds the figure and Plotly. Real `tripletlens serve` and engine; screenshots in test-output/e2e/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { samplePath } from '../../src/util/paths.js';
import { exportFile, SHOTS_DIR, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const shots = SHOTS_DIR;

// Browser-side code as strings: this file is type-checked without the DOM library.
// Legend-only traces (meta 'legend-only', one null point each) draw no cells and are left out.
const tracesOf = (testId: string) => `(() => {
  const el = document.querySelector('[data-testid="${testId}"]');
  if (!el || !el.data || el.offsetParent === null) return [];
  return el.data
    .filter((t) => t.meta !== 'legend-only')
    .map((t) => ({ name: String(t.name), type: String(t.type), points: t.x ? t.x.length : 0 }));
})()`;
const PLOT_TRACES = tracesOf('explore-plot');
/** The legend entries of the Explore plot: name and icon symbol. */
const LEGEND_ENTRIES = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data) return [];
  return el.data
    .filter((t) => t.showlegend !== false)
    .map((t) => ({ name: String(t.name), symbol: String(t.marker && t.marker.symbol), meta: t.meta || null }));
})()`;
/** Where an element's box is, or null. */
const box = (selector: string) => `(() => {
  const el = document.querySelector('${selector}');
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom };
})()`;
type Box = { top: number; bottom: number } | null;

type Trace = { name: string; type: string; points: number };

describe('Explore views in a browser', { timeout: 300_000 }, () => {
  const ids: string[] = [];
  const opened = browserSessionHooks('views', {
    prepare: async () => {
      for (const line of readFileSync(samplePath(), 'utf8').trim().split('\n').slice(1))
        ids.push(line.split(',')[0]);
    },
    goto: false,
  });

  test('class counts: every class is visible above the metadata field, also after re-choosing the column', async () => {
    const { session, page } = opened;
    await page.goto(session.serve.url);
    await page.getByTestId('open-sample').click();
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    const rows = page.getByTestId('class-counts').locator('tbody tr');
    assert.equal(await rows.count(), 10);
    // the last class (CD4+/CD45RA+/CD25- Naive T, 8 cells) is inside the visible box, and the metadata
    // field starts below it with some space
    const last = (await page.evaluate(box('[data-testid="class-counts"] tbody tr:last-child'))) as Box;
    const frame = (await page.evaluate(box('.counts-scroll'))) as Box;
    const meta = (await page.evaluate(box('.field:has([data-testid="metadata-file"])'))) as Box;
    assert.ok(last && frame && meta, 'boxes found');
    assert.ok(
      last.bottom <= frame.bottom + 0.5,
      `last class row visible: ${JSON.stringify({ last, frame })}`,
    );
    assert.ok(
      meta.top >= frame.bottom + 8,
      `space before the metadata field: ${JSON.stringify({ frame, meta })}`,
    );
    await page.screenshot({ path: join(shots, 'views-0-import.png') });
    // choosing a column — also the one already chosen — shows its class counts
    await page.getByTestId('label-column').selectOption('louvain');
    await waitFor<number>(
      page,
      `document.querySelectorAll('[data-testid="class-counts"] tbody tr').length`,
      (n) => n === 11,
    );
    // a recount would show 'Counting classes…' for a moment: record whether it ever shows
    await page.evaluate(`(() => {
      const info = document.querySelector('[data-testid="label-summary"]');
      window.__counting = false;
      new MutationObserver(() => {
        if (info.textContent.includes('Counting classes…')) window.__counting = true;
      }).observe(info, { childList: true, subtree: true, characterData: true });
    })()`);
    await page.getByTestId('label-column').selectOption('louvain');
    // the choice is rendered in the page's next animation frame: read after it (and one more)
    await page.evaluate(`new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`);
    assert.equal(await page.evaluate('window.__counting'), false, 'the counts were not counted again');
    assert.equal(await page.getByText('Counting classes…').count(), 0);
    assert.equal(await rows.count(), 11);
    await page.getByTestId('label-column').selectOption('label');
    await waitFor<number>(
      page,
      `document.querySelectorAll('[data-testid="class-counts"] tbody tr').length`,
      (n) => n === 10,
    );
  });

  test('a 2-D run draws every cell with scattergl', async () => {
    const { page } = opened;
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-epochs').fill('2');
    await page.getByTestId('train-dims').selectOption('2');
    await page.getByTestId('train-start').click();
    const traces = await waitFor<Trace[]>(page, PLOT_TRACES, (t) => t.length > 0, 120_000);
    await page.waitForTimeout(500); // let WebGL paint before the screenshot
    await page.screenshot({ path: join(shots, 'views-1-2d.png') });
    assert.ok(
      traces.every((t) => t.type === 'scattergl'),
      JSON.stringify(traces),
    );
    assert.equal(
      traces.reduce((n, t) => n + t.points, 0),
      ids.length,
    );
    assert.equal(await page.getByText('WebGL is not supported').count(), 0, 'the WebGL trace could draw');
    // a 2-D run cannot be shown in 3-D
    assert.equal(await page.getByTestId('explore-dims').inputValue(), '2');
    // the legend has one circle per class (held-out diamonds never show there)
    const entries = (await page.evaluate(LEGEND_ENTRIES)) as { name: string; symbol: string; meta: string }[];
    assert.deepEqual(new Set(entries.map((e) => e.name)), new Set(traces.map((t) => t.name)));
    assert.ok(
      entries.every((e) => e.symbol === 'circle' && e.meta === 'legend-only'),
      JSON.stringify(entries),
    );
  });

  test('clicking a legend entry hides its class (cells and entry share a legend group)', async () => {
    const { page } = opened;
    const hidden = `(() => {
      const el = document.querySelector('[data-testid="explore-plot"]');
      return el.data.filter((t) => t.name === 'CD34+').map((t) => String(t.visible));
    })()`;
    const entry = page.locator('[data-testid="explore-plot"] .legend .traces', { hasText: 'CD34+' });
    await entry.click();
    assert.deepEqual(await waitFor<string[]>(page, hidden, (v) => v.includes('legendonly')), [
      'legendonly',
      'legendonly',
    ]);
    await page.waitForTimeout(400); // not a double click
    await entry.click();
    await waitFor<string[]>(page, hidden, (v) => !v.includes('legendonly'));
  });

  test('a run shorter than the snapshot interval shows its final map as "Map so far"', async () => {
    const { page } = opened;
    await page.getByTestId('tab-train').click();
    const live = await waitFor<Trace[]>(page, tracesOf('live-map'), (t) => t.length > 0, 30_000);
    assert.equal(
      live.reduce((n, t) => n + t.points, 0),
      ids.length,
    );
    assert.match(await page.getByTestId('live-map-caption').innerText(), /Final map after epoch 2/);
    await page.screenshot({ path: join(shots, 'views-1b-train-final.png') });
    await page.getByTestId('tab-explore').click();
  });

  test('searching an id rings exactly that cell; an unknown id says so', async () => {
    const { page } = opened;
    await page.getByTestId('explore-search').fill(ids[5]);
    await page.getByTestId('explore-search-go').click();
    const traces = await waitFor<Trace[]>(page, PLOT_TRACES, (t) =>
      t.some((x) => x.name.startsWith('found:')),
    );
    const found = traces.filter((t) => t.name.startsWith('found:'));
    assert.deepEqual(found, [{ name: `found: ${ids[5]}`, type: 'scattergl', points: 1 }]);
    assert.match(await page.getByTestId('explore-search-result').innerText(), new RegExp(ids[5]));
    await page.getByTestId('explore-search').fill('no-such-cell');
    await page.getByTestId('explore-search-go').click();
    await waitFor<Trace[]>(page, PLOT_TRACES, (t) => !t.some((x) => x.name.startsWith('found:')));
    assert.match(await page.getByTestId('explore-search-result').innerText(), /No row with id/);
  });

  test('colouring by a metadata column regroups the legend by its values', async () => {
    const { page } = opened;
    await page.getByTestId('explore-color-by').selectOption('meta:phase');
    const traces = await waitFor<Trace[]>(page, PLOT_TRACES, (t) => t.some((x) => x.name === 'G1'));
    const phases = new Set(
      readFileSync(samplePath(), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[3]),
    );
    assert.deepEqual(new Set(traces.map((t) => t.name)), phases);
    assert.equal(
      traces.reduce((n, t) => n + t.points, 0),
      ids.length,
    );
    await page.screenshot({ path: join(shots, 'views-2-phase.png') });
  });

  test('the interactive HTML export holds the figure and Plotly, and nothing else was refused', async () => {
    const { session } = opened;
    const html = await exportFile(session, 'export-html', 'map.html');
    assert.match(html, /<script type="application\/json" id="figure">/);
    assert.ok(html.length > 1_000_000, 'Plotly is embedded, so the file opens offline');
    const figure = JSON.parse(/id="figure">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null') as {
      data: { x: number[]; meta?: string }[];
    };
    assert.equal(
      figure.data.filter((t) => t.meta !== 'legend-only').reduce((n, t) => n + t.x.length, 0),
      ids.length,
    );
    assert.deepEqual(session.problems, []);
  });
});
