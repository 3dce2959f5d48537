/**
 * End-to-end: after an upload under `tripletlens serve`, the AnnData export's notice on the Export screen named
 * the server's temporary copy (/tmp/tripletlens-uploads-…/<id>/uns.h5ad) where it lists the input's varm and
 * varp entries left out. It names the user's file, as the Import summary and the Export note do.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';
import { browserSessionHooks } from './session-hooks.js';

const UNS = join(packageRoot(), 'test', 'fixtures', 'formats', 'uns.h5ad');

describe('an uploaded file is named by its name on the Export screen', { timeout: 240_000 }, () => {
  const opened = browserSessionHooks('upload-names');

  test('the h5ad export’s notice names uns.h5ad, not the server’s temporary copy', async () => {
    const { session, page } = opened;
    await page.getByTestId('import-file').setInputFiles({
      name: 'uns.h5ad',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(UNS),
    });
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('summary-source').innerText(), 'uns.h5ad');
    // 20 of its 30 genes: the input's varp is then left out, with a note naming the file
    await page.getByTestId('preprocess-topGenes').fill('20');
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-start').click();
    await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-export').click();
    assert.match(
      await page.getByTestId('export-note').innerText(),
      /^Exports describe the run on uns\.h5ad /,
    );
    const button = page.getByTestId('export-h5ad');
    for (let i = 0; i < 1200 && (await button.isDisabled()); i++) await page.waitForTimeout(100);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    await download.saveAs(join(session.work, 'result.h5ad'));
    const notice = page.getByTestId('notices').getByText("varp 'gene_corr' of", { exact: false });
    await notice.waitFor({ timeout: 30_000 });
    const text = await notice.innerText();
    assert.match(text, /varp 'gene_corr' of uns\.h5ad:/);
    assert.doesNotMatch(text, /tripletlens-uploads-/);
    assert.deepEqual(session.problems, []);
  });
});
