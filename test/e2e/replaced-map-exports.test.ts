/**
 * End-to-end, a tab showing a trained map with edited labels while another tab on the same `serve` opens
 * another file: the first tab says its map was replaced, and offers only what still works — the map's images
 * and HTML — not the AnnData export, Edit labels' Export or Save session, which the engine makes from the run it
 * no longer holds (they failed with "No trained model yet" / "No map yet", or used the map it held since), nor
 * "Open the input file again", which re-attaches a reopened session's input and was refused for this map.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { samplePath } from '../../src/util/paths.js';
import { openBrowsedFile } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { renameFirstClass } from './rename-first-class.js';

describe('a map another tab’s Open replaced', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('replaced-map-exports', { goto: false });

  test('offers only the exports the page makes itself, and no re-attach', async () => {
    const { session } = opened;
    // another file: the sample's first 350 cells
    const lines = readFileSync(samplePath(), 'utf8').trim().split('\n');
    writeFileSync(join(session.work, 'half.csv'), `${lines.slice(0, 351).join('\n')}\n`);
    const first = session.page;
    await first.goto(session.serve.url);
    await first.getByTestId('open-sample').click();
    await first.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    await first.getByTestId('tab-train').click();
    await first.getByTestId('train-epochs').fill('2');
    await first.getByTestId('train-start').click();
    await first.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
    await renameFirstClass(first, 60_000);
    // before: the edits can be exported and the session saved
    assert.equal(await first.getByTestId('label-edit-export-csv').isDisabled(), false);
    assert.equal(await first.getByTestId('session-save').isDisabled(), false);

    const second = await session.browser.newPage();
    await second.goto(session.serve.url);
    await openBrowsedFile(second, 'half.csv');

    const banner = first.getByTestId('notice-warning').filter({ hasText: 'replaced' });
    await banner.waitFor({ timeout: 30_000 });
    assert.match(await banner.innerText(), /no longer held by the engine because half\.csv was opened/);
    assert.match(await first.getByTestId('session-input').innerText(), /half\.csv was opened/);
    assert.equal(await first.getByTestId('label-edit-export-csv').isDisabled(), true, 'Export edited labels');
    assert.equal(await first.getByTestId('session-save').isDisabled(), true, 'Save session');
    assert.equal(await first.getByTestId('retrain-start').isDisabled(), true, 'Retrain');
    assert.equal(await first.getByTestId('session-attach-file').isVisible(), false, 'no re-attach offered');
    await first.getByTestId('tab-export').click();
    for (const id of ['export-csv', 'export-h5ad', 'export-model', 'export-report'])
      assert.equal(await first.getByTestId(id).isDisabled(), true, id);
    for (const id of ['export-png', 'export-svg', 'export-html'])
      assert.equal(await first.getByTestId(id).isDisabled(), false, id);
    await second.close();
    assert.deepEqual(session.problems, []);
  });
});
