/**
 * The Explore map's figure, put together for each draw from cached parts: the map's own traces
 * (plot-model.ts, rebuilt only when the run, the view or the projected file change), the selection over them
 * (rebuilt only when the selection or those traces change), the neighbourhood rings on top, and the select
 * tools' layout. Keeps the revisions Plotly needs to redraw exactly when something changed, and the classes'
 * colours across label edits and retrains (class-colours.ts).
 */
import type { Data } from 'plotly.js-dist';
import type { RunResult } from '../../src/api/engine-api.js';
import type { CellRows, EditedLabels } from '../../src/api/annotation.js';
import { buildMapFigure, hoverTexts, type MapPoints, type MapView } from '../plot-model.js';
import { createBigMapCache, dataBounds, type BigMapCache, type ShownCells } from '../big-map-draw.js';
import { fullTracesOf } from '../map-thinning.js';
import {
  hiddenGroupsOf,
  withHiddenGroups,
  withSelection,
  type SelectionFigure as Figure,
} from '../selection/selection-traces.js';
import type { AppState } from '../state.js';
import { labelsShown } from '../annotation/label-edits.js';
import { labelClassOrder } from '../label-class-order.js';
import { runRowWords } from '../metric-notes.js';
import { classesBySize, extendColourBook } from '../class-colours.js';
import type { ClassColours } from '../session/view-settings.js';
import { selectionLayout, type DragTool } from './explore-model.js';
import { projectedFileName } from './project/project-model.js';

/** What one draw of the map depends on. */
export interface MapInputs {
  result: RunResult;
  state: AppState;
  view: MapView;
  threeD: boolean;
  tool: DragTool;
  /** Changes whenever the app's selection changes (Plotly's selectionrevision). */
  selectionRevision: number;
  /** The neighbourhood rings for the map's points. */
  rings(points: MapPoints): Data[];
}

/** What the composer reads of the plot the figure goes to (a PlotView; no DOM types, so Node tests it). */
export interface DrawnPlot {
  /** The Plotly element: its `data` says which legend groups the user hid. */
  element: object;
  axisRanges(): { x: [number, number]; y: [number, number] } | null;
  /**
   * The 2-D view the plot keeps across resizes (zoomed or pinned, before Plotly widened an axis to the 1:1
   * aspect), or null while it autoranges. Default: none.
   */
  viewRanges?(): { x: [number, number]; y: [number, number] } | null;
  /** The 2-D plot area in px (without margins), or null when unknown. Default: 900 × 700. */
  plotArea?(): { width: number; height: number } | null;
}

/** What the exports (image, standalone HTML) save of the map, and how many of its cells that is. */
export interface ExportFigure {
  figure: Figure;
  shown: ShownCells;
}

/**
 * A composer: inputs to figure, with what the big-map drawing keeps (shown counts, full traces), and the
 * figure the exports save (`forExport`).
 */
export type MapComposer = ((inputs: MapInputs) => Figure) & {
  bigMap: BigMapCache;
  /**
   * The figure to save of the last one composed (null before the first): that figure itself, except for a
   * thinned 2-D map, whose one point per half-marker square of the screen is no picture of the map at
   * another size and nothing to zoom into in a standalone file: there, every cell up to the 3-D view's
   * limit, above it the same density-preserving subsample, in the view the user left.
   */
  forExport(): ExportFigure | null;
};

/**
 * Returns a function that makes the figure to draw on `plot` for the given inputs. The class colours come
 * from the app state (`exploreView.classColours`); when a new class takes a colour, `onClassColours` gets
 * the grown book (the screen puts it into the state). Default: nothing.
 */
export function createMapComposer(
  plot: DrawnPlot,
  onClassColours: (colours: ClassColours) => void = () => undefined,
  bigMap: BigMapCache = createBigMapCache(),
): MapComposer {
  interface Base {
    figure: Figure;
    result: RunResult;
    view: MapView;
    projected: unknown;
    projectedColour: string;
    /** The dataset whose category order the crosses follow. */
    dataset: unknown;
    labels: readonly string[];
    /**
     * The state's class colour book the figure was drawn with, and the book it grew that into (the same when no
     * class was new): either in the state is no change; another one is (a class recoloured in Edit labels).
     */
    colours: readonly [ClassColours, ClassColours];
    threeD: boolean;
    /** The 3-D subsample drawn (a new one when its limit was raised), or undefined for every cell. */
    rows: Int32Array | undefined;
  }
  let base: Base | null = null;
  let selected: { base: Base; selection: CellRows; figure: Figure } | null = null;
  let dataRevision = 0;
  let drawnData: unknown = null;
  let drawnTool: DragTool = 'navigate';
  let coloursUsed: ClassColours = {};
  /**
   * `view` with the classes coloured from the state's book (colouring by label), grown by any new class:
   * class colours stay across label edits, retrains and a saved session's reopening.
   */
  function withClassColours(view: MapView, labels: readonly string[], colours: ClassColours): MapView {
    if (view.colorBy.kind !== 'label') return view;
    const before = new Map(Object.entries(colours));
    const book = extendColourBook(before, classesBySize(labels, view.colorBy.order), view.colorBy.colors);
    const grown = book === before ? colours : Object.fromEntries(book);
    // the book the state will hold: a grown one is put there as it is, so it does not count as a recolouring
    coloursUsed = grown;
    if (grown !== colours) onClassColours(grown);
    return { ...view, colorBy: { ...view.colorBy, colors: { ...grown } } };
  }

  /** `figure` as drawn: thinned in 2-D when the map is big, and the shown counts recorded. */
  function drawnCells(figure: Figure, points: MapPoints, inputs: MapInputs): Figure {
    const total = points.ids.length;
    if (inputs.threeD || !bigMap.thins2d(points.ids.length)) {
      const rows = inputs.threeD ? bigMap.rows3d(points) : undefined;
      // every 2-D map's box and lasso select from its cells in full, as a thinned map's do
      bigMap.drewAll(total, rows ? rows.length : null, inputs.threeD ? null : fullTracesOf(figure.data));
      return figure;
    }
    const ranges = plot.axisRanges() ?? dataBounds(points.coords, points.dims);
    if (!ranges) return figure;
    const area = plot.plotArea?.() ?? { width: 900, height: 700 };
    const thinned = bigMap.thin(
      figure.data,
      { x: ranges.x, y: ranges.y, widthPx: area.width, heightPx: area.height },
      (rows) => hoverTexts(points, rows, inputs.view),
      total,
    );
    return { data: thinned.data, layout: figure.layout };
  }

  let last: { inputs: MapInputs; drawn: Figure } | null = null;
  const forExport = () => last && exportedFigure(last.inputs, last.drawn, { plot, bigMap, withClassColours });

  const compose = (inputs: MapInputs): Figure => {
    const { result: r, state, view } = inputs;
    // label edits show at once: the map colours, names and counts by the edited labels
    const labels = labelsShown(r.labels, state.annotation.present.editedLabels);
    const points = mapPoints(r, labels, state.annotation.present.editedLabels);
    const rows = inputs.threeD ? bigMap.rows3d(points) : undefined;
    if (
      !base ||
      base.rows !== rows ||
      base.result !== r ||
      base.view !== view ||
      base.projected !== state.projected ||
      base.projectedColour !== state.projectedColour ||
      base.dataset !== state.dataset ||
      base.labels !== labels ||
      !base.colours.includes(state.exploreView.classColours) ||
      base.threeD !== inputs.threeD
    ) {
      const projected = projectedPoints(state);
      base = {
        figure: buildMapFigure(
          points,
          { ...withClassColours(view, labels, state.exploreView.classColours), projected },
          // a thinned 2-D map gets the hover text of the points it keeps only
          { rows, hoverText: inputs.threeD || !bigMap.thins2d(points.ids.length) },
        ),
        result: r,
        view,
        projected: state.projected,
        projectedColour: state.projectedColour,
        dataset: state.dataset,
        labels,
        colours: [
          state.exploreView.classColours,
          view.colorBy.kind === 'label' ? coloursUsed : state.exploreView.classColours,
        ],
        threeD: inputs.threeD,
        rows,
      };
    }
    const selection = state.annotation.present.selection;
    if (!selected || selected.base !== base || selected.selection !== selection) {
      const drawn = (plot.element as unknown as { data?: unknown[] }).data;
      selected = { base, selection, figure: withSelection(base.figure, selection, hiddenGroupsOf(drawn)) };
    }
    const figure = drawnCells(selected.figure, points, inputs);
    const rings = inputs.rings(points);
    const layout = {
      ...figure.layout,
      ...selectionLayout(inputs.threeD, inputs.tool, inputs.selectionRevision),
    };
    // a ring at the map's edge would widen a 2-D autorange and shift every point: keep the view the plot
    // keeps (the user's zoom, or the ranges pinned when the rings came), else the axes as drawn — not the
    // drawn ranges once kept: after a resize they are the kept view widened to the 1:1 aspect, and pinning
    // them zoomed the map out further at every resize
    const ranges = rings.length && !layout.scene ? (plot.viewRanges?.() ?? plot.axisRanges()) : null;
    if (ranges) {
      layout.xaxis = { ...layout.xaxis, range: ranges.x, autorange: false };
      layout.yaxis = { ...layout.yaxis, range: ranges.y, autorange: false };
    }
    const data = rings.length ? [...figure.data, ...rings] : figure.data;
    // scattergl measures its points for a box/lasso only when drawn while a selecting dragmode is on, and a
    // dragmode change alone does not redraw the traces: a new datarevision makes Plotly recompute them
    if (data !== drawnData || inputs.tool !== drawnTool) dataRevision++;
    drawnData = data;
    drawnTool = inputs.tool;
    const drawn = { data, layout: { ...layout, datarevision: dataRevision } };
    last = { inputs, drawn };
    return drawn;
  };
  return Object.assign(compose, { bigMap, forExport });
}

/**
 * The projected cells as the map figure takes them, coloured by the state's choice; the legend and hover name
 * the file, not the server's path to it. Their groups follow the stored category order of the same column as
 * the main map does (`DatasetSummary.categoryOrder`): the run's label column for the predicted class, the
 * joined column of Colour ✕ by when the dataset has one of that name.
 */
export function projectedPoints({
  projected,
  projectedColour,
  dataset,
  result,
  annotation,
}: Pick<AppState, 'projected' | 'projectedColour' | 'dataset' | 'result' | 'annotation'>) {
  if (!projected) return null;
  const joined = projected.joinedMetadata.some((c) => c.name === projectedColour);
  const column = joined ? projectedColour : result?.labelColumn;
  const order = joined
    ? dataset?.categoryOrder?.[projectedColour]
    : labelClassOrder({ dataset, annotation }, column);
  return {
    ...projected,
    source: projectedFileName(projected.source),
    coords: projected.coords.data,
    dims: projected.coords.cols,
    colourBy: projectedColour,
    ...(order ? { order } : {}),
  };
}

/** What the composer's `forExport` reads: the plot, the big-map cache and the class colouring. */
interface ExportParts {
  plot: DrawnPlot;
  bigMap: BigMapCache;
  withClassColours(view: MapView, labels: readonly string[], colours: ClassColours): MapView;
}

/** The composer's `forExport` for the figure `drawn` from `inputs`. */
function exportedFigure(
  inputs: MapInputs,
  drawn: Figure,
  { plot, bigMap, withClassColours }: ExportParts,
): ExportFigure {
  const { result: r, state, view } = inputs;
  const labels = labelsShown(r.labels, state.annotation.present.editedLabels);
  const points = mapPoints(r, labels, state.annotation.present.editedLabels);
  const total = points.ids.length;
  if (inputs.threeD || !bigMap.thins2d(total)) return { figure: drawn, shown: bigMap.shown() };
  const rows = bigMap.rowsForExport(points);
  const own = buildMapFigure(
    points,
    {
      ...withClassColours(view, labels, state.exploreView.classColours),
      projected: projectedPoints(state),
    },
    { rows, hoverText: true },
  );
  const hidden = hiddenGroupsOf((plot.element as unknown as { data?: unknown[] }).data);
  // the classes hidden in the legend stay hidden: the live plot keeps them by uirevision, a new figure does not
  const figure = withHiddenGroups(withSelection(own, state.annotation.present.selection, hidden), hidden);
  const ranges = plot.axisRanges();
  const layout = ranges
    ? {
        ...drawn.layout,
        xaxis: { ...drawn.layout.xaxis, range: ranges.x, autorange: false },
        yaxis: { ...drawn.layout.yaxis, range: ranges.y, autorange: false },
      }
    : drawn.layout;
  return {
    figure: { data: [...figure.data, ...inputs.rings(points)], layout },
    shown: rows ? { shown: rows.length, total, how: 'subsample' } : { shown: total, total, how: null },
  };
}

/**
 * The cells of the run `r` as the map draws them, coloured by `labels` (the run's, or the edited ones shown):
 * the hover names their column — the run's label column, or the edited labels' column when those are shown.
 */
function mapPoints(r: RunResult, labels: readonly string[], edited: EditedLabels | null): MapPoints {
  const labelName = labels !== r.labels && edited ? edited.column : r.labelColumn;
  return {
    coords: r.coords.data,
    dims: r.coords.cols,
    ids: r.ids,
    labels,
    split: r.split,
    rowWord: runRowWords(r).one,
    labelName,
  };
}
