/**
 * End-to-end: what the user set in Import settings and has not applied yet ("Re-open with these settings")
 * stays set when a metadata file is joined (the Labels panel's Metadata file). The join gives the page a new
 * summary of the same file, and the form was drawn again from it — its Genes start at and metadata columns
 * back to what the file was read with — so a Re-open then read the file as before, not as the form had said.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { copyCells, writeBatches } from './cells-batches.js';
import { openBrowsedFile, waitFor } from './browser-session.js';
import { setControl, TWO_FRAMES } from './page-input.js';
import { browserSessionHooks } from './session-hooks.js';

const GENES_FROM = '[data-testid="import-genes-from"]';
const BOX = (column: string): string => `[data-testid="import-metadata-columns"] input[value="${column}"]`;
const LEIDEN = BOX('leiden_cluster');
// a column after Genes start at, ticked as metadata (one before it is metadata whatever its box says)
const CD79A = BOX('CD79A');
/** The Metadata columns boxes shown as [column, ticked, fixed], in the page's order (the Id column's is hidden). */
const BOXES = `Array.from(document.querySelectorAll('[data-testid="import-metadata-columns"] input')).filter((b) => !b.parentElement.hidden).map((b) => [b.value, b.checked, b.disabled])`;

describe(
  'Import settings keep what the user set while a metadata file is joined',
  { timeout: 180_000 },
  () => {
    const opened = browserSessionHooks('import-settings-kept', {
      prepare: (session) => copyCells(session.work),
      goto: false,
    });

    test('Genes start at and a metadata column, set but not applied, stay after the join', async () => {
      const { session, page } = opened;
      const meta = writeBatches(session.work);
      await page.goto(session.serve.url);
      await openBrowsedFile(page, 'cells.csv');
      assert.equal(
        await page.evaluate(`document.querySelector('${LEIDEN}').checked`),
        true,
        'read as metadata',
      );

      await page.evaluate(
        setControl(GENES_FROM, 'GENE00', 'change') + setControl(CD79A, { checked: true }, 'change'),
      );
      await page.getByTestId('metadata-file').setInputFiles(meta);
      await page
        .getByTestId('summary-source')
        .getByText('+ batches.csv', { exact: false })
        .waitFor({ timeout: 60_000 });
      await page.evaluate(TWO_FRAMES);
      assert.equal(await page.evaluate(`document.querySelector('${GENES_FROM}').value`), 'GENE00');
      assert.equal(await page.evaluate(`document.querySelector('${CD79A}').checked`), true);
    });

    // Since the columns before Genes start at are all kept as metadata, their boxes could still be unticked —
    // or stay unticked, as GENE00 did once the genes were said to start after it: the page said "read as a
    // gene" of a column the import kept as metadata.
    test('Genes start at ticks and fixes the Metadata columns boxes before it, as the import keeps them', async () => {
      const { session, page } = opened;
      await page.goto(session.serve.url);
      await openBrowsedFile(page, 'cells.csv');
      const asRead = (await page.evaluate(BOXES)) as [string, boolean, boolean][];
      assert.deepEqual(asRead.slice(0, 5), [
        ['cell_type', true, false],
        ['donor', true, false],
        ['leiden_cluster', true, false],
        ['is_doublet', true, false],
        ['GENE00', false, false],
      ]);
      await page.locator('summary', { hasText: 'Import settings' }).click();
      await page.getByTestId('import-genes-from').selectOption('GENE01');
      const fixed = (await page.evaluate(BOXES)) as [string, boolean, boolean][];
      assert.deepEqual(fixed.slice(0, 6), [
        ['cell_type', true, true],
        ['donor', true, true],
        ['leiden_cluster', true, true],
        ['is_doublet', true, true],
        ['GENE00', true, true],
        ['GENE01', false, false],
      ]);
      // the genes detected again: each box back to its own tick
      await page.getByTestId('import-genes-from').selectOption('');
      assert.deepEqual(await page.evaluate(BOXES), asRead);
      // and what the boxes said is what the import keeps
      await page.getByTestId('import-genes-from').selectOption('GENE01');
      // the boxes before Re-open are fixed by the choice already: the ones drawn from the summary it brings are
      // new elements, told apart by a mark on the old
      await page.evaluate(`document.querySelector('${BOX('GENE00')}').dataset.beforeReopen = 'yes'`);
      await page.getByTestId('import-reopen').click();
      await waitFor<boolean>(
        page,
        `!document.querySelector('${BOX('GENE00')}').dataset.beforeReopen`,
        (v) => v,
        60_000,
      );
      const ticked = ((await page.evaluate(BOXES)) as [string, boolean, boolean][])
        .filter(([, checked]) => checked)
        .map(([name]) => name);
      assert.deepEqual(ticked, ['cell_type', 'donor', 'leiden_cluster', 'is_doublet', 'GENE00']);
      // the form drawn again from that summary showed Genes start at "detected", the boxes not fixed by it
      assert.equal(await page.evaluate(`document.querySelector('${GENES_FROM}').value`), 'GENE01');
      assert.deepEqual(
        ((await page.evaluate(BOXES)) as [string, boolean, boolean][]).slice(0, 6),
        fixed.slice(0, 6),
      );
    });

    // The preview holds a table's first 12 columns: a label column at its end had no box, and Re-open — here to
    // change only Missing values — sent the ticked boxes (batch) as the metadata columns: cell_type was read as a
    // gene, the label picker lost it.
    test('Re-open keeps a metadata column past the preview', async () => {
      const { session, page } = opened;
      const genes = Array.from({ length: 20 }, (_, g) => `g${g}`);
      const rows = Array.from({ length: 30 }, (_, r) =>
        [
          `c${r}`,
          `b${r % 2}`,
          ...genes.map((_, g) => String((r * 7 + g * 3) % 10)),
          ['T', 'B', 'NK'][r % 3],
        ].join(','),
      );
      writeFileSync(
        join(session.work, 'label-last.csv'),
        [['id', 'batch', ...genes, 'cell_type'].join(','), ...rows].join('\n') + '\n',
      );
      await page.goto(session.serve.url);
      await openBrowsedFile(page, 'label-last.csv');
      const labels = async () =>
        (await page.evaluate(
          `Array.from(document.querySelectorAll('[data-testid="label-column"] option')).map((o) => o.value)`,
        )) as string[];
      assert.ok((await labels()).includes('cell_type'), 'read as metadata');
      await page.locator('summary', { hasText: 'Import settings' }).click();
      await page.getByTestId('import-missing').selectOption('zero');
      const reopened = page.waitForResponse((r) => r.url().endsWith('/api/openFile'), { timeout: 60_000 });
      await page.getByTestId('import-reopen').click();
      assert.equal((await reopened).ok(), true);
      await page.evaluate(TWO_FRAMES);
      assert.match(await page.getByTestId('summary-shape').innerText(), /× 20 genes$/);
      assert.ok((await labels()).includes('cell_type'), 'still metadata after Re-open');
      assert.deepEqual(session.problems, []);
    });

    // Another column chosen as the Id column: the one read as the ids had no box, so it was read as a gene —
    // "Column "sample" was read as a gene because Import settings ▸ Metadata columns lists the metadata
    // columns and not this one; … add it to Import settings ▸ Metadata columns" — a box not there.
    test('the id column as read becomes a metadata column, its box shown, once another is the Id column', async () => {
      const { session, page } = opened;
      const rows = Array.from({ length: 12 }, (_, r) =>
        [`s${r}`, `cell-${r}`, `b${r % 2}`, ...[0, 1, 2, 3].map((g) => String((r + g) % 5))].join(','),
      );
      writeFileSync(
        join(session.work, 'two-ids.csv'),
        ['sample,name,batch,g0,g1,g2,g3', ...rows].join('\n') + '\n',
      );
      await page.goto(session.serve.url);
      await openBrowsedFile(page, 'two-ids.csv');
      assert.match(await page.getByTestId('import-summary').innerText(), /Id column\s+sample\n/);
      const shown = async () =>
        ((await page.evaluate(BOXES)) as [string, boolean, boolean][]).map(([c]) => c);
      assert.deepEqual((await shown()).slice(0, 2), ['name', 'batch']);
      await page.locator('summary', { hasText: 'Import settings' }).click();
      await page.getByTestId('import-id-column').selectOption('name');
      assert.deepEqual(
        (await shown()).slice(0, 2),
        ['sample', 'batch'],
        'the box of the ids as read, not of the new ids',
      );
      await page.getByTestId('import-reopen').click();
      // the summary read with the new ids, or the refusal
      const read = await waitFor<string>(
        page,
        `[...document.querySelectorAll('[data-testid="import-summary"], [data-testid="notice-error"]')].map((e) => e.innerText).join('\\n')`,
        (t) => /Id column\s+name\n|Could not open/.test(t),
        60_000,
      );
      assert.match(read, /Metadata\s+sample \(12\), batch \(2\)/);
      assert.deepEqual(session.problems, []);
    });
  },
);
