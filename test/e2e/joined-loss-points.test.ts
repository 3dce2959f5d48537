/**
 * End-to-end, a second tab that joins a run in progress: at the end of the run its loss chart has the points
 * the tab that started the run has, the whole run's — the steps before its join (getState's activeSteps, where
 * it drew each epoch done as its mean loss), the step the run was at when it joined, and those of the epochs
 * that ended while the page took the engine's state over. The joining page's getState reply is held until the first tab has seen two more epochs,
 * so events come before the reply is taken over (an order, not a time): such events were dropped, and the
 * step the reply held was never drawn (an epoch whose last step it was had no point at all).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import type { EngineState } from '../../src/api/engine-api.js';
import { decodeFrame } from '../../src/api/wire.js';
import { fractionalEpoch } from '../../renderer/loss-plot-model.js';
import { startSampleTraining, waitFor, type BrowserSession } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { EPOCH_TEXT, shownEpoch, stopRun } from './joined-run.js';

/**
 * The loss chart's points as the page holds them (the chart is drawn from them; a chart on a hidden screen is
 * drawn later). Browser-side, with the page's e2e hooks.
 */
const LOSS_POINTS = `window.tripletlensE2e.getState().training.lossPoints.map((p) => [p.x, p.loss])`;
const STAGE = `document.querySelector('[data-testid="train-stage"]').textContent`;

/** Opens a page with the e2e hooks on. */
async function hookedPage(session: BrowserSession): Promise<Page> {
  const page = await session.browser.newPage();
  await page.addInitScript('window.tripletlensE2eHooks = true');
  return page;
}

describe('a second tab that joins a run in progress', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('joined-loss-points', { goto: false });

  test('ends with the loss points of the tab that started the run, for the whole run', async () => {
    const { session } = opened;
    const first = await hookedPage(session);
    await first.goto(session.serve.url);
    // far more epochs than the test waits for, no early stop: the test stops it
    await startSampleTraining(first, { epochs: 100_000, patience: 0, dims: 2 });
    await waitFor<string>(first, EPOCH_TEXT, (t) => shownEpoch(t) >= 3, 180_000);

    // the second tab's state reply waits until the first tab saw two more epochs end
    const second = await hookedPage(session);
    let reply: EngineState | null = null;
    await second.route(/\/api\/getState$/, async (route: Route) => {
      const response = await route.fetch();
      const state = (decodeFrame(await response.body()) as { result: EngineState }).result;
      reply ??= state;
      const at = state.activeProgress?.epoch ?? 0;
      await waitFor<string>(first, EPOCH_TEXT, (t) => shownEpoch(t) >= at + 2, 120_000);
      await route.fulfill({ response });
    });
    await second.goto(session.serve.url);
    await second.getByTestId('tab-train').click();
    const joined = shownEpoch(await waitFor<string>(second, EPOCH_TEXT, (t) => shownEpoch(t) > 0, 120_000));
    await waitFor<string>(first, EPOCH_TEXT, (t) => shownEpoch(t) >= joined + 2, 120_000);
    await stopRun(first);
    await waitFor<string>(second, STAGE, (t) => t === 'stopped by you' || t.startsWith('finished'), 60_000);

    const state = reply as EngineState | null;
    assert.ok(state?.activeProgress, 'the reply held the run’s last step');
    const p = state.activeProgress;
    const joinedAt = fractionalEpoch(p.epoch, p.step, p.steps);
    const started = await first.evaluate<[number, number][]>(LOSS_POINTS);
    const seen = await second.evaluate<[number, number][]>(LOSS_POINTS);
    // the whole run's: the steps before its join too, where the epochs' mean losses were drawn
    assert.deepEqual(
      seen,
      started,
      `the same points as the tab that started it (joined at epoch ${p.epoch}, step ${p.step} of ${p.steps})`,
    );
    const before = started.filter(([x]) => x < joinedAt);
    const done = (state.activeHistory ?? []).map((h) => h.epoch).filter((e) => e < joinedAt);
    assert.ok(done.length >= 2, `the epochs done before it joined: ${done.join(', ')}`);
    assert.ok(
      before.length >= done.length,
      `${before.length} points before the join, of ${done.length} epochs`,
    );
    assert.deepEqual(session.problems, []);
  });
});
