/**
 * End-to-end, annotate and sessions in Chromium against a real `tripletlens serve`: train the sample to a 2-D
 * map, select a class (the Select panel's "Select class"; the lasso is tested with the selection tools), label it
 * as a new class, fine-tune with these labels (the map redraws with the new class), edit once more, save
 * the session (a download), reload the page, reopen the session through the file input, and find the same
 * map coordinates, edited labels, selection, view settings and class colours — without training again.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { sharedDataPath } from '../../src/util/paths.js';
import {
  INPUT_NOTE,
  reopenSession,
  saveSession,
  SHOTS_DIR,
  waitFor,
  startSampleTraining,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

// Browser-side code as strings: this file is type-checked without the DOM library.
/** Every cell of the map by its row: [x, y] and the legend group (label) it is drawn in. */
const MAP = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data || el.offsetParent === null) return null;
  const cells = {};
  for (const t of el.data) {
    if (!t.customdata || !t.x) continue;
    for (let i = 0; i < t.customdata.length; i++) cells[t.customdata[i]] = [t.x[i], t.y[i], String(t.legendgroup)];
  }
  return cells;
})()`;
type MapCells = Record<string, [number, number, string]>;
/** The colour each class is drawn in (its cells' trace; the selected cells' copy is left out). */
const CLASS_COLOURS = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data || el.offsetParent === null) return null;
  const colours = {};
  for (const t of el.data) {
    if (!t.customdata || !t.marker || typeof t.marker.color !== 'string') continue;
    if (String(t.name).endsWith('(selected)')) continue;
    colours[String(t.name)] = t.marker.color;
  }
  return colours;
})()`;
type ClassColours = Record<string, string>;

const text = (page: Page, testid: string) =>
  page.evaluate(`document.querySelector('[data-testid="${testid}"]').textContent`) as Promise<string>;
const classOptions = (page: Page) =>
  page.evaluate(
    `Array.from(document.querySelector('[data-testid="label-edit-class"]').options).map((o) => o.value)`,
  ) as Promise<string[]>;

describe('annotate, retrain, save and reopen a session in a browser', { timeout: 600_000 }, () => {
  const opened = browserSessionHooks('annotate', {
    goto: false,
  });

  test('relabel a class, fine-tune, save; after a reload the session reopens the same map and labels', async () => {
    const { session, page } = opened;
    await page.goto(session.serve.url);
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    const first = await waitFor<MapCells | null>(
      page,
      MAP,
      (m) => m !== null && Object.keys(m).length === 700,
      180_000,
    );

    // select the smallest class and label it as a new one
    const classes = await classOptions(page);
    assert.ok(classes.length >= 2, JSON.stringify(classes));
    const sizes = classes.map((c) => Object.values(first!).filter(([, , g]) => g === c).length);
    const picked = classes[sizes.indexOf(Math.min(...sizes.filter((n) => n > 0)))];
    const size = Object.values(first!).filter(([, , g]) => g === picked).length;
    await page.getByTestId('select-class').selectOption(picked);
    await page.getByTestId('select-class-go').click();
    await waitFor<string>(
      page,
      `document.querySelector('[data-testid="label-edit-status"]').textContent`,
      (t) => t.startsWith(`${size} row`),
    );
    await page.getByTestId('label-edit-name').fill('Picked');
    await page.getByTestId('label-edit-apply').click();
    await waitFor<string>(
      page,
      `document.querySelector('[data-testid="label-edit-status"]').textContent`,
      (t) => t.includes(`${size} rows relabelled`),
    );

    // fine-tune with the edited labels: the map is redrawn with the new class
    await page.getByTestId('retrain-init').selectOption('fine-tune');
    await page.getByTestId('retrain-epochs').fill('1');
    await page.getByTestId('retrain-start').click();
    const tuned = await waitFor<MapCells | null>(
      page,
      MAP,
      // the edit shows on the map at once; the fine-tuned run moves the cells
      (m) =>
        m !== null &&
        Object.values(m).some(([, , g]) => g === 'Picked') &&
        Object.entries(m).some(([row, [x]]) => x !== first![row][0]),
      180_000,
    );
    assert.equal(Object.values(tuned!).filter(([, , g]) => g === 'Picked').length, size);

    // one more edit after the retrain, and a view setting: both must come back
    await page.getByTestId('label-edit-class').selectOption('Picked');
    await page.getByTestId('label-edit-new-name').fill('Picked again');
    await page.getByTestId('label-edit-rename').click();
    await waitFor<string[]>(
      page,
      `Array.from(document.querySelector('[data-testid="label-edit-class"]').options).map((o) => o.value)`,
      (o) => o.includes('Picked again'),
    );
    await page.getByTestId('explore-point-size').fill('9');
    const status = await text(page, 'label-edit-status');
    assert.match(status, new RegExp(`^${size} rows selected · ${size} rows relabelled`));
    const editedClasses = await classOptions(page);
    // the colours as saved: the renamed class was drawn last, in a colour of its own
    const savedColours = await waitFor<ClassColours | null>(
      page,
      CLASS_COLOURS,
      (c) => c !== null && 'Picked again' in c && !('Picked' in c),
    );

    // the coordinates CSV carries the page's current edits (the rename came after the retrain), as the h5ad does,
    // and the input's own label column beside them: the user's original annotation of each relabelled cell
    await page.getByTestId('tab-export').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    // the retrained map is the data's second run: its exports are not offered under the first run's names
    assert.equal(download.suggestedFilename(), 'pbmc68k_reduced_lognorm_run2.coords.csv');
    const csvPath = join(session.work, 'edited.coords.csv');
    await download.saveAs(csvPath);
    const csv = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
    assert.match(csv[0], /^[^,]+,[^,]+,split,x,y,predicted_label,confidence,label_edited$/);
    assert.notEqual(csv[0].split(',')[1], 'label_edited');
    const relabelled = csv.slice(1).filter((line) => line.endsWith(',Picked again'));
    assert.equal(relabelled.length, size);
    assert.deepEqual([...new Set(relabelled.map((line) => line.split(',')[1]))], [picked]);
    // the page's own exports of the run alike
    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-html').click(),
    ]);
    assert.equal(html.suggestedFilename(), 'pbmc68k_reduced_lognorm_run2_map.html');
    await page.getByTestId('tab-explore').click();

    const { file, suggested } = await saveSession(session);
    assert.equal(suggested, 'pbmc68k_reduced_lognorm_run2.tripletlens');

    // a reload forgets the page's edits; opening the session brings back everything
    await reopenSession(page, file);
    await waitFor<string>(
      page,
      `document.querySelector('[data-testid="label-edit-status"]').textContent`,
      (t) => t === status,
    );
    // the reloaded page may show the engine's last map first: wait for the session's, drawn in a later frame
    const reopened = await waitFor<MapCells | null>(
      page,
      MAP,
      (m) =>
        m !== null &&
        Object.keys(m).length === 700 &&
        Object.values(m).some(([, , g]) => g === 'Picked again'),
    );
    for (const [row, [x, y, group]] of Object.entries(tuned!)) {
      const [x2, y2, group2] = reopened![row];
      assert.equal(x2, x, `cell ${row} x`);
      assert.equal(y2, y, `cell ${row} y`);
      // the map shows the edited labels: the class renamed after the retrain is drawn under its new name
      assert.equal(group2, group === 'Picked' ? 'Picked again' : group, `cell ${row} label`);
    }
    assert.deepEqual(await classOptions(page), editedClasses);
    // each class comes back in the colour it had when saved (the colour book is saved with the session)
    assert.deepEqual(await page.evaluate(CLASS_COLOURS), savedColours);
    assert.equal(
      await page.evaluate(`document.querySelector('[data-testid="explore-point-size"]').value`),
      '9',
    );
    assert.match(await text(page, 'notices'), /Session opened/);
    assert.equal(await text(page, 'session-input'), '');
    await page.getByTestId('label-edit-panel').screenshot({ path: join(SHOTS_DIR, 'annotate-panel.png') });
    assert.deepEqual(session.problems, []);
  });

  test('a session of an uploaded file reopens without it, says so, and re-attaches when the file is given', async () => {
    const { session, page } = opened;
    const data = join(sharedDataPath(), 'pbmc_small_counts.csv');
    await page.goto(session.serve.url);
    await page.getByTestId('import-file').setInputFiles(data);
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-dims').selectOption('2');
    await page.getByTestId('train-start').click();
    const trained = await waitFor<MapCells | null>(
      page,
      MAP,
      (m) => m !== null && Object.keys(m).length === 80,
      180_000,
    );
    // saved coloured by a metadata column: reopened without the input, the map is drawn by label, quietly
    await page.getByTestId('tab-explore').click();
    await page.getByTestId('explore-color-by').selectOption('meta:groups');
    const { file } = await saveSession(session, 'upload.tripletlens');

    await reopenSession(page, file);
    const note = await waitFor<string>(
      page,
      `document.querySelector('[data-testid="session-input"]').textContent`,
      (t) => t !== '',
    );
    assert.match(note, /pbmc_small_counts\.csv was uploaded from a page and is not on this machine/);
    await waitFor<string>(page, `document.querySelector('[data-testid="notices"]').textContent`, (t) =>
      /input file is missing/.test(t),
    );
    const shown = await waitFor<MapCells | null>(
      page,
      MAP,
      (m) => m !== null && Object.keys(m).length === 80,
    );
    assert.deepEqual(shown, trained, 'the map shows as saved');
    // the saved colouring by groups needs the input: drawn by label with one info note, no error banner
    await page
      .getByTestId('notice-info')
      .getByText('The map was saved coloured by “groups”', { exact: false })
      .waitFor();
    assert.equal(
      await page.evaluate(`document.querySelector('[data-testid="explore-color-by"]').value`),
      'label',
    );
    assert.deepEqual(await page.getByTestId('notice-error').allInnerTexts(), []);
    assert.equal(await page.getByTestId('retrain-start').isDisabled(), true, 'retraining needs the data');
    // Import without the input: another label column is not counted by the engine (which answered "No data is
    // open" as an error) — the page says the input must be opened again; the run's own column is counted
    await page.getByTestId('tab-import').click();
    await page.getByTestId('label-column').selectOption('groups');
    await page
      .getByTestId('label-needs-input')
      .getByText('input file, which is not open: open it again', { exact: false })
      .waitFor();
    await page.getByTestId('label-column').selectOption('label');
    await page.getByTestId('class-counts').waitFor();
    assert.equal(await page.getByTestId('notice-error').count(), 0);
    // nor is a metadata file joined (the engine answered "No data is open"): the input must be opened first
    await page.getByTestId('metadata-file').setInputFiles(data);
    await page
      .getByTestId('notice-warning')
      .getByText(
        'pbmc_small_counts.csv is joined to the cells of the session’s input file, which is not open',
        {
          exact: false,
        },
      )
      .waitFor();
    assert.equal(await page.getByTestId('notice-error').count(), 0);
    // nor does Explore colour by a column of the data it does not hold: it says the input must be opened again
    // (the saved colouring, shown as 'label', picked: refused too, the control shows 'label' again)
    await page.getByTestId('tab-explore').click();
    await page.getByTestId('explore-color-by').selectOption('meta:groups');
    await page
      .getByTestId('notice-warning')
      .getByText('groups is read from the session’s input file, which is not open', { exact: false })
      .waitFor();
    assert.equal(
      await page.evaluate(`document.querySelector('[data-testid="explore-color-by"]').value`),
      'label',
    );
    assert.equal(await page.getByTestId('notice-error').count(), 0);
    await page.getByTestId('explore-color-by').selectOption('label');

    await page.getByTestId('session-attach-file').setInputFiles(data);
    await waitFor<string>(page, `document.querySelector('[data-testid="notices"]').textContent`, (t) =>
      t.includes('Input re-attached'),
    );
    // the Edit labels panel follows in its own animation frame, after the notice's render pass
    await waitFor<string>(page, INPUT_NOTE, (t) => t === '');
    assert.equal(await page.getByTestId('retrain-start').isDisabled(), false);
    assert.deepEqual(session.problems, []);
  });
});
