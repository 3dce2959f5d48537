/**
 * What the reload-mid-run tests share: the Train screen's Epoch field, a reload whose events are held — so
 * what the reloaded page shows of a run can only come from getState (an order, not a time) — and a Stop
 * that waits for the run to end.
 */
import type { Page } from 'playwright-core';
import { waitFor } from './browser-session.js';

/** The Train screen's Epoch field, "7 / 100000" (in the DOM whichever screen is shown). Browser-side. */
export const EPOCH_TEXT = `document.querySelector('[data-testid="train-epoch"]').textContent`;

/** The epoch the Epoch field shows ("7 / 100000" → 7), or 0 for '—'. */
export const shownEpoch = (text: string): number => Number(/^(\d+) \//.exec(text)?.[1] ?? 0);

/** The sessionStorage key that holds a reloaded page's engine events back (HOLD_EVENTS_SCRIPT). */
const HOLD_KEY = 'tripletlens-e2e-hold-events';

/**
 * An init script: while the tab's sessionStorage holds HOLD_KEY, the page's event stream opens but its events
 * are kept from the page until `window.tripletlensE2eReleaseEvents()`, then given in their order. The stream
 * itself is not held: the page asks the engine's state once it is open (http-engine.ts).
 */
const HOLD_EVENTS_SCRIPT = `(() => {
  if (!sessionStorage.getItem('${HOLD_KEY}')) return;
  const held = [];
  let holding = true;
  window.tripletlensE2eReleaseEvents = () => {
    holding = false;
    sessionStorage.removeItem('${HOLD_KEY}');
    for (const deliver of held.splice(0)) deliver();
  };
  const Base = window.EventSource;
  window.EventSource = class extends Base {
    set onmessage(listener) {
      super.onmessage = (message) => {
        if (holding) held.push(() => listener.call(this, message));
        else listener.call(this, message);
      };
    }
    get onmessage() {
      return super.onmessage;
    }
  };
})()`;

/**
 * Reloads `page` with its engine events held (its event stream opens, but no event reaches the page); resolves
 * with the function that gives them to the page and resolves once it has.
 */
export async function reloadWithEventsHeld(page: Page): Promise<() => Promise<void>> {
  await page.addInitScript(HOLD_EVENTS_SCRIPT);
  await page.evaluate(`sessionStorage.setItem('${HOLD_KEY}', '1')`);
  await page.reload();
  return async () => {
    await page.evaluate('window.tripletlensE2eReleaseEvents()');
  };
}

/** Clicks Stop on the Train screen and waits for the run to end (stopped, finished or failed). */
export async function stopRun(page: Page): Promise<void> {
  await page.getByTestId('train-stop').click();
  await waitFor<string>(
    page,
    `document.querySelector('[data-testid="train-stage"]').textContent`,
    (t) => t === 'failed' || t.startsWith('finished') || t === 'stopped by you',
    180_000,
  );
}
