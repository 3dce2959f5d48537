/**
 * End-to-end, Explore ▸ Project another file ▸ Log-normalise counts in `tripletlens serve` and Chromium. A map
 * trained on log-normalised values (pbmc_small_lognorm.csv) and the same cells as raw counts: projected as they
 * come, the warning names the checkbox; with it ticked the counts are normalised as the map's values were and
 * the cells land where their log-normalised values do.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sharedDataPath } from '../../src/util/paths.js';
import { openAndTrainOnBrowsedFile, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

const LOGNORM = sharedDataPath('pbmc_small_lognorm.csv');
const COUNTS = sharedDataPath('pbmc_small_counts.csv');

// Browser-side code as a string: this file is type-checked without the DOM library.
/**
 * The projected traces' names ('counts.csv → B', by file and class) and every projected cell's x and y on the
 * map, each list sorted (the traces group the cells by class).
 */
const PROJECTED_XY = `(() => {
  const traces = (document.querySelector('[data-testid="explore-plot"]').data || [])
    .filter((t) => (t.legendgroup || '').startsWith('projected:') && (t.x || []).length > 0);
  const sorted = (axis) => traces.flatMap((t) => Array.from(t[axis] || [])).sort((a, b) => a - b);
  return { names: traces.map((t) => t.name), x: sorted('x'), y: sorted('y') };
})()`;

interface ProjectedXy {
  names: string[];
  x: number[];
  y: number[];
}

describe('projecting raw counts onto a map of log-normalised values', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('projlognorm', {
    prepare: async (session) => {
      copyFileSync(LOGNORM, join(session.work, 'pbmc_small_lognorm.csv'));
      await openAndTrainOnBrowsedFile(session, 'pbmc_small_lognorm.csv', { label: 'label', epochs: 2 });
    },
    goto: false,
  });

  /** Uploads `path` under Project another file as `name`, and waits for its cells on the map. */
  const project = async (path: string, name: string, cells: number): Promise<ProjectedXy> => {
    const { page } = opened;
    await page.getByTestId('project-file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: readFileSync(path),
    });
    await page.getByTestId('project-info').getByText(name).waitFor({ timeout: 60_000 });
    // the map drawn with this file's cells, not still the last file's (which may hold as many)
    return waitFor<ProjectedXy>(
      page,
      PROJECTED_XY,
      (p) => p.x.length === cells && p.names.every((n) => n.startsWith(`${name} →`)),
    );
  };

  test('the warning names Log-normalise counts; ticked, the counts land as their log values do', async () => {
    const { session, page } = opened;
    const cells = readFileSync(COUNTS, 'utf8').trim().split('\n').length - 1;
    const box = page.getByTestId('project-lognorm');
    // offered for this map, its hint naming the total the map's values were normalised to
    assert.equal(await box.isVisible(), true);
    assert.equal(await box.isChecked(), false);
    const hint = await page.locator('[data-testid="project-lognorm"] ~ .hint').innerText();
    assert.match(hint, /in total — the total per cell of the map’s values, then log1p/);

    await project(COUNTS, 'counts.csv', cells);
    const notices = page.getByTestId('notices');
    await notices.getByText(/counts\.csv holds raw counts/).waitFor({ timeout: 60_000 });
    assert.match(await notices.innerText(), /tick Project another file ▸ Log-normalise counts/);

    const reference = await project(LOGNORM, 'lognorm.csv', cells);
    await box.check();
    const normalised = await project(COUNTS, 'normed.csv', cells);
    await notices
      .getByText(/normed\.csv's counts were log-normalised \(Project another file ▸ Log-normalise counts\)/)
      .waitFor({ timeout: 60_000 });
    const extent = reference.x[cells - 1] - reference.x[0] + reference.y[cells - 1] - reference.y[0];
    for (const axis of ['x', 'y'] as const) {
      const largest = Math.max(...normalised[axis].map((v, i) => Math.abs(v - reference[axis][i])));
      assert.ok(largest < 1e-3 * extent, `${axis}: largest difference ${largest} of ${extent}`);
    }
    assert.doesNotMatch(await notices.innerText(), /normed\.csv holds raw counts/);
    assert.deepEqual(session.problems, []);
  });
});
