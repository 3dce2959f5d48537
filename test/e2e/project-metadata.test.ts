/**
 * End-to-end, Explore ▸ Project another file with a metadata file joined to the projected cells, in
 * `tripletlens serve` and Chromium: a query file of ids and genes only (no labels) is projected onto a map
 * trained on cells.csv with a CSV of its cell annotations picked in the section's Metadata file field. The
 * metadata upload goes with the projection and is deleted after; a file matching every cell is an info notice,
 * not a warning, as on the Import screen; the line under the field names the joined columns, the crosses'
 * hover box shows them, Colour ✕ by groups the crosses by one, and Export projected cells keeps them. A
 * partial match is a warning counting the cells without metadata; a repeated id is refused naming the
 * metadata file, its line and column.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { packageRoot } from '../../src/util/paths.js';
import {
  exportProjectedCells,
  openAndTrainOnBrowsedFile,
  openBrowserSessionWithTemp,
  openDesktopPage,
  SHOTS_DIR,
  waitFor,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { filesUnder } from './serve-process.js';
import {
  PROJECTED_TRACES,
  projectQuery,
  writeTrainingAndQuery,
  type ProjectedTrace,
} from './project-steps.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures');
const FORMATS = join(FIXTURES, 'formats');

/** A metadata file picked in the section's Metadata file field (uploaded when a file is projected). */
async function pickMetadata(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('project-meta-file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text),
  });
  await page.getByTestId('project-meta-chosen').getByText(name).waitFor();
}

describe('projecting a file with a metadata file joined to its cells', { timeout: 300_000 }, () => {
  let uploads: string;
  const metaText = readFileSync(join(FORMATS, 'cells_meta.csv'), 'utf8');
  const opened = browserSessionHooks('projmeta', {
    open: openBrowserSessionWithTemp,
    prepare: async (session) => {
      uploads = session.temp;
      writeTrainingAndQuery(session.work);
      await openAndTrainOnBrowsedFile(session, 'cells.csv');
    },
    goto: false,
  });

  test('a metadata file matching every cell: joined with an info note, in the hover box, the colours and the export', async () => {
    const { session, page } = opened;
    await pickMetadata(page, 'cells_meta.csv', metaText);
    await projectQuery(page);
    const info = page.getByTestId('project-info');
    await info.getByText('Metadata from cells_meta.csv').waitFor({ timeout: 60_000 });
    assert.equal(
      (await info.innerText()).trim(),
      '40 rows from query.csv shown as ✕. Metadata from cells_meta.csv: cell_type, donor, leiden_cluster, is_doublet.',
    );
    // every cell matched: information, as the Import screen's Note — no warning
    const note = page
      .getByTestId('notice-info')
      .filter({ hasText: 'Metadata file cells_meta.csv: 40 of 40 rows matched.' });
    await note.waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId('notice-warning').filter({ hasText: 'Metadata file' }).count(), 0);
    // kept while the projected cells are shown, for a crashed engine to join it to them again
    assert.deepEqual(
      filesUnder(uploads).map((f) => basename(f)),
      ['cells_meta.csv'],
      'the metadata upload is kept with the projection',
    );

    const byClass = await waitFor<ProjectedTrace[]>(page, PROJECTED_TRACES, (t) => t.length > 0);
    assert.equal(
      byClass.reduce((n, t) => n + t.points, 0),
      40,
    );
    assert.ok(
      byClass.every((t) => /<br>cell_type: [^<]+<br>donor: donor_[AB]<br>leiden_cluster: c\d/.test(t.text)),
      JSON.stringify(byClass),
    );

    await page.getByTestId('project-colour').selectOption('donor');
    const byDonor = await waitFor<ProjectedTrace[]>(page, PROJECTED_TRACES, (t) =>
      t.every((x) => x.name.startsWith('query.csv → donor: ')),
    );
    const donors = metaText
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[2]);
    assert.deepEqual(
      byDonor.map((t) => [t.name, t.points]).sort(),
      [...new Set(donors)]
        .map((d) => [`query.csv → donor: ${d}`, donors.filter((x) => x === d).length])
        .sort(),
    );
    await page.screenshot({ path: join(SHOTS_DIR, 'project-metadata-donor.png') });

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

  test('a partial match is a warning counting the cells without metadata and the rows matching no cell', async () => {
    const { page } = opened;
    const partial = [...metaText.trim().split('\n').slice(0, 31), 'ZZZ-1,B cell,donor_X,c9,False'].join('\n');
    await pickMetadata(page, 'partial.csv', `${partial}\n`);
    await projectQuery(page);
    const warning = page.getByTestId('notice-warning').filter({ hasText: 'Metadata file partial.csv' });
    await warning.waitFor({ timeout: 60_000 });
    assert.match(
      await warning.innerText(),
      /Metadata file partial\.csv: 30 of 40 rows matched; 10 rows have no metadata, so their 'cell_type', 'donor', 'leiden_cluster' and 1 more column are empty; 1 of its rows match no data row\./,
    );
    // a new projection starts coloured by the predicted class
    assert.equal(await page.getByTestId('project-colour').inputValue(), '');
  });

  test('a repeated id is refused naming the metadata file, its line and column; Remove forgets the file', async () => {
    const { page } = opened;
    await pickMetadata(
      page,
      'metadata-duplicate-id.csv',
      readFileSync(join(FIXTURES, 'bad', 'metadata-duplicate-id.csv'), 'utf8'),
    );
    await projectQuery(page);
    const error = page.getByTestId('notice-error').filter({ hasText: 'Could not project query.csv' });
    await error.waitFor({ timeout: 60_000 });
    assert.match(
      await error.innerText(),
      /metadata-duplicate-id\.csv, line 4, column 1: the id "c1" already appeared on line 2/,
    );
    // the cells projected before stay on the map
    assert.match(await page.getByTestId('project-info').innerText(), /Metadata from partial\.csv/);
    await page.getByTestId('project-meta-clear').click();
    assert.equal((await page.getByTestId('project-meta-chosen').innerText()).trim(), '');
    await page.getByTestId('project-meta-clear').waitFor({ state: 'hidden' });
    assert.deepEqual(
      filesUnder(uploads).map((f) => basename(f)),
      ['partial.csv'],
      'the refused metadata upload was deleted; the shown projection’s is kept',
    );
  });

  test('the desktop app’s dialog: the metadata file is joined by the path the shell hands the page', async () => {
    const { session } = opened;
    // the preload's ShellBridge stood in for by a script answering the Project dialogs with paths under
    // serve's --root; the same engine calls then reach serve, which holds the trained map
    copyFileSync(join(FORMATS, 'cells_meta.csv'), join(session.work, 'cells_meta.csv'));
    const {
      page: desktop,
      problems,
      close,
    } = await openDesktopPage(session, { metadata: 'cells_meta.csv', file: 'query.csv' });
    try {
      assert.equal(await desktop.getByTestId('project-meta-file').count(), 0, 'no file input: the dialog');
      await desktop.getByTestId('project-choose-metadata').click();
      await desktop.getByTestId('project-meta-chosen').getByText('cells_meta.csv').waitFor();
      await desktop.getByTestId('project-choose-file').click();
      const info = desktop.getByTestId('project-info');
      await info.getByText('Metadata from cells_meta.csv').waitFor({ timeout: 60_000 });
      assert.deepEqual(filesUnder(uploads), [], 'by path: nothing uploaded');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('a metadata upload that fails: the projected file uploaded before it is deleted from the server at once', async () => {
    const { session, page } = opened;
    await pickMetadata(page, 'cells_meta.csv', metaText);
    // the metadata file's upload is cut off (a broken connection); the projected file's went through
    await page.route('**/api/upload?name=cells_meta.csv', (route) => route.abort('connectionreset'));
    try {
      // the page's request that deletes the projected upload (none before the fix: it stayed on the server)
      const deleted = page.waitForResponse(
        (r) => r.url().includes('/api/upload?id=') && r.request().method() === 'DELETE',
        { timeout: 60_000 },
      );
      await page.getByTestId('project-file').setInputFiles({
        name: 'query.csv',
        mimeType: 'text/csv',
        buffer: readFileSync(join(session.work, 'query.csv')),
      });
      const error = page
        .getByTestId('notice-error')
        .filter({ hasText: 'The upload of cells_meta.csv failed' });
      await error.waitFor({ timeout: 60_000 });
      assert.equal((await deleted).status(), 204);
      // at once: no engine call came after the failure
      assert.deepEqual(
        filesUnder(uploads),
        [],
        'the projected upload was deleted with the failed metadata upload',
      );
      assert.equal(await page.getByTestId('notice-error').filter({ hasText: 'Engine error' }).count(), 0);
    } finally {
      await page.unroute('**/api/upload?name=cells_meta.csv');
    }
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
