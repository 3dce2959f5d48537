/**
 * End-to-end, Explore ▸ Project another file ▸ Decimal separator in `tripletlens serve` and Chromium. A
 * tab-separated query saved by a Swedish spreadsheet (0,73) is never detected as decimal commas — detection
 * picks them only for a semicolon-separated file — and the refusal pointed to Import settings ▸ Decimal
 * separator, which does not reach a projection: the section had no such field. With it set to ',' the file's
 * cells are placed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { PROJECTED_TRACES, trainBesideQuery, type ProjectedTrace } from './project-steps.js';

/** query.csv's counts as a tab-separated file with decimal commas: 4 written 4,0 (the same numbers). */
function swedish(csv: string): string {
  return csv
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split(',')
        .map((v) => (/^\d+$/.test(v) ? `${v},0` : v))
        .join('\t'),
    )
    .join('\n');
}

describe('projecting a tab-separated file of decimal commas', { timeout: 300_000 }, () => {
  let query: string;
  let cells: number;
  const opened = browserSessionHooks('projdecimal', {
    prepare: async (session) => {
      ({ query, cells } = await trainBesideQuery(session, swedish));
      assert.ok(/\t\d+,0\t/.test(query), 'the query has decimal commas');
    },
    goto: false,
  });

  const project = (name: string) =>
    opened.page.getByTestId('project-file').setInputFiles({
      name,
      mimeType: 'text/tab-separated-values',
      buffer: Buffer.from(query),
    });

  test('detected, it is refused at a decimal comma', async () => {
    const { page } = opened;
    assert.equal(await page.getByTestId('project-decimal').inputValue(), 'auto');
    await project('query_sv.tsv');
    const notices = page.getByTestId('notices');
    await notices.getByText('Could not project query_sv.tsv').waitFor({ timeout: 60_000 });
    const said = await notices.innerText();
    assert.match(said, /query_sv\.tsv, line 2/);
    // the setting that reads it is this section's, not Import settings' (which does not reach a projection)
    assert.match(said, /Project another file ▸ Decimal separator: comma \(1,25\)/);
    assert.doesNotMatch(said, /Import settings/);
  });

  test('with the Decimal separator set to a comma, the file’s cells are placed on the map', async () => {
    const { session, page } = opened;
    await page.getByTestId('project-decimal').selectOption(',');
    await project('query_sv2.tsv');
    const info = page.getByTestId('project-info');
    await info.getByText('query_sv2.tsv').waitFor({ timeout: 60_000 });
    assert.equal((await info.innerText()).trim(), `${cells} rows from query_sv2.tsv shown as ✕.`);
    const traces = await waitFor<ProjectedTrace[]>(page, PROJECTED_TRACES, (t) => t.length > 0);
    assert.equal(
      traces.reduce((n, t) => n + t.points, 0),
      cells,
    );
    assert.deepEqual(
      session.problems.filter((p) => !/query_sv\.tsv/.test(p)),
      [],
    );
  });
});
