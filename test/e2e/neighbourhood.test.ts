/**
 * End-to-end, the Explore view's neighbourhood check: train the sample to a 2-D map, click a cell, and see its
 * 15 input-space neighbours ringed (black: also among its 15 nearest on the map, magenta: farther away) with
 * the overlap line; the black rings are checked against the map's own 15 nearest of that cell, k = 5 redraws,
 * k = 0 is refused under the map naming the Neighbours (k) field, and Clear removes the rings. A 3-D run rings in scatter3d
 * after a real click on a cell (the plot view counts a 3-D click on release where it was pressed, and Plotly's
 * gl3d picking works in headless Chromium's software WebGL: explore-polish.test.ts). Real `tripletlens serve`.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  SCENE_GEOMETRY,
  SHOTS_DIR,
  waitFor,
  waitForSteady,
  startSampleTraining,
  CELLS_3D,
  type MapCell3d,
} from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';
import { MAP_CELLS as CELLS, standsApart, type MapCell } from './map-cells.js';

// Browser-side code as strings: this file is type-checked without the DOM library.
/** The neighbourhood rings: name and the rows they ring. */
const RINGS = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data) return [];
  return el.data.filter((t) => t.legendgroup === 'neighbourhood')
    .map((t) => ({ name: String(t.name), rows: Array.from(t.customdata || []) }));
})()`;

const HOVER_TEXT = `Array.from(document.querySelectorAll('[data-testid="explore-plot"] .hovertext')).map((e) => e.textContent).join('|')`;

type Cell = MapCell;
type Ring = { name: string; rows: number[] };

/** `text` as a literal in a RegExp. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const INVITATION = 'Click a row on the map to ring its nearest neighbours in the input space.';

describe('the neighbourhood check in a browser', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('neighbours', {
    goto: false,
  });

  /** The overlap line once it matches `pattern`. */
  const lineMatching = (pattern: RegExp) =>
    waitFor<string>(
      opened.page,
      `document.querySelector('[data-testid="neighbour-overlap"]').textContent`,
      (t) => pattern.test(t),
    );

  test('a click on a cell rings its input-space neighbours and says how many the map kept near', async () => {
    const { session, page } = opened;
    await page.goto(session.serve.url);
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    const cells = await waitFor<Cell[]>(page, CELLS, (c) => c.length === 700, 120_000);
    assert.equal(await page.getByTestId('neighbour-overlap').innerText(), INVITATION);
    assert.deepEqual(await page.evaluate(RINGS), []);

    // a cell with no other within 10 px, so the click cannot land on a neighbour
    const apart = (c: Cell) => standsApart(c, cells);
    const target = cells.find(apart);
    assert.ok(target, 'some cell stands apart on the map');
    await page.mouse.move(target.px, target.py);
    await page.waitForTimeout(300); // Plotly's click goes to the hovered point
    await page.mouse.click(target.px, target.py);
    const ids = (await page.evaluate(`(() => {
      const el = document.querySelector('[data-testid="explore-plot"]');
      const ids = [];
      for (const t of el.data) if (t.customdata && t.legendgroup !== 'neighbourhood')
        for (let i = 0; i < t.customdata.length; i++) ids[t.customdata[i]] = String(t.text[i]).split('<br>')[0];
      return ids;
    })()`)) as string[];
    const line = await lineMatching(/input-space neighbours/);
    const m =
      /^(.+): (\d+) of its 15 input-space neighbours (?:is|are) also among its 15 nearest on the map\.$/.exec(
        line,
      );
    assert.ok(m, line);
    assert.equal(m[1], ids[target.row]);
    // the verdict shows where the user clicked: under the map, in the 1280 × 800 window without scrolling
    const lineBox = await page.getByTestId('neighbour-overlap').boundingBox();
    const mapBox = await page.getByTestId('explore-plot').boundingBox();
    assert.ok(lineBox && mapBox, 'the line and the map are laid out');
    assert.ok(
      lineBox.y >= mapBox.y + mapBox.height - 1 && lineBox.y + lineBox.height <= 800,
      `the line at ${JSON.stringify(lineBox)}, the map at ${JSON.stringify(mapBox)}`,
    );
    assert.equal(await page.getByTestId('neighbour-clear').isVisible(), true);
    const shared = Number(m[2]);

    const rings = await waitFor<Ring[]>(page, RINGS, (r) => r.length === 3);
    const kept = rings.find((r) => r.name.startsWith('input neighbours also near'));
    const moved = rings.find((r) => r.name.startsWith('input neighbours farther'));
    const checked = rings.find((r) => r.name.startsWith('checked:'));
    assert.ok(kept && moved && checked, JSON.stringify(rings));
    assert.deepEqual(checked.rows, [target.row]);
    assert.equal(kept.rows.length, shared);
    assert.equal(kept.rows.length + moved.rows.length, 15);
    assert.ok(![...kept.rows, ...moved.rows].includes(target.row));
    // the black rings are among the cell's 15 nearest on the map, the magenta ones are not
    const d = (c: Cell) => Math.hypot(c.x - target.x, c.y - target.y);
    const mapNearest = new Set(
      cells
        .filter((c) => c.row !== target.row)
        .sort((a, b) => d(a) - d(b) || a.row - b.row)
        .slice(0, 15)
        .map((c) => c.row),
    );
    assert.ok(
      kept.rows.every((r) => mapNearest.has(r)),
      'kept neighbours are map neighbours',
    );
    assert.ok(
      moved.rows.every((r) => !mapNearest.has(r)),
      'moved neighbours are not',
    );
    await page.waitForTimeout(500); // let WebGL paint
    await page.screenshot({ path: join(SHOTS_DIR, 'neighbours-1-checked.png') });

    // with the rings drawn, a click on another cell checks that one
    const other = cells.find((c) => apart(c) && Math.hypot(c.px - target.px, c.py - target.py) > 100);
    assert.ok(other, 'a second cell stands apart');
    await page.mouse.move(other.px, other.py);
    await page.waitForTimeout(300);
    await page.mouse.click(other.px, other.py);
    await lineMatching(new RegExp(`^${escape(ids[other.row])}: \\d+ of its 15`));
    await waitFor<Ring[]>(page, RINGS, (r) =>
      r.some((x) => x.name.startsWith('checked:') && x.rows[0] === other.row),
    );
    // and a click on the first one again checks it again
    await page.mouse.move(target.px, target.py);
    await page.waitForTimeout(300);
    await page.mouse.click(target.px, target.py);
    await lineMatching(new RegExp(`^${escape(ids[target.row])}: ${shared} of its 15`));

    // k = 5 checks the same cell again
    await page.getByTestId('neighbour-k').fill('5');
    await page.getByTestId('neighbour-k').press('Tab');
    await lineMatching(/of its 5 input-space neighbours (?:is|are) also among its 5 nearest on the map\.$/);
    const five = await waitFor<Ring[]>(
      page,
      RINGS,
      (r) =>
        r.some((x) => x.name.startsWith('input neighbours') && x.rows.length > 0) &&
        r.filter((x) => x.name.startsWith('input neighbours')).reduce((n, x) => n + x.rows.length, 0) === 5,
    );
    assert.deepEqual(five.find((r) => r.name.startsWith('checked:'))?.rows, [target.row]);

    // a k out of range: refused under the map naming the field, in the run's words for its rows — the
    // engine's refusal was a banner that named no field ("Neighbourhood size … cells") — and no rings
    await page.getByTestId('neighbour-k').fill('0');
    await page.getByTestId('neighbour-k').press('Tab');
    await lineMatching(
      /^Neighbours \(k\) takes a whole number from 1 to 500 \(the run has 700 rows\), not "0"\.$/,
    );
    await waitFor<Ring[]>(page, RINGS, (r) => r.length === 0);
    assert.equal(await page.getByTestId('neighbour-clear').isHidden(), true, 'no rings to clear');
    assert.equal(await page.getByTestId('notice-error').count(), 0, 'no banner');

    // back to 15, then Clear
    await page.getByTestId('neighbour-k').fill('15');
    await page.getByTestId('neighbour-k').press('Tab');
    await lineMatching(/of its 15 input-space neighbours/);
    await waitFor<Ring[]>(page, RINGS, (r) => r.length === 3);
    await page.getByTestId('neighbour-clear').click();
    await waitFor<Ring[]>(page, RINGS, (r) => r.length === 0);
    assert.equal(await page.getByTestId('neighbour-overlap').innerText(), INVITATION);
    assert.equal(await page.getByTestId('neighbour-clear').isHidden(), true);
    assert.deepEqual(session.problems, []);
  });

  test('window resizes keep the 2-D view with the rings shown, also zoomed: the map does not zoom out', async () => {
    const { session, page } = opened;
    // the drawn axis ranges and plot width
    const drawn = `(() => {
      const l = document.querySelector('[data-testid="explore-plot"]')._fullLayout;
      return { x: l.xaxis.range.slice(), y: l.yaxis.range.slice(), width: l.width, height: l.height };
    })()`;
    type Drawn = { x: number[]; y: number[]; width: number; height: number };
    /** Narrower, back, taller, back: the ranges drawn back at 1280 × 800 (the plot at its first size). */
    const resizeAndBack = async (start: Drawn): Promise<Drawn> => {
      for (const [width, height] of [
        [1000, 800],
        [1280, 800],
        [1280, 1000],
        [1280, 800],
      ]) {
        const before = (await page.evaluate(drawn)) as Drawn;
        await page.setViewportSize({ width, height });
        await waitFor<Drawn>(page, drawn, (d) => d.width !== before.width || d.height !== before.height);
      }
      return waitFor<Drawn>(page, drawn, (d) => d.width === start.width && d.height === start.height);
    };
    const near = (a: Drawn, b: Drawn) =>
      [...a.x, ...a.y].every((v, i) => Math.abs(v - [...b.x, ...b.y][i]) < 1e-6 * (1 + Math.abs(v)));

    const cells = await waitFor<Cell[]>(page, CELLS, (c) => c.length === 700);
    const box = await page.getByTestId('explore-plot').boundingBox();
    assert.ok(box);
    const apart = (c: Cell) => standsApart(c, cells);
    const target = cells.find(
      (c) => apart(c) && c.px > box.x + 100 && c.px < box.x + 500 && c.py > box.y + 100 && c.py < box.y + 500,
    );
    assert.ok(target, 'some cell stands apart near the middle of the map');
    await page.mouse.move(target.px, target.py);
    await page.waitForTimeout(300); // Plotly's click goes to the hovered point
    await page.mouse.click(target.px, target.py);
    await waitFor<Ring[]>(page, RINGS, (r) => r.length === 3);
    const ringed = (await page.evaluate(drawn)) as Drawn;
    const back = await resizeAndBack(ringed);
    assert.ok(near(back, ringed), `after resizes ${JSON.stringify(back)}, before ${JSON.stringify(ringed)}`);

    // zoomed in with one wheel step: resizes keep the zoomed view. Plotly shows the zoom at once and
    // commits it (relayout, into its input layout) once the wheel rests: wait for that
    await page.mouse.move(target.px, target.py);
    await page.mouse.wheel(0, -100);
    const committed = `document.querySelector('[data-testid="explore-plot"]').layout.xaxis.range.slice()`;
    await waitFor<number[]>(page, committed, (x) => x[1] - x[0] < ringed.x[1] - ringed.x[0] - 1);
    const settled = (await page.evaluate(drawn)) as Drawn;
    const after = await resizeAndBack(settled);
    assert.ok(
      near(after, settled),
      `zoomed: after ${JSON.stringify(after)}, before ${JSON.stringify(settled)}`,
    );
    await page.getByTestId('neighbour-clear').click();
    await waitFor<Ring[]>(page, RINGS, (r) => r.length === 0);
    assert.deepEqual(session.problems, []);
  });

  test('in 3-D a real click on a cell rings its neighbours with scatter3d traces', async () => {
    const { session, page } = opened;
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-dims').selectOption('3');
    await page.getByTestId('train-start').click();
    const is3d = `(() => {
      const el = document.querySelector('[data-testid="explore-plot"]');
      return !!(el && el.data && el.offsetParent !== null && el.data.length && el.data[0].type === 'scatter3d');
    })()`;
    await waitFor<boolean>(page, is3d, (v) => v, 120_000);
    await waitFor<string>(
      page,
      `document.querySelector('[data-testid="neighbour-overlap"]').textContent`,
      (t) => t === INVITATION,
    );
    // a real click on a cell drawn apart from the others (projected with the scene's own matrices)
    // the scene is sized and its camera set over its first frames: aim at a cell once they have settled
    await waitForSteady(page, SCENE_GEOMETRY);
    const cells = (await page.evaluate(CELLS_3D)) as MapCell3d[];
    const box = await page.getByTestId('explore-plot').boundingBox();
    assert.ok(box && cells.length === 700, `cells on the 3-D map: ${cells.length}`);
    const target = cells.find(
      (c) =>
        c.px > box.x + 40 &&
        c.px < box.x + box.width * 0.7 &&
        c.py > box.y + 60 &&
        c.py < box.y + box.height - 40 &&
        cells.every((o) => o === c || Math.hypot(o.px - c.px, o.py - c.py) > 12),
    );
    assert.ok(target, 'some cell stands apart on the 3-D map');
    const row = target.row;
    await page.mouse.move(target.px - 30, target.py - 30);
    await page.mouse.move(target.px, target.py, { steps: 3 });
    // Plotly picks from a frame drawn after the pointer moved: the hover box of the cell under the pointer says
    // the pick is ready (with slow frames a box for a cell on the pointer's way can come first; a click then
    // checked that cell)
    await waitFor<string>(page, HOVER_TEXT, (t) => t.startsWith(target.id), 10_000);
    await page.mouse.click(target.px, target.py);
    await lineMatching(
      /: \d+ of its 15 input-space neighbours (?:is|are) also among its 15 nearest on the map\.$/,
    );
    // the line is written before Plotly has redrawn the scene with the rings: wait for them, as in 2-D
    await waitFor<Ring[]>(page, RINGS, (r) => r.length === 3);
    const rings = (await page.evaluate(`(() => {
      const el = document.querySelector('[data-testid="explore-plot"]');
      return el.data.filter((t) => t.legendgroup === 'neighbourhood')
        .map((t) => ({ name: String(t.name), type: String(t.type), rows: Array.from(t.customdata || []) }));
    })()`)) as (Ring & { type: string })[];
    assert.equal(rings.length, 3);
    assert.ok(
      rings.every((r) => r.type === 'scatter3d'),
      JSON.stringify(rings),
    );
    assert.deepEqual(rings.find((r) => r.name.startsWith('checked:'))?.rows, [row]);
    assert.equal(
      rings.filter((r) => r.name.startsWith('input neighbours')).reduce((n, r) => n + r.rows.length, 0),
      15,
    );
    await page.waitForTimeout(500); // let WebGL paint
    await page.screenshot({ path: join(SHOTS_DIR, 'neighbours-2-3d.png') });
    assert.deepEqual(session.problems, []);
  });
});
