/**
 * The 2-D view a map keeps across window resizes. With the axes locked 1:1 (`scaleanchor`), Plotly fits a
 * fixed view to a new plot size by widening one axis, and writes that widened range back into its layout —
 * so the next resize widens from there: a zoomed map, or one whose axes are pinned while the neighbourhood
 * rings are shown, zoomed out further at each resize. This records the view the user set (zoom, pan) or the
 * figure pinned, for plot-view.ts to put back into Plotly's layout after each draw: each resize then widens
 * from that view, never from the last one. Pure, no DOM.
 */
import type { Layout } from 'plotly.js-dist';

/** A 2-D chart's x and y ranges in data coordinates. */
export interface AxisRanges {
  x: [number, number];
  y: [number, number];
}

export interface ViewHold {
  /**
   * After a draw of a figure with `layout`: a layout that fixes both axes' ranges is the view to keep;
   * otherwise, when Plotly autoranges the axes (`autoranged`) or the layout is a 3-D scene, there is none (a
   * 2-D layout without ranges that Plotly drew zoomed, by `uirevision`, keeps the user's).
   */
  drew(layout: Partial<Layout>, autoranged: boolean): void;
  /**
   * A plotly_relayout event: an axis range from the user (zoom, pan) makes `drawn` — the ranges now on
   * screen — the view to keep; an autorange (double-click) drops it; a resize (`autosize`) changes nothing.
   */
  relayout(event: Record<string, unknown>, drawn: AxisRanges | null): void;
  /** The view to keep, or null while the axes autorange. */
  held(): AxisRanges | null;
}

const pair = (r: unknown): r is [number, number] =>
  Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === 'number' && Number.isFinite(v));

/** The ranges a 2-D layout fixes (both axes with a range and autorange false), or null. */
export function fixedRanges(layout: Partial<Layout>): AxisRanges | null {
  if (layout.scene) return null;
  const x = layout.xaxis;
  const y = layout.yaxis;
  if (!x || !y || x.autorange !== false || y.autorange !== false) return null;
  return pair(x.range) && pair(y.range) ? { x: [x.range[0], x.range[1]], y: [y.range[0], y.range[1]] } : null;
}

export function createViewHold(): ViewHold {
  let held: AxisRanges | null = null;
  return {
    drew(layout, autoranged) {
      const fixed = fixedRanges(layout);
      if (fixed) held = fixed;
      else if (autoranged || layout.scene) held = null;
    },
    relayout(event, drawn) {
      const keys = Object.keys(event);
      if (keys.some((k) => /^[xy]axis\.autorange$/.test(k) && event[k])) held = null;
      else if (keys.some((k) => /^[xy]axis\.range(\[[01]\])?$/.test(k))) held = drawn;
    },
    held: () => (held ? { x: [...held.x], y: [...held.y] } : null),
  };
}
