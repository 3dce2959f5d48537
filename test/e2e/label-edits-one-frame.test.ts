/**
 * End-to-end: two label edits made before the Edit labels panel's next animation frame both stay. The panel
 * follows the state once a frame (label-edit-panel.ts's watch) and built each edit on the edits of its last
 * frame, so an edit made after another in the same frame — a quick user on a slow page, whose frames come late
 * — started from the edits before the first and dropped it (the first class's new label was gone). Here both
 * edits happen in one go inside the page, before the panel's next frame; and a Rename right after a Label that
 * emptied the chosen class renames that class, not the first one the refreshed list falls back to.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { waitFor, waitForSteady, showSampleMap } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { clickControl, setControl } from './page-input.js';

/** The values of select `testId`'s options, in the page. */
const optionValues = (testId: string): string =>
  `Array.from(document.querySelector('[data-testid="${testId}"]').options).map((o) => o.value)`;
const EDIT_STATUS = `document.querySelector('[data-testid="label-edit-status"]').textContent`;

describe('Edit labels: two edits in one frame', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('label-edits-one-frame', {
    ready: ({ page }) => showSampleMap(page),
  });

  test('a class labelled, then another selected and labelled before the next frame: both labels stay', async () => {
    const { page } = opened;
    const classes = await page.evaluate<string[]>(optionValues('select-class'));
    assert.ok(classes.length >= 2, JSON.stringify(classes));
    const [first, second] = classes.slice(-2);
    // the first class selected, and the panel showing it (its Label button is enabled from then on)
    await page.getByTestId('select-class').selectOption(first);
    await page.getByTestId('select-class-go').click();
    await waitFor<string>(page, EDIT_STATUS, (t) => /^\d+ \w+ selected/.test(t));
    await page.evaluate(
      setControl('label-edit-name', 'Quick A') +
        clickControl('label-edit-apply') +
        setControl('select-class', second, 'change') +
        clickControl('select-class-go') +
        setControl('label-edit-name', 'Quick B') +
        clickControl('label-edit-apply'),
    );
    await waitFor<string[]>(page, optionValues('label-edit-class'), (o) => o.includes('Quick B'));
    const now = await waitForSteady<string[]>(page, optionValues('label-edit-class'));
    assert.ok(now.includes('Quick A'), `the first edit stays: ${JSON.stringify(now)}`);
    assert.ok(
      !now.includes(first) && !now.includes(second),
      `both classes relabelled: ${JSON.stringify(now)}`,
    );
  });

  test('a class emptied by Label, then renamed before the next frame: no other class is renamed', async () => {
    const { page } = opened;
    const listed = await page.evaluate<string[]>(optionValues('label-edit-class'));
    const selectable = await page.evaluate<string[]>(optionValues('select-class'));
    // a class of the run's own labels, not the first listed (which a refilled list falls back to)
    const emptied = listed.slice(1).find((c) => selectable.includes(c) && !c.startsWith('Quick'));
    assert.ok(emptied, JSON.stringify(listed));
    await page.getByTestId('select-class').selectOption(emptied);
    await page.getByTestId('select-class-go').click();
    await waitFor<string>(page, EDIT_STATUS, (t) => /^\d+ \w+ selected/.test(t));
    await page.evaluate(
      setControl('label-edit-class', emptied, 'change') +
        setControl('label-edit-new-name', 'Quick D') +
        setControl('label-edit-name', 'Quick C') +
        clickControl('label-edit-apply') +
        clickControl('label-edit-rename'),
    );
    await waitFor<string[]>(page, optionValues('label-edit-class'), (o) => o.includes('Quick C'));
    const now = await waitForSteady<string[]>(page, optionValues('label-edit-class'));
    assert.ok(now.includes(listed[0]), `the first class is not renamed: ${JSON.stringify(now)}`);
    assert.ok(!now.includes('Quick D'), `no class with rows is renamed: ${JSON.stringify(now)}`);
  });

  test('no script errors or CSP violations', () => {
    assert.deepEqual(opened.session.problems, []);
  });
});
