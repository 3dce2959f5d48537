/**
 * End-to-end, the hand-over from Import to Train through the app state (issue 11): preprocessing settings
 * changed on the Import screen are what the run uses — the Train screen reads them from the state, not from
 * the Import screen's form — and another file starts from its own recommended settings again.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportFile } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

describe('preprocessing set on Import trains on Train', { timeout: 300_000 }, () => {
  /** The sample's recommended settings, as its form first shows them. */
  const recommended = { topGenes: '', pcaComponents: '' };
  const opened = browserSessionHooks('import-train', {
    goto: false,
  });

  test('the run uses the preprocessing set on the Import screen', async () => {
    const { session, page } = opened;
    await page.goto(session.serve.url);
    await page.getByTestId('open-sample').click();
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    recommended.topGenes = await page.getByTestId('preprocess-topGenes').inputValue();
    recommended.pcaComponents = await page.getByTestId('preprocess-pcaComponents').inputValue();
    assert.notEqual(recommended.topGenes, '300');
    assert.notEqual(recommended.pcaComponents, '20');
    await page.getByTestId('preprocess-topGenes').fill('300');
    await page.getByTestId('preprocess-pcaComponents').fill('20');
    await page.getByTestId('go-train').click();
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-start').click();
    await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });

    const report = JSON.parse(await exportFile(session, 'export-report', 'run.json')) as {
      parameters: { preprocess: { topGenes?: number; pcaComponents?: number } };
    };
    assert.equal(report.parameters.preprocess.topGenes, 300, JSON.stringify(report.parameters));
    assert.equal(report.parameters.preprocess.pcaComponents, 20, JSON.stringify(report.parameters));
  });

  test('opening a file again shows its recommended settings, not the last ones', async () => {
    const { session, page } = opened;
    await page.getByTestId('tab-import').click();
    await page.getByTestId('open-sample').click();
    // the old file's counts stay on screen until the new one opens: wait for the opened file's empty run
    await page
      .getByTestId('export-note')
      .getByText('Train a model first')
      .waitFor({ state: 'attached', timeout: 60_000 });
    assert.equal(await page.getByTestId('preprocess-topGenes').inputValue(), recommended.topGenes);
    assert.equal(await page.getByTestId('preprocess-pcaComponents').inputValue(), recommended.pcaComponents);
    assert.deepEqual(session.problems, []);
  });
});
