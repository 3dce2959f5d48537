/**
 * The brute-force side of the 2-D lasso tests (big-map-lasso, small-map-lasso): every cell of the run inside a
 * lasso drawn in client pixels, tested in the page against every cell by the even-odd rule.
 */

/** The Explore map's graph div, as a page-side expression. */
export const PLOT = `document.querySelector('[data-testid="explore-plot"]')`;

/**
 * Every cell inside `lasso` (client px), by the brute-force rule: each vertex held in the plot area and taken
 * to data coordinates by Plotly's axes, then every cell of the run tested by the even-odd rule (browser-side).
 */
export const insideLasso = (lasso: number[][]) => `(() => {
  const el = ${PLOT};
  const fl = el._fullLayout;
  const r = el.querySelector('.draglayer .xy .nsewdrag').getBoundingClientRect();
  const poly = ${JSON.stringify(lasso)}.map(([x, y]) => [
    fl.xaxis.p2d(Math.max(0, Math.min(fl.xaxis._length, x - r.left))),
    fl.yaxis.p2d(Math.max(0, Math.min(fl.yaxis._length, y - r.top))),
  ]);
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const result = window.tripletlensE2e.getState().result;
  const { data, cols } = result.coords;
  const rows = result.rows ?? null;
  const inside = [];
  for (let i = 0; i < data.length / cols; i++) {
    const x = data[i * cols];
    const y = data[i * cols + 1];
    if (!(x >= x0 && x <= x1 && y >= y0 && y <= y1)) continue;
    let odd = false;
    for (let a = 0, b = poly.length - 1; a < poly.length; b = a++) {
      const [xa, ya] = poly[a];
      const [xb, yb] = poly[b];
      if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) odd = !odd;
    }
    if (odd) inside.push(rows ? rows[i] : i);
  }
  return inside.sort((p, q) => p - q);
})()`;
