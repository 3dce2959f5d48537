/**
 * End-to-end through `tripletlens serve`: the live map's labels are asked as class codes and names (one byte
 * a cell rather than one string) and a snapshot's "Map so far", drawn while the run trains, shows the
 * sample's own classes from them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { samplePath } from '../../src/util/paths.js';
import { waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** Records the live map's class trace names whenever its caption names an epoch of the running map. */
const WATCH_LIVE = `(() => {
  const caption = document.querySelector('[data-testid="live-map-caption"]');
  window.__liveNames = [];
  const record = () => {
    const el = document.querySelector('[data-testid="live-map"]');
    if (!/^Epoch \\d+: (cells|rows) coloured by/.test(caption.textContent) || !el || !el.data) return;
    window.__liveNames.push(el.data.filter((t) => t.customdata).map((t) => String(t.name)));
  };
  new MutationObserver(record).observe(caption, { childList: true, characterData: true, subtree: true });
  const poll = () => { record(); if (window.__liveNames.length < 50) requestAnimationFrame(poll); };
  poll();
  return true;
})()`;

describe('the live map’s labels', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('live-labels');

  test('a running map is coloured by the sample’s classes, read as codes', async () => {
    const { page } = opened;
    const bodies: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/columnValues')) bodies.push(r.postDataBuffer()?.toString('latin1') ?? '');
    });
    await page.getByTestId('open-sample').click();
    await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-epochs').fill('6');
    await page.getByTestId('train-dims').selectOption('2');
    await page.getByTestId('train-snapshotEvery').fill('1');
    await page.evaluate(WATCH_LIVE);
    await page.getByTestId('train-start').click();
    const seen = await waitFor<string[][]>(page, 'window.__liveNames', (n) => n.length > 0, 120_000);
    const classes = new Set(
      readFileSync(samplePath(), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[1]),
    );
    assert.deepEqual(new Set(seen[0]), classes, 'every class of the sample, and nothing else');
    assert.equal(bodies.length, 1, 'the labels were asked once');
    assert.match(bodies[0], /"coded":true/, 'as codes');
    await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
