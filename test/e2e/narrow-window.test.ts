/**
 * End-to-end: the page in a narrow window (a browser tab of 800 px; the desktop app's minimum is 900). Three
 * columns left the Import screen's "What was read" panel and the Train screen's Progress values a few characters
 * wide: the file name, "finished" and the loss were broken letter by letter, one a line. The 3-D map's legend lay
 * over its scene.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CELLS_3D,
  SCENE_GEOMETRY,
  startSampleTraining,
  waitFor,
  waitForSteady,
  type MapCell3d,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** The values (`dd`) under `selector` shown on more lines than they have words: broken inside a word. */
const brokenValues = (selector: string): string => `(() =>
  Array.from(document.querySelectorAll('${selector} dd'))
    .filter((dd) => dd.offsetParent !== null && dd.textContent.trim() !== '')
    .flatMap((dd) => {
      const range = document.createRange();
      range.selectNodeContents(dd);
      const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
      const words = dd.textContent.trim().split(/\\s+/).length;
      return lines > words ? [dd.textContent.trim() + ' (' + lines + ' lines)'] : [];
    }))()`;

/** The shown panels of the Import screen that overlap another, by heading. */
const OVERLAPPING_PANELS = `(() => {
  const panels = Array.from(document.querySelectorAll('[data-testid="screen-import"] > .panel'))
    .filter((p) => p.offsetParent !== null);
  const boxes = panels.map((p) => [p.querySelector('h2')?.textContent ?? '?', p.getBoundingClientRect()]);
  return boxes.flatMap(([a, r], i) => boxes.slice(i + 1)
    .filter(([, s]) => r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom)
    .map(([b]) => a + ' / ' + b));
})()`;

/** The 3-D scene's box and the legend's, in page pixels, and whether they overlap (null without both). */
const LEGEND_OVER_SCENE = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  const scene = el && el._fullLayout && el._fullLayout.scene && el._fullLayout.scene._scene;
  const legend = el && el.querySelector('g.legend');
  if (!scene || !legend) return null;
  const r = scene.container.getBoundingClientRect();
  const s = legend.getBoundingClientRect();
  const box = (b) => [b.left, b.top, b.right, b.bottom].map(Math.round).join(' ');
  const over = r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1;
  return { over, scene: box(r), legend: box(s) };
})()`;

describe('A narrow window (800 px)', { timeout: 240_000 }, () => {
  const hooked = browserSessionHooks('narrow-window', {
    prepare: (s) => s.page.setViewportSize({ width: 800, height: 700 }),
  });

  test('Import and Train show their values whole, and no panel over another', async () => {
    const { page } = hooked;
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-import').click();
    await page.getByTestId('import-summary').waitFor();
    assert.deepEqual(await page.evaluate(brokenValues('[data-testid="import-summary"]')), []);
    assert.deepEqual(await page.evaluate(OVERLAPPING_PANELS), []);
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-summary').waitFor();
    assert.deepEqual(await page.evaluate(brokenValues('.stats')), []);
    assert.deepEqual(hooked.session.problems, []);
  });

  test('the 3-D map’s legend and scene share the plot, neither over the other', async () => {
    const { page } = hooked;
    // the sample as the first test opened it, trained again into 3 dimensions (the default)
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-dims').selectOption('3');
    await page.getByTestId('train-start').click();
    await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
    await waitFor(page, SCENE_GEOMETRY, (g) => g !== null, 120_000);
    await waitForSteady(page, SCENE_GEOMETRY);
    const placed = (await page.evaluate(LEGEND_OVER_SCENE)) as { over: boolean } | null;
    assert.ok(placed, 'a 3-D scene and a legend');
    assert.equal(placed.over, false, JSON.stringify(placed));
    // beside the legend the scene was a narrow strip, the cube cut off at its sides: every cell is drawn inside it
    const box = (await page.evaluate(SCENE_GEOMETRY)) as number[];
    const [left, top, width, height] = box.slice(-4);
    const cells = (await page.evaluate(CELLS_3D)) as MapCell3d[];
    const outside = cells.filter(
      (c) => c.px < left || c.px > left + width || c.py < top || c.py > top + height,
    );
    assert.deepEqual(
      outside.slice(0, 3).map((c) => [c.id, Math.round(c.px), Math.round(c.py)]),
      [],
      `${outside.length} of ${cells.length} cells outside the scene ${JSON.stringify(placed)}`,
    );
    assert.deepEqual(hooked.session.problems, []);
  });
});
