/**
 * Browser-side scripts (strings: this folder is type-checked without the DOM library) that act on the page's
 * controls as the user does, for the tests of controls the screen follows a frame late: a change and a
 * typing made in one page.evaluate both come before the screen's next follow, as a quick user's do on a slow
 * page; TWO_FRAMES then waits until the screen has followed.
 */

/** The page's element for `target`: a data-testid, or (starting with '[' ) a CSS selector. */
const element = (target: string): string =>
  `document.querySelector(${JSON.stringify(target.startsWith('[') ? target : `[data-testid="${target}"]`)})`;

/**
 * Sets control `target` (a data-testid or a CSS selector) to `value` — or ticks it to `checked` — and sends
 * the event the user's own change sends ('input' for typing; 'change' for a select or a tick box).
 */
export const setControl = (
  target: string,
  change: string | { checked: boolean },
  event: 'change' | 'input' = 'input',
): string =>
  `(() => { const el = ${element(target)};
    ${typeof change === 'string' ? `el.value = ${JSON.stringify(change)}` : `el.checked = ${String(change.checked)}`};
    el.dispatchEvent(new Event('${event}', { bubbles: true })); })();`;

/** Clicks control `target` (a data-testid or a CSS selector). */
export const clickControl = (target: string): string => `${element(target)}.click();`;

/** Resolves after two animation frames: the screen has followed the state by then. */
export const TWO_FRAMES = `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`;
