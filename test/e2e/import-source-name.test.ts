/**
 * End-to-end: the Import summary's File line names a 10x folder as it names a file — by its name, the full
 * path on the server as its tooltip. The folder, which serve opens only by path, showed its whole server path
 * where an uploaded file showed its name.
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { packageRoot, samplePath } from '../../src/util/paths.js';
import { openBrowsedFile, openBrowserSession, type BrowserSession } from './browser-session.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

describe('the Import summary’s File line', { timeout: 180_000 }, () => {
  let session: BrowserSession;

  before(async () => {
    session = await openBrowserSession('import-source-name');
    copyFileSync(join(FORMATS, 'csr.h5ad'), join(session.work, 'csr.h5ad'));
    cpSync(join(FORMATS, 'tenx_v3'), join(session.work, 'tenx_v3'), { recursive: true });
    await session.page.goto(session.serve.url);
  });
  after(async () => {
    await session?.close();
  });

  test('a 10x folder and a file opened from the server show their name, their path as the tooltip', async () => {
    const { page } = session;
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
});
