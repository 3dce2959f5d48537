/**
 * End-to-end, the Train screen's buttons are in sight: a walkthrough arrived at Train from Import and found no
 * Start training — it sat below the settings column's twenty-odd fields, out of view until scrolled to (and
 * Stop too, during a run). The buttons now stay at the foot of the scrolling column.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SHOTS_DIR } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** Whether each button lies inside the settings column's visible box, with the column's scroll. Browser-side. */
const BUTTONS_IN_SIGHT = `(() => {
  const panel = document.querySelector('.train-screen .settings-panel');
  const box = panel.getBoundingClientRect();
  const inSight = (id) => {
    const r = document.querySelector('[data-testid="' + id + '"]').getBoundingClientRect();
    return r.height > 0 && r.top >= box.top && r.bottom <= box.bottom;
  };
  return {
    scrollTop: panel.scrollTop,
    scrolls: panel.scrollHeight > panel.clientHeight,
    start: inSight('train-start'),
    stop: inSight('train-stop'),
  };
})()`;

interface InSight {
  scrollTop: number;
  scrolls: boolean;
  start: boolean;
  stop: boolean;
}

describe('the Train screen’s buttons', { timeout: 180_000 }, () => {
  const opened = browserSessionHooks('train-buttons', {
    ready: async ({ page }) => {
      await page.getByTestId('open-sample').click();
      await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
      await page.getByTestId('tab-train').click();
      await page.getByTestId('train-start').waitFor();
    },
  });

  test('Start training and Stop are in sight on arrival, though the settings column scrolls', async () => {
    const { page } = opened;
    const seen = (await page.evaluate(BUTTONS_IN_SIGHT)) as InSight;
    await page.screenshot({ path: `${SHOTS_DIR}/train-buttons.png` });
    // the column must be taller than the page for this to test anything
    assert.ok(seen.scrolls, JSON.stringify(seen));
    assert.deepEqual(seen, { scrollTop: 0, scrolls: true, start: true, stop: true });
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
