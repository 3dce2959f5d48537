/**
 * End-to-end: a retrain (Explore ▸ Edit labels ▸ Retrain with these labels) keeps the view the user chose — a
 * 3-D map turned to 2-D stays 2-D and its Colour by stays on the metadata column — where the page turned the
 * new map back to 3-D and coloured it by label, so the user picked both again after every retrain.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSampleTraining, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { renameFirstClass } from './rename-first-class.js';

const PLOT = `document.querySelector('[data-testid="explore-plot"]')`;
/** The cell traces drawn (legend-only ones left out): name, type and first x. */
const TRACES = `(() => {
  const el = ${PLOT};
  if (!el || !el.data || el.offsetParent === null) return [];
  return el.data
    .filter((t) => t.meta !== 'legend-only' && t.x && t.x.length > 0)
    .map((t) => ({ name: String(t.name), type: String(t.type), x: Number(t.x[0]) }));
})()`;
type Trace = { name: string; type: string; x: number };

describe('a retrain keeps the Explore view', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('retrain-keeps-view', {
    ready: async ({ page }) => {
      await startSampleTraining(page, { epochs: 2, dims: 3 });
      await waitFor<Trace[]>(page, TRACES, (t) => t.length > 0, 120_000);
    },
  });

  test('a 2-D view coloured by a column stays so after Retrain with these labels', async () => {
    const { session, page } = opened;
    await page.getByTestId('explore-dims').selectOption('2');
    await page.getByTestId('explore-color-by').selectOption('meta:phase');
    const phases = (t: Trace[]) =>
      t.length > 0 && t.every((tr) => tr.type === 'scattergl' && /^(G1|S|G2M)$/.test(tr.name));
    const before = await waitFor<Trace[]>(page, TRACES, phases);

    // an edit, so Retrain has labels to send: the first class renamed
    await renameFirstClass(page);
    await page.getByTestId('retrain-epochs').fill('1');
    await page.getByTestId('retrain-start').click();
    await page.getByTestId('train-epoch').getByText('1 / 1').waitFor({ state: 'attached', timeout: 120_000 });

    // the new map (other coordinates) is drawn, then read: 2-D, coloured by phase as the user left it
    const moved = (t: Trace[]) => t.length > 0 && t.every((tr, i) => before[i]?.x !== tr.x);
    await waitFor<Trace[]>(page, TRACES, moved, 120_000);
    assert.equal(await page.getByTestId('explore-dims').inputValue(), '2');
    assert.equal(await page.getByTestId('explore-color-by').inputValue(), 'meta:phase');
    await waitFor<Trace[]>(page, TRACES, phases);
    assert.deepEqual(session.problems, []);
  });
});
