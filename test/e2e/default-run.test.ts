/**
 * End-to-end, the newcomer's path with every Train field untouched: open the sample, train with the
 * defaults (a full run: 30 epochs unless it stops early), and check that the run used exactly the settings
 * `tripletlens train FILE --label label` resolves — the report's parameters are compared with the engine's
 * resolveSettings for a bare label column. Also writes the final screenshots of every screen
 * (test-output/e2e/final-*.png; docs/screenshot.png is copied from final-3-explore.png by hand).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { resolveSettings } from '../../src/engine/settings.js';
import { exportFile, PLOT_CELLS, SHOTS_DIR, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const shots = SHOTS_DIR;

describe('a default run from the UI', { timeout: 600_000 }, () => {
  const opened = browserSessionHooks('default', {
    goto: false,
  });

  test('untouched fields train with exactly the CLI defaults; every screen is photographed', async () => {
    const { session, page } = opened;
    await page.goto(session.serve.url);
    await page.getByTestId('open-sample').click();
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('label-column').inputValue(), 'label');
    await page.screenshot({ path: join(shots, 'final-1-import.png') });
    await page.getByTestId('go-train').click();
    await page.getByTestId('train-start').click();
    // the counter shows an epoch; attached, not visible: a short run can finish (and the app move to
    // Explore, hiding the Train tab) before this wait starts
    await page.getByTestId('train-epoch').getByText(/\d/).waitFor({ state: 'attached', timeout: 60_000 });
    // the app moves to Explore when the run finishes
    await waitFor<number>(page, PLOT_CELLS, (n) => n > 0, 300_000);
    await page.waitForTimeout(800); // let WebGL paint
    await page.screenshot({ path: join(shots, 'final-3-explore.png') });
    assert.equal(await page.evaluate(PLOT_CELLS), 700);

    await page.getByTestId('tab-train').click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(shots, 'final-2-train.png') });
    assert.match(await page.getByTestId('live-map-caption').innerText(), /Final map after epoch \d+/);
    // issue 13: the finished run's figures with the regime it trained in (700 cells: the standard one)
    const summary = await page.getByTestId('train-summary').innerText();
    // the sample is a CSV, whose rows are rows (src/api/file-format.ts rowWords: a CSV may be a bulk panel)
    assert.match(summary, /kNN accuracy of held-out rows \d+\.\d %/);
    assert.match(summary, /Regime: standard\./);

    await page.getByTestId('tab-explore').click();
    await page.getByTestId('explore-color-by').selectOption('gene');
    await page.getByTestId('explore-gene').fill('CST3');
    await page.getByTestId('explore-gene-apply').click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(shots, 'final-3b-explore-gene.png') });
    await page.getByTestId('explore-dims').selectOption('2');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(shots, 'final-3c-explore-gene-2d.png') });

    const text = await exportFile(session, 'export-report', 'run.json');
    await page.screenshot({ path: join(shots, 'final-4-export.png') });
    const report = JSON.parse(text) as {
      parameters: unknown;
      training: { epochs: number; stoppedReason: string };
    };
    assert.deepEqual(report.parameters, resolveSettings({ labelColumn: 'label' }));
    assert.ok(report.training.epochs <= 30, JSON.stringify(report.training));
    assert.deepEqual(session.problems, []);
  });
});
