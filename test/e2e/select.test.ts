/**
 * End-to-end, selecting cells on the Explore map with real mouse drags in headless Chromium against the real
 * `tripletlens serve`: a 2-D lasso (drawn by the page, picked on release) selects exactly the cells drawn
 * inside it, the count by label shows them, Undo/Redo (buttons and keys) walk back and forth, Shift adds and
 * Alt removes, a class hidden in the legend is not selected, Select class and Invert; then a 3-D run, where
 * the lasso is drawn over the scene and the cells are picked by projecting them — checked against Plotly's
 * own projection of the scene (the matrices its renderer draws with) — and the selection survives
 * recolouring and 3-D → 2-D → 3-D.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { samplePath } from '../../src/util/paths.js';
import { SCENE_GEOMETRY, SHOTS_DIR, waitFor, waitForSteady, startSampleTraining } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

type Pt = [number, number];

// Browser-side code as strings: this file is type-checked without the DOM library.
const PLOT = `document.querySelector('[data-testid="explore-plot"]')`;
/** The selected cells drawn on the map (the added '(selected)' traces), as sorted rows. */
const DRAWN_SELECTED = `(() => {
  const el = ${PLOT};
  if (!el || !el.data) return null;
  const rows = [];
  for (const t of el.data) if (String(t.uid || '').startsWith('selected-')) rows.push(...Array.from(t.customdata));
  return rows.sort((a, b) => a - b);
})()`;
/** The 3-D scene's view matrix as Plotly draws it (changes when the camera turns). */
const VIEW_MATRIX = `Array.from(${PLOT}._fullLayout.scene._scene.glplot.cameraParams.view)`;
const COUNT = `document.querySelector('[data-testid="selection-count"]').textContent`;
const BY_LABEL = `Array.from(document.querySelectorAll('[data-testid="selection-by-label"] tr')).map((tr) => [tr.cells[0] ? tr.querySelector('th').textContent : '', Number(tr.querySelector('td').textContent.replace(/[^0-9]/g, ''))])`;

/** Cells (rows) of the visible 2-D cell traces whose drawn pixel lies inside `poly`, and those within 2 px of its edge. */
const inside2d = (poly: Pt[]) => `(() => {
  const el = ${PLOT};
  const fl = el._fullLayout;
  const xa = fl.xaxis, ya = fl.yaxis;
  const r = el.getBoundingClientRect();
  const poly = ${JSON.stringify(poly)};
  ${GEOMETRY}
  const inside = new Set(), edge = new Set();
  for (const t of el.data) {
    if (t.meta === 'legend-only' || !t.customdata || t.visible === 'legendonly' || String(t.uid || '').startsWith('selected-')) continue;
    if (String(t.name).startsWith('found:')) continue;
    for (let i = 0; i < t.x.length; i++) {
      const px = r.left + xa._offset + xa.l2p(t.x[i]);
      const py = r.top + ya._offset + ya.l2p(t.y[i]);
      if (nearEdge(px, py)) edge.add(t.customdata[i]);
      else if (within(px, py)) inside.add(t.customdata[i]);
    }
  }
  return { inside: [...inside].sort((a, b) => a - b), edge: [...edge] };
})()`;

/** The same for the 3-D scene, projected with Plotly's own camera matrices (as its hover labels are placed). */
const inside3d = (poly: Pt[]) => `(() => {
  const el = ${PLOT};
  const scene = el._fullLayout.scene._scene;
  const cam = scene.glplot.cameraParams;
  const ds = scene.dataScale;
  const cr = scene.container.getBoundingClientRect();
  const poly = ${JSON.stringify(poly)};
  ${GEOMETRY}
  const xf = (m, v) => { const o = [0, 0, 0, 0]; for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) o[j] += m[4 * i + j] * v[i]; return o; };
  const inside = new Set(), edge = new Set();
  for (const t of el.data) {
    if (t.meta === 'legend-only' || !t.customdata || t.visible === 'legendonly' || String(t.uid || '').startsWith('selected-')) continue;
    for (let i = 0; i < t.x.length; i++) {
      const p = xf(cam.projection, xf(cam.view, xf(cam.model, [t.x[i] * ds[0], t.y[i] * ds[1], t.z[i] * ds[2], 1])));
      const px = cr.left + (0.5 + 0.5 * p[0] / p[3]) * cr.width;
      const py = cr.top + (0.5 - 0.5 * p[1] / p[3]) * cr.height;
      if (nearEdge(px, py)) edge.add(t.customdata[i]);
      else if (within(px, py)) inside.add(t.customdata[i]);
    }
  }
  return { inside: [...inside].sort((a, b) => a - b), edge: [...edge] };
})()`;

/** Point-in-polygon and distance-to-edge, written independently of the app's own. */
const GEOMETRY = `
  const within = (x, y) => {
    let c = false;
    for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      const [xi, yi] = poly[i], [xj, yj] = poly[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
    }
    return c;
  };
  const nearEdge = (x, y) => poly.some(([x1, y1], i) => {
    const [x2, y2] = poly[(i + 1) % poly.length];
    const dx = x2 - x1, dy = y2 - y1, l = dx * dx + dy * dy;
    const u = l ? Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / l)) : 0;
    return Math.hypot(x - x1 - u * dx, y - y1 - u * dy) < 2;
  });`;

/** Drags through `points` with the left button (and modifier keys held, if any). */
async function drag(page: Page, points: Pt[], modifier?: 'Shift' | 'Alt'): Promise<void> {
  if (modifier) await page.keyboard.down(modifier);
  await page.mouse.move(points[0][0], points[0][1]);
  await page.mouse.down();
  for (const [x, y] of points.slice(1)) await page.mouse.move(x, y, { steps: 4 });
  await page.mouse.move(points[0][0], points[0][1], { steps: 4 });
  await page.mouse.up();
  if (modifier) await page.keyboard.up(modifier);
}

/** A many-sided lasso: the ellipse with centre (cx, cy) and radii (rx, ry). */
function ellipse(cx: number, cy: number, rx: number, ry: number, n = 24): Pt[] {
  return Array.from({ length: n }, (_, i): Pt => [
    cx + rx * Math.cos((2 * Math.PI * i) / n),
    cy + ry * Math.sin((2 * Math.PI * i) / n),
  ]);
}

/** Asserts that `got` is `expected.inside`, give or take cells within 2 px of the lasso's edge. */
function assertSameCells(got: number[], expected: { inside: number[]; edge: number[] }): void {
  const edge = new Set(expected.edge);
  const want = new Set(expected.inside);
  const missing = expected.inside.filter((r) => !got.includes(r));
  const extra = got.filter((r) => !want.has(r) && !edge.has(r));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
}

/** The camera did not move: the view matrices agree (up to the float noise of the camera's own ticks). */
function assertSameView(now: number[], before: number[]): void {
  const moved = Math.max(...now.map((v, i) => Math.abs(v - before[i])));
  assert.ok(moved < 1e-6, `the camera turned by ${moved} while selecting`);
}

const selectedCount = async (page: Page): Promise<number> => {
  const text = (await page.evaluate(COUNT)) as string;
  const m = /^([\d,  ]+) rows? selected/.exec(text);
  return m ? Number(m[1].replace(/[^0-9]/g, '')) : 0;
};

describe('Selecting cells in a browser', { timeout: 400_000 }, () => {
  const labels: string[] = [];
  const opened = browserSessionHooks('select', {
    prepare: async () => {
      for (const line of readFileSync(samplePath(), 'utf8').trim().split('\n').slice(1))
        labels.push(line.split(',')[1]);
    },
    goto: false,
  });

  /** The plot's drag area (2-D) as a box in page pixels. */
  const dragArea = async () => {
    const box = await opened.page.locator('[data-testid="explore-plot"] .nsewdrag').first().boundingBox();
    assert.ok(box, 'the 2-D plot has a drag area');
    return box;
  };

  test('a 2-D lasso selects exactly the cells drawn inside it, counted by label', async () => {
    const { session, page } = opened;
    await page.goto(session.serve.url);
    await startSampleTraining(page, { epochs: 2, dims: 2 });
    await page.locator('[data-testid="explore-plot"] .nsewdrag').first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(500);
    assert.match((await page.evaluate(COUNT)) as string, /No rows selected/);
    await page.getByTestId('select-tool-lasso').click();
    // Plotly's lasso is set in the map's next draw, a frame or two after the click: a drag before it zooms the
    // map instead (with 250 ms frames nothing was selected), so wait for it as annotate-loop does
    await waitFor<string>(page, `${PLOT}._fullLayout.dragmode`, (m) => m === 'lasso');
    const a = await dragArea();
    const lasso = ellipse(a.x + a.width * 0.35, a.y + a.height * 0.5, a.width * 0.25, a.height * 0.35);
    await drag(page, lasso);
    const n = await waitFor<number>(page, `(${DRAWN_SELECTED} || []).length`, (v) => v > 0);
    const drawn = (await page.evaluate(DRAWN_SELECTED)) as number[];
    assertSameCells(drawn, (await page.evaluate(inside2d(lasso))) as { inside: number[]; edge: number[] });
    assert.equal(await selectedCount(page), n);
    const byLabel = (await page.evaluate(BY_LABEL)) as [string, number][];
    const expected = new Map<string, number>();
    for (const r of drawn)
      expected.set(labels[r] || 'unlabeled', (expected.get(labels[r] || 'unlabeled') ?? 0) + 1);
    assert.deepEqual(new Map(byLabel), expected);
    assert.equal(await page.getByTestId('undo').getAttribute('title'), `Undo: Select ${n} rows`);
    await page.screenshot({ path: join(SHOTS_DIR, 'select-1-lasso-2d.png') });
  });

  test('Undo and Redo, by button and by key, walk the selection back and forth', async () => {
    const { page } = opened;
    const n = await selectedCount(page);
    await page.getByTestId('undo').click();
    await waitFor<string>(page, COUNT, (t) => /No rows selected/.test(t));
    await waitFor<number[]>(page, DRAWN_SELECTED, (v) => v.length === 0);
    assert.equal(await page.getByTestId('redo').getAttribute('title'), `Redo: Select ${n} rows`);
    await page.getByTestId('redo').click();
    await waitFor<number>(page, `(${DRAWN_SELECTED} || []).length`, (v) => v === n);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await waitFor<string>(page, COUNT, (t) => /No rows selected/.test(t));
    await waitFor<number[]>(page, DRAWN_SELECTED, (v) => v.length === 0);
    await page.keyboard.press('Control+Shift+Z');
    await waitFor<number>(page, `(${DRAWN_SELECTED} || []).length`, (v) => v === n);
    await page.keyboard.press('Control+z');
    await waitFor<number[]>(page, DRAWN_SELECTED, (v) => v.length === 0);
    await page.keyboard.press('Control+y');
    await waitFor<number>(page, `(${DRAWN_SELECTED} || []).length`, (v) => v === n);
  });

  test('Shift+drag adds to the selection and Alt+drag removes from it', async () => {
    const { page } = opened;
    const before = (await page.evaluate(DRAWN_SELECTED)) as number[];
    const a = await dragArea();
    const right = ellipse(a.x + a.width * 0.75, a.y + a.height * 0.5, a.width * 0.15, a.height * 0.3);
    await drag(page, right, 'Shift');
    const added = await waitFor<number[]>(page, DRAWN_SELECTED, (v) => v.length > before.length);
    const inRight = (await page.evaluate(inside2d(right))) as { inside: number[]; edge: number[] };
    assertSameCells(added, {
      inside: [...new Set([...before, ...inRight.inside])].sort((x, y) => x - y),
      edge: inRight.edge,
    });
    assert.match(
      (await page.getByTestId('undo').getAttribute('title')) ?? '',
      /^Undo: Add \d+ rows \(\d+ selected\)$/,
    );
    await drag(page, right, 'Alt');
    const removed = await waitFor<number[]>(page, DRAWN_SELECTED, (v) => v.length < added.length);
    assert.ok(
      removed.every((r) => !inRight.inside.includes(r)),
      'no cell of the removed lasso stays selected',
    );
    assert.ok(
      before.every((r) => removed.includes(r) || inRight.inside.includes(r) || inRight.edge.includes(r)),
    );
  });

  test('a class hidden in the legend is not selected by a lasso over it', async () => {
    const { page } = opened;
    const hide = 'CD34+';
    const visibility = `${PLOT}.data.filter((t) => t.legendgroup === ${JSON.stringify(hide)}).map((t) => String(t.visible))`;
    await page.locator('[data-testid="explore-plot"] .legend .traces', { hasText: hide }).click();
    await waitFor<string[]>(page, visibility, (v) => v.length > 0 && v.every((x) => x === 'legendonly'));
    await page.waitForTimeout(400); // not a double click
    const a = await dragArea();
    // a lasso round the whole plot area, starting inside it (where Plotly's drag starts)
    const [x0, y0, x1, y1] = [a.x + 2, a.y + 2, a.x + a.width - 2, a.y + a.height - 2];
    await drag(page, [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ]);
    // the previous step was an Alt+drag: wait for this drag's own result
    await waitFor<string>(page, `document.querySelector('[data-testid="undo"]').title`, (t) =>
      /^Undo: Select \d+ rows$/.test(t),
    );
    // the Select panel shows the new selection in the page's render pass; the map draws it a frame or two
    // later (the 300 ms sleep here read 0 selected cells of 687 with 250 ms frames): wait until the map has
    // as many selected cells as the panel counts
    const count = await selectedCount(page);
    const rows = await waitFor<number[]>(page, DRAWN_SELECTED, (r) => r !== null && r.length === count);
    assert.deepEqual(
      rows.filter((r) => labels[r] === hide),
      [],
      'no hidden cell selected',
    );
    assert.equal(rows.length, labels.filter((l) => l !== hide).length, 'every visible cell selected');
    await page.locator('[data-testid="explore-plot"] .legend .traces', { hasText: hide }).click();
    await page.waitForTimeout(400);
  });

  test('Select class and Invert', async () => {
    const { page } = opened;
    const cls = 'CD14+ Monocyte';
    const size = labels.filter((l) => l === cls).length;
    await page.getByTestId('select-class').selectOption(cls);
    await page.getByTestId('select-class-go').click();
    await waitFor<number>(page, `(${DRAWN_SELECTED} || []).length`, (v) => v === size);
    assert.deepEqual((await page.evaluate(BY_LABEL)) as [string, number][], [[cls, size]]);
    assert.equal(
      await page.getByTestId('undo').getAttribute('title'),
      `Undo: Select class ${cls} (${size} rows)`,
    );
    await page.getByTestId('select-invert').click();
    await waitFor<number>(page, `(${DRAWN_SELECTED} || []).length`, (v) => v === labels.length - size);
    const byLabel = new Map((await page.evaluate(BY_LABEL)) as [string, number][]);
    assert.equal(byLabel.has(cls), false);
    assert.equal(await selectedCount(page), labels.length - size);
    await page.getByTestId('select-clear').click();
    await waitFor<string>(page, COUNT, (t) => /No rows selected/.test(t));
    await page.getByTestId('select-class').selectOption(cls);
    await page.getByTestId('select-class-go').click();
    await waitFor<number>(page, `(${DRAWN_SELECTED} || []).length`, (v) => v === size);
  });

  test('in 3-D a lasso and a Shift+box over the scene select the cells projected inside them', async () => {
    const { page } = opened;
    // a 3-D run on the same data keeps the selection (Select class above)
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-dims').selectOption('3');
    await page.getByTestId('train-start').click();
    await waitFor<boolean>(
      page,
      `(() => { const el = ${PLOT}; return !!(el && el._fullLayout && el._fullLayout.scene && el._fullLayout.scene._scene && el.offsetParent); })()`,
      (v) => v,
      120_000,
    );
    // the scene is sized and its camera set over its first frames: draw the lasso and read the camera once
    // they have settled (else the camera "turned while selecting" when it was only being set)
    await waitForSteady(page, SCENE_GEOMETRY);
    const cls = 'CD14+ Monocyte';
    const size = labels.filter((l) => l === cls).length;
    assert.equal(
      (await page.evaluate(`(${DRAWN_SELECTED} || []).length`)) as number,
      size,
      'kept across runs',
    );
    await page.getByTestId('select-tool-lasso').click();
    const viewBefore = (await page.evaluate(VIEW_MATRIX)) as number[];
    const box = await page.locator('[data-testid="explore-plot"] .gl-container canvas').first().boundingBox();
    assert.ok(box, 'the scene has a canvas');
    const lasso = ellipse(
      box.x + box.width * 0.5,
      box.y + box.height * 0.5,
      box.width * 0.22,
      box.height * 0.22,
    );
    await drag(page, lasso);
    const rows = await waitFor<number[]>(
      page,
      DRAWN_SELECTED,
      (v) => v.length > 0 && (v.length !== size || v.some((r) => labels[r] !== cls)),
    );
    const expected = (await page.evaluate(inside3d(lasso))) as { inside: number[]; edge: number[] };
    assert.ok(expected.inside.length > 0, 'the lasso holds cells');
    assertSameCells(rows, expected);
    await page.screenshot({ path: join(SHOTS_DIR, 'select-2-lasso-3d.png') });
    // the camera did not turn while the lasso was drawn
    assertSameView((await page.evaluate(VIEW_MATRIX)) as number[], viewBefore);
    // a Shift+drag box adds the cells projected inside it: the one of four boxes round the lasso that holds
    // the most cells the lasso did not take
    await page.getByTestId('select-tool-box').click();
    const rect = ([x0, y0, x1, y1]: number[]): Pt[] => [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ];
    const candidates = [
      [0.05, 0.05, 0.45, 0.45],
      [0.55, 0.05, 0.95, 0.45],
      [0.05, 0.55, 0.45, 0.95],
      [0.55, 0.55, 0.95, 0.95],
    ].map((f) => [
      box.x + box.width * f[0],
      box.y + box.height * f[1],
      box.x + box.width * f[2],
      box.y + box.height * f[3],
    ]);
    let best = { corners: candidates[0], inBox: { inside: [] as number[], edge: [] as number[] }, fresh: -1 };
    for (const corners of candidates) {
      const inBox = (await page.evaluate(inside3d(rect(corners)))) as { inside: number[]; edge: number[] };
      const fresh = inBox.inside.filter((r) => !rows.includes(r)).length;
      if (fresh > best.fresh) best = { corners, inBox, fresh };
    }
    assert.ok(best.fresh > 0, 'some box holds cells the lasso did not take');
    const [bx0, by0, bx1, by1] = best.corners;
    await page.keyboard.down('Shift');
    await page.mouse.move(bx0, by0);
    await page.mouse.down();
    await page.mouse.move(bx1, by1, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const inBox = best.inBox;
    const grown = await waitFor<number[]>(page, DRAWN_SELECTED, (v) => v.length > rows.length);
    assertSameCells(grown, {
      inside: [...new Set([...rows, ...inBox.inside])].sort((x, y) => x - y),
      edge: inBox.edge,
    });
    assertSameView((await page.evaluate(VIEW_MATRIX)) as number[], viewBefore);
  });

  test('the selection survives recolouring, point size and 3-D → 2-D → 3-D', async () => {
    const { session, page } = opened;
    const rows = (await page.evaluate(DRAWN_SELECTED)) as number[];
    await page.getByTestId('explore-color-by').selectOption('meta:phase');
    await waitFor<boolean>(
      page,
      `${PLOT}.data.some((t) => t.name === 'G1 (selected)' || t.name === 'S (selected)' || t.name === 'G2M (selected)')`,
      (v) => v,
    );
    assert.deepEqual(await page.evaluate(DRAWN_SELECTED), rows);
    await page.getByTestId('explore-point-size').fill('7');
    await page.getByTestId('explore-dims').selectOption('2');
    await waitFor<boolean>(page, `${PLOT}.data.every((t) => t.type === 'scattergl')`, (v) => v);
    assert.deepEqual(await page.evaluate(DRAWN_SELECTED), rows);
    await page.getByTestId('explore-dims').selectOption('3');
    await waitFor<boolean>(page, `${PLOT}.data.every((t) => t.type === 'scatter3d')`, (v) => v);
    assert.deepEqual(await page.evaluate(DRAWN_SELECTED), rows);
    assert.deepEqual(session.problems, []);
  });
});
