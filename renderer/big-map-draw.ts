/**
 * The Explore composer's part for big maps, with what it computed kept for the next draw: the 3-D view's
 * subsample above SUBSAMPLE_3D_ABOVE cells (map-subsample.ts; computed once per map and labels) and the 2-D
 * view's thinning above THIN_2D_ABOVE cells (map-thinning.ts; again only when the figure, the zoom's square
 * or the pan's window changed), and the sentence saying how many points are drawn. Without a GPU and without
 * the 3-D point sprites the 3-D limit is lower (big-map.ts: points3dLimit) until the user asks to draw up to
 * the full one. Pure (no DOM).
 */
import type { Data } from 'plotly.js-dist';
import { formatCount } from './format.js';
import { points3dLimit } from './big-map.js';
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
  /**
   * Present when the 3-D subsample is smaller because WebGL has no GPU: how many points the 3-D view draws
   * when asked to draw all (the full limit, or every cell below it).
   */
  noGpu?: { upTo: number };
}

/** The note for `s`, or '' when every cell is drawn. */
export function shownCellsNote(s: ShownCells): string {
  if (s.how === 'subsample' && s.noGpu)
    return `${formatCount(s.shown)} of ${formatCount(s.total)} cells shown in 3-D (no GPU): WebGL draws in software here, so the 3-D view keeps to a density-preserving subsample (every class, each region in proportion) that opens and turns quickly; box and lasso pick among these. The 2-D view covers every cell; ${drawAll3dLabel(s) ?? ''} below draws ${s.noGpu.upTo === s.total ? 'all of them' : formatCount(s.noGpu.upTo)} in 3-D (seconds a frame without a GPU).`;
  if (s.how === 'subsample')
    return `Showing ${formatCount(s.shown)} of ${formatCount(s.total)} cells in 3-D: a density-preserving subsample (every class, each region in proportion); box and lasso pick among these. The 2-D view covers every cell.`;
  if (s.how === 'thinned')
    return `Drawing ${formatCount(s.shown)} points for ${formatCount(s.total)} cells at this zoom (one per half-marker square of each class); zoom in for more. Box and lasso select from every cell.`;
  return '';
}

/** The label of the button that draws the full 3-D limit when a missing GPU lowered it, or null. */
export function drawAll3dLabel(s: ShownCells): string | null {
  if (s.how !== 'subsample' || !s.noGpu) return null;
  return s.noGpu.upTo === s.total
    ? `Draw all ${formatCount(s.total)} in 3-D`
    : `Draw ${formatCount(s.noGpu.upTo)} in 3-D`;
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
  /**
   * The rows an export of a thinned 2-D map saves, or undefined for all: up to the 3-D view's full limit
   * (`full3d` when this page's own was lowered for want of a GPU), a subsample above.
   */
  rowsForExport(points: MapPoints): Int32Array | undefined;
  /** Whether the 2-D view of a map of `cells` cells is thinned. */
  thins2d(cells: number): boolean;
  /**
   * `data`, a map of `cells` cells, thinned for `viewport` (cached while the result would be the same). The
   * note's total is `cells`: the traces hold more points than cells when a selection draws its cells again.
   */
  thin(
    data: Data[],
    viewport: ThinViewport,
    textOf: (rows: readonly number[]) => string[],
    cells: number,
  ): ThinnedFigure;
  /** The traces the last thinning kept in full, or null when the map is not thinned. */
  fullTraces(): FullTrace[] | null;
  /**
   * The cell traces in full of the last 2-D draw, thinned or not: what a 2-D box or lasso selects from (the
   * page draws it and picks on release at every size); null after a 3-D draw.
   */
  traces2d(): FullTrace[] | null;
  /** What the last draw showed. */
  shown(): ShownCells;
  /**
   * Records a draw of every cell (after a 3-D or 2-D draw without thinning); `traces2d`: a 2-D draw's cell
   * traces in full (map-thinning.ts fullTracesOf), default null (a 3-D draw).
   */
  drewAll(total: number, subsampled: number | null, traces2d?: FullTrace[] | null): void;
  /** Raises the 3-D limit to `limits.full3d` (the user asked to draw all despite no GPU). */
  drawAll3d(): void;
}

/** How many points the views draw before they subsample (3-D) or thin (2-D). */
export interface BigMapLimits {
  /** The most points the 3-D view draws. Default SUBSAMPLE_3D_ABOVE. */
  subsample3d: number;
  /** Above this many cells the 2-D view is thinned. Default THIN_2D_ABOVE. */
  thin2d: number;
  /**
   * The 3-D limit with a GPU, when `subsample3d` was lowered because WebGL has none (big-map.ts:
   * points3dLimit); drawAll3d raises the limit to it. Default: undefined (not lowered).
   */
  full3d?: number;
}

/**
 * The cache for a page whose WebGL is software (`softwareWebgl`) or not, with the 3-D point sprites off
 * (`spritesOff`, default false) or not: without a GPU and without sprites the 3-D view draws at most
 * points3dLimit(true, true) points until the user asks for the full limit; else the full limit at once.
 */
export function bigMapCacheFor(softwareWebgl: boolean, spritesOff = false): BigMapCache {
  const limit = points3dLimit(softwareWebgl, spritesOff);
  return createBigMapCache({
    subsample3d: limit,
    thin2d: THIN_2D_ABOVE,
    full3d: limit < SUBSAMPLE_3D_ABOVE ? SUBSAMPLE_3D_ABOVE : undefined,
  });
}

export function createBigMapCache(
  initial: BigMapLimits = { subsample3d: SUBSAMPLE_3D_ABOVE, thin2d: THIN_2D_ABOVE },
): BigMapCache {
  const limits = { ...initial };
  let subsample: { coords: unknown; labels: unknown; limit: number; rows: Int32Array } | null = null;
  let thinned: { data: Data[]; key: string; figure: ThinnedFigure } | null = null;
  let full: FullTrace[] | null = null;
  let selectable: FullTrace[] | null = null;
  let shown: ShownCells = { shown: 0, total: 0, how: null };
  return {
    rows3d(points) {
      if (points.ids.length <= limits.subsample3d) return undefined;
      if (
        !subsample ||
        subsample.coords !== points.coords ||
        subsample.labels !== points.labels ||
        subsample.limit !== limits.subsample3d
      ) {
        const limit = limits.subsample3d;
        const rows = subsampleRows(points.coords, points.dims, points.labels, { limit });
        subsample = { coords: points.coords, labels: points.labels, limit, rows };
      }
      return subsample.rows;
    },
    rowsForExport(points) {
      const limit = Math.max(limits.subsample3d, limits.full3d ?? 0);
      if (points.ids.length <= limit) return undefined;
      if (limit === limits.subsample3d) return this.rows3d(points);
      return subsampleRows(points.coords, points.dims, points.labels, { limit });
    },
    thins2d: (cells) => cells > limits.thin2d,
    thin(data, viewport, textOf, cells) {
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
      selectable = full;
      shown = { shown: thinned.figure.shown, total: cells, how: 'thinned' };
      return thinned.figure;
    },
    fullTraces: () => full,
    traces2d: () => selectable,
    shown: () => shown,
    drewAll(total, subsampled, traces2d = null) {
      full = null;
      selectable = traces2d;
      const lowered = limits.full3d !== undefined && limits.full3d > limits.subsample3d;
      shown =
        subsampled === null
          ? { shown: total, total, how: null }
          : lowered
            ? {
                shown: subsampled,
                total,
                how: 'subsample',
                noGpu: { upTo: Math.min(total, limits.full3d ?? total) },
              }
            : { shown: subsampled, total, how: 'subsample' };
    },
    drawAll3d() {
      if (limits.full3d !== undefined) limits.subsample3d = Math.max(limits.subsample3d, limits.full3d);
    },
  };
}
