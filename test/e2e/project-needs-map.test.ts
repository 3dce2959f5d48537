/**
 * End-to-end, Explore ▸ Project another file before any map: the Explore tab opened before training (or on a
 * fresh page of a fresh server) showed the section's file chooser and its server folder's Project buttons,
 * and a click on one only met the engine's refusal, "Could not project sklearn_iris.csv: No trained model
 * yet". The section shows once a map is there to place a file on.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSampleTraining } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

describe('Project another file needs a map', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('project-needs-map');

  test('before a map the section is not offered; after training it is', async () => {
    const { session, page } = opened;
    await page.getByTestId('tab-explore').click();
    await page.getByTestId('explore-empty').waitFor();
    assert.equal(await page.getByTestId('project-browser').isHidden(), true, 'no Project buttons');
    assert.equal(await page.getByTestId('project-file').isHidden(), true, 'no file chooser');
    await page.getByTestId('tab-import').click();
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
    await page.getByTestId('project-browser').waitFor();
    assert.equal(await page.getByTestId('project-file').isVisible(), true);
    assert.deepEqual(session.problems, []);
  });
});
