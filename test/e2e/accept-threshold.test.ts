/**
 * End-to-end, Edit labels' "Accept predicted labels with confidence at least": the field read an emptied value
 * as 0 and 1.5 as 1, silently — Accept predictions stayed enabled and, after an emptied field, labelled every
 * unlabeled cell with a prediction however unsure. A value that is no confidence from 0 to 1 now accepts
 * nothing: the line under the field says what to type, naming the field, and the button is disabled.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { THRESHOLD_REFUSED } from '../../renderer/annotation/label-edit-model.js';
import { waitFor, showSampleMap } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const ACCEPT_LINE = `document.querySelector('[data-testid="label-edit-accept-count"]').textContent`;

describe('Accept predictions’ confidence field', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('accept-threshold', {
    ready: ({ page }) => showSampleMap(page),
  });

  test('an emptied field or 1.5 accepts nothing and says what to type; 0.5 counts again', async () => {
    const { session, page } = opened;
    // some unlabeled cells with predictions: a class marked unlabeled (its held-out cells are predicted)
    await page.getByTestId('select-class').selectOption({ index: 0 });
    await page.getByTestId('select-class-go').click();
    await waitFor<boolean>(
      page,
      `!document.querySelector('[data-testid="label-edit-unlabel"]').disabled`,
      (v) => v,
    );
    await page.getByTestId('label-edit-unlabel').click();
    const counted = /^\d+ unlabeled rows? ha(?:s|ve) a predicted label with confidence ≥ 0\.50\.$/;
    await page.getByTestId('label-edit-threshold').fill('0.5');
    await waitFor<string>(page, ACCEPT_LINE, (t) => counted.test(t) && !t.startsWith('0 '));
    assert.equal(await page.getByTestId('label-edit-accept').isEnabled(), true);
    for (const typed of ['', '1.5']) {
      await page.getByTestId('label-edit-threshold').fill(typed);
      await waitFor<string>(page, ACCEPT_LINE, (t) => t === THRESHOLD_REFUSED);
      assert.equal(await page.getByTestId('label-edit-accept').isDisabled(), true, `“${typed}”`);
    }
    await page.getByTestId('label-edit-threshold').fill('0.5');
    await waitFor<string>(page, ACCEPT_LINE, (t) => counted.test(t));
    assert.deepEqual(session.problems, []);
  });
});
