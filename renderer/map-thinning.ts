/**
 * What the 2-D view of a big map hands to Plotly. Software WebGL (no GPU) spends time per drawn point, so a
 * million-point scattergl redraws in seconds per frame: above THIN_2D_ABOVE cells, each cell trace keeps one
 * point per screen square of the current view (a square about half a marker wide, at least 2 px), the one
 * Plotly would have drawn on top (the last of the trace in it). The picture stays the same up to a marker's
 * width — overlapping markers of one trace paint the same pixels, and kept points at most a marker apart
 * leave no hole in a dense region (squares one marker wide left ~40 % of it blank: blobs drawn as scattered
 * dots) — and zooming in re-thins with smaller squares, down to every cell. Points far outside the view (beyond one view's width or height) are left out until the user pans
 * there. The kept points keep their dataset rows as customdata; hover text is made for kept points only;
 * the full rows of every thinned trace are returned so a 2-D box or lasso selects from all cells, not from
 * the drawn ones. Pure.
 */
import type { Data } from 'plotly.js-dist';
import { isLegendOnly } from './plot-model.js';
import { pointInPolygon, type Polygon } from './selection/polygon.js';
import { pick } from './selection/selection-traces.js';

/** Above this many cells in the figure's cell traces, the 2-D view thins them. */
export const THIN_2D_ABOVE = 50_000;

/** The data ranges of the drawn 2-D plot and its size in px. */
export interface ThinViewport {
  x: readonly [number, number];
  y: readonly [number, number];
  widthPx: number;
  heightPx: number;
}

/** A thinned trace before thinning: what a 2-D selection tests against. */
export interface FullTrace {
  legendgroup: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Dataset rows of the points. */
  rows: ArrayLike<number>;
  /** Plotly's `visible` of the trace when thinned ('legendonly' when the user hid the class). */
  visible: unknown;
}

export interface ThinnedFigure {
  data: Data[];
  /** Points drawn in the cell traces. */
  shown: number;
  /** Cells in those traces before thinning. */
  total: number;
  /** The traces that were thinned, in full. */
  full: FullTrace[];
  /** The square's side in data units (for tests and the bench). */
  square: number;
}

type Trace = Record<string, unknown> & { marker?: Record<string, unknown> };

const isArrayLike = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || ArrayBuffer.isView(v);

/** A cell trace: one that carries dataset rows (customdata) and draws points. */
function isCellTrace(t: Trace): boolean {
  return !isLegendOnly(t) && isArrayLike(t.customdata) && isArrayLike(t.x) && isArrayLike(t.y);
}

/** The cells the figure's cell traces draw. */
export function cellCount(data: readonly Data[]): number {
  let n = 0;
  for (const t of data as unknown as Trace[])
    if (isCellTrace(t)) n += (t.customdata as ArrayLike<unknown>).length;
  return n;
}

/** A cell trace in full, as a 2-D box or lasso tests it. */
function fullTraceOf(t: Trace): FullTrace {
  const rows = t.customdata as ArrayLike<number>;
  const [x, y] = [t.x as ArrayLike<number>, t.y as ArrayLike<number>];
  return { legendgroup: String(t.legendgroup), x, y, rows, visible: t.visible };
}

/**
 * The figure's cell traces in full: what a 2-D box or lasso selects from on a map that is not thinned (a
 * thinned one's are ThinnedFigure.full, the same records).
 */
export function fullTracesOf(data: readonly Data[]): FullTrace[] {
  return (data as unknown as Trace[]).filter(isCellTrace).map(fullTraceOf);
}

/**
 * The square's side in data units: `squarePx` at the viewport's scale (the larger of the two axes' data per
 * px, which is the one a locked aspect ratio draws), rounded to a power of √2 so that small changes of range
 * (Plotly's autorange padding) give the same squares and no redraw.
 */
export function squareSide(viewport: ThinViewport, squarePx: number): number {
  const perPx = Math.max(
    (viewport.x[1] - viewport.x[0]) / Math.max(1, viewport.widthPx),
    (viewport.y[1] - viewport.y[0]) / Math.max(1, viewport.heightPx),
  );
  if (!(perPx > 0) || !Number.isFinite(perPx)) return 0;
  return 2 ** (Math.round(2 * Math.log2(perPx * squarePx)) / 2);
}

/** The indices of the points of one trace to keep: the last in each square, ascending. */
export function keptPoints(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  square: number,
  window: { x0: number; x1: number; y0: number; y1: number },
): number[] {
  const cols = Math.max(1, Math.ceil((window.x1 - window.x0) / square));
  const rows = Math.max(1, Math.ceil((window.y1 - window.y0) / square));
  const last = new Int32Array(cols * rows).fill(-1);
  for (let i = 0; i < x.length; i++) {
    const cx = Math.floor((x[i] - window.x0) / square);
    const cy = Math.floor((y[i] - window.y0) / square);
    if (cx >= 0 && cx < cols && cy >= 0 && cy < rows) last[cy * cols + cx] = i;
  }
  const out: number[] = [];
  for (const i of last) if (i >= 0) out.push(i);
  return out.sort((a, b) => a - b);
}

/**
 * The figure with every cell trace thinned to one point per square of `squarePx` px (default: half the
 * trace's marker size, at least 2) in `viewport`; `textOf(rows)` gives the hover text of kept dataset rows.
 */
export function thinFigure(
  data: readonly Data[],
  viewport: ThinViewport,
  textOf: (rows: readonly number[]) => string[],
  squarePx?: number,
): ThinnedFigure {
  const out: Data[] = [];
  const full: FullTrace[] = [];
  let shown = 0;
  let total = 0;
  let side = 0;
  for (const t of data as unknown as Trace[]) {
    if (!isCellTrace(t)) {
      out.push(t as Data);
      continue;
    }
    const size = typeof t.marker?.size === 'number' ? t.marker.size : 6;
    const square = squareSide(viewport, squarePx ?? Math.max(2, size / 2));
    side = square;
    const x = t.x as ArrayLike<number>;
    const y = t.y as ArrayLike<number>;
    const rows = t.customdata as ArrayLike<number>;
    total += rows.length;
    full.push(fullTraceOf(t));
    if (!(square > 0)) {
      out.push(t as Data);
      shown += rows.length;
      continue;
    }
    // one view's width and height beyond each edge, on the squares' grid, so a pan shows points at once
    const w = viewport.x[1] - viewport.x[0];
    const hgt = viewport.y[1] - viewport.y[0];
    const window = {
      x0: Math.floor((viewport.x[0] - w) / square) * square,
      x1: Math.ceil((viewport.x[1] + w) / square) * square,
      y0: Math.floor((viewport.y[0] - hgt) / square) * square,
      y1: Math.ceil((viewport.y[1] + hgt) / square) * square,
    };
    const picks = keptPoints(x, y, square, window);
    shown += picks.length;
    const keptRows = Int32Array.from(picks, (i) => rows[i]);
    const marker = t.marker ?? {};
    out.push({
      ...t,
      x: pick(x, picks),
      y: pick(y, picks),
      customdata: keptRows,
      text: textOf(Array.from(keptRows)),
      marker: { ...marker, symbol: pick(marker.symbol, picks), color: pick(marker.color, picks) },
    } as Data);
  }
  return { data: out, shown, total, full, square: side };
}

/**
 * The dataset rows of the full traces (not hidden in the legend: `hidden` groups, or the trace's own
 * `visible`) whose points lie in `polygon` (data coordinates, [x0, y0, x1, y1, …]). Maybe repeated.
 */
export function rowsInDataPolygon(
  full: readonly FullTrace[],
  hidden: ReadonlySet<string>,
  polygon: Polygon,
): number[] {
  const out: number[] = [];
  if (polygon.length < 6) return out;
  const xs = polygon.filter((_, i) => i % 2 === 0);
  const ys = polygon.filter((_, i) => i % 2 === 1);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (const t of full) {
    if (hidden.has(t.legendgroup) || t.visible === 'legendonly' || t.visible === false) continue;
    for (let i = 0; i < t.rows.length; i++) {
      const x = t.x[i];
      const y = t.y[i];
      // the bounding box first: most points of a big map are far from a small lasso
      if (x >= minX && x <= maxX && y >= minY && y <= maxY && pointInPolygon(x, y, polygon))
        out.push(t.rows[i]);
    }
  }
  return out;
}

/**
 * The box or lasso of a plotly_selected event in data coordinates ([x0, y0, x1, y1, …]): the lasso's
 * `lassoPoints` or the box's `range`; null when the event has neither.
 */
export function selectionPolygon(event: unknown): number[] | null {
  const e = event as
    { lassoPoints?: { x?: unknown; y?: unknown }; range?: { x?: unknown; y?: unknown } } | undefined;
  const numbers = (v: unknown): number[] | null =>
    Array.isArray(v) && v.every((n) => typeof n === 'number') ? (v as number[]) : null;
  const lx = numbers(e?.lassoPoints?.x);
  const ly = numbers(e?.lassoPoints?.y);
  if (lx && ly && lx.length === ly.length && lx.length >= 3) return lx.flatMap((x, i) => [x, ly[i]]);
  const rx = numbers(e?.range?.x);
  const ry = numbers(e?.range?.y);
  if (rx && ry && rx.length === 2 && ry.length === 2)
    return [rx[0], ry[0], rx[1], ry[0], rx[1], ry[1], rx[0], ry[1]];
  return null;
}
