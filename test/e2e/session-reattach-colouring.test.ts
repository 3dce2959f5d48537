/**
 * End-to-end, Explore's colour by while a reopened session lacks its input, under `tripletlens serve`: a file
 * opened from the server's folder is trained, coloured by a metadata column and the session saved; the file
 * moves, and the reopened session draws the map by label. A column picked then cannot be drawn (the engine
 * holds no data): the page says the input must be opened again, the control snaps back to the labels the map
 * draws, and saving records the labels — not the pick; a hover field picked is refused the same way.
 * Re-attaching the input brings back the colouring the session was saved with (the user did not change it),
 * never the refused pick.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { viewSettingsOf } from '../../renderer/session/view-settings.js';
import { parseSession } from '../../src/engine/session-file.js';
import { sharedDataPath } from '../../src/util/paths.js';
import {
  MAP_GROUPS,
  reattachFromServerFolder,
  reopenSession,
  saveSession,
  trainOnBrowsedFile,
  waitFor,
  type MapGroups,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const COLOUR_BY = `document.querySelector('[data-testid="explore-color-by"]').value`;

/** The map's groups in row order, once it draws all `n` cells. */
async function drawnGroups(page: Page, n: number, ok: (groups: string[]) => boolean): Promise<string[]> {
  const map = await waitFor<MapGroups>(page, MAP_GROUPS, (m) => {
    if (m === null || Object.keys(m).length !== n) return false;
    return ok(Array.from({ length: n }, (_, row) => m[row]));
  });
  return Array.from({ length: n }, (_, row) => map![row]);
}

/** The colour by a saved session file records. */
const savedColourBy = (file: string): string | undefined =>
  viewSettingsOf(parseSession(readFileSync(file), file).view)?.controls['explore-color-by'];

describe('colour by while a reopened session lacks its input', { timeout: 600_000 }, () => {
  const opened = browserSessionHooks('colouring', {
    prepare: async (session) => {
      copyFileSync(join(sharedDataPath(), 'pbmc_small_counts.csv'), join(session.work, 'cells.csv'));
    },
    goto: false,
  });
  const rows = readFileSync(join(sharedDataPath(), 'pbmc_small_counts.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  const column = (name: string) => rows.slice(1).map((r) => r[rows[0].indexOf(name)]);
  const labels = column('label');
  const groups = column('groups');
  const same = (want: string[]) => (got: string[]) => got.every((g, i) => g === want[i]);

  test('a column picked without the input is not drawn, not shown and not saved; re-attaching draws the saved one', async () => {
    const { session, page } = opened;
    assert.notDeepEqual(groups, labels);
    await page.goto(session.serve.url);
    await trainOnBrowsedFile(page, 'cells.csv', { label: 'label', epochs: 1 });
    await page.getByTestId('explore-color-by').selectOption('meta:groups');
    await drawnGroups(page, labels.length, same(groups));
    const { file } = await saveSession(session, 'by-groups.tripletlens');
    assert.equal(savedColourBy(file), 'meta:groups');
    mkdirSync(join(session.work, 'moved'));
    renameSync(join(session.work, 'cells.csv'), join(session.work, 'moved', 'cells.csv'));

    // reopened without its input: drawn by label
    await reopenSession(page, file);
    await waitFor<string>(page, `document.querySelector('[data-testid="session-input"]').textContent`, (t) =>
      t.includes('cells.csv was not found'),
    );
    await drawnGroups(page, labels.length, same(labels));
    assert.equal(await page.evaluate(COLOUR_BY), 'label');

    // the saved colouring picked: the page says the input must be opened again, the control shows the labels
    await page.getByTestId('explore-color-by').selectOption('meta:groups');
    await page
      .getByTestId('notices')
      .getByText('groups is read from the session’s input file, which is not open', { exact: false })
      .waitFor();
    assert.equal(await page.evaluate(COLOUR_BY), 'label', 'the control shows what the map draws');
    // another column picked: the same
    await page.getByTestId('explore-color-by').selectOption('meta:letter.idents');
    await page
      .getByTestId('notices')
      .getByText('letter.idents is read from the session’s input file, which is not open', { exact: false })
      .waitFor();
    assert.equal(await page.evaluate(COLOUR_BY), 'label', 'the control shows what the map draws');
    await drawnGroups(page, labels.length, same(labels));
    // a hover field picked: refused the same way (a warning, the pick undone), not the error of a failed load
    await page.getByTestId('explore-hover-fields').selectOption(['groups']);
    await page
      .getByTestId('notice-warning')
      .filter({ hasText: 'Could not show groups on hover' })
      .getByText('groups is read from the session’s input file, which is not open', { exact: false })
      .waitFor();
    assert.deepEqual(
      await page.evaluate(
        `Array.from(document.querySelector('[data-testid="explore-hover-fields"]').selectedOptions, (o) => o.value)`,
      ),
      [],
      'the hover control shows what the hover box shows',
    );
    assert.equal(
      await page.getByTestId('notice-error').count(),
      0,
      await page.getByTestId('notices').innerText(),
    );
    // saved now, the session keeps the colouring it was saved with (the refused picks are not recorded)
    const { file: resaved } = await saveSession(session, 'resaved.tripletlens');
    assert.equal(
      savedColourBy(resaved),
      'meta:groups',
      'the resave keeps the saved colouring, not a refused pick',
    );

    // re-attached: the colouring the session was saved with comes back, not the refused pick
    await reattachFromServerFolder(page, 'moved', 'cells.csv');
    await drawnGroups(page, labels.length, same(groups));
    assert.equal(await page.evaluate(COLOUR_BY), 'meta:groups');
    assert.deepEqual(session.problems, []);
  });
});
