/**
 * A 2-D map's plot area on the screen and its pixels → data coordinates, for a box or lasso the page draws
 * itself over a big map (map-selector.ts) instead of Plotly's, which selects the drawn points again at every
 * mouse move. The conversion is Plotly's own (its axes' `p2d`: drawn-plot.ts reads them), and a path leaving
 * the plot area is held at its edge, as Plotly holds its lasso, so the polygon is the one Plotly's
 * `lassoPoints` would give. Pure.
 */

/** The plot area in client px and its axes' pixel → data functions (px from the area's left and top). */
export interface PlotArea2d {
  left: number;
  top: number;
  width: number;
  height: number;
  xOf(px: number): number;
  yOf(py: number): number;
}

/** Whether client point (x, y) lies in the plot area. */
export function insideArea(area: PlotArea2d, x: number, y: number): boolean {
  return x >= area.left && x <= area.left + area.width && y >= area.top && y <= area.top + area.height;
}

/**
 * A polygon in client px ([x0, y0, x1, y1, …]) in the area's data coordinates, each vertex first held inside
 * the plot area (Plotly clamps its lasso and box the same way).
 */
export function dataPolygon(area: PlotArea2d, client: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < client.length; i += 2) {
    const px = Math.max(0, Math.min(area.width, client[i] - area.left));
    const py = Math.max(0, Math.min(area.height, client[i + 1] - area.top));
    out.push(area.xOf(px), area.yOf(py));
  }
  return out;
}
