/**
 * A Plotly chart that is cheap to update: figures are drawn with Plotly.react (which diffs instead of
 * rebuilding), at most once per animation frame, one draw at a time, and only while the chart is visible —
 * a hidden chart remembers the latest figure and draws it when its screen is shown (Plotly measures its
 * container, which has no size while hidden).
 */
import Plotly from 'plotly.js-dist';
import type { Config, Data, Layout } from 'plotly.js-dist';
import { h } from './dom.js';
import { coalesce } from './throttle.js';

export interface Figure {
  data: Data[];
  layout: Partial<Layout>;
}

export interface PlotView {
  element: HTMLDivElement;
  /** Schedules a draw of `figure` (coalesced to one per frame). */
  render(figure: Figure): void;
  /** Draws now if a figure is waiting (call after the container became visible or changed size). */
  refresh(): void;
  /** The figure last handed to render, or null. */
  current(): Figure | null;
  /** Resolves once every scheduled draw has finished. */
  settled(): Promise<void>;
  /** Removes the chart and frees its WebGL context. */
  clear(): void;
  /** Calls `listener` with the first point of every click on a point (Plotly's plotly_click). */
  onPointClick(listener: (point: PlotClickPoint) => void): void;
  /**
   * Calls `listener` with the points of every 2-D box/lasso selection Plotly reports (plotly_selected; the
   * layout's dragmode 'select' or 'lasso' turns it on). Undefined points: Plotly reported no selection.
   */
  onSelected(listener: (points: PlotClickPoint[] | undefined) => void): void;
  /** The drawn 2-D chart's axis ranges (as autoranged or zoomed), or null when none is drawn. */
  axisRanges(): { x: [number, number]; y: [number, number] } | null;
}

/** The fields of a Plotly click-event point the app reads. */
export interface PlotClickPoint {
  customdata?: unknown;
  pointNumber?: unknown;
  data?: { customdata?: ArrayLike<unknown> };
}

const CONFIG: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  scrollZoom: true,
  // our own Export screen offers PNG/SVG/HTML; keep the camera button for quick PNGs
  modeBarButtonsToRemove: ['lasso2d', 'select2d'],
};

export function createPlotView(attrs: Record<string, string>): PlotView {
  const element = h('div', { ...attrs, class: `plot ${attrs.class ?? ''}`.trim() });
  let latest: Figure | null = null;
  let drawn: Figure | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  const clickListeners: ((point: PlotClickPoint) => void)[] = [];
  const selectListeners: ((points: PlotClickPoint[] | undefined) => void)[] = [];
  // Plotly gives the element its `on` at the first draw and drops its handlers on purge: wire after each draw
  let clicksWired = false;
  const wireClicks = (): void => {
    if (clicksWired) return;
    clicksWired = true;
    (element as unknown as Plotly.PlotlyHTMLElement).on('plotly_click', (event) => {
      const point = event.points[0] as unknown as PlotClickPoint | undefined;
      if (point) for (const listener of clickListeners) listener(point);
    });
    (element as unknown as Plotly.PlotlyHTMLElement).on('plotly_selected', (event) => {
      const points = event?.points as unknown as PlotClickPoint[] | undefined;
      for (const listener of selectListeners) listener(points);
    });
  };

  const visible = (): boolean => element.isConnected && element.offsetParent !== null;

  const draw = (): void => {
    if (!latest || latest === drawn || !visible()) return;
    const figure = latest;
    drawn = figure;
    chain = chain
      .then(() => Plotly.react(element, figure.data, figure.layout, CONFIG))
      .then(wireClicks)
      .catch((err: unknown) => {
        // a drawing failure must not break the page; show it where the chart would be
        console.error('Plotly could not draw the figure', err);
        drawn = null;
      });
  };
  const scheduled = coalesce(draw, (cb) => requestAnimationFrame(cb));
  // Plotly's `responsive` follows window resizes only; notices appearing or panels changing also resize
  // the container, so watch the element itself (the container's size comes from the CSS grid, not from the
  // plot, so this cannot loop)
  const resize = coalesce(
    () => {
      if (drawn && visible()) void Plotly.Plots.resize(element);
    },
    (cb) => requestAnimationFrame(cb),
  );
  new ResizeObserver(() => resize(undefined)).observe(element);

  return {
    element,
    render(figure) {
      latest = figure;
      scheduled(undefined);
    },
    refresh() {
      if (drawn && visible()) Plotly.Plots.resize(element);
      scheduled(undefined);
    },
    current: () => latest,
    async settled() {
      scheduled.flush();
      await chain;
    },
    clear() {
      latest = null;
      drawn = null;
      clicksWired = false;
      Plotly.purge(element);
    },
    onPointClick(listener) {
      clickListeners.push(listener);
    },
    onSelected(listener) {
      selectListeners.push(listener);
    },
    axisRanges() {
      // Plotly keeps the ranges it drew in its private _fullLayout; nothing public reports autoranged ranges
      const full = (element as unknown as { _fullLayout?: Record<string, { range?: unknown } | undefined> })
        ._fullLayout;
      const x = full?.xaxis?.range;
      const y = full?.yaxis?.range;
      const pair = (r: unknown): r is [number, number] =>
        Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === 'number' && Number.isFinite(v));
      return drawn && pair(x) && pair(y) ? { x: [x[0], x[1]], y: [y[0], y[1]] } : null;
    },
  };
}
