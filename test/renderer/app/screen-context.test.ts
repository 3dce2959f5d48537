// Walkthrough: an error of Explore's Project another file stayed on screen over the Import screen the user
// moved to. A projection's failures and notices now belong to Explore (Notice.screen): shown there only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBusy, screenContext, type NoticeContext } from '../../../renderer/app/screen-context.js';
import { shownNotices } from '../../../renderer/notices.js';
import { INITIAL_STATE, reduce, type Action, type AppState } from '../../../renderer/state.js';
import { projectedFixture } from '../fixtures.js';

/** The notice-raising part of a page's context (app/context.ts) over the real reducer. */
function pageContext(screen: AppState['screen']) {
  let state: AppState = { ...INITIAL_STATE, screen };
  const dispatch = (action: Action): void => {
    state = reduce(state, action);
  };
  const getState = () => state;
  const ctx: NoticeContext = {
    getState,
    dispatch,
    busy: (task, title, call) => runBusy(dispatch, getState, task, title, call),
  };
  return {
    ctx,
    state: () => state,
    go: (to: AppState['screen']) => dispatch({ type: 'show-screen', screen: to }),
  };
}

test('a failed projection is shown in Explore, not over the Import screen, and again back in Explore', async () => {
  const page = pageContext('explore');
  const explore = screenContext(page.ctx, 'explore');
  const got = await explore.busy(
    { kind: 'embed', message: 'Projecting q.csv…', fraction: null, cancellable: false },
    'Could not project q.csv',
    () => Promise.reject(new Error('q.csv: line 3, column 2: not a number')),
  );
  assert.equal(got, undefined);
  explore.dispatch({ type: 'failed', title: 'Could not show the open dialog', error: new Error('no') });
  explore.dispatch({ type: 'notice', level: 'warning', title: 'Projected q.csv', message: '2 ids repeated' });
  const titles = () => shownNotices(page.state().notices, page.state().screen).map((n) => n.title);
  const all = ['Could not project q.csv', 'Could not show the open dialog', 'Projected q.csv'];
  assert.deepEqual(titles(), all);
  assert.equal(page.state().busy, null, 'the failed call is no longer busy');
  page.go('import');
  assert.deepEqual(titles(), [], 'the Import screen shows none of Explore’s');
  assert.equal(page.state().notices.length, 3, 'kept for Explore');
  page.go('explore');
  assert.deepEqual(titles(), all);
});

test('notices raised outside a screen’s context are shown on every screen', async () => {
  const page = pageContext('import');
  await page.ctx.busy(
    { kind: 'import', message: 'Opening a.csv…', fraction: null, cancellable: false },
    'Import failed',
    () => Promise.reject(new Error('a.csv: empty')),
  );
  page.ctx.dispatch({ type: 'notice', level: 'info', title: 'Engine restarted', message: '' });
  for (const screen of ['import', 'train', 'explore', 'export'] as const) {
    page.go(screen);
    assert.deepEqual(
      shownNotices(page.state().notices, screen).map((n) => n.title),
      ['Import failed', 'Engine restarted'],
      screen,
    );
  }
});

// Walkthrough: a "Could not project …" error stayed on screen after a later projection succeeded. A failure
// raised through the panel's context is about 'project': the next projection's start clears it, and so does a
// projection shown; removing the projected cells, or another screen's failure, does not.
test('a failed projection’s error goes when the next projection starts or one is shown', async () => {
  const page = pageContext('explore');
  const explore = screenContext(page.ctx, 'explore', 'project');
  const fail = (name: string) =>
    explore.busy(
      { kind: 'embed', message: `Projecting ${name}…`, fraction: null, cancellable: false },
      `Could not project ${name}`,
      () => Promise.reject(new Error(`${name}: line 3, column 2: not a number`)),
    );
  await fail('q.csv');
  page.ctx.dispatch({ type: 'failed', title: 'Could not save the session', error: new Error('disk full') });
  const titles = () => page.state().notices.map((n) => n.title);
  assert.deepEqual(titles(), ['Could not project q.csv', 'Could not save the session']);
  explore.dispatch({ type: 'projection-started' });
  assert.deepEqual(titles(), ['Could not save the session'], 'gone at the next start, the other kept');
  await fail('r.csv');
  page.ctx.dispatch({ type: 'projected', result: null });
  assert.deepEqual(titles(), ['Could not save the session', 'Could not project r.csv'], 'removing keeps it');
  page.ctx.dispatch({ type: 'projected', result: PROJECTED });
  assert.deepEqual(titles(), ['Could not save the session'], 'gone once cells are projected');
});

/** A projection's reply (one cell). */
const PROJECTED = projectedFixture({ metadataSource: null, joinedMetadata: [] });
