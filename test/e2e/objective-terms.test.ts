/**
 * End-to-end: the objective's extra terms are Train fields. A user sets the neighbour-order and classifier
 * weights (and a short run), trains the sample, and the run's report says the run used exactly those weights
 * on top of the defaults; and a user who picks "keep neighbourhoods" gets the recipe the sample's size calls
 * for (the graph recipe for its 560 training cells), named under the finished run, with the epochs they set
 * winning over the recipe's. Drives `tripletlens serve` from dist/.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GRAPH_RECIPE } from '../../src/engine/objective.js';
import { resolveSettings } from '../../src/engine/settings.js';
import { exportFile, type BrowserSession } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** A fresh page with the bundled sample imported, on the Train screen. */
async function sampleOnTrainScreen(session: BrowserSession) {
  const page = session.page;
  await page.goto(session.serve.url);
  await page.getByTestId('open-sample').click();
  await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
  await page.getByTestId('go-train').click();
  return page;
}

describe('the objective’s terms from the Train form', { timeout: 600_000 }, () => {
  const opened = browserSessionHooks('objective-terms', {
    goto: false,
  });

  test('order and classifier weights set in the form are the run’s, and the map is drawn', async () => {
    const { session } = opened;
    const page = await sampleOnTrainScreen(session);
    assert.equal(await page.getByTestId('train-orderWeight').inputValue(), '0', 'off by default');
    await page.getByTestId('train-orderWeight').fill('2');
    await page.getByTestId('train-classifierWeight').fill('0.5');
    await page.getByTestId('train-epochs').fill('3');
    await page.getByTestId('train-start').click();
    // the app moves to Explore when the run finishes
    await page.getByTestId('explore-plot').waitFor({ state: 'visible', timeout: 400_000 });
    const report = JSON.parse(await exportFile(session, 'export-report', 'run.json')) as {
      parameters: unknown;
    };
    assert.deepEqual(
      report.parameters,
      resolveSettings({ labelColumn: 'label', orderWeight: 2, classifierWeight: 0.5, epochs: 3 }),
    );
    assert.deepEqual(session.problems, []);
  });

  test('"keep neighbourhoods" trains with the graph recipe, names it, and keeps the user’s epochs', async () => {
    const { session } = opened;
    const page = await sampleOnTrainScreen(session);
    assert.equal(
      await page.getByTestId('train-objective').inputValue(),
      'triplet',
      'the plain map by default',
    );
    await page.getByTestId('train-objective').selectOption('neighbourhoods');
    await page.getByTestId('train-epochs').fill('2');
    await page.getByTestId('train-start').click();
    // the graph recipe's run (its warm-up first) took 180 s and more than 200 s on a loaded machine
    await page.getByTestId('explore-plot').waitFor({ state: 'visible', timeout: 400_000 });
    const report = JSON.parse(await exportFile(session, 'export-report', 'run.json')) as {
      objectiveRecipe: unknown;
      parameters: Record<string, unknown>;
    };
    assert.equal(report.objectiveRecipe, 'graph');
    assert.equal(report.parameters.objective, 'neighbourhoods');
    assert.equal(report.parameters.epochs, 2, 'the epochs the user set, not the recipe’s');
    assert.equal(report.parameters.graphWeightEnd, GRAPH_RECIPE.graphWeightEnd);
    assert.equal(report.parameters.orderWeight, GRAPH_RECIPE.orderWeight);
    await page.getByTestId('tab-train').click();
    assert.match(
      await page.getByTestId('train-summary').innerText(),
      /Objective: keep neighbourhoods, graph recipe/,
    );
    assert.deepEqual(session.problems, []);
  });
});
