/**
 * The Explore view's 2-D map as a test sees it: every cell with its row, map position and page position, and
 * a click on a cell that stands apart (no other within 10 px, so the click cannot land on a neighbour).
 */
import type { Page } from 'playwright-core';
import { waitFor } from './browser-session.js';

/** A cell on the 2-D map: its row (customdata), map position and page position. */
export interface MapCell {
  row: number;
  x: number;
  y: number;
  px: number;
  py: number;
}

// Browser-side code as a string: this file is type-checked without the DOM library.
/** Every cell on the 2-D map (not the neighbourhood rings), or [] while the map is not shown. */
export const MAP_CELLS = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data || !el._fullLayout || el.offsetParent === null) return [];
  const xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis, box = el.getBoundingClientRect();
  const cells = [];
  for (const t of el.data) {
    if (t.meta === 'legend-only' || !t.customdata || String(t.legendgroup) === 'neighbourhood') continue;
    for (let i = 0; i < t.x.length; i++) {
      cells.push({ row: t.customdata[i], x: t.x[i], y: t.y[i],
        px: box.left + xa._offset + xa.l2p(t.x[i]), py: box.top + ya._offset + ya.l2p(t.y[i]) });
    }
  }
  return cells;
})()`;

/** True when no other of `cells` is within 10 px of `cell` on the page. */
export function standsApart(cell: MapCell, cells: MapCell[]): boolean {
  return cells.every((o) => o.row === cell.row || Math.hypot(o.px - cell.px, o.py - cell.py) > 10);
}

/** Waits for the map's `count` cells, clicks one that stands apart and returns it. */
export async function clickCellApart(page: Page, count: number): Promise<MapCell> {
  const cells = await waitFor<MapCell[]>(page, MAP_CELLS, (c) => c.length === count, 120_000);
  const target = cells.find((c) => standsApart(c, cells));
  if (!target) throw new Error('no cell stands apart on the map');
  await page.mouse.move(target.px, target.py);
  await page.waitForTimeout(300); // Plotly's click goes to the hovered point
  await page.mouse.click(target.px, target.py);
  return target;
}
