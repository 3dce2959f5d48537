/**
 * The Explore view settings a session keeps — dimensions, colour by, gene, point size, opacity, and the
 * classes' colour book — as the app state holds them (`AppState.exploreView`, changed only by the reducer's
 * 'explore-view' action) and as a session file stores them. The engine stores them as opaque JSON;
 * `viewSettingsOf` checks what comes back. The file format is version 1: the control values by the Explore
 * controls' data-testids (kept so older files open), plus an optional `classColours` (files saved before it
 * existed have none; their classes take the palette's colours again), and an optional `markerValueLog`, the
 * marker panel's choice of how the values were logged (older files have none: the default fold change). No DOM
 * here: the node tests load it.
 */
import { VALUE_LOGS, type ValueLog } from '../../src/api/markers.js';
import { DEFAULT_MAP_VIEW } from '../plot-model.js';

/** The Explore controls a session keeps, by the data-testid the file names them with. */
export const VIEW_CONTROLS = [
  'explore-dims',
  'explore-point-size',
  'explore-opacity',
  'explore-gene',
  'explore-color-by',
] as const;

/** A class → '#rrggbb' colour book, as a plain record (state and session file alike). */
export type ClassColours = Readonly<Record<string, string>>;

export interface ViewSettings {
  version: 1;
  /** The screen that was shown. */
  screen: string;
  /** Control value by data-testid. */
  controls: Partial<Record<(typeof VIEW_CONTROLS)[number], string>>;
  /** The colour of each class on the map when the session was saved. Optional: absent in older files. */
  classColours?: ClassColours;
  /**
   * The joined column that coloured the projected crosses (Colour ✕ by; '' the predicted class), kept with the
   * projected cells the session holds. Optional: absent in older files and without projected cells.
   */
  projectedColour?: string;
  /**
   * The marker panel's "log₂FC of values logged as" choice (AppState.markerValueLog). Optional: absent in older
   * files and when none was chosen (the file's own log1p base, else natural log).
   */
  markerValueLog?: ValueLog;
}

/** The Explore screen's view settings in the app state. */
export interface ExploreView {
  /** '2' or '3'; null: the screen picks for the map (3-D unless the map is large or WebGL is software). */
  dims: '2' | '3' | null;
  /** 'label', 'meta:<column>' or 'gene'. Default 'label'. */
  colorBy: string;
  /** The gene name(s) the map is coloured by when `colorBy` is 'gene'. Default ''. */
  gene: string;
  /** Marker size in pixels. Default: plot-model's DEFAULT_MAP_VIEW (4). */
  pointSize: number;
  /** Marker opacity, 0–1. Default: plot-model's DEFAULT_MAP_VIEW (0.8). */
  opacity: number;
  /** The colour of each class drawn so far on this dataset (a class keeps its colour across edits). */
  classColours: ClassColours;
}

export const DEFAULT_EXPLORE_VIEW: ExploreView = {
  dims: null,
  colorBy: 'label',
  gene: '',
  pointSize: DEFAULT_MAP_VIEW.pointSize,
  opacity: DEFAULT_MAP_VIEW.opacity,
  classColours: {},
};

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** The view settings in `json` (from a session file), or null when it holds none this version reads. */
export function viewSettingsOf(json: unknown): ViewSettings | null {
  if (typeof json !== 'object' || json === null) return null;
  const v = json as {
    version?: unknown;
    screen?: unknown;
    controls?: unknown;
    classColours?: unknown;
    projectedColour?: unknown;
    markerValueLog?: unknown;
  };
  if (v.version !== 1 || typeof v.controls !== 'object' || v.controls === null) return null;
  const controls: ViewSettings['controls'] = {};
  for (const key of VIEW_CONTROLS) {
    const value = (v.controls as Record<string, unknown>)[key];
    if (typeof value === 'string') controls[key] = value;
  }
  const settings: ViewSettings = {
    version: 1,
    screen: typeof v.screen === 'string' ? v.screen : 'explore',
    controls,
  };
  if (typeof v.classColours === 'object' && v.classColours !== null) {
    const colours: Record<string, string> = {};
    for (const [name, colour] of Object.entries(v.classColours as Record<string, unknown>)) {
      if (typeof colour === 'string' && HEX_COLOUR.test(colour)) colours[name] = colour;
    }
    settings.classColours = colours;
  }
  if (typeof v.projectedColour === 'string') settings.projectedColour = v.projectedColour;
  // a choice this version does not know (a newer file's) is dropped: the default fold change, not a refusal
  const logged = VALUE_LOGS.find((choice) => choice === v.markerValueLog);
  if (logged !== undefined) settings.markerValueLog = logged;
  return settings;
}

/**
 * What a session file stores of `view` (the screen shown beside it), the column colouring the projected
 * crosses when there are any (`projectedColour`; default none), and the marker panel's choice of how the
 * values were logged (`markerValueLog`; default none: not stored).
 */
export function viewSettingsFor(
  view: ExploreView,
  screen: string,
  projectedColour?: string,
  markerValueLog?: ValueLog,
): ViewSettings {
  const controls: ViewSettings['controls'] = {
    'explore-point-size': String(view.pointSize),
    'explore-opacity': String(view.opacity),
    'explore-gene': view.gene,
    'explore-color-by': view.colorBy,
  };
  if (view.dims !== null) controls['explore-dims'] = view.dims;
  return {
    version: 1,
    screen,
    controls,
    classColours: { ...view.classColours },
    ...(projectedColour !== undefined ? { projectedColour } : {}),
    ...(markerValueLog !== undefined ? { markerValueLog } : {}),
  };
}

/** A finite number in [min, max] from `text`, else `fallback`. */
function numberIn(text: string | undefined, min: number, max: number, fallback: number): number {
  const n = text === undefined || text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(n) && n >= min && n <= max ? n : fallback;
}

/**
 * The Explore view a saved session's settings (`json`, from the file) ask for; a setting the file lacks
 * or garbles takes its default. (Whether the map offers it — 3-D, a column — is the screen's to check.)
 */
export function exploreViewOf(json: unknown): ExploreView {
  const saved = viewSettingsOf(json);
  const c = saved?.controls ?? {};
  const dims = c['explore-dims'];
  return {
    dims: dims === '2' || dims === '3' ? dims : null,
    colorBy: c['explore-color-by'] || DEFAULT_EXPLORE_VIEW.colorBy,
    gene: c['explore-gene'] ?? '',
    pointSize: numberIn(c['explore-point-size'], 1, 12, DEFAULT_EXPLORE_VIEW.pointSize),
    opacity: numberIn(c['explore-opacity'], 0.05, 1, DEFAULT_EXPLORE_VIEW.opacity),
    classColours: saved?.classColours ?? {},
  };
}
