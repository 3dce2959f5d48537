/**
 * End-to-end: a gene typed into Explore's gene box stays there until the user applies it. CI saw the box
 * emptied between typing and Apply (explore-polish failed twice, 60 s each): the screen follows a state
 * change at the next animation frame, and that follow wrote the state's gene — still none — over what had
 * been typed after picking "a gene's expression…" (reproduced with late frames: the page's log showed the
 * follow after the typing). Any other view change (a point size) did the same. Here the typing happens before
 * the next frame on purpose: both steps in one go inside the page, as a quick typist on a slow page does.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { waitFor, showSampleMap } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { setControl, TWO_FRAMES } from './page-input.js';

const PLOT = `document.querySelector('[data-testid="explore-plot"]')`;
const GENE_BOX = `document.querySelector('[data-testid="explore-gene"]')`;
/** The colour bar's title: the gene(s) the map is coloured by ('' without a colour bar). */
const COLOUR_BAR_TITLE = `(() => {
  const t = (${PLOT}.data || []).find((d) => d.marker && d.marker.colorscale && d.marker.colorbar);
  return t ? String(t.marker.colorbar.title.text) : '';
})()`;

describe('Explore: the gene box keeps what the user typed', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('gene-box', {
    ready: ({ page }) => showSampleMap(page),
  });

  test('a gene typed right after choosing to colour by a gene is the one Apply colours by', async () => {
    const { page } = opened;
    await page.evaluate(
      setControl('explore-color-by', 'gene', 'change') + setControl('explore-gene', 'CD79A', 'input'),
    );
    await page.evaluate(TWO_FRAMES);
    assert.equal(await page.evaluate(`${GENE_BOX}.value`), 'CD79A', 'the typed gene is kept');
    await page.getByTestId('explore-gene-apply').click();
    await waitFor<string>(page, COLOUR_BAR_TITLE, (t) => t.includes('CD79A'));
    assert.equal(await page.getByTestId('explore-gene').inputValue(), 'CD79A');
  });

  test('a gene typed but not applied stays while the point size changes; then Apply colours by it', async () => {
    const { page } = opened;
    await page.evaluate(
      setControl('explore-gene', 'MS4A1', 'input') + setControl('explore-point-size', '5', 'input'),
    );
    await page.evaluate(TWO_FRAMES);
    assert.equal(await page.evaluate(`${GENE_BOX}.value`), 'MS4A1', 'the typed gene is kept');
    await page.getByTestId('explore-gene-apply').click();
    await waitFor<string>(page, COLOUR_BAR_TITLE, (t) => t.includes('MS4A1'));
  });

  test('a gene chosen elsewhere (Colour by label, then a gene again) shows the applied gene', async () => {
    const { page } = opened;
    await page.getByTestId('explore-color-by').selectOption('label');
    await waitFor<string>(page, COLOUR_BAR_TITLE, (t) => t === '');
    await page.getByTestId('explore-color-by').selectOption('gene');
    await waitFor<string>(page, COLOUR_BAR_TITLE, (t) => t.includes('MS4A1'));
    assert.equal(await page.getByTestId('explore-gene').inputValue(), 'MS4A1');
  });
});
