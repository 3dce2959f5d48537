/**
 * End-to-end: a map of 100 000 cells in headless Chromium (software WebGL, as every e2e test runs): the 3-D
 * view draws every cell, each as one point sprite (renderer/scene-sprites.ts) rather than Plotly's glyph
 * mesh, hover still picks cells after the scene was rotated, and the PNG export shows the cells. The page is
 * the built renderer with the UI bench's synthetic engine (bench/ui.ts), so no training is needed for a map
 * of this size.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SUBSAMPLE_3D_ABOVE } from '../../renderer/map-subsample.js';
import { startSampleTraining } from './browser-session.js';
import { openSyntheticPage, type SyntheticPage } from './synthetic-page.js';

// the most the 3-D view draws in full (above it: the subsample, whose rules map-subsample's tests cover)
const CELLS = SUBSAMPLE_3D_ABOVE;

/** The point sprites and glyph-mesh vertices of the scene's cell traces (browser-side code as a string). */
const SCENE = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  const objects = el._fullLayout.scene._scene.glplot.objects.filter(
    (o) => typeof o.pointCount === 'number' && o._trace && o._trace.data.customdata,
  );
  return {
    sprites: objects.reduce((s, o) => s + (o.sprites ? o.sprites.count : 0), 0),
    glyphVertices: objects.reduce((s, o) => s + (o.vertexCount || 0), 0),
  };
})()`;

/** Points drawn by the traces that carry cells, and the map's view (browser-side code as a string). */
const DRAWN = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  const traces = el && el._fullData ? el._fullData : [];
  return {
    points: traces.reduce((s, t) => s + (t.customdata && t.visible !== false ? t.x.length : 0), 0),
    threeD: traces.some((t) => t.type === 'scatter3d'),
  };
})()`;

let opened: SyntheticPage | undefined;
let page: Page;

before(async () => {
  opened = await openSyntheticPage(CELLS, false);
  page = opened.page;
});

after(async () => {
  await opened?.close();
});

test('without a GPU a 3-D map of 100 000 cells draws every point, as point sprites', async () => {
  await startSampleTraining(page, { epochs: 1, snapshotEvery: 0 });
  // a map this big opens in 2-D without a GPU (big-map.ts: SOFTWARE_3D_LIMIT); the user turns to 3-D
  await page.waitForFunction(`${DRAWN}.points > 0`, undefined, { timeout: 180_000 });
  assert.equal(await page.getByTestId('explore-dims').inputValue(), '2');
  await page.getByTestId('explore-dims').selectOption('3');
  await page.waitForFunction(`${DRAWN}.threeD && ${DRAWN}.points === ${CELLS}`, undefined, {
    timeout: 180_000,
  });
  assert.equal(await page.evaluate('document.documentElement.dataset.sceneSprites'), 'on');
  // every cell is in the scene as one sprite, none as a glyph mesh
  const scene = (await page.evaluate(SCENE)) as { sprites: number; glyphVertices: number };
  assert.deepEqual(scene, { sprites: CELLS, glyphVertices: 0 });
  // nothing left out, so no note and no button to draw more
  assert.equal(await page.getByTestId('explore-shown').isHidden(), true);
  assert.equal(await page.getByTestId('explore-draw-all-3d').isHidden(), true);
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

/** Pixels of a PNG (a data URL) whose colour is saturated — the class colours, not the grey axes or white. */
const SATURATED_PIXELS = (dataUrl: string): string => `(async () => {
  const img = new Image();
  img.src = ${JSON.stringify(dataUrl)};
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const px = ctx.getImageData(0, 0, img.width, img.height).data;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) {
    if (Math.max(px[i], px[i + 1], px[i + 2]) - Math.min(px[i], px[i + 1], px[i + 2]) > 60) n++;
  }
  return n;
})()`;

test('the PNG export of the 3-D view shows the cells drawn as sprites', async () => {
  await page.getByTestId('tab-export').click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByTestId('export-png').click(),
  ]);
  const path = await download.path();
  assert.ok(path, 'the PNG was saved');
  const png = readFileSync(path);
  const saturated = (await page.evaluate(
    SATURATED_PIXELS(`data:image/png;base64,${png.toString('base64')}`),
  )) as number;
  // with the sprites' on-screen draw switched off the export had 1 023 coloured pixels (legend swatches,
  // colour bar); with them, ~80 000
  assert.ok(saturated > 20_000, `${saturated} coloured pixels in the exported PNG`);
});
