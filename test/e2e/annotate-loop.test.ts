/**
 * End-to-end, issue 14's whole loop as a user goes through it, in Chromium against a real `tripletlens serve`:
 * train the bundled sample to a 2-D map; select a cluster with a real mouse lasso; find its marker genes and
 * see that the table's first gene is the best-scored one the engine reports (and marks the selection: more
 * expressed in it, significant), and that a click on it colours the map by it; label the selection as a new
 * class; fine-tune with these labels; save the session (a download); reload the page; reopen the session
 * (an upload) and find the same map coordinates and the edited labels — without training again.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { reopenSession, saveSession, SHOTS_DIR, waitFor, startSampleTraining } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

type Pt = [number, number];

// Browser-side code as strings: this file is type-checked without the DOM library.
const PLOT = `document.querySelector('[data-testid="explore-plot"]')`;
/** Every cell of the map by its row: [x, y, legend group, page x, page y] (the map's own traces only). */
const MAP = `(() => {
  const el = ${PLOT};
  if (!el || !el.data || !el._fullLayout || !el._fullLayout.xaxis || el.offsetParent === null) return null;
  const xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis, box = el.getBoundingClientRect();
  const cells = {};
  for (const t of el.data) {
    if (!t.customdata || !t.x || String(t.uid || '').startsWith('selected-')) continue;
    for (let i = 0; i < t.customdata.length; i++)
      cells[t.customdata[i]] = [t.x[i], t.y[i], String(t.legendgroup),
        box.left + xa._offset + xa.l2p(t.x[i]), box.top + ya._offset + ya.l2p(t.y[i])];
  }
  return cells;
})()`;
type MapCells = Record<string, [number, number, string, number, number]>;
/** The selected cells drawn on the map (the added selection traces), as sorted rows. */
const DRAWN_SELECTED = `(() => {
  const el = ${PLOT};
  if (!el || !el.data) return [];
  const rows = [];
  for (const t of el.data) if (String(t.uid || '').startsWith('selected-')) rows.push(...Array.from(t.customdata));
  return rows.sort((a, b) => a - b);
})()`;
/** The colour bar's title ('' when the map is coloured by class). */
const COLORBAR = `(() => {
  const el = ${PLOT};
  const t = el && el.data && el.data.find((d) => d.marker && d.marker.showscale);
  return t ? String(t.marker.colorbar.title.text) : '';
})()`;
const text = (testid: string) => `document.querySelector('[data-testid="${testid}"]').textContent`;

/** Drags a lasso through `points` with the left button (back to the start). */
async function lasso(page: Page, points: Pt[]): Promise<void> {
  await page.mouse.move(points[0][0], points[0][1]);
  await page.mouse.down();
  for (const [x, y] of points.slice(1)) await page.mouse.move(x, y, { steps: 4 });
  await page.mouse.move(points[0][0], points[0][1], { steps: 4 });
  await page.mouse.up();
}

/** A 24-sided lasso round the page points `pts`: centred on their median, radii twice their spread. */
function lassoRound(pts: Pt[]): Pt[] {
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const cx = median(pts.map((p) => p[0]));
  const cy = median(pts.map((p) => p[1]));
  const spread = (v: number[], c: number) => median(v.map((x) => Math.abs(x - c)));
  const rx = Math.max(
    15,
    2 *
      spread(
        pts.map((p) => p[0]),
        cx,
      ),
  );
  const ry = Math.max(
    15,
    2 *
      spread(
        pts.map((p) => p[1]),
        cy,
      ),
  );
  return Array.from({ length: 24 }, (_, i): Pt => [
    cx + rx * Math.cos((2 * Math.PI * i) / 24),
    cy + ry * Math.sin((2 * Math.PI * i) / 24),
  ]);
}

/** The marker CSV's rows as records (no quoted commas in this file: gene names and numbers). */
function csvRecords(csv: string): Record<string, string>[] {
  const [head, ...lines] = csv.trim().split('\n');
  const names = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

describe('select, find markers, relabel, retrain, save, reload, reopen', { timeout: 600_000 }, () => {
  const opened = browserSessionHooks('loop', {
    goto: false,
  });

  test('the loop from a lasso to a reopened session', async () => {
    const { session, page } = opened;
    await page.goto(session.serve.url);
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    const first = (await waitFor<MapCells | null>(
      page,
      MAP,
      (m) => m !== null && Object.keys(m).length === 700,
      180_000,
    ))!;
    await page.waitForTimeout(500); // the drag layer is drawn after the data
    // one "Select class" in the side bar (the Select panel's; the label-edit panel had a second one)
    assert.equal(await page.getByRole('button', { name: 'Select class', exact: true }).count(), 1);
    // the side bar's panels in the order of the loop: select, marker genes, edit labels (and sessions)
    const headings = (await page.evaluate(
      `Array.from(document.querySelectorAll('aside.controls h2')).map((e) => e.textContent)`,
    )) as string[];
    const at = (name: string) => headings.indexOf(name);
    assert.ok(
      at('Select') >= 0 && at('Select') < at('Marker genes') && at('Marker genes') < at('Edit labels'),
      JSON.stringify(headings),
    );

    // a real lasso round the B cells' cluster (the class drawn most compactly apart on this sample's map)
    const bCells = Object.values(first).filter(([, , g]) => g === 'CD19+ B');
    assert.ok(bCells.length > 50, `B cells on the map: ${bCells.length}`);
    await page.getByTestId('select-tool-lasso').click();
    // the tool is drawn into the plot in the next frame
    await waitFor<string>(page, `${PLOT}._fullLayout.dragmode`, (m) => m === 'lasso');
    await lasso(page, lassoRound(bCells.map(([, , , px, py]): Pt => [px, py])));
    const selected = await waitFor<number[]>(page, DRAWN_SELECTED, (v) => v.length > 0);
    const n = selected.length;
    const bSelected = selected.filter((r) => first[r][2] === 'CD19+ B').length;
    assert.ok(bSelected > n / 2, `mostly B cells: ${bSelected} of ${n}`);
    assert.match((await page.evaluate(text('selection-count'))) as string, new RegExp(`^${n} rows selected`));

    // its marker genes: the table's first gene is the best score the engine reports, and it marks the cluster
    await page.getByTestId('markers-vs-rest').click();
    const genes = await waitFor<string[]>(
      page,
      `Array.from(document.querySelectorAll('[data-testid="markers-gene"]')).map((b) => b.textContent)`,
      (g) => g.length > 0,
      60_000,
    );
    assert.match(
      (await page.evaluate(text('markers-status'))) as string,
      new RegExp(`^${n} selected rows vs the rest \\(${700 - n} rows\\)`),
    );
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('markers-export').click(),
    ]);
    const records = csvRecords(readFileSync(await csvDownload.path(), 'utf8'));
    const best = records.reduce((a, b) => (Number(b.score) > Number(a.score) ? b : a));
    assert.equal(genes[0], best.gene, 'the table starts with the best-scored gene');
    assert.ok(Number(best.logfoldchange) > 0, `${best.gene} is higher in the selection`);
    assert.ok(Number(best.pval_adj) < 1e-6, `${best.gene} adjusted p ${best.pval_adj}`);
    assert.ok(
      Number(best.pct_group) > Number(best.pct_reference),
      `${best.gene} expressed in more selected cells`,
    );
    await page.getByTestId('markers-gene').first().click();
    await waitFor<string>(page, COLORBAR, (t) => t === best.gene);
    assert.equal(await page.getByTestId('explore-color-by').inputValue(), 'gene');
    await page.screenshot({ path: join(SHOTS_DIR, 'loop-1-marker.png') });

    // relabel the selection as a new class
    await page.getByTestId('label-edit-name').fill('Lassoed B');
    await page.getByTestId('label-edit-apply').click();
    await waitFor<string>(page, text('label-edit-status'), (t) => t.includes(`${n} rows relabelled`));

    // fine-tune with these labels: the map moves and draws the new class
    await page.getByTestId('retrain-init').selectOption('fine-tune');
    await page.getByTestId('retrain-epochs').fill('1');
    await page.getByTestId('retrain-start').click();
    const tuned = (await waitFor<MapCells | null>(
      page,
      MAP,
      (m) =>
        m !== null &&
        Object.keys(m).length === 700 &&
        Object.entries(m).some(([row, [x]]) => x !== first[row][0]),
      180_000,
    ))!;
    for (const [row, [, , group]] of Object.entries(tuned)) {
      const want = selected.includes(Number(row)) ? 'Lassoed B' : first[row][2];
      assert.equal(group, want, `cell ${row} label after the retrain`);
    }
    const status = (await page.evaluate(text('label-edit-status'))) as string;
    // the retrained run's labels are the edited ones: the panel counts edits since (none yet), and says so
    assert.match(
      status,
      new RegExp(`^${n} rows selected · retrained with the edited labels, no edits since · 11 classes`),
    );

    // save, reload, reopen
    const { file } = await saveSession(session);
    // a new run after the save, so the engine's map (which a reloaded page shows again) is not the saved one
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-start').click();
    await waitFor<MapCells | null>(
      page,
      MAP,
      (m) =>
        m !== null &&
        Object.keys(m).length === 700 &&
        Object.entries(m).some(([row, [x]]) => x !== tuned[row][0]),
      180_000,
    );
    await reopenSession(page, file);
    await waitFor<string>(page, text('label-edit-status'), (t) => t === status);
    const reopened = (await waitFor<MapCells | null>(
      page,
      MAP,
      (m) =>
        m !== null &&
        Object.entries(tuned).every(([row, [x, y]]) => m[row] && m[row][0] === x && m[row][1] === y),
    ))!;
    for (const [row, [x, y, group]] of Object.entries(tuned)) {
      assert.deepEqual(reopened[row].slice(0, 3), [x, y, group], `cell ${row}`);
    }
    // the selection comes back too
    await waitFor<number[]>(page, DRAWN_SELECTED, (v) => v.join() === selected.join());
    assert.match((await page.evaluate(text('notices'))) as string, /Session opened/);
    await page.screenshot({ path: join(SHOTS_DIR, 'loop-2-reopened.png') });
    assert.deepEqual(session.problems, []);
  });
});
