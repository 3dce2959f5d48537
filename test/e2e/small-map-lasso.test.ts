/**
 * End-to-end: a 2-D lasso over a map of a few thousand cells (not thinned: every cell drawn) in headless
 * Chromium. As on a thinned big map (big-map-lasso.test.ts), the page draws the lasso itself and selects
 * once, on release — Plotly's own lasso selected the drawn points again at every mouse move, ~100 ms of
 * Chromium CPU a move already at 10 000 cells (bench/README.md) — and the selection holds exactly the cells
 * whose map coordinates lie inside the lasso by the even-odd rule, tested here in the page against every
 * cell. The page is the built renderer with the UI bench's synthetic engine (bench/ui.ts).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildPage, initScript, serve } from '../../bench/ui.js';
import { packageRoot } from '../../src/util/paths.js';
import { launchChromium } from './chromium.js';
import { insideLasso, PLOT } from './lasso-cells.js';

const CELLS = 3_000;

let dir = '';
let server: Server | undefined;
let browser: Browser | undefined;
let page: Page;

before(async () => {
  const root = packageRoot();
  dir = await buildPage(root);
  const served = await serve(dir);
  server = served.server;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript({ content: 'window.tripletlensE2eHooks = true;' + (await initScript(root)) });
  await page.goto(`${served.url}?cells=${CELLS}`);
});

after(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a lasso over a small 2-D map selects on release, exactly the cells inside it', async () => {
  await page.getByTestId('open-sample').click();
  await page.getByTestId('class-counts').waitFor();
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-snapshotEvery').fill('0');
  await page.getByTestId('train-dims').selectOption('2');
  await page.getByTestId('train-start').click();
  await page.waitForFunction(`${PLOT} && ${PLOT}.dataset.plotDraws !== undefined`, undefined, {
    timeout: 180_000,
  });
  assert.equal(await page.getByTestId('explore-dims').inputValue(), '2', 'the map is drawn in 2-D');
  const drawn = Number(
    await page.evaluate(`${PLOT}._fullData.reduce((s, t) => s + (t.customdata ? t.x.length : 0), 0)`),
  );
  assert.equal(drawn, CELLS, 'every cell is drawn: the map is not thinned');
  await page.getByTestId('select-tool-lasso').click();
  await page.waitForFunction(`${PLOT}._fullLayout.dragmode === 'lasso'`);
  // Plotly's own lasso reports its selection of the drawn points at every move (plotly_selecting)
  await page.evaluate(`window.__selecting = 0; ${PLOT}.on('plotly_selecting', () => window.__selecting++)`);
  const box = await page.getByTestId('explore-plot').boundingBox();
  if (!box) throw new Error('the plot has no size');
  const lasso: number[][] = [];
  for (let k = 0; k < 40; k++) {
    // a lobed loop starting inside the plot area (where a drag is the lasso's), partly beyond its right edge
    const a = Math.PI + (2 * Math.PI * k) / 40;
    const r = 0.3 + 0.08 * Math.sin(3 * a);
    // whole pixels: the page's mouse events carry whole client coordinates
    lasso.push([
      Math.round(box.x + box.width * (0.55 + r * Math.cos(a))),
      Math.round(box.y + box.height * (0.5 + r * Math.sin(a))),
    ]);
  }
  await page.mouse.move(lasso[0][0], lasso[0][1]);
  await page.mouse.down();
  for (const [x, y] of lasso.slice(1)) await page.mouse.move(x, y);
  assert.equal(
    await page.evaluate('window.__selecting'),
    0,
    'nothing was selected while the lasso was drawn',
  );
  await page.mouse.up();
  await page.waitForFunction(`window.tripletlensE2e.getState().annotation.present.selection.length > 0`);
  const selected = Array.from(
    (await page.evaluate(
      `Array.from(window.tripletlensE2e.getState().annotation.present.selection)`,
    )) as number[],
  );
  const expected = (await page.evaluate(insideLasso(lasso))) as number[];
  assert.ok(expected.length > 100, 'the lasso holds many cells');
  const [want, got] = [new Set(expected), new Set(selected)];
  const missing = expected.filter((r) => !got.has(r));
  const extra = selected.filter((r) => !want.has(r));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
});
