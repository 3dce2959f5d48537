/**
 * What the reload-mid-run tests share: the Train screen's Epoch field, a reload whose event stream is held —
 * so what the reloaded page shows of a run can only come from getState (an order, not a time) — and a Stop
 * that waits for the run to end.
 */
import type { Page, Route } from 'playwright-core';
import { waitFor } from './browser-session.js';

/** The Train screen's Epoch field, "7 / 100000" (in the DOM whichever screen is shown). Browser-side. */
export const EPOCH_TEXT = `document.querySelector('[data-testid="train-epoch"]').textContent`;

/** The epoch the Epoch field shows ("7 / 100000" → 7), or 0 for '—'. */
export const shownEpoch = (text: string): number => Number(/^(\d+) \//.exec(text)?.[1] ?? 0);

/**
 * Reloads `page` with its event stream (/api/events) held; resolves with the function that lets it through and
 * resolves once it has.
 */
export async function reloadWithEventsHeld(page: Page): Promise<() => Promise<void>> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const passed: Promise<void>[] = [];
  await page.route(/\/api\/events/, (route: Route) => {
    passed.push(held.then(() => route.continue()));
  });
  await page.reload();
  return async () => {
    release();
    await Promise.all(passed);
    await page.unroute(/\/api\/events/);
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
