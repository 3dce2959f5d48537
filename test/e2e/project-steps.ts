/**
 * Steps the Project another file tests share (project-metadata, project-metadata-browser, project-decimal,
 * project-orientation…): the query file made from the cells.csv fixture, the map trained beside it, projecting it
 * from the section's server browser, and the projected traces read off the map.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { packageRoot } from '../../src/util/paths.js';
import { openAndTrainOnBrowsedFile, type BrowserSession } from './browser-session.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

// Browser-side code as strings: this file is type-checked without the DOM library.
/** The projected traces of the map: their names, how many points each and their first hover text. */
export const PROJECTED_TRACES = `(document.querySelector('[data-testid="explore-plot"]').data || [])
  .filter((t) => (t.legendgroup || '').startsWith('projected:') && (t.x || []).length > 0)
  .map((t) => ({ name: t.name, points: t.x.length, text: (t.text || [])[0] || '' }))`;

/** One projected trace as PROJECTED_TRACES reads it. */
export interface ProjectedTrace {
  name: string;
  points: number;
  text: string;
}

/**
 * Puts cells.csv (the map's training file) in `work`, and query.csv beside it: its ids and genes without its
 * metadata columns (no labels), the file the tests project.
 */
export function writeTrainingAndQuery(work: string): void {
  copyFileSync(join(FORMATS, 'cells.csv'), join(work, 'cells.csv'));
  const rows = readFileSync(join(FORMATS, 'cells.csv'), 'utf8').trim().split('\n');
  const first = rows[0].split(',').indexOf('GENE00');
  const query = rows.map((r) => {
    const f = r.split(',');
    return [f[0], ...f.slice(first)].join(',');
  });
  writeFileSync(join(work, 'query.csv'), `${query.join('\n')}\n`);
}

/**
 * writeTrainingAndQuery in the session's folder, then the map trained on cells.csv: resolves query.csv's text as
 * `rewrite` gives it (the file a test projects in another form) and its rows of cells.
 */
export async function trainBesideQuery(
  session: BrowserSession,
  rewrite: (csv: string) => string,
): Promise<{ query: string; cells: number }> {
  writeTrainingAndQuery(session.work);
  const csv = readFileSync(join(session.work, 'query.csv'), 'utf8');
  await openAndTrainOnBrowsedFile(session, 'cells.csv');
  return { query: rewrite(csv), cells: csv.trim().split('\n').length - 1 };
}

/** Projects query.csv from the section's server browser (already open at the root after the first call). */
export async function projectQuery(page: Page): Promise<void> {
  const browser = page.getByTestId('project-browser');
  if ((await browser.getAttribute('open')) === null) await browser.locator('summary').click();
  await page
    .getByTestId('project-browse-list')
    .locator('li[data-name="query.csv"]')
    .getByTestId('project-browse-open')
    .click();
}
