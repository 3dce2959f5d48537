/**
 * End-to-end, marker genes and gene search in the Explore view: train the sample to a 2-D map, select the
 * CD14+ monocytes (dispatched through the page's state — the e2e hook of renderer/e2e-hooks.ts — until the
 * lasso lands), see the marker table with the gene scanpy ranks first for them (test/fixtures/markers), click
 * it and see the map coloured by it, export the table, compare with the previous selection; type genes in
 * lower case and several at once; find a cell by part of its id. Real `tripletlens serve` and engine.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot, samplePath } from '../../src/util/paths.js';
import { rowWords } from '../../src/api/file-format.js';
import { markersInvitation, otherDataNotice } from '../../renderer/markers-model.js';
import { FIXTURE, type ExpectedMarkers } from '../markers/reference-check.js';
import {
  openBrowsedFile,
  SHOTS_DIR,
  waitFor,
  startSampleTraining,
  selectRowsScript,
  sampleRowsOf,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

// Browser-side code as strings: this file is type-checked without the DOM library.
const POINTS = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data || el.offsetParent === null) return 0;
  return el.data.filter((t) => t.meta !== 'legend-only').reduce((n, t) => n + (t.x ? t.x.length : 0), 0);
})()`;
/** The colour bar's title of the Explore plot ('' when the map is coloured by class). */
const COLORBAR = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data) return '';
  const t = el.data.find((d) => d.marker && d.marker.showscale);
  return t ? String(t.marker.colorbar.title.text) : '';
})()`;
const GENES_SHOWN = `Array.from(document.querySelectorAll('[data-testid="markers-gene"]')).map((b) => b.textContent)`;
const text = (testId: string) =>
  `(document.querySelector('[data-testid="${testId}"]') || {}).textContent || ''`;

describe('marker genes and gene search in a browser', { timeout: 300_000 }, () => {
  const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as ExpectedMarkers;
  const monocytes = expected.cases.find((c) => c.name === 'sample-monocytes-vs-rest');
  const opened = browserSessionHooks('markers', {
    prepare: async ({ page }) => {
      await page.addInitScript('window.tripletlensE2eHooks = true');
    },
    goto: false,
  });

  // Data opened and not yet trained: the panel said "Select rows on the map first" beside "Train a model to see
  // the map here", and its buttons answered that no cells were selected
  test('before a map, the panel says to train one and its buttons wait for it', async () => {
    const { session, page } = opened;
    await page.goto(session.serve.url);
    await page.getByTestId('open-sample').click();
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-explore').click();
    const invitation = markersInvitation(rowWords('text'), false);
    assert.match(
      invitation,
      /^To find marker genes, train a map \(or open a session\), then select rows on it\.$/,
    );
    await waitFor<string>(page, text('markers-status'), (t) => t === invitation);
    assert.equal(await page.getByTestId('markers-vs-rest').isDisabled(), true);
    assert.equal(await page.getByTestId('markers-vs-previous').isDisabled(), true);
    await page.screenshot({ path: join(SHOTS_DIR, 'markers-before-map.png') });
    assert.deepEqual(session.problems, []);
  });

  test('select the monocytes: the table tops with scanpy’s first gene; a click colours the map by it', async () => {
    const { session, page } = opened;
    assert.ok(monocytes);
    await page.goto(session.serve.url);
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    await waitFor<number>(page, POINTS, (n) => n === 700, 120_000);

    await page.getByTestId('markers-vs-rest').click();
    assert.match(await page.getByTestId('markers-status').innerText(), /Select rows on the map first/);

    const rows = sampleRowsOf('CD14+ Monocyte');
    assert.deepEqual(rows, monocytes.group_rows);
    await page.evaluate(selectRowsScript(rows));
    await page.getByTestId('markers-vs-rest').click();
    const genes = await waitFor<string[]>(page, GENES_SHOWN, (g) => g.length > 0, 60_000);
    assert.deepEqual(genes.slice(0, 20), monocytes.top20);
    assert.match(
      await page.getByTestId('markers-status').innerText(),
      /^129 selected rows vs the rest \(571 rows\)/,
    );
    await page.screenshot({ path: join(SHOTS_DIR, 'markers-table.png') });

    await page.getByTestId('markers-gene').first().click();
    await waitFor<string>(page, COLORBAR, (t) => t === monocytes.top20[0]);
    assert.equal(await page.getByTestId('explore-gene').inputValue(), monocytes.top20[0]);
    assert.equal(await page.getByTestId('explore-color-by').inputValue(), 'gene');
    await page.screenshot({ path: join(SHOTS_DIR, 'markers-coloured.png') });
  });

  test('the table sorts by a column, exports as CSV, and compares with the previous selection', async () => {
    const { page } = opened;
    await page.getByTestId('markers-sort-gene').click();
    const sorted = (await page.evaluate(GENES_SHOWN)) as string[];
    assert.deepEqual(
      sorted,
      [...sorted].sort((a, b) => a.localeCompare(b)),
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('markers-export').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'pbmc68k_reduced_lognorm.markers.csv');
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    assert.equal(
      csv[0],
      'gene,score,logfoldchange,pval,pval_adj,pct_group,pct_reference,mean_group,mean_reference,logfoldchange_log1p_base',
    );
    assert.equal(csv[1].split(',')[0], monocytes?.top20[0]);

    await page.evaluate(selectRowsScript(sampleRowsOf('CD19+ B')));
    await page.getByTestId('markers-vs-previous').click();
    await waitFor<string>(page, text('markers-status'), (t) =>
      t.startsWith('95 selected rows vs the previous selection (129 rows)'),
    );
  });

  test('genes typed in lower case and several at once; words that are no gene are named', async () => {
    const { page } = opened;
    await page.getByTestId('explore-gene').fill('cd79a');
    await page.getByTestId('explore-gene-apply').click();
    await waitFor<string>(page, COLORBAR, (t) => t === 'CD79A');
    await page.getByTestId('explore-gene').fill('cd79a, ms4a1 nosuchgene');
    await page.getByTestId('explore-gene-apply').click();
    await waitFor<string>(page, COLORBAR, (t) => t === 'mean of CD79A, MS4A1');
    assert.equal(
      await page.getByTestId('explore-gene-note').innerText(),
      'Not in this file: “nosuchgene” (coloured by mean of CD79A, MS4A1).',
    );
    // a walkthrough: the note stood in the gene row's flex line, squeezed beside Apply to a word or a letter a
    // line; it reads on lines of its own under the box, as wide as the box and its button
    const note = await page.getByTestId('explore-gene-note').boundingBox();
    const box = await page.getByTestId('explore-gene').boundingBox();
    const apply = await page.getByTestId('explore-gene-apply').boundingBox();
    assert.ok(note && box && apply, 'the note, the box and Apply are drawn');
    assert.ok(note.y >= box.y + box.height, `under the box: ${JSON.stringify({ note, box })}`);
    assert.ok(
      note.width >= apply.x + apply.width - box.x,
      `as wide as the row: ${JSON.stringify({ note, box })}`,
    );
  });

  test('Find takes part of a cell id and lists the matches to pick from', async () => {
    const { session, page } = opened;
    const ids = readFileSync(samplePath(), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    const part = ids[0].slice(0, 5).toLowerCase();
    const matching = ids.filter((id) => id.toLowerCase().includes(part));
    assert.ok(matching.length > 1, 'the part matches several ids');
    await page.getByTestId('explore-search').fill(part);
    await page.getByTestId('explore-search-go').click();
    await waitFor<string>(page, text('explore-search-result'), (t) =>
      t.startsWith(`${matching.length} rows match`),
    );
    await page.getByTestId('explore-search-match').first().click();
    await waitFor<string>(
      page,
      text('explore-search-result'),
      (t) => t.startsWith(`${matching[0]}:`) && t.endsWith('ringed in red.'),
    );
    assert.deepEqual(session.problems, []);
  });

  test('opening other data clears the marker table, which would read as the new map’s markers', async () => {
    const { session, page } = opened;
    assert.ok(((await page.evaluate(GENES_SHOWN)) as string[]).length > 0, 'a table is shown');
    await page.getByTestId('tab-import').click();
    await page.getByTestId('open-sample').click();
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-explore').click();
    // no map of the data opened yet: to train one, not to select again
    await waitFor<string>(
      page,
      text('markers-status'),
      (t) =>
        t ===
        'Other data was opened: to find its marker genes, train a map of it (or open a session), then select rows on it.',
    );
    assert.deepEqual(await page.evaluate(GENES_SHOWN), []);
    assert.equal(await page.getByTestId('markers-table').isHidden(), true);
    assert.deepEqual(session.problems, []);
  });

  test('the word that other data was opened follows the data open (cells for an h5ad) and goes once cells are selected', async () => {
    const { session, page } = opened;
    // it stayed through later opens in the first new file's words ("rows" for an h5ad) until a table replaced it
    copyFileSync(
      join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad'),
      join(session.work, 'csr.h5ad'),
    );
    await page.getByTestId('tab-import').click();
    await openBrowsedFile(page, 'csr.h5ad');
    await page.getByTestId('tab-explore').click();
    const beforeMap = otherDataNotice(rowWords('h5ad'), false);
    await waitFor<string>(page, text('markers-status'), (t) => t === beforeMap);
    await page.getByTestId('tab-import').click();
    await page.getByTestId('label-column').selectOption('cell_type');
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-start').click();
    await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
    await waitFor<number>(page, POINTS, (n) => n > 0, 120_000);
    // on the new map, nothing selected: now to select
    const notice = 'Other data was opened: select cells again to find their marker genes.';
    await waitFor<string>(page, text('markers-status'), (t) => t === notice);
    await page.evaluate(selectRowsScript([0, 1, 2]));
    await waitFor<string>(
      page,
      text('markers-status'),
      (t) => t === markersInvitation(rowWords('h5ad'), true),
    );
    assert.deepEqual(session.problems, []);
  });
});
