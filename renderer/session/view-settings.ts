/**
 * The view settings a session keeps: the Explore screen's controls (dimensions, colour by, gene, point size,
 * opacity) read from and put back into the page by their data-testids, so the Explore screen (another
 * engineer's) needs no change (view-settings-dom.ts reads and applies them). The engine stores them as opaque
 * JSON; `viewSettingsOf` checks what comes back. No DOM here: the node tests load it.
 */

/** The Explore controls a session keeps, in the order they are put back (colour last: it may load a column). */
export const VIEW_CONTROLS = [
  'explore-dims',
  'explore-point-size',
  'explore-opacity',
  'explore-gene',
  'explore-color-by',
] as const;

export interface ViewSettings {
  version: 1;
  /** The screen that was shown. */
  screen: string;
  /** Control value by data-testid. */
  controls: Partial<Record<(typeof VIEW_CONTROLS)[number], string>>;
}

/** The view settings in `json` (from a session file), or null when it holds none this version reads. */
export function viewSettingsOf(json: unknown): ViewSettings | null {
  if (typeof json !== 'object' || json === null) return null;
  const v = json as { version?: unknown; screen?: unknown; controls?: unknown };
  if (v.version !== 1 || typeof v.controls !== 'object' || v.controls === null) return null;
  const controls: ViewSettings['controls'] = {};
  for (const key of VIEW_CONTROLS) {
    const value = (v.controls as Record<string, unknown>)[key];
    if (typeof value === 'string') controls[key] = value;
  }
  return { version: 1, screen: typeof v.screen === 'string' ? v.screen : 'explore', controls };
}
