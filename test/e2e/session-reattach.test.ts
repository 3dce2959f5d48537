/**
 * End-to-end, re-attaching a reopened session's moved input under `tripletlens serve`: a file opened from the
 * server's folder is trained and the session saved; the file then moves to another folder under --root, and
 * the reopened session (its input missing) finds it again with Edit labels ▸ "Open the input file again" ▸
 * the server's folder — by its path, nothing uploaded (a file of 2 GB or more, or a 10x folder, cannot be).
 * And a session of a file joined with a metadata file on Import: reopened from its input's path, it has the
 * joined columns back without joining again — in the h5ad export's obs, cell by cell, and as a new run's labels.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { importTable } from '../../src/data/index.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { CHECK_PYTHON } from '../engine/h5ad/anndata-check.js';
import {
  MAP_GROUPS,
  reattachFromServerFolder,
  reopenSession,
  saveSession,
  trainOnBrowsedFile,
  waitFor,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** anndata's view of the joined columns: obs names, each column's dtype and values (null: missing). */
const ANNDATA_OBS = `
import json, sys
import anndata
a = anndata.read_h5ad(sys.argv[1])
cols = {c: {'dtype': str(a.obs[c].dtype), 'values': [None if v != v else str(v) for v in a.obs[c].astype(object)]}
        for c in sys.argv[2:]}
print(json.dumps({'names': [str(n) for n in a.obs_names], 'columns': cols}))
`;

const text = (page: Page, testid: string) =>
  page.evaluate(`document.querySelector('[data-testid="${testid}"]').textContent`) as Promise<string>;

describe('re-attaching a moved input from the server’s folder', { timeout: 600_000 }, () => {
  const opened = browserSessionHooks('reattach', {
    prepare: async (session) => {
      copyFileSync(join(sharedDataPath(), 'pbmc_small_counts.csv'), join(session.work, 'cells.csv'));
    },
    goto: false,
  });

  test('the reopened session finds its moved input in the server’s folder and re-attaches it', async () => {
    const { session, page } = opened;
    await page.goto(session.serve.url);
    await trainOnBrowsedFile(page, 'cells.csv', { label: 'label', epochs: 1 });
    const { file } = await saveSession(session, 'saved.tripletlens');
    mkdirSync(join(session.work, 'moved'));
    renameSync(join(session.work, 'cells.csv'), join(session.work, 'moved', 'cells.csv'));

    await reopenSession(page, file);
    const note = await waitFor<string>(
      page,
      `document.querySelector('[data-testid="session-input"]').textContent`,
      (t) => t !== '',
    );
    assert.match(note, /cells\.csv was not found/);
    assert.equal(await page.getByTestId('retrain-start').isDisabled(), true, 'retraining needs the data');

    await reattachFromServerFolder(page, 'moved', 'cells.csv');
    assert.equal(await text(page, 'session-input'), '');
    assert.equal(await page.getByTestId('retrain-start').isDisabled(), false);
    // the Import screen's browser is another one, with its own data-testids
    assert.equal(await page.getByTestId('file-browser').count(), 1);
    assert.deepEqual(session.problems, []);
  });

  test('a session of a file joined with metadata keeps the joined columns: in the h5ad export and for a new run', async () => {
    const { session, page } = opened;
    // the input opened by its path (so the reopened session finds it), a metadata file joined as an upload
    const ids = readFileSync(join(sharedDataPath(), 'pbmc_small_counts.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    const donor = ids.map((_, i) => (i % 2 === 0 ? 'donor A' : 'donor B'));
    // one cell without a phase: an empty value comes back empty, not as a category
    const phase = ids.map((_, i) => (i === 5 ? '' : ['G1', 'S', 'G2M'][i % 3]));
    const metaFile = join(session.work, 'obs.csv');
    writeFileSync(
      metaFile,
      ['cell,donor,phase', ...ids.map((id, i) => `${id},${donor[i]},${phase[i]}`)].join('\n'),
    );
    copyFileSync(join(sharedDataPath(), 'pbmc_small_counts.csv'), join(session.work, 'joined.csv'));

    await page.goto(session.serve.url);
    const browser = page.getByTestId('file-browser');
    if ((await browser.getAttribute('open')) === null) await browser.locator('summary').click();
    await page
      .getByTestId('browse-list')
      .locator('li[data-name="joined.csv"]')
      .getByTestId('browse-open')
      .click();
    await page
      .getByTestId('summary-source')
      .getByText('joined.csv', { exact: false })
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('metadata-file').setInputFiles(metaFile);
    await page
      .getByTestId('summary-source')
      .getByText('+ obs.csv', { exact: false })
      .waitFor({ timeout: 60_000 });
    // every cell matched: information, listed apart from the warnings (as the CLI's inspect says Note)
    assert.equal(await text(page, 'import-info'), 'Metadata file obs.csv: 80 of 80 rows matched.');
    assert.equal(await page.getByTestId('import-warnings').textContent(), '');
    await page.getByTestId('label-column').selectOption('label');
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-dims').selectOption('2');
    await page.getByTestId('train-start').click();
    await waitFor(
      page,
      MAP_GROUPS,
      (m: Record<string, string> | null) => m !== null && Object.keys(m).length === 80,
      180_000,
    );
    const { file } = await saveSession(session, 'joined.tripletlens');

    // reopened in a fresh page: the input is where it was, the joined columns come back from the session
    await reopenSession(page, file);
    await waitFor<string>(page, `document.querySelector('[data-testid="notices"]').textContent`, (t) =>
      t.includes('Session opened'),
    );
    assert.equal(await text(page, 'session-input'), '');
    const colourBy = (await page.evaluate(
      `Array.from(document.querySelector('[data-testid="explore-color-by"]').options).map((o) => o.value)`,
    )) as string[];
    assert.ok(colourBy.includes('meta:donor') && colourBy.includes('meta:phase'), JSON.stringify(colourBy));

    // (a) the AnnData export has them in obs, cell by cell
    await page.getByTestId('tab-export').click();
    const button = page.getByTestId('export-h5ad');
    for (let i = 0; i < 600 && (await button.isDisabled()); i++) await page.waitForTimeout(100);
    const [exporting] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const h5ad = join(session.work, 'joined.h5ad');
    await exporting.saveAs(h5ad);
    const back = await importTable(h5ad);
    const column = (name: string) => back.metadata.find((m) => m.name === name)?.values;
    assert.deepEqual(back.ids, ids);
    assert.deepEqual(column('donor'), donor);
    assert.deepEqual(column('phase'), phase);
    if (CHECK_PYTHON) {
      const run = spawnSync(CHECK_PYTHON, ['-c', ANNDATA_OBS, h5ad, 'donor', 'phase'], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const obs = JSON.parse(run.stdout) as {
        names: string[];
        columns: Record<string, { dtype: string; values: (string | null)[] }>;
      };
      assert.deepEqual(obs.names, ids);
      assert.deepEqual(obs.columns.donor, { dtype: 'category', values: donor });
      assert.deepEqual(obs.columns.phase, { dtype: 'category', values: phase.map((p) => p || null) });
    }

    // (b) a new run labelled by a joined column: the map's classes are the metadata file's, cell by cell
    await page.getByTestId('tab-import').click();
    await page.getByTestId('label-column').selectOption('donor');
    await waitFor<number>(
      page,
      `document.querySelectorAll('[data-testid="class-counts"] tbody tr').length`,
      (n) => n === 2,
    );
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-start').click();
    const labelled = await waitFor<Record<string, string> | null>(
      page,
      MAP_GROUPS,
      (m) => m !== null && Object.values(m).includes('donor A'),
      180_000,
    );
    assert.deepEqual(
      ids.map((_, row) => labelled![row]),
      donor,
    );
    assert.deepEqual(session.problems, []);
  });
});
