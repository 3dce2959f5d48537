/**
 * End-to-end, projected cells kept in a session, in `tripletlens serve` and Chromium: a query file projected
 * onto a map trained on cells.csv, with a metadata file joined (uploaded) and its crosses coloured by one of
 * its columns, is saved with Save session; after a reload, reopening the session draws the same crosses —
 * the same traces, points, hover boxes and Colour ✕ by — without the projected file (deleted meanwhile),
 * and Export projected cells gives the same CSV; the save request names the projection the engine holds
 * rather than sending the cells back. With the input moved away and the projected file changed on
 * disk, the crosses come back as saved with a note saying the file changed (nothing is projected again), and
 * re-attaching the input keeps them.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { decodeFrame } from '../../src/api/wire.js';
import { packageRoot } from '../../src/util/paths.js';
import {
  exportProjectedCells,
  saveSession,
  SHOTS_DIR,
  trainOnBrowsedFile,
  waitFor,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

// Browser-side code as strings: this file is type-checked without the DOM library.
/** The projected traces of the map: their names, points, colour and every hover text. */
const PROJECTED_TRACES = `(document.querySelector('[data-testid="explore-plot"]').data || [])
  .filter((t) => (t.legendgroup || '').startsWith('projected:') && (t.x || []).length > 0)
  .map((t) => ({ name: t.name, x: Array.from(t.x), color: t.marker.color, text: t.text || [] }))`;

interface Trace {
  name: string;
  x: number[];
  color: string;
  text: string[];
}

const text = (page: Page, testid: string) =>
  page.evaluate(`document.querySelector('[data-testid="${testid}"]').textContent`) as Promise<string>;

/** The crosses once drawn by donor (the colouring saved). */
const byDonor = (page: Page) =>
  waitFor<Trace[]>(
    page,
    PROJECTED_TRACES,
    (t) => t.length > 0 && t.every((x) => x.name.startsWith('query.csv → donor: ')),
  );

/** True once the Explore map shows cells: after a reload, the map of the run the page took over from the engine. */
const MAP_DRAWN = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  return Boolean(el && el.offsetParent !== null && (el.data || []).some((t) => (t.x || []).length > 0));
})()`;

/** How many times the Explore plot has drawn a changed figure (plot-view.ts's data-plot-draws). */
const PLOT_DRAWS = `document.querySelector('[data-testid="explore-plot"]').dataset.plotDraws || ''`;

/**
 * Reloads the page and opens the session file `file` from Explore's Edit labels panel; first checks, once the
 * page has taken over the engine's state (its run's map drawn), that it shows no projected cells.
 */
async function reopen(page: Page, file: string): Promise<void> {
  await page.reload();
  await page.getByTestId('tab-explore').click();
  await waitFor<boolean>(page, MAP_DRAWN, Boolean);
  assert.equal(await text(page, 'project-info'), '', 'a reloaded page shows no projected cells');
  await page.getByTestId('session-open-file').setInputFiles(file);
}

describe('projected cells saved in a session and reopened', { timeout: 300_000 }, () => {
  let saved: Trace[];
  let info: string;
  let file: string;
  let csv: string;
  const opened = browserSessionHooks('projsession', {
    prepare: async (session) => {
      copyFileSync(join(FORMATS, 'cells.csv'), join(session.work, 'cells.csv'));
      const rows = readFileSync(join(FORMATS, 'cells.csv'), 'utf8').trim().split('\n');
      const first = rows[0].split(',').indexOf('GENE00');
      const query = rows.map((r) => ((f) => [f[0], ...f.slice(first)].join(','))(r.split(',')));
      writeFileSync(join(session.work, 'query.csv'), `${query.join('\n')}\n`);
    },
    ready: async ({ page }) => {
      await trainOnBrowsedFile(page, 'cells.csv');
      await page.getByTestId('explore-plot').locator('.main-svg').first().waitFor({ timeout: 60_000 });
    },
  });

  test('Save session keeps the crosses; reopened, they are drawn again as saved without the projected file', async () => {
    const { session, page } = opened;
    await page.getByTestId('project-meta-file').setInputFiles({
      name: 'cells_meta.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(join(FORMATS, 'cells_meta.csv')),
    });
    await page.getByTestId('project-meta-chosen').getByText('cells_meta.csv').waitFor();
    await page.getByTestId('project-browser').locator('summary').click();
    await page
      .getByTestId('project-browse-list')
      .locator('li[data-name="query.csv"]')
      .getByTestId('project-browse-open')
      .click();
    await page
      .getByTestId('project-info')
      .getByText('Metadata from cells_meta.csv')
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('project-colour').selectOption('donor');
    saved = await byDonor(page);
    assert.equal(
      saved.reduce((n, t) => n + t.x.length, 0),
      40,
    );
    assert.ok(saved.every((t) => t.text.every((line) => /<br>donor: donor_[AB]<br>/.test(line))));
    info = await text(page, 'project-info');
    csv = (await exportProjectedCells(session, 'before.projected.csv')).text;
    const request = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/saveSession');
    ({ file } = await saveSession(session, 'with-projection.tripletlens'));
    // the page names the cells the engine holds instead of sending them back (10^6 cells: tens of MB), with
    // their file's kind, so a refusal once the engine has let them go names a CSV's rows as rows
    const [sent] = decodeFrame((await request).postDataBuffer() ?? new Uint8Array(0)) as [
      { projected: Record<string, unknown> },
    ];
    assert.deepEqual(Object.keys(sent.projected), ['projectionId', 'format']);
    assert.deepEqual(sent.projected.format, { kind: 'text' });
    assert.match(String(sent.projected.projectionId), /^projection-/);

    // the projected file is not needed to draw them again
    renameSync(join(session.work, 'query.csv'), join(session.work, 'query.kept'));
    await reopen(page, file);
    await page.getByTestId('notice-info').filter({ hasText: 'Session opened' }).waitFor({ timeout: 60_000 });
    const back = await byDonor(page);
    assert.deepEqual(back, saved);
    assert.equal(await page.getByTestId('project-colour').inputValue(), 'donor');
    assert.equal(await text(page, 'project-info'), info);
    assert.equal(
      await page.getByTestId('notice-info').filter({ hasText: 'Projected rows as saved' }).count(),
      0,
    );
    assert.equal((await exportProjectedCells(session, 'after.projected.csv')).text, csv);
    await page.screenshot({ path: join(SHOTS_DIR, 'project-session-reopened.png') });
  });

  test('input moved and projected file changed: the crosses as saved, a note; re-attaching keeps them', async () => {
    const { session, page } = opened;
    // the projected file back where it was, but changed: one cell fewer
    const kept = readFileSync(join(session.work, 'query.kept'), 'utf8');
    writeFileSync(join(session.work, 'query.csv'), kept.replace(/[^\n]*\n$/, ''));
    mkdirSync(join(session.work, 'moved'));
    renameSync(join(session.work, 'cells.csv'), join(session.work, 'moved', 'cells.csv'));
    await reopen(page, file);
    const note = page.getByTestId('notice-info').filter({ hasText: 'Projected rows as saved' });
    await note.waitFor({ timeout: 60_000 });
    assert.match(
      await note.innerText(),
      /The projected file .*query\.csv has changed since the session was saved \(its content differs \(SHA-256\)\): its 40 rows are shown as ✕ as they were projected then/,
    );
    assert.match(await text(page, 'session-input'), /cells\.csv was not found/);
    assert.deepEqual(await byDonor(page), saved, 'not projected again');

    const browser = page.getByTestId('session-attach-browser');
    await browser.locator('summary').click();
    const list = page.getByTestId('session-attach-browse-list');
    await list.locator('li[data-name="moved"]').getByTestId('session-attach-browse-folder').click();
    await page.getByTestId('session-attach-browse-path').getByText('/moved').waitFor();
    const draws = (await page.evaluate(PLOT_DRAWS)) as string;
    await list.locator('li[data-name="cells.csv"]').getByTestId('session-attach-browse-open').click();
    await waitFor<string>(page, `document.querySelector('[data-testid="notices"]').textContent`, (t) =>
      t.includes('Input re-attached'),
    );
    // the map as drawn before the re-attach would pass at once: wait for the redraw that follows it
    await waitFor<string>(page, PLOT_DRAWS, (d) => d !== draws);
    assert.deepEqual(await byDonor(page), saved, 're-attaching the input keeps the crosses');
    assert.equal(await page.getByTestId('project-colour').inputValue(), 'donor');
    rmSync(join(session.work, 'query.kept'));
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
