/**
 * A grid of bins over a big 2-D map's cells, built once a map, so that a box or lasso tests only the cells of
 * the bins its bounding box touches rather than all 10⁵–10⁶ of them. Same rule, same rows in the same order
 * as `rowsInDataPolygon` (map-thinning.ts), which tests every cell: a cell is picked when it lies in the
 * polygon's bounding box and inside the polygon by the even-odd rule. Pure.
 */
import type { FullTrace } from '../map-thinning.js';
import { pointInPolygon, polygonBounds, type Polygon } from './polygon.js';

/** About this many cells a bin, on average over the map's bounding box. */
const CELLS_PER_BIN = 16;

export interface PointBins {
  /** The traces the bins were built from (the latest ones handed to {@link pointBinsFor}: their `visible`). */
  traces: readonly FullTrace[];
  /** The rows `rowsInDataPolygon(traces, hidden, polygon)` gives, in its order, found through the bins. */
  rowsIn(hidden: ReadonlySet<string>, polygon: Polygon): number[];
}

/** One axis of the grid: which bin a coordinate falls in (monotone in the coordinate, clamped). */
interface Axis {
  min: number;
  scale: number;
  bins: number;
}

function axisOf(values: readonly ArrayLike<number>[], bins: number): Axis {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  // a flat axis (or no finite point) puts everything in bin 0
  const scale = max > min && Number.isFinite(max - min) ? bins / (max - min) : 0;
  return { min: Number.isFinite(min) ? min : 0, scale, bins };
}

/**
 * The bin of coordinate `v`: floor((v − min) · scale), clamped to [0, bins − 1]. Monotone non-decreasing in
 * `v` (IEEE subtraction and multiplication by a positive constant round monotonically), so every cell with
 * lo ≤ v ≤ hi lies in a bin between binOf(lo) and binOf(hi).
 */
function binOf(axis: Axis, v: number): number {
  const b = Math.floor((v - axis.min) * axis.scale);
  return b < 0 ? 0 : b >= axis.bins ? axis.bins - 1 : b;
}

/** Builds the bins of `traces` (their finite points; a point with NaN or ±Infinity is never picked). */
export function buildPointBins(traces: readonly FullTrace[]): PointBins {
  let total = 0;
  for (const t of traces) total += t.rows.length;
  const side = Math.max(1, Math.round(Math.sqrt(total / CELLS_PER_BIN)));
  const finite = (t: FullTrace) => {
    const ok = new Uint8Array(t.rows.length);
    for (let i = 0; i < ok.length; i++) ok[i] = Number.isFinite(t.x[i]) && Number.isFinite(t.y[i]) ? 1 : 0;
    return ok;
  };
  const kept = traces.map(finite);
  const keptValues = (axis: 'x' | 'y') =>
    traces.map((t, k) => Float64Array.from(t[axis]).filter((_, i) => kept[k][i] === 1));
  const ax = axisOf(keptValues('x'), side);
  const ay = axisOf(keptValues('y'), side);
  // counting sort of the points' global indices (trace by trace, point by point) into bins
  const binOfPoint = new Int32Array(total).fill(-1);
  const start = new Int32Array(side * side + 1);
  const traceStart = new Int32Array(traces.length + 1);
  let g = 0;
  traces.forEach((t, k) => {
    traceStart[k] = g;
    for (let i = 0; i < t.rows.length; i++, g++) {
      if (kept[k][i] === 0) continue;
      const b = binOf(ay, t.y[i]) * side + binOf(ax, t.x[i]);
      binOfPoint[g] = b;
      start[b + 1]++;
    }
  });
  traceStart[traces.length] = total;
  for (let b = 0; b < side * side; b++) start[b + 1] += start[b];
  const points = new Int32Array(start[side * side]);
  const fill = start.slice(0, side * side);
  for (let p = 0; p < total; p++) if (binOfPoint[p] >= 0) points[fill[binOfPoint[p]]++] = p;

  const bins: PointBins = {
    traces,
    rowsIn(hidden, polygon) {
      const out: number[] = [];
      if (polygon.length < 6) return out;
      const { minX, maxX, minY, maxY } = polygonBounds(polygon);
      if (!(minX <= maxX && minY <= maxY)) return out;
      const candidates: number[] = [];
      const [c0, c1, r0, r1] = [binOf(ax, minX), binOf(ax, maxX), binOf(ay, minY), binOf(ay, maxY)];
      for (let r = r0; r <= r1; r++)
        for (let b = r * side + c0; b <= r * side + c1; b++)
          for (let j = start[b]; j < start[b + 1]; j++) candidates.push(points[j]);
      // the brute-force rule's order: trace by trace, point by point
      const sorted = Int32Array.from(candidates).sort();
      let k = 0;
      for (const p of sorted) {
        while (p >= traceStart[k + 1]) k++;
        const t = bins.traces[k];
        if (hidden.has(t.legendgroup) || t.visible === 'legendonly' || t.visible === false) continue;
        const i = p - traceStart[k];
        const x = t.x[i];
        const y = t.y[i];
        if (x >= minX && x <= maxX && y >= minY && y <= maxY && pointInPolygon(x, y, polygon))
          out.push(t.rows[i]);
      }
      return out;
    },
  };
  return bins;
}

/** Whether two lists of traces hold the same points (the same arrays, trace by trace). */
function sameGeometry(a: readonly FullTrace[], b: readonly FullTrace[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (t, k) =>
        t.x === b[k].x && t.y === b[k].y && t.rows === b[k].rows && t.legendgroup === b[k].legendgroup,
    )
  );
}

/**
 * A cache of one map's bins: `binsFor(traces)` builds them for a new map and hands back the built ones for
 * the same map's traces again (a big map is thinned anew at every pan or zoom, with the same full arrays),
 * with `traces` updated to the ones given (their `visible` may have changed).
 */
export function createPointBinsCache(): (traces: readonly FullTrace[]) => PointBins {
  let held: PointBins | null = null;
  return (traces) => {
    if (!held || !sameGeometry(held.traces, traces)) held = buildPointBins(traces);
    else held.traces = traces;
    return held;
  };
}
