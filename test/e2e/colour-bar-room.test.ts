/**
 * End-to-end, the 2-D map's y axis after a colour bar: colouring the map by a gene puts an upright colour bar
 * at its left (xref 'container'), for which Plotly reserves room in the left margin — and keeps that room
 * after the bar is gone when the map is drawn anew (plotly.js #6612, the same for a container legend): coloured
 * by a column of categories next (other traces, a full draw), the plot area stayed pushed right and the y
 * axis's title "dim 2" was drawn over its own tick labels.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SHOTS_DIR, waitFor, waitForSteady, showSampleMap } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

// Browser-side code as strings: this file is type-checked without the DOM library.
const PLOT = `document.querySelector('[data-testid="explore-plot"]')`;
/** Whether a trace of the drawn map carries a colour scale. */
const SCALED = `(${PLOT}.data || []).some((t) => t.meta !== 'legend-only' && t.marker && t.marker.colorscale)`;
/** The page's x extent of the y axis's title and of its widest tick labels. */
const Y_AXIS = `(() => {
  const box = (e) => { const b = e.getBoundingClientRect(); return [Math.round(b.left), Math.round(b.right)]; };
  const title = ${PLOT}.querySelector('.g-ytitle text');
  const ticks = Array.from(${PLOT}.querySelectorAll('.ytick text')).map(box);
  if (!title || ticks.length === 0) return null;
  return { title: box(title), ticksLeft: Math.min(...ticks.map((t) => t[0])) };
})()`;

interface YAxis {
  title: [number, number];
  ticksLeft: number;
}

describe('2-D map: the y axis after a colour bar', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('colour-bar-room', {
    ready: ({ page }) => showSampleMap(page),
  });

  test("coloured by a column after a gene, the y axis's title is clear of its tick labels", async () => {
    const { session, page } = opened;
    const clear = (axis: YAxis) => axis.title[1] <= axis.ticksLeft;
    const labels = await waitForSteady<YAxis>(page, Y_AXIS);
    assert.ok(clear(labels), `before any colour bar: ${JSON.stringify(labels)}`);
    await page.getByTestId('explore-color-by').selectOption('gene');
    await page.getByTestId('explore-gene').fill('CD79A');
    await page.getByTestId('explore-gene-apply').click();
    await waitFor<boolean>(page, SCALED, (v) => v);
    const gene = await waitForSteady<YAxis>(page, Y_AXIS);
    assert.ok(clear(gene), `with the colour bar: ${JSON.stringify(gene)}`);
    // a column of categories: other traces (one per value), which Plotly draws anew
    await page.getByTestId('explore-color-by').selectOption('meta:louvain');
    await waitFor<boolean>(page, `${PLOT}.data.some((t) => /^louvain_/.test(t.name))`, (v) => v);
    const column = await waitForSteady<YAxis>(page, Y_AXIS);
    await page.screenshot({ path: join(SHOTS_DIR, 'colour-bar-room-column.png') });
    assert.ok(clear(column), `coloured by louvain after the gene: ${JSON.stringify(column)}`);
    assert.equal(session.problems.length, 0, session.problems.join('\n'));
  });
});
