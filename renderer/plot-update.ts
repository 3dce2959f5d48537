/**
 * How to bring a drawn Plotly figure to the next one cheaply. Recolouring the map (by a gene, a column),
 * changing point size or opacity, or hover fields leaves every trace where it is: then one Plotly.update
 * of the attributes that differ (dotted paths such as `marker.color`, only on the traces that changed) and
 * of the layout paths that differ does the job, where Plotly.react of the whole figure re-ran the
 * calculation of every trace and rebuilt the WebGL scene (seconds on a loaded laptop). Anything that moves,
 * adds or removes points — other traces, other types, new coordinates or cell rows — is a full react.
 * Pure, no DOM: plot-view.ts applies the plan.
 */
import type { Data, Layout } from 'plotly.js-dist';

/** What changes a drawn figure into the next one. */
export type PlotUpdatePlan =
  /** Draw the whole figure (Plotly.react). */
  | { kind: 'react' }
  /** Nothing differs. */
  | { kind: 'none' }
  /**
   * Plotly.update(gd, data, layout, traces): `data[path][k]` is the new value of `path` on trace
   * `traces[k]` (undefined: left as it is; null: back to Plotly's default); `layout[path]` likewise.
   */
  | {
      kind: 'update';
      data: Record<string, unknown[]>;
      layout: Record<string, unknown>;
      traces: number[];
    };

/** Trace attributes whose change means other points or another trace: only a full react redraws them. */
const STRUCTURAL = new Set(['type', 'x', 'y', 'z', 'customdata', 'name', 'legendgroup', 'meta']);

/**
 * Layout paths not sent by an update: `uirevision`, and the 3-D camera — plot-view puts the camera the user
 * left into each figure (keepCamera), so a difference there is the user's rotation, already on screen.
 */
const UI_LAYOUT = /^(uirevision|scene\.camera)(\.|$)/;

type Leaf = unknown;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** Nested objects as dotted paths to their leaves (arrays and typed arrays are leaves). */
export function flattenPaths(value: Record<string, unknown>, prefix = '', out = new Map<string, Leaf>()) {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(v) && Object.keys(v).length > 0) flattenPaths(v, path, out);
    else out.set(path, v);
  }
  return out;
}

/** Deep equality of leaf values: primitives, (typed) arrays element by element, plain objects. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  const arrayLike = (v: unknown): v is ArrayLike<unknown> =>
    Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  if (arrayLike(a) && arrayLike(b)) {
    if (a.length !== b.length || Array.isArray(a) !== Array.isArray(b)) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    if (keys.length !== Object.keys(b).filter((k) => b[k] !== undefined).length) return false;
    return keys.every((k) => sameValue(a[k], b[k]));
  }
  return false;
}

/** The paths whose value differs between `before` and `after`: the new value, or null when removed. */
function changedPaths(before: Map<string, Leaf>, after: Map<string, Leaf>): Map<string, unknown> {
  const changed = new Map<string, unknown>();
  for (const [path, v] of after)
    if (!before.has(path) || !sameValue(before.get(path), v)) changed.set(path, v);
  for (const path of before.keys()) if (!after.has(path)) changed.set(path, null);
  return changed;
}

/** Whether a structural attribute (coordinates, rows, names, type) differs: then only react will do. */
function structureDiffers(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const key of STRUCTURAL) if (!sameValue(a[key], b[key])) return true;
  return false;
}

/** The cheapest way from `drawn` (the figure on screen) to `next`. */
export function planUpdate(
  drawn: { data: readonly Data[]; layout: Partial<Layout> } | null,
  next: { data: readonly Data[]; layout: Partial<Layout> },
): PlotUpdatePlan {
  if (!drawn || drawn.data.length !== next.data.length) return { kind: 'react' };
  const perTrace: Map<string, unknown>[] = [];
  for (let i = 0; i < next.data.length; i++) {
    const a = drawn.data[i] as Record<string, unknown>;
    const b = next.data[i] as Record<string, unknown>;
    if (structureDiffers(a, b)) return { kind: 'react' };
    const strip = (t: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(t).filter(([k]) => !STRUCTURAL.has(k)));
    perTrace.push(changedPaths(flattenPaths(strip(a)), flattenPaths(strip(b))));
  }
  // a layout with a 3-D scene and one without are different plots: draw anew
  if ((drawn.layout.scene === undefined) !== (next.layout.scene === undefined)) return { kind: 'react' };
  const layout: Record<string, unknown> = {};
  const layoutChanges = changedPaths(
    flattenPaths(drawn.layout as Record<string, unknown>),
    flattenPaths(next.layout as Record<string, unknown>),
  );
  for (const [path, v] of layoutChanges) if (!UI_LAYOUT.test(path)) layout[path] = v;
  const traces = perTrace.flatMap((changes, i) => (changes.size ? [i] : []));
  if (!traces.length && !Object.keys(layout).length) return { kind: 'none' };
  const data: Record<string, unknown[]> = {};
  traces.forEach((trace, k) => {
    for (const [path, v] of perTrace[trace]) {
      // undefined leaves a trace's attribute as it is (Plotly.restyle skips it)
      (data[path] ??= new Array<unknown>(traces.length).fill(undefined))[k] = v;
    }
  });
  return { kind: 'update', data, layout, traces };
}

/**
 * `layout` with the 3-D camera the user left (`camera`, read from the scene before it was replaced) when
 * the layout draws a scene and sets no camera of its own: leaving 3-D for 2-D removes the scene, and with
 * it the camera Plotly kept under `uirevision`, so coming back would show the default view.
 */
export function keepCamera(layout: Partial<Layout>, camera: unknown): Partial<Layout> {
  if (!layout.scene || camera === null || camera === undefined || layout.scene.camera !== undefined)
    return layout;
  return { ...layout, scene: { ...layout.scene, camera: camera as NonNullable<Layout['scene']>['camera'] } };
}

/**
 * A copy of a figure for Plotly to keep: Plotly writes into the objects it is handed (uid, autorange, the
 * state `uirevision` restores — even an axis of the 2-D view into the 3-D layout that follows), so the figure
 * the next draw is planned against must not be the one Plotly holds. Plain objects and arrays are copied;
 * typed arrays (coordinates, colours), which Plotly only reads, are shared.
 */
export function detachedCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => detachedCopy(v)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = detachedCopy(v);
    return out as T;
  }
  return value;
}
