/**
 * End-to-end: the page in a narrow window (a browser tab of 800 px; the desktop app's minimum is 900). Three
 * columns left the Import screen's "What was read" panel and the Train screen's Progress values a few characters
 * wide: the file name, "finished" and the loss were broken letter by letter, one a line.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSampleTraining } from './browser-session.js';
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
});
