/**
 * End-to-end, Explore ▸ Project another file and a killed `tripletlens serve` engine worker: cells projected
 * onto a freshly trained map die with it — the crash notice says so and the page stops drawing and offering
 * them —, while cells projected onto a reopened session's map come back with it, projected again under the id
 * the page holds: Export projected cells gives the same CSV after the restart, and Save session keeps them —
 * also when the file was uploaded to serve, which keeps the upload while its cells are shown (and deletes it
 * when Remove projected cells takes them off the map).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import {
  exportProjectedCells,
  openAndTrainOnBrowsedFile,
  openBrowserSessionWithTemp,
  reopenSession,
  saveSession,
  waitFor,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import {
  PROJECTED_TRACES,
  projectQuery,
  writeTrainingAndQuery,
  type ProjectedTrace,
} from './project-steps.js';
import { filesUnder } from './serve-process.js';
import { workerPid } from './worker-pid.js';

const INFO = `document.querySelector('[data-testid="project-info"]').textContent`;

describe('projected cells and a killed engine worker', { timeout: 400_000 }, () => {
  let saved: string;
  const opened = browserSessionHooks('project-crash', {
    // serve's own TMPDIR: its uploads can be looked at
    open: openBrowserSessionWithTemp,
    prepare: async (session) => {
      writeTrainingAndQuery(session.work);
      await openAndTrainOnBrowsedFile(session, 'cells.csv', { epochs: 1 });
      ({ file: saved } = await saveSession(session, 'map.tripletlens'));
    },
    goto: false,
  });

  /** Projects query.csv and waits for its crosses. */
  const project = async () => {
    const { session } = opened;
    await projectQuery(session.page);
    await waitFor<string>(session.page, INFO, (t) => t.includes('query.csv'), 60_000);
    await waitFor<ProjectedTrace[]>(session.page, PROJECTED_TRACES, (t) => t.length > 0);
  };

  /** Kills serve's engine worker; returns the crash notice's text once shown. */
  const kill = async () => {
    const { session } = opened;
    process.kill(workerPid(session.serve.child.pid ?? 0), 'SIGKILL');
    const exit = session.page.getByTestId('notice-error').filter({ hasText: 'killed by SIGKILL' });
    await exit.waitFor({ timeout: 30_000 });
    assert.equal(await exit.count(), 1, 'one crash notice');
    return exit.innerText();
  };

  test('onto a freshly trained map: said lost in the crash notice, no longer drawn nor offered', async () => {
    const { session, page } = opened;
    await project();
    assert.match(await kill(), /The projected rows \(query\.csv\) are lost too: project the file again\./);
    await page.getByTestId('project-export').waitFor({ state: 'hidden', timeout: 10_000 });
    assert.equal(await waitFor<string>(page, INFO, (t) => t === ''), '');
    // the plot redraws after the panel's text (Plotly.react is asynchronous): wait for the crosses to go
    assert.deepEqual(await waitFor<ProjectedTrace[]>(page, PROJECTED_TRACES, (t) => t.length === 0), []);
    assert.deepEqual(session.problems, []);
  });

  test('onto a reopened session’s map: projected again after the restart, exported and saved', async () => {
    const { session, page } = opened;
    await reopenSession(page, saved);
    await page.getByTestId('notice-info').filter({ hasText: 'Session opened' }).waitFor({ timeout: 60_000 });
    await project();
    const before = await exportProjectedCells(session, 'before.projected.csv');
    assert.doesNotMatch(await kill(), /projected/);
    assert.equal(await page.getByTestId('project-export').isHidden(), false, 'still offered');
    // the next action: the restarted worker reopens the session, then projects query.csv again
    const after = await exportProjectedCells(session, 'after.projected.csv');
    assert.equal(after.text, before.text);
    const resaved = await saveSession(session, 'resaved.tripletlens');
    assert.ok(resaved.file);
    assert.equal(await page.getByTestId('notice-error').filter({ hasText: 'Cannot save' }).count(), 0);
    assert.deepEqual(session.problems, []);
  });

  test('uploaded for Project another file onto a reopened session’s map: kept, projected again, deleted on Remove', async () => {
    const { session, page } = opened;
    await reopenSession(page, saved);
    await page.getByTestId('notice-info').filter({ hasText: 'Session opened' }).waitFor({ timeout: 60_000 });
    const name = 'uploaded-query.csv';
    await page.getByTestId('project-file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: readFileSync(join(session.work, 'query.csv')),
    });
    await waitFor<string>(page, INFO, (t) => t.includes(name), 60_000);
    const uploaded = () => filesUnder(session.temp).filter((f) => basename(f) === name);
    assert.equal(uploaded().length, 1, 'serve keeps the upload while its cells are shown');
    const before = await exportProjectedCells(session, 'upload-before.projected.csv');
    assert.doesNotMatch(await kill(), /projected/, 'not said lost');
    // the next action: the restarted worker reopens the session, then projects the kept upload again
    const after = await exportProjectedCells(session, 'upload-after.projected.csv');
    assert.equal(after.text, before.text);
    const traces = await page.evaluate<ProjectedTrace[]>(PROJECTED_TRACES);
    assert.equal(
      traces.reduce((n, t) => n + t.points, 0),
      after.text.trim().split('\n').length - 1,
      'the crosses are still drawn',
    );
    assert.equal(
      await page.getByTestId('notice-warning').filter({ hasText: 'Not everything was reopened' }).count(),
      0,
    );
    await page.getByTestId('project-clear').click();
    await waitFor<ProjectedTrace[]>(page, PROJECTED_TRACES, (t) => t.length === 0);
    for (let i = 0; i < 100 && uploaded().length > 0; i++) await page.waitForTimeout(100);
    assert.deepEqual(uploaded(), [], 'Remove projected cells deletes the upload on the server');
    assert.deepEqual(session.problems, []);
  });
});
