/**
 * The 2-D lasso tests' shared steps (big-map-lasso, small-map-lasso): a lasso drawn with the mouse, and the
 * brute-force side — every cell of the run inside a lasso drawn in client pixels, tested in the page against
 * every cell by the even-odd rule.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** The Explore map's graph div, as a page-side expression. */
export const PLOT = `document.querySelector('[data-testid="explore-plot"]')`;

/**
 * Every cell inside `lasso` (client px), by the brute-force rule: each vertex held in the plot area and taken
 * to data coordinates by Plotly's axes, then every cell of the run tested by the even-odd rule (browser-side).
 */
export const insideLasso = (lasso: number[][]) => `(() => {
  const el = ${PLOT};
  const fl = el._fullLayout;
  const r = el.querySelector('.draglayer .xy .nsewdrag').getBoundingClientRect();
  const poly = ${JSON.stringify(lasso)}.map(([x, y]) => [
    fl.xaxis.p2d(Math.max(0, Math.min(fl.xaxis._length, x - r.left))),
    fl.yaxis.p2d(Math.max(0, Math.min(fl.yaxis._length, y - r.top))),
  ]);
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const result = window.tripletlensE2e.getState().result;
  const { data, cols } = result.coords;
  const rows = result.rows ?? null;
  const inside = [];
  for (let i = 0; i < data.length / cols; i++) {
    const x = data[i * cols];
    const y = data[i * cols + 1];
    if (!(x >= x0 && x <= x1 && y >= y0 && y <= y1)) continue;
    let odd = false;
    for (let a = 0, b = poly.length - 1; a < poly.length; b = a++) {
      const [xa, ya] = poly[a];
      const [xb, yb] = poly[b];
      if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) odd = !odd;
    }
    if (odd) inside.push(rows ? rows[i] : i);
  }
  return inside.sort((p, q) => p - q);
})()`;

/**
 * Draws a lobed lasso (40 mouse moves, partly beyond the plot's right edge) with the Lasso tool on the 2-D
 * map shown, and checks the page's way of selecting: nothing while it is drawn (Plotly's own lasso selected at
 * every move), then on release exactly the cells `insideLasso` finds — more than `atLeast` of them.
 */
export async function lassoSelectsInside(page: Page, atLeast: number): Promise<void> {
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
  assert.ok(expected.length > atLeast, 'the lasso holds many cells');
  const [want, got] = [new Set(expected), new Set(selected)];
  const missing = expected.filter((r) => !got.has(r));
  const extra = selected.filter((r) => !want.has(r));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
}
