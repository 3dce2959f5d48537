/**
 * End-to-end: the Import summary's File line names a 10x folder as it names a file — by its name (a Cell
 * Ranger matrix from its sample's folder down, which its exports are named after), the full path on the
 * server as its tooltip. The folder, which serve opens only by path, showed its whole server path
 * where an uploaded file showed its name. The busy line while it is read names it so too: a Cell Ranger folder
 * from its sample's folder down, not its path on the server nor the bare filtered_feature_bc_matrix of every sample.
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot, samplePath } from '../../src/util/paths.js';
import { openBrowsedFile } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
/** Records each text of the status bar's busy line (worker-state) in window.__busyLines. */
const BUSY_RECORDER = `(() => {
  const el = document.querySelector('[data-testid="worker-state"]');
  const lines = [el.textContent];
  window.__busyLines = lines;
  new MutationObserver(() => lines.push(el.textContent)).observe(el, {
    childList: true,
    characterData: true,
    subtree: true,
  });
})()`;

describe('the Import summary’s File line', { timeout: 180_000 }, () => {
  const opened = browserSessionHooks('import-source-name', {
    prepare: (session) => {
      copyFileSync(join(FORMATS, 'csr.h5ad'), join(session.work, 'csr.h5ad'));
      cpSync(join(FORMATS, 'tenx_v3'), join(session.work, 'tenx_v3'), { recursive: true });
      cpSync(
        join(FORMATS, 'tenx_v3'),
        join(session.work, 'data', 'run1', 'outs', 'filtered_feature_bc_matrix'),
        { recursive: true },
      );
    },
  });

  test('a 10x folder and a file opened from the server show their name, their path as the tooltip', async () => {
    const { session, page } = opened;
    const source = page.getByTestId('summary-source');
    for (const name of ['tenx_v3', 'csr.h5ad']) {
      await openBrowsedFile(page, name);
      await source.getByText(name, { exact: true }).waitFor({ timeout: 60_000 });
      assert.equal(await source.innerText(), name);
      const title = await source.getAttribute('title');
      assert.ok(title?.endsWith(`/${name}`) && title.length > name.length + 1, `${name}'s tooltip: ${title}`);
    }
    // an upload's name is all the page knows of it: no tooltip repeating it
    await page.getByTestId('import-file').setInputFiles(samplePath());
    const uploaded = samplePath().split('/').pop() ?? '';
    await source.getByText(uploaded, { exact: true }).waitFor({ timeout: 60_000 });
    assert.equal(await source.getAttribute('title'), null);
    assert.deepEqual(session.problems, []);
  });

  // the busy line said "Reading data/run1/outs/filtered_feature_bc_matrix…" (the folder's path under --root, the
  // desktop dialog's whole path) until the engine's first progress renamed it, then the folder's bare name,
  // "Reading filtered_feature_bc_matrix", which every sample's folder has
  test('the busy line names a 10x folder from its sample folder down, as the File line does', async () => {
    const { session, page } = opened;
    const browser = page.getByTestId('file-browser');
    if ((await browser.getAttribute('open')) === null) await browser.locator('summary').click();
    const list = page.getByTestId('browse-list');
    for (const folder of ['data', 'run1', 'outs']) {
      await list.locator(`li[data-name="${folder}"]`).getByTestId('browse-folder').click();
      await page.getByTestId('browse-path').getByText(folder, { exact: false }).waitFor();
    }
    // every text the status bar's busy line shows from here on
    await page.evaluate(BUSY_RECORDER);
    const name = 'filtered_feature_bc_matrix';
    await list.locator(`li[data-name="${name}"]`).getByTestId('browse-open').click();
    // the summary names it from its sample's folder down, as its exports are named after the sample (run1)
    await page
      .getByTestId('summary-source')
      .getByText(`run1/outs/${name}`, { exact: true })
      .waitFor({ timeout: 60_000 });
    const lines = await page.evaluate<string[]>('window.__busyLines');
    assert.ok(lines.includes(`Reading run1/outs/${name}…`), lines.join(' | '));
    // the page's line and the engine's progress alike: never the server's path, nor the bare folder name
    assert.deepEqual(
      lines.filter((l) => l.includes('data/') || l.includes(`Reading ${name}`)),
      [],
    );
    assert.deepEqual(session.problems, []);
  });
});
