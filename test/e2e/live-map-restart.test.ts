/**
 * End-to-end, a second run from the Train screen: until the new run has a map of its own, "Map so far" shows
 * its empty placeholder, not the last run's final map under "Final map after epoch N" beside the new run's
 * progress (a walkthrough found the old map standing in for the new one while it started and trained).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSampleTraining, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** Records every (stage, caption) pair the Train screen shows from now on in `window.__liveCaptions`. */
const WATCH_CAPTION = `(() => {
  const stage = document.querySelector('[data-testid="train-stage"]');
  const caption = document.querySelector('[data-testid="live-map-caption"]');
  window.__liveCaptions = [];
  const record = () => window.__liveCaptions.push({ stage: stage.textContent, caption: caption.textContent });
  const watch = new MutationObserver(record);
  for (const el of [stage, caption]) watch.observe(el, { childList: true, characterData: true, subtree: true });
  return true;
})()`;

interface Seen {
  stage: string;
  caption: string;
}

describe('the live map of a second run', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('live-restart');

  test('a new run shows no map until it has one, not the last run’s final map', async () => {
    const { page } = opened;
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-train').click();
    const caption = page.getByTestId('live-map-caption');
    assert.match(await caption.innerText(), /^Final map after epoch \d+/);

    // no snapshot while it trains: the map comes only with the finished run
    await page.getByTestId('train-snapshotEvery').fill('0');
    await page.evaluate(WATCH_CAPTION);
    await page.getByTestId('train-start').click();
    const seen = await waitFor<Seen[]>(page, 'window.__liveCaptions', (s) =>
      s.some((x) => /^Final map/.test(x.caption)),
    );
    const running = seen.filter((x) => !/^finished|^stopped/.test(x.stage));
    assert.ok(running.length > 0, `the new run was seen running: ${JSON.stringify(seen)}`);
    for (const x of running) {
      assert.equal(x.caption, 'The map appears here while training.', JSON.stringify(seen));
    }
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
