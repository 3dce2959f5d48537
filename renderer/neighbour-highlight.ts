/**
 * The Explore view's neighbourhood check, drawn: a clicked cell ringed, its input-space neighbours ringed in
 * two contrasting colours — those also among its nearest on the map, and those the map put farther away — and
 * the one-line verdict. Pure (no DOM): the screen appends these traces to the map's figure, which it does not
 * rebuild for a new selection.
 */
import type { Data } from 'plotly.js-dist';
import { countText } from '../src/api/count-text.js';
import type { RowWords } from '../src/api/file-format.js';
import { MAX_NEIGHBOURHOOD_K, type CellNeighbourhood } from '../src/api/neighbourhood.js';
import { hoverTexts, is3d, trace, type MapPoints, type MapView } from './plot-model.js';

/** Ring colour of the clicked cell and of the neighbours the map kept close (no class colour is this dark grey). */
export const KEPT_COLOR = '#1a1a1a';
/** Ring colour of input-space neighbours the map put farther away (magenta: in no palette of the map). */
export const MOVED_COLOR = '#ff00c8';

/** The legend group of every neighbourhood trace. */
export const NEIGHBOURHOOD_GROUP = 'neighbourhood';

/** The input-space neighbours split by whether they are also among the cell's k nearest on the map. */
export function splitNeighbours(n: CellNeighbourhood): { kept: number[]; moved: number[] } {
  const onMap = new Set(n.mapNeighbours);
  const kept: number[] = [];
  const moved: number[] = [];
  for (const row of n.inputNeighbours) (onMap.has(row) ? kept : moved).push(row);
  return { kept, moved };
}

/** The largest k a run of `rows` rows can be checked with: the engine's bound (cell-neighbours.ts). */
export function mostNeighbours(rows: number): number {
  return Math.max(1, Math.min(MAX_NEIGHBOURHOOD_K, rows - 1));
}

/**
 * The k typed in the Neighbours (k) field, or the page's sentence refusing it — naming that field and the
 * run's rows in its words (a text table's "rows"): the engine's own refusal, "Neighbourhood size must be …
 * cells", named no field of the page and called a bulk panel's samples cells.
 */
export function fieldNeighbours(
  text: string,
  rows: number,
  words: RowWords,
): { k: number } | { refusal: string } {
  const k = Number(text.trim());
  const most = mostNeighbours(rows);
  if (text.trim() !== '' && Number.isInteger(k) && k >= 1 && k <= most) return { k };
  const typed = text.trim() === '' ? 'it is empty' : `not ${JSON.stringify(text.trim())}`;
  return {
    refusal:
      `Neighbours (k) takes a whole number from 1 to ${countText(most)} (the run has ` +
      `${countText(rows)} ${rows === 1 ? words.one : words.many}), ${typed}.`,
  };
}

/**
 * The verdict line, e.g. "cell_7: 12 of its 15 input-space neighbours are also among its 15 nearest on the
 * map." A 3-D run shown in 2-D says that its map neighbours were found in all 3 dimensions.
 */
export function overlapSentence(
  n: CellNeighbourhood,
  id: string,
  mapDims: number,
  shownDims: number,
): string {
  const dims = shownDims < mapDims ? ` (nearest in all ${mapDims} dimensions)` : '';
  if (n.k === 1) {
    return `${id}: its nearest input-space neighbour is ${n.shared ? '' : 'not '}also its nearest on the map${dims}.`;
  }
  const verb = n.shared === 1 ? 'is' : 'are'; // "1 of its 15 … is", as a walkthrough read "1 of … are"
  return `${id}: ${n.shared} of its ${n.k} input-space neighbours ${verb} also among its ${n.k} nearest on the map${dims}.`;
}

/**
 * The traces that show neighbourhood `n` on the map of `points` drawn with `view`: moved neighbours, kept
 * neighbours, then the clicked cell (drawn last, on top). Every trace holds its cells' rows as customdata, so
 * clicking a ringed neighbour checks that cell in turn. Empty when `n` names cells the map does not have.
 */
export function neighbourTraces(points: MapPoints, n: CellNeighbourhood, view: MapView): Data[] {
  const rows = points.ids.length;
  const inRange = (r: number) => Number.isInteger(r) && r >= 0 && r < rows;
  if (!inRange(n.cell) || !n.inputNeighbours.every(inRange)) return [];
  const threeD = is3d(points, view);
  const { kept, moved } = splitNeighbours(n);
  // rings a few times the point size, so they stay visible around a point of any colour
  const ring = (color: string, size: number, width: number) => ({
    size,
    // WebGL traces draw open symbols in marker.color, so the ring colour goes in both places
    color,
    symbol: 'circle-open',
    line: { color, width },
    opacity: 1,
  });
  const neighbourSize = Math.max(10, view.pointSize * 2.5);
  const part = (name: string, rowsOf: number[], marker: Record<string, unknown>): Data =>
    trace(
      {
        name,
        legendgroup: NEIGHBOURHOOD_GROUP,
        rows: rowsOf,
        coords: points.coords,
        dims: points.dims,
        text: hoverTexts(points, rowsOf, view),
        marker,
        cells: true,
        // a legend entry would widen the legend and so shrink and shift the map under the user's pointer;
        // the panel beside the map explains the rings
        showlegend: false,
      },
      threeD,
    );
  return [
    part(`input neighbours farther on the map (${moved.length})`, moved, ring(MOVED_COLOR, neighbourSize, 2)),
    part(`input neighbours also near on the map (${kept.length})`, kept, ring(KEPT_COLOR, neighbourSize, 2)),
    part(`checked: ${points.ids[n.cell]}`, [n.cell], ring(KEPT_COLOR, Math.max(18, view.pointSize * 4.5), 4)),
  ];
}
