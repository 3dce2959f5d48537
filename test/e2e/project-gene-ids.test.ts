/**
 * End-to-end, the app's "Project another file" with gene ids: a map trained on an h5ad of symbols with a
 * gene_ids column (the format fixtures' csr.h5ad) places a CSV of the same cells headed by Ensembl ids, and the
 * page says, as a warning notice, that the genes were found by id (a user audit: the file was refused).
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';
import { trainOnBrowsedFile } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

/** cells.csv with each gene header replaced by its versioned Ensembl id (cells.py: ENSG + the gene's position). */
function ensemblCsv(): Buffer {
  const lines = readFileSync(join(FORMATS, 'cells.csv'), 'utf8').split('\n');
  const header = lines[0].split(',');
  const first = header.indexOf('GENE00');
  lines[0] = header.map((h, i) => (i < first ? h : `ENSG${String(i - first).padStart(11, '0')}.7`)).join(',');
  return Buffer.from(lines.join('\n'));
}

describe('projecting a file of Ensembl ids in the browser', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('gene-ids', {
    prepare: async (session) => {
      copyFileSync(join(FORMATS, 'csr.h5ad'), join(session.work, 'csr.h5ad'));
    },
  });

  test('the cells are placed and a notice says how many genes were found by gene id', async () => {
    const { page } = opened;
    await trainOnBrowsedFile(page, 'csr.h5ad');
    await page
      .getByTestId('project-file')
      .setInputFiles({ name: 'ensembl.csv', mimeType: 'text/csv', buffer: ensemblCsv() });
    const info = page.getByTestId('project-info');
    await info.getByText('ensembl.csv').waitFor({ timeout: 60_000 });
    assert.equal((await info.innerText()).trim(), '40 rows from ensembl.csv shown as ✕.', 'no gene missing');
    const notice = page.getByTestId('notice-warning').filter({ hasText: 'by gene id' });
    await notice.waitFor({ timeout: 10_000 });
    assert.match(
      await notice.innerText(),
      /30 of the model's 30 genes were found in ensembl\.csv by gene id, not by name \(30 by the file's gene names against the model's "gene_ids"; e\.g\. ENSG00000000000\.7 as GENE00/,
    );
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
