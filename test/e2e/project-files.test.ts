/**
 * End-to-end, Explore ▸ Project another file as the Open panel opens files (a user audit: the picker offered
 * only text tables, read the whole file into the page and sent it in one API request — refused above 64 MB —
 * and `tripletlens serve`'s file browser was not there). On a map trained on an h5ad's layers/counts: an h5ad
 * uploaded through the picker streams to the server with a progress row, is read with the same layer by
 * default, and the page says how many cells from which file and matrix; a Cell Ranger folder on the server
 * is projected by path from the section's own file browser (nothing uploaded); an upload can be cancelled.
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';
import { shortName } from '../../renderer/legend-names.js';
import {
  openAndTrainOnBrowsedFile,
  openBrowserSessionWithTemp,
  openDesktopPage,
  SHOTS_DIR,
  waitFor,
  watchProgressScript,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { filesUnder } from './serve-process.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

// Browser-side code as strings: this file is type-checked without the DOM library.
/** The projected traces of the map: their names and how many points each. */
const PROJECTED_TRACES = `(document.querySelector('[data-testid="explore-plot"]').data || [])
  .filter((t) => (t.legendgroup || '').startsWith('projected:'))
  .map((t) => ({ name: t.name, points: (t.x || []).length }))`;

describe('projecting h5ad, 10x and large files in tripletlens serve', { timeout: 300_000 }, () => {
  let uploads: string;
  const opened = browserSessionHooks('project', {
    // serve's temporary uploads, outside its --root (which the file browser lists)
    open: openBrowserSessionWithTemp,
    prepare: async (session) => {
      uploads = session.temp;
      copyFileSync(join(FORMATS, 'lognorm.h5ad'), join(session.work, 'lognorm.h5ad'));
      cpSync(join(FORMATS, 'tenx_v3'), join(session.work, 'run2', 'filtered_feature_bc_matrix'), {
        recursive: true,
      });
      // trained on the counts layer of an h5ad whose X is log-normalised
      await openAndTrainOnBrowsedFile(session, 'lognorm.h5ad', { matrix: 'layers/counts' });
    },
    goto: false,
  });

  test('the picker offers the single-cell formats the Open panel offers', async () => {
    const { page } = opened;
    const accept = await page.getByTestId('project-file').getAttribute('accept');
    assert.equal(accept, await page.getByTestId('import-file').getAttribute('accept'));
    for (const ext of ['.h5ad', '.h5', '.loom', '.mtx', '.csv', '.gz']) {
      assert.ok(accept?.split(',').includes(ext), `${ext} in ${accept}`);
    }
    assert.equal(
      await page.getByTestId('project-matrix').locator('option:checked').innerText(),
      'as trained (layers/counts)',
    );
  });

  test('an h5ad uploads with a progress row, is read with the trained layer, and the page says so', async () => {
    const { page } = opened;
    await page.evaluate(watchProgressScript('project-upload-progress'));
    await page.getByTestId('project-file').setInputFiles({
      name: 'sample2.h5ad',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(join(FORMATS, 'lognorm.h5ad')),
    });
    const info = page.getByTestId('project-info');
    await info.getByText('sample2.h5ad').waitFor({ timeout: 60_000 });
    assert.equal((await info.innerText()).trim(), '40 cells from sample2.h5ad (layers/counts) shown as ✕.');
    const progress = (await page.evaluate('window.__progress')) as number[];
    assert.ok(progress.length > 0, 'the upload progress row was shown');
    // the file has the run's label column, so a second notice says how far the predictions agree with it
    const notice = page
      .getByTestId('notice-info')
      .filter({ hasText: 'Projected sample2.h5ad' })
      .filter({ hasText: 'shown on the map' });
    await notice.waitFor({ timeout: 10_000 });
    assert.match(
      await notice.innerText(),
      /40 cells from sample2\.h5ad \(layers\/counts\) are shown on the map as ✕/,
    );
    // counts onto a counts map: no scale warning
    assert.equal(
      await page.getByTestId('notice-warning').filter({ hasText: 'trained on raw counts' }).count(),
      0,
    );
    const traces = await waitFor<{ name: string; points: number }[]>(
      page,
      PROJECTED_TRACES,
      (t) => t.length > 0,
    );
    assert.equal(
      traces.reduce((n, t) => n + t.points, 0),
      40,
    );
    // kept while its cells are shown, for a crashed engine to project them again
    assert.deepEqual(
      filesUnder(uploads).map((f) => basename(f)),
      ['sample2.h5ad'],
      'the projected upload is kept on the server',
    );
    await page.screenshot({ path: join(SHOTS_DIR, 'project-h5ad-upload.png') });
  });

  test('the Matrix field reads what it names: X of the same h5ad, with a warning that its values are not counts', async () => {
    const { page } = opened;
    await page.getByTestId('project-matrix').selectOption('X');
    await page.getByTestId('project-browser').locator('summary').click();
    await page
      .getByTestId('project-browse-list')
      .locator('li[data-name="lognorm.h5ad"]')
      .getByTestId('project-browse-open')
      .click();
    const info = page.getByTestId('project-info');
    await info.getByText('lognorm.h5ad (X)').waitFor({ timeout: 60_000 });
    const warning = page.getByTestId('notice-warning').filter({ hasText: 'trained on raw counts' });
    await warning.waitFor({ timeout: 10_000 });
    assert.match(
      await warning.innerText(),
      /lognorm\.h5ad holds log or normalised data.*Project another file ▸ Matrix/s,
    );
    assert.deepEqual(filesUnder(uploads), [], 'the upload went with the projection this one replaced');
    await page.getByTestId('project-matrix').selectOption('');
  });

  test('a Cell Ranger folder on the server is projected by path from the section’s file browser', async () => {
    const { page } = opened;
    // the browser is open from the test before, at the root
    await page.getByTestId('project-browse-folder').filter({ hasText: 'run2/' }).click();
    const folder = page
      .getByTestId('project-browse-list')
      .locator('li[data-name="filtered_feature_bc_matrix"]');
    await folder.waitFor();
    assert.match(await folder.innerText(), /10x Cell Ranger matrix/);
    await folder.getByTestId('project-browse-open').click();
    const info = page.getByTestId('project-info');
    // named from its sample's folder down, as the File line names a Cell Ranger folder
    await info.getByText('run2/filtered_feature_bc_matrix').waitFor({ timeout: 60_000 });
    assert.equal(
      (await info.innerText()).trim(),
      '40 cells from run2/filtered_feature_bc_matrix shown as ✕.',
    );
    // the folder has no layers/counts: read as it comes, said in a warning
    const warning = page
      .getByTestId('notice-warning')
      .filter({ hasText: 'has no layers/counts, the matrix the map was trained on' });
    await warning.waitFor({ timeout: 10_000 });
    assert.deepEqual(filesUnder(uploads), [], 'projected by path: nothing uploaded');
    // the legend names the folder with its sample (shortened as legend names are), not the server's path to it
    const legendSource = shortName('run2/filtered_feature_bc_matrix');
    const traces = await waitFor<{ name: string; points: number }[]>(page, PROJECTED_TRACES, (t) =>
      t.some((x) => x.name.startsWith(legendSource)),
    );
    for (const t of traces) assert.ok(t.name.startsWith(`${legendSource} → `), t.name);
    await page.screenshot({ path: join(SHOTS_DIR, 'project-10x-browser.png') });
    await page.getByTestId('project-info').scrollIntoViewIfNeeded();
    await page
      .locator('aside.controls')
      .screenshot({ path: join(SHOTS_DIR, 'project-10x-browser-panel.png') });

    await page.getByTestId('project-clear').click();
    await waitFor<unknown[]>(page, PROJECTED_TRACES, (t) => t.length === 0);
    await page.getByTestId('project-clear').waitFor({ state: 'hidden' });
    assert.equal((await page.getByTestId('project-info').innerText()).trim(), '');
  });

  test('an upload can be cancelled: nothing is projected and the partial file is deleted', async () => {
    const { session, page } = opened;
    // a 40 MB table sent at 2 MB/s (the page's network throttled), so the upload is still running when cancelled
    const big = join(session.work, 'big.csv');
    const header = 'id,cell_type,GENE00,GENE01,GENE02,CD79A,CD3E';
    const row = 'c,T cell,1,2,3,4,5\n';
    writeFileSync(big, `${header}\n${row.repeat(Math.ceil((40 * 1024 ** 2) / row.length))}`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 2 * 1024 ** 2,
    });
    try {
      await page.getByTestId('project-file').setInputFiles(big);
      const cancel = page.getByTestId('project-upload-cancel');
      await cancel.waitFor({ state: 'visible', timeout: 30_000 });
      await cancel.click();
      const error = page.getByTestId('notice-error').filter({ hasText: 'Could not project big.csv' });
      await error.waitFor({ timeout: 30_000 });
      assert.match(await error.innerText(), /The upload of big\.csv was cancelled/);
    } finally {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    }
    assert.equal(await page.getByTestId('project-upload-progress').isHidden(), true);
    assert.equal((await page.getByTestId('project-info').innerText()).trim(), '');
    // the server notices the broken upload and deletes its partial copy
    for (let waited = 0; filesUnder(uploads).length > 0 && waited < 20_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(filesUnder(uploads), []);
  });

  test('the desktop app’s dialog: the page projects the path the shell hands it (no bytes through the page)', async () => {
    const { session } = opened;
    // the preload's ShellBridge stood in for by a script that answers the Project dialog with paths under
    // serve's --root; the same engine calls then reach serve, which holds the trained map
    const {
      page: desktop,
      problems,
      close,
    } = await openDesktopPage(session, { file: 'lognorm.h5ad', folder: 'run2/filtered_feature_bc_matrix' });
    try {
      assert.equal(await desktop.getByTestId('project-file').count(), 0, 'no file input: the native dialog');
      await desktop.getByTestId('project-choose-file').click();
      const info = desktop.getByTestId('project-info');
      await info.getByText('lognorm.h5ad').waitFor({ timeout: 60_000 });
      assert.equal((await info.innerText()).trim(), '40 cells from lognorm.h5ad (layers/counts) shown as ✕.');
      await desktop.getByTestId('project-choose-folder').click();
      await info.getByText('filtered_feature_bc_matrix').waitFor({ timeout: 60_000 });
      assert.deepEqual(filesUnder(uploads), [], 'by path: nothing uploaded');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
