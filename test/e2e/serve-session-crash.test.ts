/**
 * End-to-end, a `tripletlens serve` engine worker killed while a reopened session is shown: the host reopens
 * the session (not the sample opened before it), so the page keeps its map and its exports, is not told the
 * map was lost, and exports the same coordinates after the restart as before — and the map's neighbourhood
 * check works on it, the replayed session being held under the run id the page knows.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportFile, reopenSession, saveSession, startSampleTraining, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { clickCellApart } from './map-cells.js';
import { workerPid } from './worker-pid.js';

const NOTICES = `document.querySelector('[data-testid="notices"]').textContent`;
const OVERLAP = `document.querySelector('[data-testid="neighbour-overlap"]').textContent`;

describe('a reopened session and a killed engine worker', { timeout: 400_000 }, () => {
  const opened = browserSessionHooks('session-crash');

  test('the session comes back with its map: no "lost" notice, and the same coordinates export', async () => {
    const { session, page } = opened;
    await startSampleTraining(page, { epochs: 1, dims: 2 });
    await page.getByTestId('tab-export').click();
    await waitFor<boolean>(
      page,
      `!document.querySelector('[data-testid="export-csv"]').disabled`,
      (enabled) => enabled,
      120_000,
    );
    await page.getByTestId('tab-explore').click();
    const { file } = await saveSession(session);
    // the reloaded page uploads the session file to the server, which opens it
    await reopenSession(page, file);
    await waitFor<string>(page, NOTICES, (t) => t.includes('Session opened'), 60_000);
    const before = await exportFile(session, 'export-csv', 'before.csv');

    process.kill(workerPid(session.serve.child.pid ?? 0), 'SIGKILL');
    const exit = page.getByTestId('notice-error').filter({ hasText: 'killed by SIGKILL' });
    await exit.waitFor({ timeout: 30_000 });
    assert.match(await exit.innerText(), /The session \(.*\.tripletlens\) will be reopened with its map/);
    assert.equal(await page.getByTestId('notice-warning').filter({ hasText: 'lost' }).count(), 0);
    assert.equal(await page.getByTestId('export-csv').isDisabled(), false, 'the map can still be exported');

    // the export is the next action: the restarted worker reopens the session first
    const after = await exportFile(session, 'export-csv', 'after.csv');
    assert.equal(after, before);

    // the neighbourhood check asks of the run the page shows, which the restarted worker holds under its id
    await page.getByTestId('tab-explore').click();
    await clickCellApart(page, 700);
    const line = await waitFor<string>(
      page,
      OVERLAP,
      (t) => /input-space neighbours|no longer holds/.test(t),
      60_000,
    );
    assert.match(line, /of its 15 input-space neighbours (?:is|are) also among its 15 nearest on the map\.$/);
    assert.deepEqual(session.problems, []);
  });
});
