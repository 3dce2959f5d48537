/**
 * End-to-end: a map above the no-GPU 3-D limit in headless Chromium (software WebGL, as every e2e test runs):
 * the 3-D view draws the density-preserving subsample of SOFTWARE_3D_POINTS, says "… cells shown in 3-D (no
 * GPU)" under the map, and its button draws every cell. The page is the built renderer with the UI bench's
 * synthetic engine (bench/ui.ts), so no training is needed for a map of this size.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildPage, initScript, serve } from '../../bench/ui.js';
import { SOFTWARE_3D_POINTS } from '../../renderer/big-map.js';
import { packageRoot } from '../../src/util/paths.js';
import { launchChromium } from './chromium.js';

// just above the limit: the subsample and the whole map are both drawn once
const CELLS = SOFTWARE_3D_POINTS + 1_000;

/** Points drawn by the traces that carry cells, and the map's view (browser-side code as a string). */
const DRAWN = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  const traces = el && el._fullData ? el._fullData : [];
  return {
    points: traces.reduce((s, t) => s + (t.customdata && t.visible !== false ? t.x.length : 0), 0),
    threeD: traces.some((t) => t.type === 'scatter3d'),
  };
})()`;

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
  await page.addInitScript({ content: await initScript(root) });
  await page.goto(`${served.url}?cells=${CELLS}`);
});

after(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('without a GPU a big 3-D map draws the subsample, says so, and draws every cell when asked', async () => {
  await page.getByTestId('open-sample').click();
  await page.getByTestId('class-counts').waitFor();
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-snapshotEvery').fill('0');
  await page.getByTestId('train-start').click();
  const note = page.getByTestId('explore-shown');
  await note.waitFor({ timeout: 120_000 });
  assert.equal(await page.getByTestId('explore-dims').inputValue(), '3');
  const text = await note.innerText();
  const count = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '\\D?');
  assert.match(
    text,
    new RegExp(`^\\d[\\d\\D]{0,3}\\d{3} of ${count(CELLS)} cells shown in 3-D \\(no GPU\\)`),
  );
  await page.waitForFunction(`${DRAWN}.points > 0`, undefined, { timeout: 120_000 });
  const sub = (await page.evaluate(DRAWN)) as { points: number; threeD: boolean };
  assert.equal(sub.threeD, true);
  assert.ok(Math.abs(sub.points - SOFTWARE_3D_POINTS) <= 10, `${sub.points} points drawn`);
  // the note counts what is drawn
  assert.equal(Number(text.split(' of ')[0].replace(/\D/g, '')), sub.points, text);

  const button = page.getByTestId('explore-draw-all-3d');
  assert.match(await button.innerText(), new RegExp(`^Draw all ${count(CELLS)} in 3-D$`));
  await button.click();
  await page.waitForFunction(`${DRAWN}.points === ${CELLS}`, undefined, { timeout: 180_000 });
  await note.waitFor({ state: 'hidden' });
  assert.equal(await button.isHidden(), true);
});

test('after rotating the scene, hovering picks cells again (the picking draw paused while pressed)', async () => {
  const box = await page.getByTestId('explore-plot').boundingBox();
  assert.ok(box, 'the plot has a size');
  const cx = box.x + box.width * 0.45;
  const cy = box.y + box.height * 0.5;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(cx + i * 12, cy + i * 4);
  await page.mouse.up();
  const hoverText = `Array.from(document.querySelectorAll('[data-testid="explore-plot"] .hovertext')).map((e) => e.textContent).join('|')`;
  // the map's middle is dense with cells: one of a few nearby positions is over one
  let text = '';
  for (let i = 0; i < 12 && !text; i++) {
    await page.mouse.move(cx + ((i % 4) - 1.5) * 25, cy + (Math.floor(i / 4) - 1) * 25, { steps: 2 });
    text = await page
      .waitForFunction(`${hoverText} || null`, undefined, { timeout: 5_000 })
      .then(async (handle) => String(await handle.jsonValue()))
      .catch(() => '');
  }
  assert.match(text, /cell|\d/, 'a hover box names a cell');
});
