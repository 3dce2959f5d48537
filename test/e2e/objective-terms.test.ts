/**
 * End-to-end: the objective's extra terms are Train fields. A user sets the neighbour-order and classifier
 * weights (and a short run), trains the sample, and the run's report says the run used exactly those weights
 * on top of the defaults. Drives `tripletlens serve` from dist/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { resolveSettings } from '../../src/engine/settings.js';
import { exportFile, openBrowserSession, type BrowserSession } from './browser-session.js';

describe('the objective’s terms from the Train form', { timeout: 300_000 }, () => {
  let session: BrowserSession;

  before(async () => {
    session = await openBrowserSession('objective-terms');
  });
  after(async () => {
    await session?.close();
  });

  test('order and classifier weights set in the form are the run’s, and the map is drawn', async () => {
    const page = session.page;
    await page.goto(session.serve.url);
    await page.getByTestId('open-sample').click();
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    await page.getByTestId('go-train').click();
    assert.equal(await page.getByTestId('train-orderWeight').inputValue(), '0', 'off by default');
    await page.getByTestId('train-orderWeight').fill('2');
    await page.getByTestId('train-classifierWeight').fill('0.5');
    await page.getByTestId('train-epochs').fill('3');
    await page.getByTestId('train-start').click();
    // the app moves to Explore when the run finishes
    await page.getByTestId('explore-plot').waitFor({ state: 'visible', timeout: 200_000 });
    const report = JSON.parse(await exportFile(session, 'export-report', 'run.json')) as {
      parameters: unknown;
    };
    assert.deepEqual(
      report.parameters,
      resolveSettings({ labelColumn: 'label', orderWeight: 2, classifierWeight: 0.5, epochs: 3 }),
    );
    assert.deepEqual(session.problems, []);
  });
});
