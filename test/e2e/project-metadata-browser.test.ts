/**
 * End-to-end, Explore ▸ Project another file ▸ Metadata file picked from the server's folder, in
 * `tripletlens serve` and Chromium (a user audit: serve's folder browser offered the file to project but not
 * its metadata file, which had to go through the browser as an upload). The field's own browser lists files
 * and folders under --root — a folder is browsed, never chosen — and a table chosen there is joined to the
 * next projected file by its path on the server: nothing uploaded, the same join rules and messages as an
 * uploaded one (every cell matched is an info note; a partial match a warning; a repeated id refused naming
 * the file, line and column), and Export projected cells keeps its columns (the CSV asked of the engine when
 * clicked).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { packageRoot } from '../../src/util/paths.js';
import {
  exportProjectedCells,
  openBrowserSessionWithTemp,
  SHOTS_DIR,
  trainOnBrowsedFile,
  waitFor,
} from './browser-session.js';
import { filesUnder } from './serve-process.js';
import {
  PROJECTED_TRACES,
  projectQuery,
  writeTrainingAndQuery,
  type ProjectedTrace,
} from './project-steps.js';
import { browserSessionHooks } from './session-hooks.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures');
const FORMATS = join(FIXTURES, 'formats');

/** Chooses `name` in the annotations/ folder of the Metadata file field's server browser. */
async function chooseServerMetadata(page: Page, name: string): Promise<void> {
  const browser = page.getByTestId('project-meta-browser');
  if ((await browser.getAttribute('open')) === null) await browser.locator('summary').click();
  const list = page.getByTestId('project-meta-browse-list');
  if ((await page.getByTestId('project-meta-browse-path').innerText()).trim() !== '/annotations') {
    await list.locator('li[data-name="annotations"]').getByTestId('project-meta-browse-folder').click();
    await page.getByTestId('project-meta-browse-path').getByText('/annotations').waitFor();
  }
  await list.locator(`li[data-name="${name}"]`).getByTestId('project-meta-browse-open').click();
  await page.getByTestId('project-meta-chosen').getByText(name).waitFor();
}

describe('projecting a file with a metadata file from the server’s folder', { timeout: 300_000 }, () => {
  /** The API calls the page made that upload a file (none should: the metadata file is joined by path). */
  const uploadCalls: string[] = [];
  const metaText = readFileSync(join(FORMATS, 'cells_meta.csv'), 'utf8');

  const opened = browserSessionHooks('projmetabrowse', {
    // serve's TMPDIR (its uploads) outside its --root, so a test sees nothing was uploaded
    open: openBrowserSessionWithTemp,
    prepare: (session) => {
      session.page.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/api/upload')) uploadCalls.push(r.url());
      });
      writeTrainingAndQuery(session.work);
      // the annotations in a folder of their own, with a folder inside (browsed, never chosen)
      const annotations = join(session.work, 'annotations');
      mkdirSync(join(annotations, 'older'), { recursive: true });
      copyFileSync(join(FORMATS, 'cells_meta.csv'), join(annotations, 'cells_meta.csv'));
      const partial = [...metaText.trim().split('\n').slice(0, 31), 'ZZZ-1,B cell,donor_X,c9,False'];
      writeFileSync(
        join(annotations, 'partial.tsv'),
        `${partial.map((l) => l.split(',').join('\t')).join('\n')}\n`,
      );
      copyFileSync(
        join(FIXTURES, 'bad', 'metadata-duplicate-id.csv'),
        join(annotations, 'metadata-duplicate-id.csv'),
      );
    },
    ready: async ({ page }) => {
      await trainOnBrowsedFile(page, 'cells.csv');
      await page.getByTestId('explore-plot').locator('.main-svg').first().waitFor({ timeout: 60_000 });
    },
  });

  test('the Metadata file field browses the server’s folder: files are offered, folders only browsed', async () => {
    const { page } = opened;
    await page.getByTestId('project-meta-browser').locator('summary').click();
    const list = page.getByTestId('project-meta-browse-list');
    await list.locator('li[data-name="annotations"]').waitFor();
    // a folder is no metadata table: no button chooses it, nor the folder shown
    assert.equal(
      await list.locator('li[data-name="annotations"]').getByTestId('project-meta-browse-open').count(),
      0,
    );
    assert.equal(await page.getByTestId('project-meta-browse-open-folder').isVisible(), false);
    assert.equal(
      await list.locator('li[data-name="query.csv"]').getByTestId('project-meta-browse-open').innerText(),
      'Choose',
    );
    await list.locator('li[data-name="annotations"]').getByTestId('project-meta-browse-folder').click();
    await list.locator('li[data-name="older"]').waitFor();
    assert.equal(
      await list.locator('li[data-name="older"]').getByTestId('project-meta-browse-open').count(),
      0,
    );
  });

  test('a table chosen there is joined by its path: an info note, the hover box, the export — nothing uploaded', async () => {
    const { session, page } = opened;
    await chooseServerMetadata(page, 'cells_meta.csv');
    assert.equal(
      (await page.getByTestId('project-meta-chosen').innerText()).trim(),
      'cells_meta.csv is joined by cell id to the next file projected.',
    );
    await projectQuery(page);
    const info = page.getByTestId('project-info');
    await info.getByText('Metadata from cells_meta.csv').waitFor({ timeout: 60_000 });
    assert.equal(
      (await info.innerText()).trim(),
      '40 rows from query.csv shown as ✕. Metadata from cells_meta.csv: cell_type, donor, leiden_cluster, is_doublet.',
    );
    await page
      .getByTestId('notice-info')
      .filter({ hasText: 'Metadata file cells_meta.csv: 40 of 40 rows matched.' })
      .waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId('notice-warning').filter({ hasText: 'Metadata file' }).count(), 0);
    const traces = await waitFor<ProjectedTrace[]>(page, PROJECTED_TRACES, (t) => t.length > 0);
    assert.equal(
      traces.reduce((n, t) => n + t.points, 0),
      40,
    );
    assert.ok(
      traces.every((t) => /<br>cell_type: [^<]+<br>donor: donor_[AB]<br>leiden_cluster: c\d/.test(t.text)),
      JSON.stringify(traces),
    );
    assert.deepEqual(uploadCalls, [], 'nothing uploaded');
    assert.deepEqual(filesUnder(session.temp), []);
    await page.screenshot({ path: join(SHOTS_DIR, 'project-metadata-browser.png') });

    const { suggested, text } = await exportProjectedCells(session);
    assert.equal(suggested, 'query.projected.csv');
    const lines = text.trim().split('\n');
    assert.equal(lines.length, 41);
    assert.match(
      lines[0],
      /^cell_id,cell_type,x,y(,z)?,predicted_label,confidence,donor,leiden_cluster,is_doublet$/,
    );
    assert.match(lines[1], /^AAACCTG0000-1,B cell,.*,donor_A,c0,True$/);
  });

  test('a partial match from the server is the same warning as an upload’s', async () => {
    const { page } = opened;
    await chooseServerMetadata(page, 'partial.tsv');
    await projectQuery(page);
    const warning = page.getByTestId('notice-warning').filter({ hasText: 'Metadata file partial.tsv' });
    await warning.waitFor({ timeout: 60_000 });
    assert.match(
      await warning.innerText(),
      /Metadata file partial\.tsv: 30 of 40 rows matched; 10 rows have no metadata, so their 'cell_type', 'donor', 'leiden_cluster' and 1 more column are empty; 1 of its rows match no data row\./,
    );
  });

  test('a repeated id is refused naming the file by its name, its line and column; Remove forgets it', async () => {
    const { session, page } = opened;
    await chooseServerMetadata(page, 'metadata-duplicate-id.csv');
    await projectQuery(page);
    const error = page.getByTestId('notice-error').filter({ hasText: 'Could not project query.csv' });
    await error.waitFor({ timeout: 60_000 });
    const text = await error.innerText();
    assert.match(
      text,
      /metadata-duplicate-id\.csv, line 4, column 1: the id "c1" already appeared on line 2/,
    );
    // the server's folder is not the user's business: the file by its name, as an upload's
    assert.ok(!text.includes(session.work), text);
    // the cells projected before stay on the map, and their export still works
    assert.match(await page.getByTestId('project-info').innerText(), /Metadata from partial\.tsv/);
    const again = await exportProjectedCells(session, 'partial.projected.csv');
    assert.equal(again.text.trim().split('\n').length, 41);

    await page.getByTestId('project-meta-clear').click();
    assert.equal((await page.getByTestId('project-meta-chosen').innerText()).trim(), '');
    await projectQuery(page);
    await page
      .getByTestId('project-info')
      .getByText('40 rows from query.csv shown as ✕.', { exact: true })
      .waitFor({ timeout: 60_000 });
    assert.deepEqual(uploadCalls, [], 'nothing uploaded');
  });

  test('no script errors or CSP violations', () => {
    assert.deepEqual(opened.session.problems, []);
  });
});
