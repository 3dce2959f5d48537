/**
 * The Explore composer's part for big maps, with what it computed kept for the next draw: the 3-D view's
 * subsample above SUBSAMPLE_3D_ABOVE cells (map-subsample.ts; computed once per map and labels) and the 2-D
 * view's thinning above THIN_2D_ABOVE cells (map-thinning.ts; again only when the figure, the zoom's square
 * or the pan's window changed), and the sentence saying how many points are drawn. Pure (no DOM).
 */
import type { Data } from 'plotly.js-dist';
import { formatCount } from './format.js';
import { subsampleRows, SUBSAMPLE_3D_ABOVE } from './map-subsample.js';
import {
  squareSide,
  thinFigure,
  THIN_2D_ABOVE,
  type FullTrace,
  type ThinnedFigure,
  type ThinViewport,
} from './map-thinning.js';
import type { MapPoints } from './plot-model.js';

/** What the map draws of its cells, for the note under it. */
export interface ShownCells {
  /** Points drawn (3-D: the subsample; 2-D: after thinning). */
  shown: number;
  /** The map's cells. */
  total: number;
  /** How they were picked; null when every cell is drawn. */
  how: 'subsample' | 'thinned' | null;
}

/** The note for `s`, or '' when every cell is drawn. */
export function shownCellsNote(s: ShownCells): string {
  if (s.how === 'subsample')
    return `Showing ${formatCount(s.shown)} of ${formatCount(s.total)} cells in 3-D: a density-preserving subsample (every class, each region in proportion); box and lasso pick among these. The 2-D view covers every cell.`;
  if (s.how === 'thinned')
    return `Drawing ${formatCount(s.shown)} points for ${formatCount(s.total)} cells at this zoom (one per marker-sized square of each class); zoom in for more. Box and lasso select from every cell.`;
  return '';
}

/** The data bounds of the first two columns (the 2-D view before Plotly has drawn its axes), or null. */
export function dataBounds(
  coords: ArrayLike<number>,
  dims: number,
): { x: [number, number]; y: [number, number] } | null {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < coords.length; i += dims) {
    const x = coords[i];
    const y = coords[i + 1];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return x0 <= x1 && y0 <= y1 ? { x: [x0, x1], y: [y0, y1] } : null;
}

export interface BigMapCache {
  /** The rows the 3-D view draws, or undefined for all of them. */
  rows3d(points: MapPoints): Int32Array | undefined;
  /** Whether the 2-D view of a map of `cells` cells is thinned. */
  thins2d(cells: number): boolean;
  /** `data` thinned for `viewport` (cached while the result would be the same). */
  thin(data: Data[], viewport: ThinViewport, textOf: (rows: readonly number[]) => string[]): ThinnedFigure;
  /** The traces the last thinning kept in full (for 2-D selections), or null when the map is not thinned. */
  fullTraces(): FullTrace[] | null;
  /** What the last draw showed. */
  shown(): ShownCells;
  /** Records a draw of every cell (after a 3-D or 2-D draw without thinning). */
  drewAll(total: number, subsampled: number | null): void;
}

export function createBigMapCache(
  limits = { subsample3d: SUBSAMPLE_3D_ABOVE, thin2d: THIN_2D_ABOVE },
): BigMapCache {
  let subsample: { coords: unknown; labels: unknown; rows: Int32Array } | null = null;
  let thinned: { data: Data[]; key: string; figure: ThinnedFigure } | null = null;
  let full: FullTrace[] | null = null;
  let shown: ShownCells = { shown: 0, total: 0, how: null };
  return {
    rows3d(points) {
      if (points.ids.length <= limits.subsample3d) return undefined;
      if (!subsample || subsample.coords !== points.coords || subsample.labels !== points.labels) {
        const rows = subsampleRows(points.coords, points.dims, points.labels, { limit: limits.subsample3d });
        subsample = { coords: points.coords, labels: points.labels, rows };
      }
      return subsample.rows;
    },
    thins2d: (cells) => cells > limits.thin2d,
    thin(data, viewport, textOf) {
      // the squares and the window, as thinFigure snaps them: equal keys give equal thinnings
      const side = squareSide(viewport, 1);
      const w = viewport.x[1] - viewport.x[0];
      const h = viewport.y[1] - viewport.y[0];
      const snap = (v: number) => (side > 0 ? Math.round(v / (side * 64)) : v);
      const key = [
        side,
        snap(viewport.x[0] - w),
        snap(viewport.x[1] + w),
        snap(viewport.y[0] - h),
        snap(viewport.y[1] + h),
      ].join();
      if (!thinned || thinned.data !== data || thinned.key !== key) {
        thinned = { data, key, figure: thinFigure(data, viewport, textOf) };
      }
      full = thinned.figure.full;
      shown = { shown: thinned.figure.shown, total: thinned.figure.total, how: 'thinned' };
      return thinned.figure;
    },
    fullTraces: () => full,
    shown: () => shown,
    drewAll(total, subsampled) {
      full = null;
      shown =
        subsampled === null
          ? { shown: total, total, how: null }
          : { shown: subsampled, total, how: 'subsample' };
    },
  };
}
