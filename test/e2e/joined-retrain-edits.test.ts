/**
 * End-to-end, a second tab that joins a retrain started from Explore's Edit labels (Retrain with these
 * labels) in another tab: while the run goes on and once it ended, its Edit labels panel (classes and status
 * line), its map's legend and its Coordinates CSV show the edited labels the retrain trains on, as the tab that
 * started it does. The joined tab showed the labels as if unedited while the retrain ran (its CSV without
 * label_edited), its edits only coming back with the retrain's map.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  MAP_GROUPS,
  startSampleTraining,
  waitFor,
  type BrowserSession,
  type MapGroups,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { EPOCH_TEXT, shownEpoch, stopRun } from './joined-run.js';
import { renameFirstClass } from './rename-first-class.js';

const STAGE = `document.querySelector('[data-testid="train-stage"]').textContent`;
/** Edit labels' status line. Browser-side. */
const EDIT_STATUS = `document.querySelector('[data-testid="label-edit-status"]').textContent`;
/** Edit labels' Existing class choices. Browser-side. */
const EDIT_CLASSES = `Array.from(document.querySelectorAll('[data-testid="label-edit-class"] option'), (o) => o.value)`;

/** What a tab shows of the finished retrain's labels: Edit labels' classes, the map's legend, its CSV. */
async function shownLabels(
  session: BrowserSession,
  page: Page,
  name: string,
): Promise<{ classes: string[]; status: string; legend: string[]; csv: string }> {
  await page.getByTestId('tab-explore').click();
  const groups = await waitFor<MapGroups>(page, MAP_GROUPS, (g) => g !== null && Object.keys(g).length > 0);
  const classes = await waitFor<string[]>(page, EDIT_CLASSES, (c) => c.length > 0);
  const status = await page.evaluate<string>(EDIT_STATUS);
  await page.getByTestId('tab-export').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  const file = join(session.work, `${name}.csv`);
  await download.saveAs(file);
  const legend = [...new Set(Object.values(groups ?? {}))].sort();
  return { classes, status, legend, csv: readFileSync(file, 'utf8') };
}

describe('a second tab that joins a retrain on edited labels', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('joined-retrain-edits', { goto: false });

  test('shows the edited labels in Edit labels, the legend and the exports, as the starting tab', async () => {
    const { session, page: first } = opened;
    await first.goto(session.serve.url);
    await startSampleTraining(first, { epochs: 2, patience: 0, dims: 2 });
    await first
      .getByTestId('train-epoch')
      .getByText('2 / 2')
      .waitFor({ state: 'attached', timeout: 120_000 });
    await first.getByTestId('tab-explore').click();
    const renamed = `${await renameFirstClass(first, 60_000)} renamed`;
    // far more epochs than the test waits for: it is stopped once the second tab joined
    await first.getByTestId('retrain-epochs').fill('100000');
    await first.getByTestId('retrain-start').click();
    await waitFor<string>(first, EPOCH_TEXT, (t) => / \/ 100000$/.test(t) && shownEpoch(t) >= 2, 180_000);

    const second = await session.browser.newPage();
    await second.goto(session.serve.url);
    await waitFor<string>(second, EPOCH_TEXT, (t) => / \/ 100000$/.test(t), 60_000);
    // while it runs, the map on both is the first run's, relabelled by the edits
    const startedDuring = await shownLabels(session, first, 'started-during');
    const joinedDuring = await shownLabels(session, second, 'joined-during');
    assert.ok(startedDuring.classes.includes(renamed), `the edits: ${startedDuring.classes.join(', ')}`);
    assert.deepEqual(joinedDuring, startedDuring, 'during the run: Edit labels, the legend, the CSV');
    await first.getByTestId('tab-train').click();
    await stopRun(first);
    await waitFor<string>(second, STAGE, (t) => /stopped|finished/.test(t), 60_000);

    const started = await shownLabels(session, first, 'started');
    const joined = await shownLabels(session, second, 'joined');
    assert.ok(started.classes.includes(renamed), `the starting tab's edits: ${started.classes.join(', ')}`);
    assert.match(started.csv.split('\n')[0], /label_edited/);
    assert.deepEqual(joined, started, 'once it ended: Edit labels, the legend, the CSV');
    await second.close();
    assert.deepEqual(session.problems, []);
  });
});
