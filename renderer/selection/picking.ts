/**
 * From what the map draws to dataset rows. Pure. In 2-D, Plotly's own box/lasso reports the points it
 * selected (only of visible traces); each cell trace carries its dataset rows as customdata, so a point names
 * its row (the projected file's points carry none and drop out). In 3-D, the drawn cell traces are projected
 * through the scene's transform and the rows of the points inside the screen lasso are kept — again only of
 * traces the legend has not hidden.
 */
import { clickedCell, isLegendOnly } from '../plot-model.js';
import { rowsInPolygon, type Polygon } from './polygon.js';
import { projectPoints, type SceneTransform, type Viewport } from './scene-projection.js';

/** The dataset rows of the points of a `plotly_selected` event (unsorted, maybe repeated). */
export function rowsOfSelectedPoints(
  points: readonly Parameters<typeof clickedCell>[0][] | undefined,
): number[] {
  const rows: number[] = [];
  for (const p of points ?? []) {
    const row = clickedCell(p);
    if (row !== null) rows.push(row);
  }
  return rows;
}

/** The fields of a drawn 3-D trace (an entry of the Plotly element's `data`) the lasso reads. */
export interface DrawnTrace {
  x?: ArrayLike<number>;
  y?: ArrayLike<number>;
  z?: ArrayLike<number>;
  customdata?: ArrayLike<unknown>;
  visible?: unknown;
  meta?: unknown;
}

/** Whether a drawn trace shows cells of the run the user can see (not hidden in the legend). */
export function isSelectableTrace(t: DrawnTrace): boolean {
  return (
    !isLegendOnly(t) &&
    t.visible !== 'legendonly' &&
    t.visible !== false &&
    t.customdata !== undefined &&
    t.x !== undefined &&
    t.y !== undefined &&
    t.z !== undefined
  );
}

/**
 * The rows of the drawn 3-D cells whose projection through `scene` onto `viewport` lies inside `polygon`
 * (the same screen coordinates as the viewport). Unsorted, maybe repeated (a ringed cell is drawn twice).
 */
export function rowsInScreenPolygon(
  traces: readonly DrawnTrace[],
  scene: SceneTransform,
  viewport: Viewport,
  polygon: Polygon,
): number[] {
  const rows: number[] = [];
  for (const t of traces) {
    if (!isSelectableTrace(t)) continue;
    const xy = projectPoints(
      t.x as ArrayLike<number>,
      t.y as ArrayLike<number>,
      t.z as ArrayLike<number>,
      scene,
      viewport,
    );
    const cells = Array.from(t.customdata as ArrayLike<unknown>, (v) => (typeof v === 'number' ? v : -1));
    for (const r of rowsInPolygon(xy, cells, polygon)) if (r >= 0) rows.push(r);
  }
  return rows;
}
