/**
 * End-to-end, a page reloaded while a run trains (as a second tab, or the desktop app's renderer reloaded,
 * joins it): it shows the run as the page that started it does — the loss chart from the first epoch, the
 * Train form holding the run's settings, the map so far coloured by the run's classes. The run asks for far
 * more epochs than the test waits for, without early stopping (it is stopped at the end), and the reloaded
 * page's event stream is held until the chart, form and map are read, so what they show can only come from
 * getState (and the label column's values it asks for) — an order, not a time.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { samplePath } from '../../src/util/paths.js';
import { waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { EPOCH_TEXT, reloadWithEventsHeld, shownEpoch, stopRun } from './joined-run.js';

/** The loss chart's points' x values (its loss trace's), or null before it is drawn. Browser-side. */
const LOSS_POINTS = `(() => {
  const el = document.querySelector('[data-testid="loss-plot"]');
  return el && el.data && el.data[0] ? Array.from(el.data[0].x) : null;
})()`;
/** The map so far: its caption and each class trace's name and colour. Browser-side. */
const LIVE_MAP = `(() => {
  const el = document.querySelector('[data-testid="live-map"]');
  const caption = document.querySelector('[data-testid="live-map-caption"]').textContent;
  const traces = el && el.data ? el.data.filter((t) => t.customdata) : [];
  return { caption, traces: traces.map((t) => ({ name: String(t.name), color: String(t.marker.color) })) };
})()`;

describe('a page reloaded while a run trains', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('reload-mid-run');

  test('shows the run’s loss history, settings and coloured map, as the page that started it', async () => {
    const { page } = opened;
    await page.getByTestId('open-sample').click();
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-train').click();
    // settings the form does not default to; epochs far beyond what the test waits for
    await page.getByTestId('train-epochs').fill('100000');
    await page.getByTestId('train-margin').fill('0.7');
    // no early stop: the run goes on until the test stops it
    await page.getByTestId('train-patience').fill('0');
    await page.getByTestId('train-dims').selectOption('2');
    await page.getByTestId('train-snapshotEvery').fill('1');
    await page.getByTestId('train-start').click();
    // in its third epoch: two are done
    const before = shownEpoch(await waitFor<string>(page, EPOCH_TEXT, (t) => shownEpoch(t) >= 3, 180_000));

    // the reloaded page's event stream is held: what it shows of the run can only come from getState
    const release = await reloadWithEventsHeld(page);
    await page.getByTestId('tab-train').click();
    const epoch = shownEpoch(await waitFor<string>(page, EPOCH_TEXT, (t) => shownEpoch(t) > 0, 60_000));
    const points = await waitFor<number[] | null>(page, LOSS_POINTS, (x) => (x?.length ?? 0) > 0, 60_000);
    const x = points ?? [];
    // the Epoch field shows the epoch in progress, as the page that started the run does (the run's last
    // progress, getState's activeProgress); the chart the steps the engine sent (getState's activeSteps), as
    // the page that started the run drew them: each epoch done ends at its last step's point
    const ends = Array.from({ length: epoch - 1 }, (_, i) => i + 1);
    assert.deepEqual(
      ends.filter((e) => !x.includes(e)),
      [],
      `each epoch done has its last step’s point: ${x.join(', ')}`,
    );
    assert.ok(x.length >= ends.length, `${x.length} points in epoch ${epoch}`);
    assert.deepEqual(
      [...x].sort((a, b) => a - b),
      x,
      'in step order',
    );
    assert.ok(epoch >= before - 1, `the epochs done before the reload (${before - 1}) are drawn: ${epoch}`);
    assert.match(await page.getByTestId('train-epoch').innerText(), / \/ 100000$/);
    assert.equal(await page.getByTestId('train-epochs').inputValue(), '100000');
    assert.equal(await page.getByTestId('train-margin').inputValue(), '0.7');
    assert.equal(await page.getByTestId('train-patience').inputValue(), '0');
    assert.equal(await page.getByTestId('train-dims').inputValue(), '2');
    assert.match(await page.getByTestId('train-label').innerText(), /label column “label”/);

    // the map so far, drawn at once and coloured by the run's classes, as the starting page draws it
    const map = await waitFor<{ caption: string; traces: { name: string; color: string }[] }>(
      page,
      LIVE_MAP,
      (m) => /^Epoch \d+: (cells|rows) coloured by label\./.test(m.caption) && m.traces.length > 0,
      120_000,
    );
    const classes = new Set(
      readFileSync(samplePath(), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[1]),
    );
    assert.deepEqual(new Set(map.traces.map((t) => t.name)), classes, 'a trace a class of the sample');
    assert.equal(new Set(map.traces.map((t) => t.color)).size, classes.size, 'each in its own colour');
    await release();

    // the page follows the run it took over: Stop ends it
    await stopRun(page);
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
