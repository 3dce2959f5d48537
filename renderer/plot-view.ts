/**
 * A Plotly chart that is cheap to update: a figure that only recolours or restyles the drawn traces is
 * applied with one Plotly.update of what differs (plot-update.ts), anything else with Plotly.react — and
 * once more with Plotly.redraw when that draw overflowed the 2-D markers' colour palette (gl-palette.ts);
 * at most once per animation frame, one draw at a time, and only while the chart is visible — a hidden chart
 * remembers the latest figure and draws it when its screen is shown (Plotly measures its container, which
 * has no size while hidden). The 3-D camera the user left survives a detour through 2-D, images are saved
 * without showing the chart, and in 3-D a click without a frame between press and release (a touchpad
 * tap) still reaches onPointClick.
 */
import Plotly from 'plotly.js-dist';
import type { Config, Data, Layout } from 'plotly.js-dist';
import { h } from './dom.js';
import { detachedCopy, keepCamera, planUpdate, type PlotUpdatePlan } from './plot-update.js';
import { coalesce } from './throttle.js';
import { releaseColourBarRoom } from './colour-bar-room.js';
import { createPaletteWatch } from './gl-palette.js';
import { selectionPolygon } from './map-thinning.js';
import { pausePickWhilePressed } from './scene-pick-pause.js';
import { installSceneSprites } from './scene-sprites.js';
import { webglIsSoftware } from './webgl-probe.js';
import { createViewHold, type AxisRanges } from './view-hold.js';

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
   * `polygon`: the box or lasso in data coordinates ([x0, y0, x1, y1, …]), or null when Plotly gave none.
   */
  onSelected(listener: (points: PlotClickPoint[] | undefined, polygon: number[] | null) => void): void;
  /**
   * Calls `listener` after the user panned or zoomed the 2-D axes (plotly_relayout with an axis range or
   * autorange), e.g. to thin a big map anew for the new view.
   */
  onRangesChanged(listener: () => void): void;
  /** The drawn 2-D plot area in px (without margins), or null when none is drawn. */
  plotArea(): { width: number; height: number } | null;
  /** The drawn 2-D chart's axis ranges (as autoranged or zoomed), or null when none is drawn. */
  axisRanges(): AxisRanges | null;
  /**
   * The 2-D view the chart keeps across resizes — the one the user zoomed or panned to, or the figure
   * pinned — as set, before Plotly widened an axis to fit the 1:1 aspect to the plot's shape; null while
   * the axes autorange (view-hold.ts).
   */
  viewRanges(): AxisRanges | null;
  /**
   * Saves the latest figure as an image file (Plotly.downloadImage), as the user left it (camera, hidden
   * classes) when it was drawn, without showing the chart: the screen the user is on stays. With `figure`,
   * saves that figure instead (the export's own: a big map's cells rather than the screen's thinning).
   */
  downloadImage(options: ImageOptions, figure?: Figure): Promise<void>;
  /** How many draws were full (Plotly.react) and how many updated the drawn traces (Plotly.update). */
  draws(): { react: number; update: number };
}

/** What an image export asks for. */
export interface ImageOptions {
  format: 'png' | 'svg';
  /** File name without the extension. */
  filename: string;
  width: number;
  height: number;
}

/**
 * One Plotly.update of what differs (to `data`, without the room of a colour bar it no longer shows); false
 * when Plotly refuses it (an attribute it will not restyle), with the reason on the element for tests and bug
 * reports — the caller then draws the figure in full.
 */
async function tryUpdate(
  gd: Plotly.PlotlyHTMLElement,
  plan: Extract<PlotUpdatePlan, { kind: 'update' }>,
  data: readonly Data[],
): Promise<boolean> {
  releaseColourBarRoom(gd, data);
  try {
    // Plotly's typings take one value per attribute; a per-trace array is what restyle documents
    await Plotly.update(
      gd,
      detachedCopy(plan.data) as Partial<Data>,
      detachedCopy(plan.layout) as Partial<Layout>,
      plan.traces,
    );
    return true;
  } catch (err) {
    gd.dataset.plotReact = `update failed: ${err instanceof Error ? err.message : String(err)}`;
    return false;
  }
}

/** Draws `figure` in full (Plotly.react), without the margin room of a colour bar it no longer shows. */
async function drawAnew(gd: Plotly.PlotlyHTMLElement, figure: Figure): Promise<void> {
  releaseColourBarRoom(gd, figure.data);
  // 3-D markers as point sprites, patched into Plotly before its first scatter3d (scene-sprites.ts)
  if (figure.layout.scene) await installSceneSprites();
  // Plotly writes into what it is handed; `shown` stays the figure as built
  await Plotly.react(gd, detachedCopy(figure.data), detachedCopy(figure.layout), screenConfig());
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

/**
 * CONFIG for drawing on screen: without a GPU, WebGL draws at the screen's pixel ratio rather than Plotly's
 * default 2 (a quarter of the pixels to fill and read back on a 1× screen; image exports keep Plotly's own).
 */
function screenConfig(): Partial<Config> {
  return webglIsSoftware()
    ? { ...CONFIG, plotGlPixelRatio: Math.max(1, window.devicePixelRatio || 1) }
    : CONFIG;
}

export function createPlotView(attrs: Record<string, string>): PlotView {
  const element = h('div', { ...attrs, class: `plot ${attrs.class ?? ''}`.trim() });
  const gd = element as unknown as Plotly.PlotlyHTMLElement & GraphState;
  let latest: Figure | null = null;
  let drawn: Figure | null = null;
  // the figure as handed to Plotly (with the kept camera), which the next draw is planned against
  let shown: Figure | null = null;
  // the user's 3-D camera as Plotly last reported it (plotly_relayout at the end of a rotation or zoom):
  // Plotly writes it into the layout object its scene was created with, which a later react replaced
  let camera: unknown = null;
  let cameraWired = false;
  const wireCamera = (): void => {
    if (cameraWired) return;
    cameraWired = true;
    gd.on('plotly_relayout', (event) => {
      const reported = (event as Record<string, unknown>)['scene.camera'];
      if (reported) camera = reported;
      view.relayout(event as Record<string, unknown>, rangesOf(gd, drawn !== null));
      if (Object.keys(event).some((k) => /^[xy]axis\.(range|autorange)/.test(k)))
        for (const listener of rangeListeners) listener();
    });
    selections.wire();
  };
  const rangeListeners: (() => void)[] = [];
  const counts = { react: 0, update: 0 };
  // Plotly's 2-D marker layer switching its colour storage midway through a draw (gl-palette.ts)
  const palettes = createPaletteWatch();
  let repaints = 0;
  let chain: Promise<unknown> = Promise.resolve();
  const clicks = createClickRelay(gd, () => shown?.layout.scene !== undefined);
  // without a GPU a rotation frame costs half as much without the picking draw (scene-pick-pause.ts)
  pausePickWhilePressed(element);
  const selections = createSelectRelay(gd);
  const view = createViewKeeper(gd);

  const visible = (): boolean => element.isConnected && element.offsetParent !== null;

  /** Draws `figure` the cheapest way from what is on screen. */
  const apply = async (wanted: Figure): Promise<void> => {
    // within 3-D, Plotly keeps the scene and its camera; only a scene drawn anew after 2-D gets the one
    // the user left
    const returning = shown !== null && !shown.layout.scene;
    const figure = {
      data: wanted.data,
      layout: returning ? keepCamera(wanted.layout, camera) : wanted.layout,
    };
    // Plotly drops its data on purge: then there is nothing to update
    const plan = gd.data ? planUpdate(shown, figure) : ({ kind: 'react' } as const);
    shown = figure;
    if (plan.kind === 'none') return;
    const updated = plan.kind === 'update' && (await tryUpdate(gd, plan, figure.data));
    if (updated) counts.update++;
    else {
      counts.react++;
      if (plan.kind === 'react') element.dataset.plotReact = gd.data ? 'structure changed' : 'first draw';
      await drawAnew(gd, figure);
    }
    // traces written before the switch read wrong colours: write them all again, once per layer
    if (palettes.overflowed(gd)) {
      await Plotly.redraw(gd);
      element.dataset.plotRepaints = String(++repaints);
    }
    view.drew(figure.layout);
    element.dataset.plotDraws = `react ${counts.react}, update ${counts.update}`;
  };

  const draw = (): void => {
    if (!latest || latest === drawn || !visible()) return;
    const figure = latest;
    drawn = figure;
    chain = chain
      .then(() => apply(figure))
      .then(() => {
        clicks.wire();
        wireCamera();
      })
      .catch((err: unknown) => {
        // a drawing failure must not break the page; the next figure is drawn in full
        console.error('Plotly could not draw the figure', err);
        drawn = null;
        shown = null;
      });
  };
  const scheduled = coalesce(draw, (cb) => requestAnimationFrame(cb));
  // Plotly's `responsive` follows window resizes only; notices appearing or panels changing also resize
  // the container, so watch the element itself (the container's size comes from the CSS grid, not from the
  // plot, so this cannot loop)
  const resize = coalesce(
    () => {
      if (drawn && visible() && sizeChanged(gd, element)) void Plotly.Plots.resize(element);
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
      if (drawn && visible() && sizeChanged(gd, element)) void Plotly.Plots.resize(element);
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
      shown = null;
      camera = null;
      cameraWired = false;
      clicks.reset();
      Plotly.purge(element);
    },
    onPointClick(listener) {
      clicks.listeners.push(listener);
    },
    onSelected: (listener) => void selections.listeners.push(listener),
    onRangesChanged: (listener) => void rangeListeners.push(listener),
    plotArea: () => plotAreaOf(gd, element, drawn !== null),
    axisRanges: () => rangesOf(gd, drawn !== null),
    viewRanges: () => view.held(),
    async downloadImage(options, figure) {
      scheduled.flush();
      await chain;
      if (!latest) throw new Error('There is no map to save yet.');
      // drawn: Plotly copies the chart as the user left it; else the figure, with the user's camera
      const saved = figure ?? latest;
      const source =
        gd.data && drawn === saved
          ? element
          : detachedCopy({
              data: saved.data,
              layout: keepCamera(saved.layout, camera),
              config: CONFIG,
            });
      // Plotly.downloadImage takes a figure object as well as a chart; its typings know only the chart
      await Plotly.downloadImage(source as HTMLElement, options);
    },
    draws: () => ({ ...counts }),
  };
}

/** Plotly's 2-D box/lasso selections (plotly_selected), wired with the camera after each first draw. */
function createSelectRelay(gd: Plotly.PlotlyHTMLElement) {
  const listeners: ((points: PlotClickPoint[] | undefined, polygon: number[] | null) => void)[] = [];
  return {
    listeners,
    wire(): void {
      gd.on('plotly_selected', (event) => {
        const points = event?.points as unknown as PlotClickPoint[] | undefined;
        const polygon = selectionPolygon(event);
        for (const listener of listeners) listener(points, polygon);
      });
    },
  };
}

/** The drawn 2-D plot area in px, or before the first draw the element less the 2-D margins; null if unsized. */
function plotAreaOf(
  gd: GraphState,
  element: HTMLElement,
  drawn: boolean,
): { width: number; height: number } | null {
  // Plotly's private _fullLayout._size is the plot area it drew (the layout minus margins)
  const size = (gd._fullLayout as { _size?: { w?: unknown; h?: unknown } } | undefined)?._size;
  const w = Number(size?.w);
  const hgt = Number(size?.h);
  if (drawn && w > 0 && hgt > 0) return { width: w, height: hgt };
  // plot-model's mapLayout: 48 + 8 px of side margins, 30 + 40 px top and bottom
  return element.clientWidth > 0
    ? { width: element.clientWidth - 56, height: element.clientHeight - 70 }
    : null;
}

/**
 * Whether the element's size differs from the one Plotly last drew at: Plots.resize relayouts the whole
 * chart (a 3-D scene of 100 000 points is drawn again, seconds without a GPU), also when nothing moved —
 * as when a screen is shown again or a panel beside the plot changes.
 */
function sizeChanged(gd: GraphState, element: HTMLElement): boolean {
  const drawn = gd._fullLayout as { width?: unknown; height?: unknown } | undefined;
  return (
    typeof drawn?.width !== 'number' ||
    typeof drawn.height !== 'number' ||
    Math.abs(drawn.width - element.clientWidth) >= 1 ||
    Math.abs(drawn.height - element.clientHeight) >= 1
  );
}

/** The parts of Plotly's graph div read here (Plotly's own, partly private, state). */
interface GraphState {
  data?: unknown[];
  _fullLayout?: Record<string, { range?: unknown; autorange?: unknown } | undefined>;
}

/** The ranges of the drawn 2-D chart, or null when nothing (or a 3-D scene) is drawn. */
function rangesOf(gd: GraphState, drawn: boolean): AxisRanges | null {
  // Plotly keeps the ranges it drew in its private _fullLayout; nothing public reports autoranged ranges
  const x = gd._fullLayout?.xaxis?.range;
  const y = gd._fullLayout?.yaxis?.range;
  const pair = (r: unknown): r is [number, number] =>
    Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === 'number' && Number.isFinite(v));
  return drawn && pair(x) && pair(y) ? { x: [x[0], x[1]], y: [y[0], y[1]] } : null;
}

/**
 * Keeps the 2-D view across resizes (view-hold.ts): after each draw and each relayout — a resize is one —
 * the view to keep goes back into Plotly's layout, where its 1:1 axis constraint wrote the range it widened
 * for the plot's shape, so that the next resize widens the kept view rather than the widened one. Nothing
 * is redrawn: the screen shows what Plotly drew.
 */
function createViewKeeper(gd: GraphState) {
  const hold = createViewHold();
  const putBack = (): void => {
    const kept = hold.held();
    // Plotly's input layout (gd.layout), which the next relayout or resize starts from
    const input = (gd as { layout?: Record<string, { range?: unknown; autorange?: unknown } | undefined> })
      .layout;
    const x = input?.xaxis;
    const y = input?.yaxis;
    if (!kept || !x || !y || x.autorange || y.autorange) return;
    x.range = [...kept.x];
    y.range = [...kept.y];
  };
  return {
    drew(layout: Partial<Layout>): void {
      hold.drew(layout, Boolean(gd._fullLayout?.xaxis?.autorange || gd._fullLayout?.yaxis?.autorange));
      putBack();
    },
    relayout(event: Record<string, unknown>, drawn: AxisRanges | null): void {
      hold.relayout(event, drawn);
      putBack();
    },
    held: () => hold.held(),
  };
}

/**
 * How many animation frames after a 3-D click's release its cell is read from the hover, when Plotly reported
 * none during the press: gl-plot3d draws its picking buffer (paused while pressed, scene-pick-pause.ts) and
 * picks at the pointer in its own frames, one or two after ours is asked for.
 */
const PICK_FRAMES = 3;

/** Runs `then` after `frames` animation frames. */
function afterFrames(frames: number, then: () => void): void {
  if (frames <= 0) return then();
  requestAnimationFrame(() => afterFrames(frames - 1, then));
}

/**
 * Point clicks: Plotly's plotly_click, except that Plotly's 3-D scene reports a "click" from any frame drawn
 * while a button is down over a point — also when the user presses on a cell to rotate the scene, or drags
 * across cells — and none when press and release fall within one frame (a touchpad tap). So in 3-D a click
 * counts on release, when the pointer is still where it was pressed: the point Plotly reported during the
 * press, else the one hovered PICK_FRAMES frames after the release. A plotly_click with no press under way
 * (another source) counts at once.
 */
function createClickRelay(gd: Plotly.PlotlyHTMLElement, is3d: () => boolean) {
  const listeners: ((point: PlotClickPoint) => void)[] = [];
  const emit = (point: PlotClickPoint): void => {
    for (const listener of listeners) listener(point);
  };
  let hovered: PlotClickPoint | null = null;
  let press: { x: number; y: number; point: PlotClickPoint | null } | null = null;
  gd.addEventListener(
    'pointerdown',
    (e) => {
      press = { x: e.clientX, y: e.clientY, point: null };
    },
    true,
  );
  /** Where the pointer is over the plot (page pixels): moved there, or pressed there (a touch tap has no move). */
  let pointer = { x: NaN, y: NaN };
  for (const type of ['pointermove', 'pointerdown'] as const)
    gd.addEventListener(type, (e) => (pointer = { x: e.clientX, y: e.clientY }), true);
  gd.addEventListener('click', (e) => {
    const p = press;
    press = null;
    if (!p || !is3d() || Math.hypot(e.clientX - p.x, e.clientY - p.y) >= 5) return;
    if (p.point) return void emit(p.point);
    // No pick during the press: a tap within one frame, or frames late while the scene redraws — as right
    // after a legend click restyles it, when a quick click checked no cell or one the pointer had passed on
    // its way (the hovered cell then was that one's). The scene picks at the pointer's place in its next
    // frames: the cell hovered after them is the one clicked, if the pointer is still there.
    afterFrames(PICK_FRAMES, () => {
      if (hovered && Math.hypot(pointer.x - p.x, pointer.y - p.y) < 5) emit(hovered);
    });
  });
  // a press that ends elsewhere (a drag out of the plot) gets no click here: forget it after the release
  window.addEventListener('pointerup', () => setTimeout(() => (press = null)), true);
  // Plotly gives the element its `on` at the first draw and drops its handlers on purge: wire after each draw
  let wired = false;
  return {
    listeners,
    wire(): void {
      if (wired) return;
      wired = true;
      gd.on('plotly_click', (event) => {
        const point = (event.points[0] as unknown as PlotClickPoint | undefined) ?? null;
        if (press && is3d()) press.point ??= point;
        else if (point) emit(point);
      });
      gd.on('plotly_hover', (event) => {
        hovered = (event.points[0] as unknown as PlotClickPoint | undefined) ?? null;
      });
      gd.on('plotly_unhover', () => {
        hovered = null;
      });
    },
    reset(): void {
      wired = false;
      hovered = null;
    },
  };
}
