/**
 * The end-to-end tests' way into the page's state, until selecting with the mouse lands (the lasso): when a
 * test sets `window.tripletlensE2eHooks = true` before the page loads (Playwright's addInitScript), the page
 * exposes `window.tripletlensE2e` with its dispatch and getState, so a test can dispatch a selection. A
 * normal page never sets the flag, so it exposes nothing.
 */
import type { Action, AppState } from './state.js';

/** What the hook exposes (AppContext's own dispatch and getState). */
export interface PageStateAccess {
  dispatch(action: Action): void;
  getState(): AppState;
}

interface E2eWindow {
  tripletlensE2eHooks?: boolean;
  tripletlensE2e?: PageStateAccess;
}

export function installE2eHooks(ctx: PageStateAccess): void {
  const w = globalThis as unknown as E2eWindow;
  if (w.tripletlensE2eHooks !== true || w.tripletlensE2e) return;
  w.tripletlensE2e = { dispatch: (action) => ctx.dispatch(action), getState: () => ctx.getState() };
}
