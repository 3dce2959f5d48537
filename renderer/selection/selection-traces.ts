/**
 * The selection drawn on the map, on top of the figure plot-model.ts builds: every class trace is dimmed and
 * each class's selected cells are drawn again, at full opacity, by one more trace in the same legend group (so
 * hiding or isolating a class in the legend hides its selected cells too, and colours, symbols and hover text
 * stay the class's own). Added at the end of the figure, so the map's own traces keep their places (Plotly's
 * uirevision matches legend visibility by trace index), with a `uid` per class for the added ones. Pure.
 */
import type { Data, Layout } from 'plotly.js-dist';
import type { CellRows } from '../../src/api/annotation.js';
import { isLegendOnly } from '../plot-model.js';

export interface SelectionFigure {
  data: Data[];
  layout: Partial<Layout>;
}

/** Opacity of the cells that are not selected while a selection exists (or the map's own, if lower). */
export const DIMMED_OPACITY = 0.12;

/** The `uid` prefix of the traces that draw selected cells. */
export const SELECTED_UID = 'selected-';

/**
 * The `uid` of the trace drawing legend group `group`'s selected cells: the prefix and the name with every
 * character other than a letter or digit written as `_<hex>_` (Plotly puts uids into CSS selectors, where
 * "CD4+/CD25 T Reg" would break the figure), so each group keeps its own uid.
 */
export function selectedUid(group: string): string {
  let out = SELECTED_UID;
  for (const ch of group) out += /[A-Za-z0-9]/.test(ch) ? ch : `_${(ch.codePointAt(0) ?? 0).toString(16)}_`;
  return out;
}

type Trace = Record<string, unknown> & { marker?: Record<string, unknown> };

const isArrayLike = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || ArrayBuffer.isView(v);

/** The entries of `values` at `picks` (same kind of array; a plain value stays as it is). */
export function pick(values: unknown, picks: readonly number[]): unknown {
  if (!isArrayLike(values)) return values;
  if (ArrayBuffer.isView(values) && !(values instanceof DataView)) {
    const typed = values as unknown as { constructor: new (n: number) => Record<number, number> };
    const out = new typed.constructor(picks.length);
    for (let i = 0; i < picks.length; i++) out[i] = (values as unknown as ArrayLike<number>)[picks[i]];
    return out;
  }
  return picks.map((i) => (values as ArrayLike<unknown>)[i]);
}

/**
 * The figure with `selection` drawn: class traces (those holding cells as customdata in a legend group that
 * has a legend entry) dimmed, and one trace per class with selected cells appended. `hiddenGroups` are the
 * legend groups the user hid (their added traces start hidden too). An empty selection returns `figure`.
 */
export function withSelection(
  figure: SelectionFigure,
  selection: CellRows,
  hiddenGroups: ReadonlySet<string> = new Set(),
): SelectionFigure {
  if (selection.length === 0) return figure;
  const traces = figure.data as unknown as Trace[];
  const groups = new Set(traces.filter(isLegendOnly).map((t) => String(t.legendgroup)));
  const selected = new Uint8Array(selection[selection.length - 1] + 1);
  for (const r of selection) selected[r] = 1;
  const data: Trace[] = [];
  const added: Trace[] = [];
  for (const t of traces) {
    const rows = t.customdata;
    const group = String(t.legendgroup);
    if (isLegendOnly(t) || !isArrayLike(rows) || !groups.has(group)) {
      data.push(t);
      continue;
    }
    const marker = t.marker ?? {};
    const opacity = typeof marker.opacity === 'number' ? marker.opacity : 1;
    data.push({ ...t, marker: { ...marker, opacity: Math.min(opacity, DIMMED_OPACITY) } });
    const picks: number[] = [];
    for (let i = 0; i < rows.length; i++) if (selected[rows[i] as number] === 1) picks.push(i);
    if (picks.length === 0) continue;
    const copy: Trace = {
      ...t,
      uid: selectedUid(group),
      name: `${String(t.name)} (selected)`,
      showlegend: false,
      x: pick(t.x, picks),
      y: pick(t.y, picks),
      text: pick(t.text, picks),
      customdata: pick(rows, picks),
      marker: {
        ...marker,
        symbol: pick(marker.symbol, picks),
        color: pick(marker.color, picks),
        opacity: 1,
        // one colour bar is enough: the class trace under it already shows it
        showscale: false,
      },
    };
    if (t.z !== undefined) copy.z = pick(t.z, picks);
    if (hiddenGroups.has(group)) copy.visible = 'legendonly';
    added.push(copy);
  }
  return { data: [...data, ...added] as unknown as Data[], layout: figure.layout };
}

/** The legend groups whose cells the user hid with a legend click, read from the drawn traces. */
export function hiddenGroupsOf(drawn: readonly unknown[] | undefined): Set<string> {
  const hidden = new Set<string>();
  for (const t of (drawn ?? []) as Trace[]) {
    if (isLegendOnly(t) && (t.visible === 'legendonly' || t.visible === false))
      hidden.add(String(t.legendgroup));
  }
  return hidden;
}

/**
 * The figure with every trace of the legend groups `hidden` drawn as legend entries only — for a figure drawn
 * afresh (an export), which Plotly's uirevision does not give the user's legend clicks.
 */
export function withHiddenGroups(figure: SelectionFigure, hidden: ReadonlySet<string>): SelectionFigure {
  if (hidden.size === 0) return figure;
  const data = (figure.data as unknown as Trace[]).map((t) =>
    hidden.has(String(t.legendgroup)) ? { ...t, visible: 'legendonly' } : t,
  );
  return { data: data as unknown as Data[], layout: figure.layout };
}
