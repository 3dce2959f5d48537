/**
 * End-to-end: the class chosen in Explore's Select panel (its class select, applied by "Select class") stays
 * chosen while the labels change elsewhere. The panel refilled that select from the labels at every label
 * edit — a rename in Edit labels, say — and the refill chose the first class again, so "Select class" then
 * selected another class than the one shown a moment before. The screen follows the state at the next
 * animation frame: here the choice and the other panel's edit happen in one go inside the page, before it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { waitFor, showSampleMap } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { clickControl, setControl, TWO_FRAMES } from './page-input.js';

/** The values of select `testId`'s options, in the page. */
const optionValues = (testId: string): string =>
  `Array.from(document.querySelector('[data-testid="${testId}"]').options).map((o) => o.value)`;

describe("Explore: the Select panel's class stays chosen", { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('select-class-kept', {
    ready: ({ page }) => showSampleMap(page),
  });

  test('a class chosen, then another class renamed in Edit labels: Select class selects the chosen one', async () => {
    const { page } = opened;
    const classes = await page.evaluate<string[]>(optionValues('select-class'));
    assert.ok(classes.length >= 3, JSON.stringify(classes));
    // not the first class (a refill shows that one) and not the class renamed
    const chosen = classes[classes.length - 1];
    const renamed = classes[0];
    await page.evaluate(
      setControl('select-class', chosen, 'change') +
        setControl('label-edit-class', renamed, 'change') +
        setControl('label-edit-new-name', `${renamed} renamed`, 'input') +
        clickControl('label-edit-rename'),
    );
    await page.evaluate(TWO_FRAMES);
    const now = await page.evaluate<string[]>(optionValues('select-class'));
    assert.ok(now.includes(`${renamed} renamed`), `the rename was made: ${JSON.stringify(now)}`);
    assert.equal(await page.getByTestId('select-class').inputValue(), chosen, 'the chosen class is kept');
    await page.getByTestId('select-class-go').click();
    const rows = await waitFor<string[]>(
      page,
      `Array.from(document.querySelectorAll('[data-testid="selection-by-label"] th')).map((t) => t.textContent)`,
      (r) => r.length > 0,
    );
    assert.deepEqual(rows, [chosen], 'Select class selected the chosen class');
  });
});
