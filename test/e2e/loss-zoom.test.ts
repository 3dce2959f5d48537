/**
 * End-to-end, the loss chart of a second run: a zoom the user left on the first run's chart does not carry
 * into the next run's. The chart's `uirevision` was one constant, and Plotly keeps the user's zoom while it
 * stays the same: run 2's chart reset its epoch and loss axes (the empty chart's own ranges differ from the
 * ones the user zoomed from) but its active-triplet axis kept run 1's zoom, 50–70 % here instead of 0–100 %.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSampleTraining, waitFor, waitForSteady } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

// Browser-side code as strings: this file is type-checked without the DOM library.
const PLOT = `document.querySelector('[data-testid="loss-plot"]')`;
/** The loss chart's axis ranges as Plotly drew them, and its last point's epoch; null before a draw. */
const RANGES = `(() => {
  const el = ${PLOT};
  const l = el && el._fullLayout;
  if (!l || !l.xaxis || !el.data || !el.data[0]) return null;
  const x = el.data[0].x;
  return { x: l.xaxis.range.slice(), y: l.yaxis.range.slice(), y2: l.yaxis2.range.slice(),
    last: x.length > 0 ? x[x.length - 1] : null };
})()`;
/** The plot area's box on the page (Plotly's drag layer). */
const PLOT_AREA = `(() => {
  const b = ${PLOT}.querySelector('.nsewdrag').getBoundingClientRect();
  return { left: b.left, top: b.top, width: b.width, height: b.height };
})()`;

interface Ranges {
  x: [number, number];
  y: [number, number];
  y2: [number, number];
  last: number | null;
}

describe('the loss chart of a second run', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('loss-zoom');

  test('starts unzoomed after the user zoomed the first run’s chart', async () => {
    const { page } = opened;
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-train').click();
    // the finished run's chart as it settles once its screen is shown (resized then)
    const first = await waitForSteady<Ranges>(page, RANGES);
    // the user drags a zoom box over the middle of the first run's curve
    await page.getByTestId('loss-plot').scrollIntoViewIfNeeded();
    const area = (await page.evaluate(PLOT_AREA)) as {
      left: number;
      top: number;
      width: number;
      height: number;
    };
    await page.mouse.move(area.left + area.width * 0.3, area.top + area.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(area.left + area.width * 0.5, area.top + area.height * 0.5, { steps: 5 });
    await page.mouse.up();
    const width = (r: Ranges) => r.x[1] - r.x[0];
    const zoomed = await waitFor<Ranges | null>(
      page,
      RANGES,
      (r) => r !== null && width(r) < width(first) / 2,
    );
    assert.ok(zoomed!.y2[1] - zoomed!.y2[0] < 1, `the share axis zoomed too: ${JSON.stringify(zoomed)}`);

    // a longer second run: its curve reaches past the first run's last epoch
    await page.getByTestId('train-epochs').fill('4');
    await page.getByTestId('train-start').click();
    await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-train').click();
    const second = await waitFor<Ranges | null>(
      page,
      RANGES,
      (r) => r !== null && r.last !== null && r.last > 3,
    );
    // the whole of run 2's curve is in view, and the share axis shows 0–100 % again
    assert.ok(second!.x[0] <= 0 && second!.x[1] >= second!.last!, JSON.stringify({ zoomed, second }));
    assert.deepEqual(second!.y2, [0, 1], JSON.stringify({ zoomed, second }));
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
