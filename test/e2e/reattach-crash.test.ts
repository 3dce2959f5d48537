/**
 * End-to-end, a reopened session whose input was re-attached from the server's folder, a killed `tripletlens
 * serve` engine worker, and the re-attached file gone before the next action: the restarted engine reopens
 * the session with its map but not its input, and the page shows it so — one notice saying the input could
 * not be re-attached, "Open the input file again" offered, retraining and the exports that need the data
 * disabled, the Import screen not counting another column from an engine that holds no data.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';
import {
  INPUT_NOTE,
  reattachFromServerFolder,
  reopenSession,
  saveSession,
  trainOnBrowsedFile,
  waitFor,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { workerPid } from './worker-pid.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

describe('a re-attached input gone after an engine crash', { timeout: 400_000 }, () => {
  const opened = browserSessionHooks('reattach-crash', {
    prepare: async (session) => {
      copyFileSync(join(FORMATS, 'cells.csv'), join(session.work, 'cells.csv'));
    },
    goto: false,
  });

  test('the session comes back without its input, and the page says so once', async () => {
    const { session, page } = opened;
    await page.goto(session.serve.url);
    await trainOnBrowsedFile(page, 'cells.csv', { epochs: 1 });
    const { file } = await saveSession(session, 'saved.tripletlens');
    mkdirSync(join(session.work, 'moved'));
    renameSync(join(session.work, 'cells.csv'), join(session.work, 'moved', 'cells.csv'));
    await reopenSession(page, file);
    await waitFor<string>(page, INPUT_NOTE, (t) => t !== '');
    await reattachFromServerFolder(page, 'moved', 'cells.csv');
    assert.equal(await page.getByTestId('retrain-start').isDisabled(), false, 'the input is loaded');

    process.kill(workerPid(session.serve.child.pid ?? 0), 'SIGKILL');
    await page
      .getByTestId('notice-error')
      .filter({ hasText: 'killed by SIGKILL' })
      .waitFor({ timeout: 30_000 });
    rmSync(join(session.work, 'moved', 'cells.csv'));

    // the next action runs the replay, which cannot re-attach cells.csv
    await page.getByTestId('tab-export').click();
    await page.getByTestId('export-csv').click();
    const said = page.locator('[data-testid^="notice-"]').filter({ hasText: 'could not be re-attached' });
    await said.first().waitFor({ timeout: 60_000 });
    assert.match(
      await said.first().innerText(),
      /session \(saved\.tripletlens\) was reopened with its map, but its input \(cells\.csv\) could not be re-attached/,
    );
    assert.equal(await said.count(), 1, 'one notice');
    // the re-attached file is gone: said so by its path, not as a file whose content differs (never compared)
    const notice = await said.first().innerText();
    assert.ok(notice.includes(`${join(session.work, 'moved', 'cells.csv')} was not found`), notice);
    assert.doesNotMatch(notice, /content differs|SHA-256/);
    // where to choose the input again, said once (the refusal's advice and the session's message's were both given)
    assert.equal(notice.split('Open the input file again').length - 1, 1, notice);
    assert.equal(await page.getByTestId('export-csv').isDisabled(), true, 'exports need the data');

    await page.getByTestId('tab-explore').click();
    assert.match(await waitFor<string>(page, INPUT_NOTE, (t) => t !== ''), /could not be re-attached/);
    assert.equal(await page.getByTestId('retrain-start').isDisabled(), true, 'retraining needs the data');
    await page.getByTestId('tab-import').click();
    await page.getByTestId('label-column').selectOption('donor');
    await page.getByTestId('label-needs-input').waitFor({ timeout: 10_000 });
    assert.deepEqual(session.problems, []);
  });
});
