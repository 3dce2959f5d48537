/**
 * Builds the Explore map as Plotly data + layout from plain arrays, with no DOM: one trace per group (class,
 * or metadata category), held-out cells drawn as diamonds, unlabeled cells grey, an optional highlighted
 * search hit and an optional projected second file. The legend comes from one point-less legend-only trace
 * per group (same legendgroup, so clicks still hide/isolate the group): Plotly draws a legend icon from a
 * trace's first point, which would show a held-out diamond or a gene's colour instead of the class. Coordinates go to Plotly as Float32Arrays so that
 * 100 000 points stay cheap, and `uirevision` keeps the user's camera when the figure is rebuilt.
 */
import type { Data, Layout } from 'plotly.js-dist';
import { countText } from '../src/api/count-text.js';
import { categoryColor, CONTINUOUS_SCALE, UNLABELED_COLOR, type ColorRange } from './colors.js';
import { orderClasses, UNLABELED_GROUP } from '../src/api/class-palette.js';

// shared with the CLI's h5ad result, whose class colours follow the map's order
export { orderClasses, UNLABELED_GROUP };
import { legendNames, shortName } from './legend-names.js';

export type SplitName = 'train' | 'holdout' | 'unlabeled';

/** The cells of a run: row-major coordinates (rows × dims) with one id, label and split per row. */
export interface MapPoints {
  coords: Float32Array;
  /** Columns of `coords`: 2 or 3. */
  dims: number;
  ids: readonly string[];
  /** '' for an unlabeled cell. */
  labels: readonly string[];
  split: readonly SplitName[];
  /**
   * What one row is called in the hover box ("training cell", "held-out row"): a text table's rows, which may
   * be a bulk panel's samples, are rows (`runRowWords`). Default 'cell'.
   */
  rowWord?: 'cell' | 'row';
  /**
   * The name of the column `labels` come from, which each cell's hover names ('cell_type: B cell', as a
   * scanpy user knows the column). Default 'label'.
   */
  labelName?: string;
}

/** What decides point colours. Groups (legend entries) follow the colouring except for continuous values. */
export type ColorBy =
  /** One colour per class of the run's label column. */
  | { kind: 'label'; colors?: CategoryColors; order?: readonly string[] }
  /** One colour per value of a text column. */
  | {
      kind: 'category';
      name: string;
      values: readonly string[];
      colors?: CategoryColors;
      order?: readonly string[];
    }
  /**
   * A continuous scale (gene expression, numeric metadata); legend entries stay per class, in `order` — the
   * run's label column's stored order, as colouring by the labels lists them.
   */
  | {
      kind: 'continuous';
      name: string;
      values: ArrayLike<number>;
      range: ColorRange;
      order?: readonly string[];
    };

/**
 * Colours the data file already assigns to a column's categories (an h5ad's `uns['<column>_colors']`, what
 * the user chose in scanpy), by category: those categories keep them, the others take the palette.
 */
export type CategoryColors = Readonly<Record<string, string>>;

/*
 * A ColorBy's `order`: the column's categories in the file's stored order (an h5ad's categorical, as scanpy's
 * legend lists them, `DatasetSummary.categoryOrder`); the legend, traces and colours follow it. Default none.
 */

/** A column shown in the hover box. */
export interface HoverField {
  name: string;
  values: readonly string[] | ArrayLike<number>;
}

/** A second file projected through the trained model. */
export interface ProjectedPoints {
  source: string;
  coords: Float32Array;
  dims: number;
  ids: readonly string[];
  predicted: readonly string[];
  confidence: ArrayLike<number>;
  /** The file's own labels, when it has the run's label column. */
  labels: readonly string[] | null;
  /** The columns of a metadata file joined to the cells (shown in the hover box). Default none. */
  joinedMetadata?: readonly { name: string; values: readonly string[] }[];
  /**
   * The joined column whose values group and colour the crosses instead of the predicted class; absent, '' or
   * a column the cells lack: the predicted class.
   */
  colourBy?: string;
  /**
   * The stored order of the grouping column's categories — the run's label column for the predicted class, or
   * the joined column of `colourBy` — as the main map's legend follows it for the same column
   * (`DatasetSummary.categoryOrder`): the crosses' traces, legend entries and any colour of their own follow
   * it too. Default none (cluster codes by number, else largest first).
   */
  order?: readonly string[];
}

/** How the map is drawn. */
export interface MapView {
  /** Draw in 3-D (scatter3d); false or 2-D coordinates draw scattergl with the first two dimensions. Default true. */
  show3d: boolean;
  /** Marker size in px. Default 4 (3-D) — the UI's slider default. */
  pointSize: number;
  /** Marker opacity in (0, 1]. Default 0.8. */
  opacity: number;
  colorBy: ColorBy;
  hoverFields: readonly HoverField[];
  /** A cell id to mark with a ring, or null. */
  highlightId: string | null;
  projected: ProjectedPoints | null;
  /** Chart title, or '' for none. */
  title: string;
}

export const DEFAULT_MAP_VIEW: MapView = {
  show3d: true,
  pointSize: 4,
  opacity: 0.8,
  colorBy: { kind: 'label' },
  hoverFields: [],
  highlightId: null,
  projected: null,
  title: '',
};

/** A set of row indices sharing one key. */
export interface Group {
  name: string;
  rows: number[];
}

/**
 * Groups row indices by key in `orderClasses`' order (`order`'s first, cluster codes by number, else largest first),
 * the empty key last under "unlabeled". Deterministic, so colours stay put while snapshots redraw the map.
 */
export function groupRows(keys: readonly string[], order?: readonly string[]): Group[] {
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i].trim();
    let rows = byKey.get(key);
    if (!rows) byKey.set(key, (rows = []));
    rows.push(i);
  }
  const groups = orderClasses(
    [...byKey.entries()]
      .filter(([key]) => key !== '')
      .map(([name, rows]) => ({ name, rows, count: rows.length })),
    order,
  ).map(({ name, rows }) => ({ name, rows }));
  const empty = byKey.get('');
  if (empty) groups.push({ name: UNLABELED_GROUP, rows: empty });
  return groups;
}

/** A '#rgb' / '#rrggbb' colour (what scanpy stores); anything else in a file is ignored. */
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * The colour of each group name: the file's own colour for a category that has one (`given`), else palette
 * order over the groups without one; grey for "unlabeled".
 */
export function groupColors(groups: readonly Group[], given?: CategoryColors): Map<string, string> {
  const colors = new Map<string, string>();
  let next = 0;
  for (const g of groups) {
    const own = given && Object.hasOwn(given, g.name) ? given[g.name] : undefined;
    if (g.name === UNLABELED_GROUP) colors.set(g.name, UNLABELED_COLOR);
    else if (own !== undefined && HEX_COLOR.test(own)) colors.set(g.name, own);
    else colors.set(g.name, categoryColor(next++));
  }
  return colors;
}

/** Selects one coordinate column for the given rows. */
function column(coords: Float32Array, dims: number, axis: number, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = coords[rows[i] * dims + axis];
  return out;
}

/** A plain decimal numeral as a metadata column's text holds one (no leading zero: an id such as '007' stays). */
const DECIMAL_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/**
 * A hover value: a whole number exact and grouped (12 345), another number to 4 significant digits — also when
 * the column's values come as text (an h5ad's numeric obs: "0.017721519" read 0.01772, as the colour line
 * above it) —, other text as it is; 'NA' for a missing value.
 */
function fieldText(value: string | number): string {
  if (typeof value === 'string' && !DECIMAL_TEXT.test(value)) return value === '' ? 'NA' : value;
  const n = Number(value);
  if (!Number.isFinite(n)) return 'NA';
  return Number.isInteger(n) ? countText(n) : String(Number(n.toPrecision(4)));
}

const SPLIT_TEXT: Record<SplitName, string> = {
  train: 'training',
  holdout: 'held-out',
  unlabeled: 'unlabeled',
};

/** Escapes text for Plotly's hover labels, which interpret a subset of HTML. */
export function escapeHoverText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The hover text of each row: id, label, split, then the chosen fields. */
export function hoverTexts(points: MapPoints, rows: readonly number[], view: MapView): string[] {
  const out = new Array<string>(rows.length);
  const labelName = escapeHoverText(points.labelName ?? 'label');
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const parts = [
      // no <b>: Plotly draws it as an inline style attribute, which the page's CSP (style-src 'self') refuses
      escapeHoverText(points.ids[r]),
      `${labelName}: ${escapeHoverText(points.labels[r] === '' ? '(none)' : points.labels[r])}`,
      SPLIT_TEXT[points.split[r]]
        ? `${SPLIT_TEXT[points.split[r]]} ${points.rowWord ?? 'cell'}`
        : points.split[r],
    ];
    if (view.colorBy.kind === 'continuous') {
      parts.push(`${escapeHoverText(view.colorBy.name)}: ${fieldText(view.colorBy.values[r])}`);
    } else if (view.colorBy.kind === 'category') {
      parts.push(
        `${escapeHoverText(view.colorBy.name)}: ${escapeHoverText(fieldText(view.colorBy.values[r]))}`,
      );
    }
    for (const field of view.hoverFields) {
      // the column the map is coloured by is listed above already
      if (view.colorBy.kind !== 'label' && field.name === view.colorBy.name) continue;
      parts.push(`${escapeHoverText(field.name)}: ${escapeHoverText(fieldText(field.values[r]))}`);
    }
    out[i] = parts.join('<br>');
  }
  return out;
}

/** Whether the map is drawn in 3-D: asked for, and the points have a third dimension. */
export function is3d(points: { dims: number }, view: MapView): boolean {
  return view.show3d && points.dims >= 3;
}

/** The `meta` of legend-only traces (they hold one null point; count cells with `isLegendOnly` excluded). */
export const LEGEND_ONLY = 'legend-only';

/** True for a legend-only trace (draws no cells). */
export function isLegendOnly(trace: unknown): boolean {
  return (trace as { meta?: unknown }).meta === LEGEND_ONLY;
}

/** Legend icons when colour shows a continuous value: the classes are named, not coloured. */
const NEUTRAL_LEGEND_COLOR = '#6b7280';

/**
 * A legend entry for group `name`: a circle in the group's colour that draws nothing on the map, its text
 * `shown` (the name, shortened when long: legend-names.ts).
 */
function legendTrace(name: string, shown: string, color: string, threeD: boolean, rank?: number): Data {
  const nothing = [null];
  const t: Record<string, unknown> = {
    name: escapeHoverText(shown),
    legendgroup: name,
    meta: LEGEND_ONLY,
    // one null point: a trace with no points at all is made invisible by Plotly and leaves the legend
    x: nothing,
    y: nothing,
    mode: 'markers',
    hoverinfo: 'skip',
    marker: { color, symbol: 'circle', size: 8, opacity: 1 },
    type: threeD ? 'scatter3d' : 'scattergl',
  };
  if (threeD) t.z = nothing;
  if (rank !== undefined) t.legendrank = rank;
  return t as Data;
}

export interface TraceParts {
  name: string;
  legendgroup: string;
  rows: number[];
  coords: Float32Array;
  dims: number;
  /** Hover text per point; undefined leaves it out (the caller adds it for the points it keeps). */
  text: string[] | undefined;
  marker: Record<string, unknown>;
  /** False for cell traces whose legend entry is a separate legend-only trace. Default true. */
  showlegend?: boolean;
  /** The rows are the run's cells: they go in `customdata`, so a click on a point names its cell. Default false. */
  cells?: boolean;
}

/** The dataset row of a clicked point (Plotly click-event point), or null when it is not one of the run's cells. */
export function clickedCell(point: {
  customdata?: unknown;
  pointNumber?: unknown;
  data?: { customdata?: ArrayLike<unknown> };
}): number | null {
  let row = point.customdata;
  // some trace types leave customdata out of the event point; the trace still has it
  if (row === undefined && typeof point.pointNumber === 'number')
    row = point.data?.customdata?.[point.pointNumber];
  return typeof row === 'number' && Number.isInteger(row) && row >= 0 ? row : null;
}

/** One Plotly trace of `parts.rows` of `parts.coords`: scatter3d or scattergl. */
export function trace(parts: TraceParts, threeD: boolean): Data {
  const x = column(parts.coords, parts.dims, 0, parts.rows);
  const y = column(parts.coords, parts.dims, 1, parts.rows);
  const common = {
    name: parts.name,
    legendgroup: parts.legendgroup,
    mode: 'markers' as const,
    x,
    y,
    text: parts.text,
    hovertemplate: '%{text}<extra></extra>',
    marker: parts.marker,
    showlegend: parts.showlegend ?? true,
    ...(parts.cells ? { customdata: Int32Array.from(parts.rows) } : {}),
  };
  if (threeD)
    return { ...common, type: 'scatter3d', z: column(parts.coords, parts.dims, 2, parts.rows) } as Data;
  return { ...common, type: 'scattergl' } as Data;
}

function stableByHoldout(points: MapPoints, rows: number[]): number[] {
  const first = rows.filter((r) => points.split[r] !== 'holdout');
  return first.length === rows.length
    ? rows
    : first.concat(rows.filter((r) => points.split[r] === 'holdout'));
}

/** The cell's symbol: diamonds mark held-out cells, circles everything else. */
function symbols(points: MapPoints, rows: readonly number[]): string | string[] {
  let anyHoldout = false;
  for (const r of rows) if (points.split[r] === 'holdout') anyHoldout = true;
  if (!anyHoldout) return 'circle';
  return rows.map((r) => (points.split[r] === 'holdout' ? 'diamond' : 'circle'));
}

/** How much of the map buildMapFigure draws. */
export interface FigureOptions {
  /**
   * The dataset rows to draw (ascending), e.g. the 3-D view's subsample of a big map (map-subsample.ts).
   * Classes and colours still come from every cell. Default: every row.
   */
  rows?: ArrayLike<number>;
  /**
   * Whether cell traces get their hover text now. False leaves `text` out, for a caller that thins the
   * traces and makes the text of the kept points only (map-thinning.ts): a million texts take seconds.
   * Default true.
   */
  hoverText?: boolean;
}

/** `groups` keeping only the rows in `rows` (ascending), classes without any kept. */
function keepRows(groups: Group[], rows: ArrayLike<number> | undefined, n: number): Group[] {
  if (!rows) return groups;
  const keep = new Uint8Array(n);
  for (let i = 0; i < rows.length; i++) keep[rows[i]] = 1;
  return groups.map((g) => ({ name: g.name, rows: g.rows.filter((r) => keep[r] === 1) }));
}

/**
 * The marker colours of `rows` on the continuous scale: their values (a Float32Array), or, when some have no
 * value (NaN — an empty or 'NA' entry of a numeric column — or ±Infinity), a plain array with the unlabeled
 * grey in their place: Plotly would draw a non-number in its near-black default line colour.
 */
function scaleColors(values: ArrayLike<number>, rows: readonly number[]): Float32Array | (number | string)[] {
  const out = new Float32Array(rows.length);
  let missing = false;
  for (let i = 0; i < rows.length; i++) {
    out[i] = values[rows[i]];
    if (!Number.isFinite(out[i])) missing = true;
  }
  if (!missing) return out;
  return Array.from(out, (v) => (Number.isFinite(v) ? v : UNLABELED_COLOR));
}

/** How many of `values` are no number on the scale (NaN, ±Infinity): the cells drawn grey. */
export function cellsWithoutValue(values: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) n++;
  return n;
}

/** Builds the whole figure for the map. */
export function buildMapFigure(
  points: MapPoints,
  view: MapView,
  options: FigureOptions = {},
): { data: Data[]; layout: Partial<Layout> } {
  const threeD = is3d(points, view);
  const colorBy = view.colorBy;
  const allGroups = groupRows(colorBy.kind === 'category' ? colorBy.values : points.labels, colorBy.order);
  // colours from every cell's classes, so a subsample colours each class as the full map does
  const colors = groupColors(allGroups, colorBy.kind === 'continuous' ? undefined : colorBy.colors);
  const groups = keepRows(allGroups, options.rows, points.ids.length);
  // held-out cells last within each trace (circles first also for anything reading the trace's first point)
  for (const g of groups) g.rows = stableByHoldout(points, g.rows);
  const data: Data[] = [];
  let colorbarShown = false;
  for (const g of groups) {
    const marker: Record<string, unknown> = {
      // scattergl's markers look smaller than scatter3d's at the same size
      size: threeD ? view.pointSize : view.pointSize + 2,
      opacity: view.opacity,
      symbol: symbols(points, g.rows),
    };
    if (colorBy.kind === 'continuous') {
      Object.assign(marker, {
        color: scaleColors(colorBy.values, g.rows),
        colorscale: CONTINUOUS_SCALE,
        cmin: colorBy.range.min,
        cmax: colorBy.range.max,
        showscale: !colorbarShown,
        colorbar: colorbarPlacement(threeD, colorBy.name),
      });
      colorbarShown = true;
    } else {
      marker.color = colors.get(g.name);
    }
    data.push(
      trace(
        {
          // the trace name is exactly the class (tests and legend clicks rely on it); counts are in the hover
          name: g.name,
          legendgroup: g.name,
          rows: g.rows,
          coords: points.coords,
          dims: points.dims,
          text: options.hoverText === false ? undefined : hoverTexts(points, g.rows, view),
          marker,
          showlegend: false,
          cells: true,
        },
        threeD,
      ),
    );
  }
  // unlabeled cells are drawn first, underneath the classes
  const unlabeled = groups.findIndex((g) => g.name === UNLABELED_GROUP);
  if (unlabeled >= 0) data.unshift(...data.splice(unlabeled, 1));
  // the legend: a circle per group in its colour (neutral when colour shows a value), unlabeled last; long
  // names shortened, or the legend took most of the panel from the map
  const shown = legendNames(groups.map((g) => g.name));
  groups.forEach((g, i) => {
    const color =
      colorBy.kind === 'continuous' && g.name !== UNLABELED_GROUP
        ? NEUTRAL_LEGEND_COLOR
        : (colors.get(g.name) ?? NEUTRAL_LEGEND_COLOR);
    data.push(legendTrace(g.name, shown[i], color, threeD, g.name === UNLABELED_GROUP ? 2000 : undefined));
  });
  if (view.projected) data.push(...projectedTraces(view.projected, colors, view, threeD));
  if (view.highlightId !== null) {
    const row = points.ids.indexOf(view.highlightId);
    if (row >= 0) {
      data.push(
        trace(
          {
            name: `found: ${view.highlightId}`,
            legendgroup: 'search',
            rows: [row],
            coords: points.coords,
            dims: points.dims,
            text: hoverTexts(points, [row], view),
            cells: true,
            marker: {
              size: Math.max(16, view.pointSize * 4),
              // WebGL traces draw open symbols in marker.color, so the ring colour goes in both places
              color: '#d62728',
              symbol: 'circle-open',
              line: { color: '#d62728', width: 3 },
              opacity: 1,
            },
          },
          threeD,
        ),
      );
    }
  }
  const aspect = threeD ? sceneAspect(view.projected ? [points, view.projected] : [points]) : null;
  return { data, layout: mapLayout(threeD, view, aspect) };
}

/**
 * Traces of the projected file: one per predicted class — or per value of the joined metadata column
 * `p.colourBy` —, drawn as crosses in the class's colour (a value named like a class gets its colour).
 */
function projectedTraces(
  p: ProjectedPoints,
  colors: Map<string, string>,
  view: MapView,
  threeD: boolean,
): Data[] {
  const joined = p.joinedMetadata ?? [];
  const by = p.colourBy ? joined.find((c) => c.name === p.colourBy) : undefined;
  const groups = groupRows(by ? by.values : p.predicted, p.order);
  // the legend names each trace, its parts shortened as the classes' entries are (the hover box: whole)
  const shown = legendNames(groups.map((g) => g.name));
  const source = shortName(p.source);
  const column = by ? `${shortName(by.name)}: ` : '';
  let extra = colors.size;
  return groups.map((g, i) => {
    const text = g.rows.map((r) => {
      const parts = [
        escapeHoverText(p.ids[r]),
        `projected from ${escapeHoverText(p.source)}`,
        `predicted: ${escapeHoverText(p.predicted[r] || '(none)')} (${Math.round(p.confidence[r] * 100)} % of neighbours)`,
      ];
      if (p.labels) parts.push(`own label: ${escapeHoverText(p.labels[r] || '(none)')}`);
      for (const c of joined)
        parts.push(`${escapeHoverText(c.name)}: ${escapeHoverText(c.values[r] || '(none)')}`);
      return parts.join('<br>');
    });
    return trace(
      {
        name: escapeHoverText(`${source} → ${column}${shown[i]}`),
        legendgroup: `projected:${g.name}`,
        rows: g.rows,
        coords: p.coords,
        dims: p.dims,
        text,
        marker: {
          size: view.pointSize + 1,
          opacity: Math.min(1, view.opacity + 0.1),
          symbol: 'x',
          color: colors.get(g.name) ?? categoryColor(extra++),
        },
      },
      threeD && p.dims >= 3,
    );
  });
}

/** The 2-D plot's left margin: the y axis's tick labels and title. */
const LEFT_MARGIN_2D = 48;
/**
 * Pixels added to that margin for the upright colour bar of a 2-D map coloured by a value: the bar, its tick
 * labels and its title turned along its right side. A share of the plot's width (15 %) was too little beside a
 * wide legend: the bar's labels covered the y axis's title.
 */
const COLORBAR_ROOM_2D = 84;

/**
 * Where the colour bar goes. 3-D: a short horizontal bar in the scene's top-left corner, which the default
 * camera leaves empty (a vertical bar at the left edge covered the z-axis title, and shrinking the scene
 * only moved the cube's labels under the scene's own clip edge). 2-D: upright at the figure's left edge, in
 * a left margin widened for it (COLORBAR_ROOM_2D).
 */
function colorbarPlacement(threeD: boolean, title: string): Record<string, unknown> {
  if (threeD) {
    return {
      title: { text: title, side: 'top' },
      orientation: 'h',
      thickness: 12,
      len: 0.3,
      x: 0.01,
      xanchor: 'left',
      y: 0.99,
      yanchor: 'top',
    };
  }
  // placed by the figure's own left edge (xref container), in the room the wider margin makes
  return {
    title: { text: title, side: 'right' },
    thickness: 14,
    len: 0.6,
    xref: 'container',
    x: 0,
    xanchor: 'left',
    y: 0.5,
  };
}

/** The longest side of the 3-D scene's box that the default camera shows whole (a cube's sides are 1). */
export const SCENE_LONGEST_SIDE = 1.2;

/**
 * The 3-D scene's box, in proportion to the coordinates' ranges as Plotly's aspectmode 'data' makes it, but
 * no side longer than SCENE_LONGEST_SIDE: 'data' keeps the box's volume a cube's, so a map long in one dimension — the
 * Golub panel's, one range a fifth of the others — gets sides of 1.7 that the default camera cuts off at
 * the plot's edge, axis titles and all. Null when there is nothing to scale (no points, or all in one spot).
 */
export function sceneAspect(sets: readonly { coords: Float32Array; dims: number }[]): {
  x: number;
  y: number;
  z: number;
} | null {
  const low = [Infinity, Infinity, Infinity];
  const high = [-Infinity, -Infinity, -Infinity];
  for (const { coords, dims } of sets) {
    if (dims < 3) continue;
    for (let i = 0; i + dims <= coords.length; i += dims) {
      for (let d = 0; d < 3; d++) {
        const v = coords[i + d];
        if (!Number.isFinite(v)) continue;
        if (v < low[d]) low[d] = v;
        if (v > high[d]) high[d] = v;
      }
    }
  }
  const ranges = low.map((l, d) => (high[d] > l ? high[d] - l : 0));
  const longest = Math.max(...ranges);
  if (!(longest > 0)) return null;
  // 'data' scales the box to a cube's volume; a flat map (a range 0) has none: its longest side is then the cap
  const volumeScale = Math.cbrt(ranges[0] * ranges[1] * ranges[2]);
  const scale = Math.max(volumeScale, longest / SCENE_LONGEST_SIDE);
  return { x: ranges[0] / scale, y: ranges[1] / scale, z: ranges[2] / scale };
}

function mapLayout(
  threeD: boolean,
  view: MapView,
  aspect: { x: number; y: number; z: number } | null = null,
): Partial<Layout> {
  const axis = (n: number) => ({ title: { text: `dim ${n}` }, zeroline: false });
  const layout: Partial<Layout> = {
    // keeps camera, zoom and legend visibility across Plotly.react calls with new data (snapshots, recolouring)
    uirevision: 'map',
    // the top margin leaves room for Plotly's mode bar above the legend
    margin: { l: 0, r: 0, t: view.title ? 48 : 30, b: 0 },
    legend: { itemsizing: 'constant', title: { text: legendTitle(view.colorBy) } },
    hovermode: 'closest',
    paper_bgcolor: '#ffffff',
  };
  if (view.title) layout.title = { text: view.title };
  // a 2-D map coloured by a value gets an upright colour bar at its left: room is made for it below
  const colorbar = view.colorBy.kind === 'continuous';
  if (threeD) {
    // below the scene, its entries in rows across it: beside it (Plotly's place, the right margin pushed by the
    // legend's width) the scene of an 800 px window was a strip narrower than the legend, the cube cut off at
    // its sides. A 3-D scene needs its width, which a row of entries takes little of
    layout.legend = {
      ...layout.legend,
      title: { text: legendTitle(view.colorBy), side: 'top' },
      orientation: 'h',
      x: 0,
      xanchor: 'left',
      // at the figure's foot, which reserves its height below the scene: placed under the plot area (y 0,
      // yanchor top) Plotly put it at half the figure's height, over the scene
      yref: 'container',
      y: 0,
      yanchor: 'bottom',
    };
    layout.scene = {
      xaxis: axis(1),
      yaxis: axis(2),
      zaxis: axis(3),
      ...(aspect ? { aspectmode: 'manual', aspectratio: aspect } : { aspectmode: 'data' }),
    } as Layout['scene'];
  } else {
    layout.xaxis = axis(1) as Layout['xaxis'];
    layout.yaxis = { ...axis(2), scaleanchor: 'x', scaleratio: 1 } as Layout['yaxis'];
    // the same top room as in 3-D: the legend (top right) would sit under the mode bar's buttons; the upright
    // colour bar sits left of the y axis's labels, in a margin of its own
    const left = LEFT_MARGIN_2D + (colorbar ? COLORBAR_ROOM_2D : 0);
    layout.margin = { l: left, r: 8, t: view.title ? 48 : 30, b: 40 };
  }
  return layout;
}

/**
 * The legend's title, no wider than its entries: a long column name shortened, the count of grey cells on a
 * line of its own.
 */
function legendTitle(colorBy: ColorBy): string {
  if (colorBy.kind === 'category') return escapeHoverText(shortName(colorBy.name));
  if (colorBy.kind === 'continuous') {
    const missing = cellsWithoutValue(colorBy.values);
    const grey =
      missing === 0 ? '' : `;<br>${missing} ${missing === 1 ? 'cell' : 'cells'} without a value, grey`;
    return `class  (colour: ${escapeHoverText(shortName(colorBy.name))}${grey})`;
  }
  return 'class  (◆ held out)';
}
