/**
 * End-to-end, Explore ▸ Project another file ▸ Orientation in `tripletlens serve` and Chromium. A walkthrough as
 * a bulk user: a panel trained from its genes × samples table (Import settings ▸ Orientation: genes are rows)
 * could not project that table's twin — the section had no way to turn a file round (only `embed --transpose`
 * could), so the genes were read as cells and the sample sheet joined to it matched "none of the cell ids
 * (AFFX-…)". The refusal now names the field, and with it set the file's samples are placed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { PROJECTED_TRACES, trainBesideQuery, type ProjectedTrace } from './project-steps.js';

/** query.csv (cells × genes) turned round: a first column of gene names, then one column a cell. */
function genesAsRows(csv: string): string {
  const rows = csv
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  const turned = rows[0].map((_, c) => rows.map((row) => row[c]).join(','));
  return `gene,${turned[0].split(',').slice(1).join(',')}\n${turned.slice(1).join('\n')}\n`;
}

describe('projecting a genes × samples table', { timeout: 300_000 }, () => {
  let turned: string;
  let cells: number;
  const opened = browserSessionHooks('projorient', {
    prepare: async (session) => {
      ({ query: turned, cells } = await trainBesideQuery(session, genesAsRows));
    },
    goto: false,
  });

  const project = (name: string) =>
    opened.page.getByTestId('project-file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(turned),
    });

  test('read as its header says, the refusal names the Orientation field', async () => {
    const { page } = opened;
    assert.equal(
      await page.getByTestId('project-orientation').locator('option:checked').innerText(),
      'cells or samples are rows',
    );
    await project('query_turned.csv');
    const notices = page.getByTestId('notices');
    await notices.getByText('Could not project query_turned.csv').waitFor({ timeout: 60_000 });
    assert.match(await notices.innerText(), /Project another file ▸ Orientation: genes are rows/);
  });

  test('with genes are rows, the file’s cells are placed on the map', async () => {
    const { session, page } = opened;
    await page.getByTestId('project-orientation').selectOption('genes-as-rows');
    await project('query_turned2.csv');
    const info = page.getByTestId('project-info');
    await info.getByText('query_turned2.csv').waitFor({ timeout: 60_000 });
    assert.equal((await info.innerText()).trim(), `${cells} rows from query_turned2.csv shown as ✕.`);
    const traces = await waitFor<ProjectedTrace[]>(page, PROJECTED_TRACES, (t) => t.length > 0);
    assert.equal(
      traces.reduce((n, t) => n + t.points, 0),
      cells,
    );
    assert.deepEqual(session.problems, []);
  });
});
