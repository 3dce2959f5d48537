/**
 * End-to-end, the 2-D map coloured by a gene while a selection is drawn, in headless Chromium against the real
 * `tripletlens serve`: every class trace is drawn twice (dimmed, and its selected cells at full opacity), so
 * the gene's colours come at two opacities and overflow the 255-colour palette of Plotly's WebGL markers
 * midway through the draw (renderer/gl-palette.ts). The map on screen must be the one Plotly draws from
 * scratch once its markers store colours per point — before the fix the dimmed circles vanished and some
 * held-out diamonds showed stray class colours until the next redraw.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  SHOTS_DIR,
  waitFor,
  startSampleTraining,
  selectRowsScript,
  sampleRowsOf,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

// Browser-side code as strings: this file is type-checked without the DOM library.
const PLOT = `document.querySelector('[data-testid="explore-plot"]')`;
const POINTS = `(() => {
  const el = ${PLOT};
  if (!el || !el.data || el.offsetParent === null) return 0;
  return el.data.filter((t) => t.meta !== 'legend-only' && !String(t.uid || '').startsWith('selected-'))
    .reduce((n, t) => n + (t.x ? t.x.length : 0), 0);
})()`;
const COLORBAR = `(() => {
  const el = ${PLOT};
  const t = el && el.data ? el.data.find((d) => d.marker && d.marker.showscale) : null;
  return t ? String(t.marker.colorbar.title.text) : '';
})()`;
/** Colours in the palette of the 2-D markers layer (regl-scatter2d, Plotly's private scene). */
const PALETTE = `(() => {
  const scene = ${PLOT}._fullLayout._plots.xy._scene;
  return scene && scene.scatter2d && scene.scatter2d.palette ? scene.scatter2d.palette.length / 4 : -1;
})()`;
const DRAWS = `${PLOT}.dataset.plotDraws || ''`;
/** Resolves after two frames were painted. */
const FRAMES = `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`;
/** Plotly draws the figure it holds again from its data (every trace's markers written anew), then two frames. */
const REDRAW = `window.Plotly.redraw(${PLOT}).then(() => ${FRAMES})`;

describe('2-D map coloured by a gene over a selection in a browser', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('gl-palette', {
    prepare: async ({ page }) => {
      await page.addInitScript('window.tripletlensE2eHooks = true');
    },
    goto: false,
  });

  /** The plot area as a PNG. */
  async function plotShot(name: string): Promise<Buffer> {
    const { page } = opened;
    const box = await page.getByTestId('explore-plot').boundingBox();
    assert.ok(box);
    return page.screenshot({ path: join(SHOTS_DIR, name), clip: box });
  }

  test('Box tool, select the dendritic cells, click LYZ in the marker table: the map is the one a redraw shows', async () => {
    const { session, page } = opened;
    await page.goto(session.serve.url);
    await startSampleTraining(page, { epochs: 20, dims: 2 });
    await waitFor<number>(page, POINTS, (n) => n === 700, 120_000);
    assert.ok(((await page.evaluate(PALETTE)) as number) <= 255, 'the class colours fit the palette');

    // with the Box tool on (Plotly's dragmode 'select') Plotly writes the markers only once a draw
    await page.getByTestId('select-tool-box').click();
    await page.evaluate(selectRowsScript(sampleRowsOf('Dendritic')));
    await page.getByTestId('markers-vs-rest').click();
    const lyz = page.getByTestId('markers-gene').filter({ hasText: /^LYZ$/ });
    await lyz.waitFor({ timeout: 60_000 });
    const before = (await page.evaluate(DRAWS)) as string;
    await lyz.click();
    await waitFor<string>(page, COLORBAR, (t) => t === 'LYZ');
    await waitFor<string>(page, DRAWS, (d) => d !== before);
    await page.waitForTimeout(1500);
    await page.evaluate(FRAMES);

    // the case this is about: the gene's colours at two opacities overflowed the markers' palette
    const colours = (await page.evaluate(PALETTE)) as number;
    assert.ok(colours > 255, `palette colours: ${colours}`);
    const shown = await plotShot('gl-palette-1-gene-over-selection.png');
    await page.evaluate(REDRAW);
    const redrawn = await plotShot('gl-palette-2-redrawn.png');
    assert.ok(
      shown.equals(redrawn),
      'the map as drawn after the recolouring differs from Plotly drawing the same figure again ' +
        '(gl-palette-1-gene-over-selection.png vs gl-palette-2-redrawn.png)',
    );
    assert.deepEqual(session.problems, []);
  });
});
