/**
 * End-to-end, a page reloaded while a retrain started from Explore (Edit labels ▸ Retrain with these labels)
 * runs: it shows the retrain as the page that started it does (its map so far coloured by the edited labels,
 * not the first run's column) — the Train form holding the retrain's epochs,
 * the map so far coloured by the edited labels (a renamed class under its new name) — and the run's Elapsed,
 * time left and progress bar at once. The reloaded page's event stream is held until they are read, so
 * what they show can only come from getState — an order, not a time.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSampleTraining, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { renameFirstClass } from './rename-first-class.js';
import { EPOCH_TEXT, reloadWithEventsHeld, shownEpoch, stopRun } from './joined-run.js';

/** The map so far: its caption and its class traces' names. Browser-side. */
const LIVE_MAP = `(() => {
  const el = document.querySelector('[data-testid="live-map"]');
  const caption = document.querySelector('[data-testid="live-map-caption"]').textContent;
  const traces = el && el.data ? el.data.filter((t) => t.customdata) : [];
  return { caption, names: traces.map((t) => String(t.name)) };
})()`;
/** The progress bar's value, or null while it is indeterminate. Browser-side. */
const BAR = `(() => {
  const bar = document.querySelector('[data-testid="train-progress"]');
  return bar.hasAttribute('value') ? bar.value : null;
})()`;

describe('a page reloaded while a retrain runs', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('reload-mid-retrain', {
    goto: false,
  });

  test('shows its settings, its map coloured by the edited labels and its progress at once', async () => {
    const { session, page } = opened;
    await page.goto(session.serve.url);
    // no early stop: the fine-tune keeps the run's patience, and goes on until the test stops it
    await startSampleTraining(page, { epochs: 2, patience: 0, dims: 2 });
    await page.getByTestId('train-epoch').getByText('2 / 2').waitFor({ state: 'attached', timeout: 120_000 });
    await page.getByTestId('tab-explore').click();
    // the first class renamed, then retrained for far more epochs than the test waits for
    const first = await renameFirstClass(page, 60_000);
    await page.getByTestId('retrain-epochs').fill('100000');
    await page.getByTestId('retrain-start').click();
    // past its first snapshot (one every 5 epochs unless asked)
    await waitFor<string>(page, EPOCH_TEXT, (t) => / \/ 100000$/.test(t) && shownEpoch(t) >= 7, 180_000);

    // the page that started it colours its map so far by the edited labels, not the first run's column
    await page.getByTestId('tab-train').click();
    const started = await waitFor<{ caption: string; names: string[] }>(
      page,
      LIVE_MAP,
      (m) => /^Epoch \d+: /.test(m.caption) && m.names.length > 0,
      120_000,
    );
    assert.match(started.caption, /coloured by label_edited\./);
    assert.ok(started.names.includes(`${first} renamed`), `the edited classes: ${started.names.join(', ')}`);

    // the reloaded page's event stream is held: what it shows of the run can only come from getState
    const release = await reloadWithEventsHeld(page);
    await waitFor<string>(page, EPOCH_TEXT, (t) => shownEpoch(t) > 0, 60_000);
    // once the page took over the engine's state: its last finished run (the first) shows Explore
    await page.getByTestId('tab-train').click();
    assert.match(await page.getByTestId('train-epoch').innerText(), / \/ 100000$/, 'of the retrain’s epochs');
    assert.equal(await page.getByTestId('train-epochs').inputValue(), '100000', 'its settings in the form');
    assert.equal(await page.getByTestId('train-patience').inputValue(), '0');
    // its elapsed time, time left and bar, with no progress event yet
    assert.notEqual(await page.getByTestId('train-elapsed').innerText(), '—', 'Elapsed');
    assert.notEqual(await page.getByTestId('train-eta').innerText(), '—', 'the time left');
    const bar = await page.evaluate<number | null>(BAR);
    assert.ok(bar !== null && bar > 0, `the bar filled as far as the run went: ${bar}`);
    const map = await waitFor<{ caption: string; names: string[] }>(
      page,
      LIVE_MAP,
      (m) => /^Epoch \d+: (cells|rows) coloured by label_edited\./.test(m.caption) && m.names.length > 0,
      120_000,
    );
    assert.ok(map.names.includes(`${first} renamed`), `the edited classes: ${map.names.join(', ')}`);
    assert.ok(!map.names.includes(first), 'not the class before the edit');
    await release();

    await stopRun(page);
    assert.deepEqual(session.problems, []);
  });
});
