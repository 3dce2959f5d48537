/**
 * End-to-end: a 2-D lasso over a thinned map of 100 000 cells in headless Chromium. The page draws the lasso
 * itself and selects once, on release — Plotly's lasso selected the drawn points again at every mouse move
 * (~100 ms a move at this size: bench/README.md) — and the selection holds exactly the cells whose map
 * coordinates lie inside the lasso by the even-odd rule, tested here in the page against every cell. The
 * page is the built renderer with the UI bench's synthetic engine (bench/ui.ts), so no training is needed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startSampleTraining } from './browser-session.js';
import { openSyntheticPage, type SyntheticPage } from './synthetic-page.js';
import { lassoSelectsInside, PLOT } from './lasso-cells.js';

const CELLS = 100_000;

let opened: SyntheticPage | undefined;
let page: Page;

before(async () => {
  opened = await openSyntheticPage(CELLS, true);
  page = opened.page;
});

after(async () => {
  await opened?.close();
});

test('a lasso over a thinned 2-D map selects on release, exactly the cells inside it', async () => {
  await startSampleTraining(page, { epochs: 1, snapshotEvery: 0 });
  await page.waitForFunction(`${PLOT} && ${PLOT}.dataset.plotDraws !== undefined`, undefined, {
    timeout: 180_000,
  });
  assert.equal(await page.getByTestId('explore-dims').inputValue(), '2', 'a big map opens in 2-D');
  const drawn = Number(
    await page.evaluate(`${PLOT}._fullData.reduce((s, t) => s + (t.customdata ? t.x.length : 0), 0)`),
  );
  assert.ok(drawn < CELLS, 'the map is thinned');
  await lassoSelectsInside(page, 1000);
});
