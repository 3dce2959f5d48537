/**
 * End-to-end, how the values were logged for the marker table's fold change: a microarray panel of log2
 * values (tissue_gene_expression, /work/shared/data) trained to a map, its cerebellum rows tested against the
 * rest; the panel offers the choice (natural log1p by default, as scanpy), and "log2 values" turns each log₂FC
 * into the difference of the group means — computed here from the file — and says so above the table; a
 * session saved with that choice asks with it again once reopened.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sharedDataPath } from '../../src/util/paths.js';
import {
  openAndTrainOnBrowsedFile,
  reopenSession,
  saveSession,
  selectRowsScript,
  SHOTS_DIR,
  waitFor,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const FILE = 'tissue_gene_expression.csv';
const SOURCE = sharedDataPath(FILE);
/** The first table row: its gene and its log₂FC as shown. */
const FIRST_ROW = `(() => {
  const tr = document.querySelector('[data-testid="markers-table"] tbody tr');
  if (!tr) return null;
  return [tr.querySelector('th').textContent, tr.querySelector('td').textContent];
})()`;
const STATUS = `(document.querySelector('[data-testid="markers-status"]') || {}).textContent || ''`;

/** The file's rows as label and values by gene. */
function readTable(): { labels: string[]; genes: string[]; values: number[][] } {
  const [header, ...lines] = readFileSync(SOURCE, 'utf8').trim().split('\n');
  const cells = lines.map((l) => l.split(','));
  return {
    labels: cells.map((c) => c[1]),
    genes: header.split(',').slice(2),
    values: cells.map((c) => c.slice(2).map(Number)),
  };
}

describe('the marker panel takes values as log2 when asked', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('markers-log2', {
    prepare: async (session) => {
      copyFileSync(SOURCE, join(session.work, FILE));
      await session.page.addInitScript('window.tripletlensE2eHooks = true');
    },
    goto: false,
  });

  test('"log2 values" makes the fold change the difference of the group means', async () => {
    const { session, page } = opened;
    const table = readTable();
    const group = table.labels.flatMap((l, r) => (l === 'cerebellum' ? [r] : []));
    assert.ok(group.length > 0 && group.length < table.labels.length);
    await openAndTrainOnBrowsedFile(session, FILE, { label: 'label', epochs: 2 });
    await page.evaluate(selectRowsScript(group));
    await page.getByTestId('markers-vs-rest').click();
    await waitFor<string[] | null>(page, FIRST_ROW, (r) => r !== null, 60_000);
    // values as imported, no file base: natural log1p by default, and said so
    assert.equal(await page.getByTestId('markers-value-log').inputValue(), 'log1p');
    const guessed = await page.getByTestId('markers-status').innerText();
    assert.match(guessed, /assumes log1p values in natural log/);
    // the guess names the select that changes it, in the words the select is shown with
    const label = await page.evaluate<string>(
      `document.querySelector('label.markers-value-log').firstChild.textContent`,
    );
    assert.ok(guessed.includes(`change it under “${label}”`), `${guessed} / ${label}`);
    const natural = (await page.evaluate(FIRST_ROW)) as [string, string];

    await page.getByTestId('markers-value-log').selectOption('log2');
    await waitFor<string>(page, STATUS, (t) => t.includes('difference of the group means'), 60_000);
    const [gene, shown] = (await page.evaluate(FIRST_ROW)) as [string, string];
    // the same cells: the order is by score, which the choice does not change
    assert.equal(gene, natural[0]);
    const g = table.genes.indexOf(gene);
    assert.ok(g >= 0, gene);
    const inGroup = new Set(group);
    const mean = (rows: number[]) => rows.reduce((s, r) => s + table.values[r][g], 0) / rows.length;
    const rest = table.labels.flatMap((_, r) => (inGroup.has(r) ? [] : [r]));
    const difference = mean(group) - mean(rest);
    assert.equal(shown, difference.toFixed(2));
    assert.notEqual(natural[1], shown, 'the natural-log formula gave another number');
    assert.equal(await page.getByTestId('markers-value-log').inputValue(), 'log2');
    await page.screenshot({ path: join(SHOTS_DIR, 'markers-value-log.png') });
    assert.deepEqual(session.problems, []);
  });

  test('the choice is saved with the session: reopened, the markers are found with it again', async () => {
    const { session, page } = opened;
    const { file } = await saveSession(session, 'log2.tripletlens');
    await reopenSession(page, file);
    await page.getByTestId('notices').getByText('Session opened').waitFor();
    // the saved selection is the present one: the same cells, their fold change taken as log2 values again
    await page.getByTestId('markers-vs-rest').click();
    await waitFor<string>(page, STATUS, (t) => t.includes('difference of the group means'), 60_000);
    assert.equal(await page.getByTestId('markers-value-log').inputValue(), 'log2');
    assert.deepEqual(session.problems, []);
  });
});
