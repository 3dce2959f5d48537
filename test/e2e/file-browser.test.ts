/**
 * End-to-end, the server's file list (serve's "Open from the server's folder"): a walkthrough saw a long name
 * broken over three lines at its underscores ("pbmc68k_reduced_" / "lognorm_with_a_rather_" / …), which read as
 * several names; a name is now one line, shortened in the middle with its end and extension shown, and whole
 * in its title. And Escape did not fold the panel: it does now, leaving the focus on its title.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { browserSessionHooks } from './session-hooks.js';

const LONG = 'pbmc68k_reduced_lognorm_with_a_rather_long_name_v2.csv';
const SHORT = 'short_a.csv';

/**
 * Each listed name: its title, how many lines its text takes, whether its shortened part is cut (wider than
 * shown) and the text of its end, which always shows. Browser-side.
 */
const LISTED_NAMES = `[...document.querySelectorAll('[data-testid="browse-list"] li')].map((li) => {
  const name = li.firstElementChild;
  const range = document.createRange();
  range.selectNodeContents(name);
  const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
  const head = name.querySelector('.name-head') ?? name;
  return {
    name: li.dataset.name,
    title: name.title,
    lines: tops.size,
    cut: head.scrollWidth > head.clientWidth,
    tail: name.querySelector('.name-tail')?.textContent ?? '',
  };
})`;

interface ListedName {
  name: string;
  title: string;
  lines: number;
  cut: boolean;
  tail: string;
}

/** Whether the Import screen's server browser is unfolded, and the data-testid or tag of the focused element. */
const PANEL_STATE = `(() => ({
  open: document.querySelector('[data-testid="file-browser"]').open,
  focus: document.activeElement.dataset.testid ?? document.activeElement.tagName.toLowerCase(),
}))()`;

describe('the server’s file list', { timeout: 120_000 }, () => {
  const opened = browserSessionHooks('file-browser', {
    prepare: async (session) => {
      for (const name of [LONG, SHORT]) writeFileSync(join(session.work, name), 'cell,g1\nc1,1\n');
    },
    ready: async ({ page }) => {
      await page.getByTestId('file-browser').locator('summary').click();
      await page.getByTestId('browse-list').locator(`li[data-name="${SHORT}"]`).waitFor();
    },
  });

  test('a long name is one line, shortened in the middle, whole on hover', async () => {
    const { session, page } = opened;
    const names = (await page.evaluate(LISTED_NAMES)) as ListedName[];
    const long = names.find((n) => n.name === LONG);
    const short = names.find((n) => n.name === SHORT);
    assert.ok(long && short, JSON.stringify(names));
    assert.deepEqual(
      { title: long.title, lines: long.lines, cut: long.cut },
      { title: LONG, lines: 1, cut: true },
      'the side panel is narrower than the name',
    );
    assert.ok(LONG.endsWith(long.tail) && long.tail.endsWith('.csv'), long.tail);
    assert.deepEqual(
      { title: short.title, lines: short.lines, cut: short.cut },
      { title: SHORT, lines: 1, cut: false },
    );
    assert.deepEqual(session.problems, []);
  });

  test('Escape folds the panel from its title or from a button inside it', async () => {
    const { page } = opened;
    for (const from of ['title', 'button'] as const) {
      if (from === 'button') {
        await page.getByTestId('file-browser').locator('summary').click();
        await page.getByTestId('browse-open').first().focus();
      } else await page.getByTestId('file-browser').locator('summary').focus();
      assert.equal(((await page.evaluate(PANEL_STATE)) as { open: boolean }).open, true, from);
      await page.keyboard.press('Escape');
      assert.deepEqual(await page.evaluate(PANEL_STATE), { open: false, focus: 'summary' }, from);
    }
    // Enter on the title opens it again
    await page.keyboard.press('Enter');
    assert.equal(((await page.evaluate(PANEL_STATE)) as { open: boolean }).open, true);
  });
});
