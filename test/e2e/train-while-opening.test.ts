/**
 * End-to-end, Start training while another file is still uploading: the Train screen waits for it (a
 * walkthrough's Start trained the engine's new file with the old file's label column and failed with "there
 * is no label column 'bulk_labels'", naming a temporary upload path), then offers Start for the new file.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Route } from 'playwright-core';
import { packageRoot } from '../../src/util/paths.js';
import { browserSessionHooks } from './session-hooks.js';

const CSR_H5AD = join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad');

describe('Start training while another file uploads', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('train-while-opening', {
    prepare: async (session) => {
      copyFileSync(CSR_H5AD, join(session.work, 'csr.h5ad'));
    },
  });

  test('Start is off and says why until the new file is open, then offers it', async () => {
    const { session, page } = opened;
    await page.getByTestId('open-sample').click();
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    // the upload's POST is held until the test lets it go: the window a user clicks Start in
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/upload\?name=/, async (route: Route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('import-file').setInputFiles(join(session.work, 'csr.h5ad'));
    await page.getByTestId('tab-train').click();
    const start = page.getByTestId('train-start');
    await page.getByTestId('train-label').getByText('Start training waits until it is open').waitFor();
    assert.equal(await start.isDisabled(), true);
    assert.match(await page.getByTestId('train-label').innerText(), /^Uploading csr\.h5ad…/);
    release();
    await page.getByTestId('train-label').getByText('Training on csr.h5ad').waitFor({ timeout: 60_000 });
    await page.unroute(/\/api\/upload\?name=/);
    assert.equal(await start.isDisabled(), false);
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
