/**
 * End-to-end, two tabs of one `tripletlens serve`: tab A has the sample open (no run, no map); tab B opens
 * another file. Tab A used to be told nothing and kept showing the sample until its Start was refused ("The
 * engine now holds sklearn_iris.csv…"). Now tab A says at once that another window opened the file and shows
 * it — its Train screen offers a run on it — while tab B, whose open it was, is not told another window did.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { sharedDataPath } from '../../src/util/paths.js';
import { browserSessionHooks } from './session-hooks.js';

const OTHER = 'sklearn_iris.csv';
const OPENED_WORDS = `Another window opened ${OTHER}.`;

describe('Open in a second tab while the first only views its data', { timeout: 300_000 }, () => {
  /** The second tab, opened by `ready` in the session's browser (closed with it). */
  let second: Page;

  const opened = browserSessionHooks('tab-follows-open', {
    prepare: (session) => copyFileSync(join(sharedDataPath(), OTHER), join(session.work, OTHER)),
    ready: async ({ page: first, browser, serve }) => {
      await first.getByTestId('open-sample').click();
      await first.getByTestId('class-counts').waitFor({ timeout: 60_000 });
      second = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await second.goto(serve.url);
    },
  });

  test('the first tab says once that another window opened the file, and shows it', async () => {
    const { session, page: first } = opened;
    await second.getByTestId('import-file').setInputFiles(join(session.work, OTHER));
    const told = first.getByTestId('notice-info').filter({ hasText: OPENED_WORDS });
    await told.waitFor({ timeout: 60_000 });
    assert.equal(await told.count(), 1);
    // its Train screen offers the file the engine now holds, not the sample's Start that would be refused
    await first.getByTestId('tab-train').click();
    await first.getByTestId('train-label').getByText(`Training on ${OTHER}`).waitFor({ timeout: 30_000 });
    assert.equal(await first.getByTestId('train-start').isDisabled(), false);
    assert.equal(await first.getByTestId('notice-error').count(), 0);
    // the tab that opened it is not told another window did
    await second.getByTestId('tab-train').click();
    await second.getByTestId('train-label').getByText(`Training on ${OTHER}`).waitFor({ timeout: 30_000 });
    assert.equal(await second.getByText('Another window').count(), 0);
    assert.deepEqual(session.problems, []);
  });
});
