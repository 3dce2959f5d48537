/**
 * End-to-end: an id typed into Explore's Find box stays there when a retrain of the same data finishes. The
 * screen drew its controls afresh for the new run and emptied the box, so what the user typed while the
 * retrain ran (on the map still shown, whose ids the new run keeps) was gone before Find. The typing happens
 * in the same go as the retrain's start inside the page: it comes before the new run, always.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { samplePath } from '../../src/util/paths.js';
import { waitFor, showSampleMap } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { clickControl, setControl, TWO_FRAMES } from './page-input.js';

const PLOT = `document.querySelector('[data-testid="explore-plot"]')`;
/** Every cell's [x, y] by its row ('{}' while no map is drawn). */
const COORDS = `(() => {
  const cells = {};
  for (const t of ${PLOT}.data || []) {
    if (!t.customdata || !t.x) continue;
    for (let i = 0; i < t.customdata.length; i++) cells[t.customdata[i]] = [t.x[i], t.y[i]];
  }
  return JSON.stringify(cells);
})()`;

describe('Explore: the Find box keeps what the user typed', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('find-box', {
    ready: ({ page }) => showSampleMap(page),
  });

  test('an id typed while a retrain runs is still there when its map shows; Find rings that cell', async () => {
    const { page } = opened;
    const first = await waitFor<string>(page, COORDS, (c) => c !== '{}');
    // a cell id of the sample (its first column)
    const id = readFileSync(samplePath(), 'utf8').split('\n')[6].split(',')[0];
    await page.getByTestId('retrain-epochs').fill('1');
    await page.evaluate(clickControl('retrain-start') + setControl('explore-search', id));
    await waitFor<string>(page, COORDS, (c) => c !== '{}' && c !== first, 120_000);
    await page.evaluate(TWO_FRAMES);
    assert.equal(await page.getByTestId('explore-search').inputValue(), id, 'the typed id is kept');
    await page.getByTestId('explore-search-go').click();
    await waitFor<string>(page, `${PLOT}.data.map((t) => t.name).join('|')`, (n) =>
      n.includes(`found: ${id}`),
    );
  });
});
