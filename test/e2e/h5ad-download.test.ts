// The AnnData export under `tripletlens serve`, as a user saves it: the page starts a download of
// GET /api/download/<id> that the browser streams to disk (before, the page got the whole file as bytes and
// saved it from a Blob), the saved file is the run's h5ad, and the server's temporary copy is gone once the
// download is complete — a second fetch of the same address is refused; the map’s class colours, a recoloured
// class too, are the file’s uns colours.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readBack } from '../engine/h5ad/read-back.js';
import { eventually } from '../server/eventually.js';
import { openBrowserSessionWithTemp, startSampleTraining, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** The marker colour of each class the Explore map draws, by class (its held-out cells' trace alike). */
const CLASS_COLOURS = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data) return {};
  const out = {};
  for (const t of el.data)
    if (t.customdata && t.marker && typeof t.marker.color === 'string' && t.legendgroup !== 'unlabeled')
      out[String(t.legendgroup)] = t.marker.color;
  return out;
})()`;

/** The exports' folders and files in serve's download folders under `temp` (the owner file aside). */
function downloadsLeft(temp: string): string[] {
  return readdirSync(temp)
    .filter((f) => f.startsWith('tripletlens-downloads-'))
    .flatMap((f) => readdirSync(join(temp, f), { recursive: true, encoding: 'utf8' }))
    .filter((name) => name !== 'owner.pid');
}

describe('the AnnData export as a streamed download', () => {
  // with serve's own temporary folder (TMPDIR), so the test sees its download files
  const opened = browserSessionHooks('h5ad-download', {
    open: openBrowserSessionWithTemp,
  });

  test('the page downloads the .h5ad from the server by its id; the file is the run’s; nothing is left', async () => {
    const { session, page } = opened;
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    // a class recoloured with Edit labels' Colour picker, as a user picks the colours of a figure
    await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
    await page.getByTestId('label-edit-class').selectOption('Dendritic');
    await page.getByTestId('label-edit-colour').fill('#ff00aa');
    const shown = await waitFor<Record<string, string>>(
      page,
      CLASS_COLOURS,
      (c) => c['Dendritic'] === '#ff00aa' && Object.keys(c).length >= 10,
    );
    await page.getByTestId('tab-export').click();
    const button = page.getByTestId('export-h5ad');
    for (let i = 0; i < 1200 && (await button.isDisabled()); i++) await page.waitForTimeout(100);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    // streamed from the server, not a blob: address made by the page
    const url = new URL(download.url());
    assert.equal(url.origin, session.serve.origin);
    assert.match(url.pathname, /^\/api\/download\/[0-9a-f]{32}$/);
    assert.equal(download.suggestedFilename(), 'pbmc68k_reduced_lognorm.tripletlens.h5ad');
    const saved = join(session.work, 'downloaded.h5ad');
    await download.saveAs(saved);
    assert.equal(await download.failure(), null);

    const back = await readBack(saved);
    assert.equal(back.obsIndex.length, 700);
    assert.ok(back.obsColumnOrder.includes('tripletlens_split'));
    assert.equal(back.embedding[0].length, 2);
    // A scanpy walkthrough: the file carried no colours, so the export had none and scanpy drew the classes
    // in its own palette, not as the map (its PNG, its HTML) did, and the recoloured class lost its colour.
    const categories = back.obsCategories['label'];
    const colours = back.uns['label_colors'] as string[] | undefined;
    assert.ok(colours, `uns['label_colors'] in ${Object.keys(back.uns).join(', ')}`);
    assert.deepEqual(
      Object.fromEntries(categories.map((c, i) => [c, colours[i]])),
      Object.fromEntries(categories.map((c) => [c, shown[c].toLowerCase()])),
    );
    assert.deepEqual(back.uns['tripletlens_predicted_colors'], colours);

    // the server's copy goes with the download (deleted once the stream ends, which may be after saveAs
    // returns); the address answers once
    await eventually(() => downloadsLeft(session.temp).length === 0, 'the server deletes its copy');
    // the page hears that the download ended: its "is downloading" notice becomes a done notice
    await page
      .getByTestId('notices')
      .getByText('pbmc68k_reduced_lognorm.tripletlens.h5ad', { exact: false })
      .filter({ hasText: 'was downloaded' })
      .waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('notices').getByText('is downloading', { exact: false }).count(), 0);
    const again = await page.request.get(download.url());
    assert.equal(again.status(), 404);
    await page
      .getByTestId('notice-info')
      .filter({ hasText: 'pbmc68k_reduced_lognorm.tripletlens.h5ad' })
      .first()
      .waitFor();
    assert.deepEqual(session.problems, []);
  });
});
