/**
 * End-to-end, the Explore screen beyond the default 3-D map: a 2-D run draws with scattergl (Plotly's regl
 * trace, which needs the CSP's 'unsafe-eval' — without it the plot says "WebGL is not supported"), searching
 * an id rings that cell, colouring by a metadata column regroups the legend, and the standalone HTML export
 * embeds the figure and Plotly. Real `tripletlens serve` and engine; screenshots in test-output/e2e/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { packageRoot, samplePath } from '../../src/util/paths.js';
import { launchChromium } from './chromium.js';
import { snapshotPackage, startServe, type ServeProcess } from './serve-process.js';

const shots = join(packageRoot(), 'test-output', 'e2e');

// Browser-side code as strings: this file is type-checked without the DOM library.
const PLOT_TRACES = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data || el.offsetParent === null) return [];
  return el.data.map((t) => ({ name: String(t.name), type: String(t.type), points: t.x ? t.x.length : 0 }));
})()`;

/** Polls `read` (an expression) until `ok` accepts its value. */
async function waitFor<T>(
  page: Page,
  read: string,
  ok: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = (await page.evaluate(read)) as T;
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting on ${read}; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Trace = { name: string; type: string; points: number };

describe('Explore views in a browser', { timeout: 300_000 }, () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let work: string;
  const problems: string[] = [];
  const ids: string[] = [];

  before(async () => {
    mkdirSync(shots, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'tl-e2e-views-'));
    browser = await launchChromium();
    serve = await startServe(['--root', work], {}, snapshotPackage());
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
    });
    for (const line of readFileSync(samplePath(), 'utf8').trim().split('\n').slice(1))
      ids.push(line.split(',')[0]);
  });

  after(async () => {
    await browser?.close();
    await serve?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('a 2-D run draws every cell with scattergl', async () => {
    await page.goto(serve.url);
    await page.getByTestId('open-sample').click();
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
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
  });

  test('searching an id rings exactly that cell; an unknown id says so', async () => {
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
    assert.match(await page.getByTestId('explore-search-result').innerText(), /No cell with id/);
  });

  test('colouring by a metadata column regroups the legend by its values', async () => {
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
    await page.getByTestId('tab-export').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-html').click(),
    ]);
    const saved = join(work, 'map.html');
    await download.saveAs(saved);
    const html = readFileSync(saved, 'utf8');
    assert.match(html, /<script type="application\/json" id="figure">/);
    assert.ok(html.length > 1_000_000, 'Plotly is embedded, so the file opens offline');
    const figure = JSON.parse(/id="figure">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null') as {
      data: { x: number[] }[];
    };
    assert.equal(
      figure.data.reduce((n, t) => n + t.x.length, 0),
      ids.length,
    );
    assert.deepEqual(problems, []);
  });
});
