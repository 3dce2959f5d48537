/**
 * Explore: the trained map (scatter3d, or scattergl in 2-D) with colouring by label, metadata or a gene,
 * hover fields, point size and opacity, id search, held-out cells marked, the metrics panel, a second file
 * projected onto the same axes, and selection (box/lasso in 2-D and 3-D, Select class, Invert, Clear,
 * Undo/Redo, count by label). The view settings a session keeps (dimensions, colour by, gene, point size,
 * opacity, class colours) are the app state's `exploreView`: a control dispatches 'explore-view' and the map
 * follows the state (a reopened session's settings too). What they load (a column's or gene's values, hover
 * columns) and the Find highlight stay in the screen's MapView. The selection is the app state's
 * `annotation.present.selection`. The figure is rebuilt at most once per frame whatever the user
 * drags. What the screen says and enables comes from explore-model.ts; the DOM from explore-controls.ts,
 * explore-metrics.ts and selection-panel.ts.
 *
 * data-testids of the Select panel (beside those listed in main.ts): select-tool-navigate|box|lasso,
 * select-hint, select-class, select-class-go, select-invert, select-clear, undo, redo (titled "Undo: …"),
 * selection-count, selection-by-label (one row per label), select-overlay (the 3-D lasso's SVG).
 */
import type { ColumnValues, RunResult } from '../../src/api/engine-api.js';
import type { AppContext, Screen } from '../app-context.js';
import { h, replaceChildren, setText } from '../dom.js';
import { plural } from '../format.js';
import { initialShow3d } from '../big-map.js';
import {
  clickedCell,
  DEFAULT_MAP_VIEW,
  is3d,
  type ColorBy,
  type HoverField,
  type MapView,
} from '../plot-model.js';
import { createPlotView, type Figure, type PlotView } from '../plot-view.js';
import { combine, toCellRows } from '../selection/cell-rows.js';
import { createMapSelector } from '../selection/map-selector.js';
import type { AppState } from '../state.js';
import type { ExploreView } from '../session/view-settings.js';
import { colouringNeedsInput, hoverFieldsNeedInput } from '../session/session-state.js';
import { coalesce } from '../throttle.js';
import { takesText, undoKeyAction } from '../undo-keys.js';
import { webglIsSoftware } from '../webgl-probe.js';
import { installSceneSpritesWhenIdle, sceneSpritesOff } from '../scene-sprites.js';
import { createViewControls, fillForRun, type ViewControls } from './explore-controls.js';
import { createMapComposer, type ExportFigure, type MapComposer } from './explore-figure.js';
import { bigMapCacheFor } from '../big-map-draw.js';
import { createShownNote } from './shown-note.js';
import type { FullTrace } from '../map-thinning.js';
import { createPointBinsCache, type PointBins } from '../selection/point-bins.js';
import { decodeColumnCodes } from '../../src/api/column-codes.js';
import { hiddenGroupsOf } from '../selection/selection-traces.js';
import { metricsContent } from './explore-metrics.js';
import {
  columnColorBy,
  countsText,
  describeMap,
  dimsNote,
  findCell,
  findWords,
  pickLabel,
} from './explore-model.js';
import { runRowWords } from '../metric-notes.js';
import { createProjectPanel, type ProjectPanel } from './project/project-panel.js';
import { createNeighbourhoodPanel } from './neighbourhood-panel.js';
import { createLabelEditPanel } from '../annotation/label-edit-panel.js';
import { createMarkerPanel } from './marker-panel.js';
import { findCells, matchGenes, matricesWithMoreGenes, missingGenesSentence } from '../gene-search.js';
import { sourceNoun } from '../source-noun.js';
import { geneSetValues } from '../gene-colour.js';
import { labelClassOrder } from '../label-class-order.js';
import { createSelectionPanel, setSelection } from './selection-panel.js';
import { wireLegendTitles } from '../legend-titles.js';

export { metricRows } from './explore-model.js';

export interface ExploreScreen extends Screen {
  plot: PlotView;
  /** A short description of what is shown (for export titles). */
  describe(): string;
  /**
   * What the image and HTML exports save (explore-figure.ts `forExport`: a thinned big 2-D map saves its
   * cells, not the screen's thinning), or null before a map is drawn.
   */
  exportFigure(): ExportFigure | null;
}

const EMPTY_TEXT = 'Train a model to see the map here.';

/** The side panel's sections, built by the screen. */
interface ControlSections {
  view: HTMLElement[];
  selection: HTMLElement;
  markers: HTMLElement;
  neighbourhood: HTMLElement;
  metrics: HTMLElement;
  /** Project another file, under its heading: shown with a map only (createExploreScreen's update). */
  project: HTMLElement;
}

/** The Explore screen's side panel: its sections in order, each under its heading. */
function controlsPanel(ctx: AppContext, s: ControlSections): HTMLElement {
  return h(
    'aside',
    { class: 'panel controls', 'aria-label': 'Map controls' },
    h('h2', {}, 'View'),
    s.view,
    h('h2', {}, 'Select'),
    s.selection,
    // other panels that act on the selection mount below this line, in the order of the loop: which genes
    // mark the selected cells, then their labels
    s.markers,
    createLabelEditPanel(ctx, window.tripletlensShell).element,
    h('h2', {}, 'Neighbourhood check'),
    s.neighbourhood,
    h('h2', {}, 'Quality'),
    s.metrics,
    s.project,
  );
}

/**
 * Project another file under its heading, hidden until a map is shown: without a trained model there is
 * nothing to place a file with, and its Project buttons only met the engine's "No trained model yet".
 */
function sectionOf(project: ProjectPanel): HTMLElement {
  return h(
    'div',
    { class: 'project-section', 'data-testid': 'project-section', hidden: true },
    h('h2', {}, 'Project another file'),
    ...project.elements,
  );
}

/**
 * At most one re-thinning of a big 2-D map per this many ms of panning or zooming: a wheel gesture's many
 * steps are drawn by Plotly from the points already thinned, not each thinned again from every cell.
 */
const RETHIN_MS = 250;

/** Which of the figure's inputs besides the run and the view settings changed: each redraws the map. */
function figureInputsChanged(state: AppState, previous: AppState): { any: boolean; selection: boolean } {
  const now = state.annotation.present;
  const before = previous.annotation.present;
  const selection = now.selection !== before.selection;
  const any =
    selection ||
    state.projected !== previous.projected ||
    state.projectedColour !== previous.projectedColour ||
    now.editedLabels !== before.editedLabels ||
    // a class recoloured in Edit labels (a book the map grew itself composes to the same figure)
    state.exploreView.classColours !== previous.exploreView.classColours;
  return { any, selection };
}

export function createExploreScreen(ctx: AppContext): ExploreScreen {
  const plot = createPlotView({ 'data-testid': 'explore-plot', class: 'map-plot' });
  // the legend's shortened class names show in full on hover
  wireLegendTitles(plot.element);
  const empty = h('p', { class: 'empty', 'data-testid': 'explore-empty' }, EMPTY_TEXT);
  const c = createViewControls();
  const metrics = h('div', { class: 'metrics', 'data-testid': 'metrics' });
  const neighbourhood = createNeighbourhoodPanel(ctx, () => rebuild(undefined));
  const project = createProjectPanel(ctx, window.tripletlensShell);
  const projectSection = sectionOf(project);
  const selectionPanel = createSelectionPanel(ctx, () => configureSelector());
  const selector = wireSelector(
    ctx,
    plot,
    () => result?.ids.length ?? 0,
    () => compose.bigMap.traces2d(),
  );
  plot.onPointClick((point) => {
    // a click while selecting is the start or end of a box or lasso, not a neighbourhood check
    if (selectionPanel.tool() === 'navigate') neighbourhood.check(clickedCell(point));
  });

  const markerPanel = createMarkerPanel(ctx, (gene) => colourByGene(gene));
  const controls = controlsPanel(ctx, {
    view: c.viewSection,
    selection: selectionPanel.element,
    markers: markerPanel.element,
    neighbourhood: neighbourhood.element,
    metrics,
    project: projectSection,
  });
  // the stage positions the 3-D lasso's overlay over the plot
  const stage = h('div', { class: 'map-stage', hidden: true }, plot.element, selector.overlay);
  // how many cells a big map draws (3-D subsample, 2-D thinning); without a GPU, a button draws more in 3-D
  const shownNote = createShownNote(() => drawAll3d(compose, rebuild));
  const element = h(
    'div',
    { class: 'screen explore-screen', 'data-testid': 'screen-explore' },
    controls,
    h(
      'section',
      { class: 'panel map-panel', 'aria-label': 'Map' },
      empty,
      stage,
      neighbourhood.status,
      shownNote.element,
    ),
  );

  // ---- view state -----------------------------------------------------------------------------------------
  let result: RunResult | null = null;
  // the figure's view: the state's exploreView plus the values it loaded (column, gene, hover fields)
  let view: MapView = { ...DEFAULT_MAP_VIEW };
  // how many times the selection changed (Plotly's selectionrevision)
  let selectionRevision = 0;
  const compose = exploreComposer(ctx, plot);

  const showing3d = (): boolean => result !== null && is3d({ dims: result.coords.cols }, view);
  function configureSelector(): void {
    selector.configure(selectionPanel.tool(), showing3d());
    // the tools' hint depends on 2-D or 3-D
    selectionPanel.update(ctx.getState(), showing3d());
    rebuild(undefined);
  }

  const rebuild = coalesce(
    () => {
      if (!result) return;
      const figure = compose({
        result,
        state: ctx.getState(),
        view,
        threeD: showing3d(),
        tool: selectionPanel.tool(),
        selectionRevision,
        rings: (points) => neighbourhood.traces(points, view),
      });
      plot.render(figure);
      shownNote.show(compose.bigMap.shown());
    },
    (cb) => requestAnimationFrame(cb),
  );
  const rethin = coalesce(
    () => rebuild(undefined),
    (cb) => setTimeout(cb, RETHIN_MS),
  );
  plot.onRangesChanged(() => compose.bigMap.fullTraces() && rethin(undefined));
  const setView = (patch: Partial<MapView>): void => {
    view = { ...view, ...patch };
    neighbourhood.shownIn(view);
    configureSelector();
  };

  const { colourByGene, applyColor } = wireViewControls(ctx, c, {
    setView,
    getResult: () => result,
    labelColorBy: () => labelColorBy(ctx, result?.labelColumn),
  });
  listenForUndoKeys(ctx);

  function resetForRun(r: RunResult, state: AppState, sameData: boolean): void {
    view = showRun(ctx, c, r, state, sameData);
    neighbourhood.reset(r);
    neighbourhood.shownIn(view);
    replaceChildren(metrics, metricsContent(r));
    restoreColour(ctx, c, state, applyColor);
  }

  function update(state: AppState, previous: AppState): void {
    if (state.result !== result) {
      const sameData = result !== null && result.datasetId === state.result?.datasetId;
      result = state.result;
      empty.hidden = result !== null;
      plot.element.hidden = result === null;
      stage.hidden = result === null;
      projectSection.hidden = result === null;
      if (result) resetForRun(result, state, sameData);
      else {
        neighbourhood.reset(null);
        plot.clear();
      }
      configureSelector();
    } else if (state.exploreView !== previous.exploreView && result) {
      const shown = colouringNeedsInput(state, state.exploreView) === null;
      followView(c, { setView, applyColor }, state.exploreView, previous.exploreView, shown);
    }
    project.update(state, previous);
    const changed = figureInputsChanged(state, previous);
    if (changed.selection) selectionRevision++;
    if (changed.any) rebuild(undefined);
    selectionPanel.update(state, showing3d());
    if (markerPanelFollows(state, previous)) markerPanel.update(state, previous);
  }

  return {
    element,
    update,
    plot,
    shown() {
      plot.refresh();
    },
    describe() {
      const colour = view.colorBy.kind === 'label' ? null : view.colorBy.name;
      return describeMap(result, colour, ctx.getState().dataset?.source);
    },
    exportFigure: () => (rebuild.flush(), result ? compose.forExport() : null),
  };
}

/**
 * Puts run `r` into the view controls with the state's view settings (dimensions the map lacks, or none
 * chosen yet, become the screen's pick, put into the state) and returns the view it starts with, coloured
 * by label (resetForRun loads any other colouring). `sameData`: `r` is of the data the map showed before (a
 * retrain), whose ids an id typed into Find still names.
 */
function showRun(
  ctx: AppContext,
  c: ViewControls,
  r: RunResult,
  state: AppState,
  sameData: boolean,
): MapView {
  const settings = state.exploreView;
  const show3d =
    settings.dims === null || (settings.dims === '3' && r.coords.cols < 3)
      ? initialShow3d(r.ids.length, r.coords.cols, webglIsSoftware())
      : settings.dims === '3';
  const dims = show3d ? '3' : '2';
  // a map that can be shown in 3-D: the 3-D markers get ready before the user asks for them
  if (r.coords.cols >= 3) installSceneSpritesWhenIdle();
  if (settings.dims !== dims) ctx.dispatch({ type: 'explore-view', patch: { dims } });
  fillForRun(c, r, state, show3d, sameData);
  // a saved colouring read from an input that is not open is drawn by label (the opening's note says so)
  showViewSettings(c, { ...settings, dims }, colouringNeedsInput(state, settings) === null);
  setText(c.dimsNote, dimsNote(r.ids.length, r.coords.cols, show3d, runRowWords(r)));
  setText(c.searchResult, '');
  setText(c.counts, countsText(r));
  const find = findWords(r);
  setText(c.searchLabel, find.label);
  c.searchInput.placeholder = find.placeholder;
  return {
    ...DEFAULT_MAP_VIEW,
    colorBy: labelColorBy(ctx, r.labelColumn),
    show3d,
    pointSize: settings.pointSize,
    opacity: settings.opacity,
    title: '',
  };
}

/**
 * The state's colouring of the map just shown (a reopened session's, or the one a run of the same data kept:
 * a column or gene to load; 'label' is drawn already). One read from the session's input while it is not open
 * stays 'label' on the map, kept in the state for re-attaching.
 */
function restoreColour(
  ctx: AppContext,
  c: ViewControls,
  state: AppState,
  applyColor: (choice: string) => Promise<void>,
): void {
  if (colouringNeedsInput(state, state.exploreView) !== null) return;
  const choice = c.colorSelect.value;
  if (choice !== state.exploreView.colorBy) {
    ctx.dispatch({ type: 'explore-view', patch: { colorBy: choice } }); // the map does not offer it
  } else if (choice !== 'label') void applyColor(choice);
}

/** Follows a change of the state's view settings: the controls show them, the map is redrawn with them. */
function followView(
  c: ViewControls,
  hooks: { setView(patch: Partial<MapView>): void; applyColor(choice: string): Promise<void> },
  now: ExploreView,
  before: ExploreView,
  colourShown: boolean,
): void {
  showViewSettings(c, now, colourShown, true);
  const patch: Partial<MapView> = {};
  if (now.dims !== before.dims && now.dims !== null) patch.show3d = now.dims === '3';
  if (now.pointSize !== before.pointSize) patch.pointSize = now.pointSize;
  if (now.opacity !== before.opacity) patch.opacity = now.opacity;
  if (Object.keys(patch).length) hooks.setView(patch);
  const gene = now.colorBy === 'gene' && now.gene !== before.gene;
  if (now.colorBy !== before.colorBy || gene) void hooks.applyColor(now.colorBy);
}

/**
 * The controls showing `settings` (a colouring the map does not offer shows 'label', as does one not
 * `colourShown`: read from a reopened session's input that is not open). With `keepTyping` (following the
 * state, a frame late) a gene the user is typing stays in the gene box (ViewControls.showGene).
 */
function showViewSettings(
  c: ViewControls,
  settings: ExploreView,
  colourShown: boolean,
  keepTyping = false,
): void {
  if (settings.dims !== null) c.dims.value = settings.dims;
  c.sizeInput.value = String(settings.pointSize);
  c.opacityInput.value = String(settings.opacity);
  const offered = [...c.colorSelect.options].some((o) => o.value === settings.colorBy && !o.disabled);
  c.colorSelect.value = offered && colourShown ? settings.colorBy : 'label';
  c.geneRow.hidden = c.colorSelect.value !== 'gene';
  if (settings.colorBy === 'gene') c.showGene(settings.gene, keepTyping);
}

/** Whether the marker panel has something to follow: other data, another run, another selection. */
function markerPanelFollows(state: AppState, previous: AppState): boolean {
  return (
    state.dataset !== previous.dataset ||
    state.result !== previous.result ||
    state.annotation.present.selection !== previous.annotation.present.selection
  );
}

/** Ctrl/⌘+Z, Ctrl/⌘+Shift+Z and Ctrl+Y undo and redo selections and label edits while Explore is shown. */
function listenForUndoKeys(ctx: AppContext): void {
  document.addEventListener('keydown', (e) => {
    const action = undoKeyAction(e, takesText(e.target as HTMLElement | null));
    if (!action || ctx.getState().screen !== 'explore') return;
    e.preventDefault();
    ctx.dispatch({ type: action });
  });
}

/** The colours the data file gives `column`'s categories (an h5ad's scanpy colours), if any. */
function fileColors(ctx: AppContext, column: string | undefined) {
  return column === undefined ? undefined : ctx.getState().dataset?.categoryColors?.[column];
}

/** The file's stored order of `column`'s categories (an h5ad's categorical, as scanpy lists them), if any. */
function fileOrder(ctx: AppContext, column: string | undefined): readonly string[] | undefined {
  return column === undefined ? undefined : ctx.getState().dataset?.categoryOrder?.[column];
}

/** Colouring by the run's labels, with the file's colours and category order for its label column. */
function labelColorBy(ctx: AppContext, column: string | undefined): ColorBy {
  const order = labelClassOrder(ctx.getState(), column);
  return { kind: 'label', colors: fileColors(ctx, column), ...(order ? { order } : {}) };
}

/** What the view controls change in the screen. */
interface ViewHooks {
  setView(patch: Partial<MapView>): void;
  getResult(): RunResult | null;
  labelColorBy(): ColorBy;
}

/**
 * Wires the view controls: dimensions, colour, gene, size and opacity dispatch 'explore-view' (the screen
 * follows the state with `applyColor`); hover fields, Find and the projected file act on the screen.
 */
function wireViewControls(
  ctx: AppContext,
  c: ViewControls,
  hooks: ViewHooks,
): { colourByGene(gene: string): void; applyColor(choice: string): Promise<void> } {
  const settings = (): ExploreView => ctx.getState().exploreView;
  const change = (patch: Partial<ExploreView>): void => ctx.dispatch({ type: 'explore-view', patch });
  const toColorBy = (v: ColumnValues): ColorBy =>
    columnColorBy(
      v,
      ctx.getState().dataset?.metadata.find((m) => m.name === v.name),
      fileColors(ctx, v.name),
      fileOrder(ctx, v.name),
      labelClassOrder(ctx.getState(), hooks.getResult()?.labelColumn),
    );
  const load = (request: Parameters<AppContext['columnValues']>[0], name: string, failure: string) =>
    ctx.busy(
      { kind: 'column', message: `Loading ${name}…`, fraction: null, cancellable: false },
      failure,
      () => ctx.columnValues(request),
    );

  /** Colours the map by the state's choice (loading a column or the state's gene when it needs one). */
  async function applyColor(choice: string): Promise<void> {
    c.geneRow.hidden = choice !== 'gene';
    if (choice === 'label') return hooks.setView({ colorBy: hooks.labelColorBy() });
    if (choice === 'gene') return settings().gene.trim() ? applyGene(settings().gene) : undefined;
    const column = choice.slice('meta:'.length);
    const values = await load({ kind: 'metadata', column }, column, `Could not load column ${column}`);
    if (values && settings().colorBy === choice) hooks.setView({ colorBy: toColorBy(values) });
  }
  async function applyGene(gene: string): Promise<void> {
    // any case, several genes at once (their mean); words that are no gene of the file are named
    const dataset = ctx.getState().dataset;
    const geneNames = dataset?.geneNames ?? [];
    const match = matchGenes(gene, geneNames);
    // a gene the matrix read lacks may be in the file's raw/X, which scanpy colours by: named so
    const format = dataset?.format;
    const read = matricesWithMoreGenes(format?.matrix ?? '', geneNames.length, format?.layerGenes);
    setText(c.geneNote, missingGenesSentence(match, geneNames, sourceNoun(dataset), read));
    if (!match.found.length) return;
    const names = match.found.join(', ');
    const values = await ctx.busy(
      { kind: 'column', message: `Loading ${names}…`, fraction: null, cancellable: false },
      `Could not colour by ${names}`,
      () => geneSetValues((request) => ctx.columnValues(request), match.found),
    );
    const now = settings();
    if (values && now.colorBy === 'gene' && now.gene === gene) hooks.setView({ colorBy: toColorBy(values) });
  }
  /**
   * A colour picked (the colour select, the gene box, a marker's gene link): the same colouring again is
   * applied again (after a failed load, say); another goes into the state, which refuses one the map cannot
   * draw — read from a reopened session's input that is not open (session-state.ts changeExploreView) —
   * and the controls show the colouring the state kept: the one the map draws.
   */
  function pickColour(pick: Pick<ExploreView, 'colorBy' | 'gene'>): void {
    const now = settings();
    const same = now.colorBy === pick.colorBy && (pick.colorBy !== 'gene' || now.gene === pick.gene);
    if (same && colouringNeedsInput(ctx.getState(), now) === null) {
      void applyColor(pick.colorBy);
      return;
    }
    change(pick.colorBy === 'gene' ? pick : { colorBy: pick.colorBy });
    showViewSettings(c, settings(), colouringNeedsInput(ctx.getState(), settings()) === null);
  }
  /** Colours the map by one gene through the gene box (the marker table's gene links). */
  function colourByGene(gene: string): void {
    c.showGene(gene, false);
    pickColour({ colorBy: 'gene', gene });
  }
  async function applyHoverFields(): Promise<void> {
    const picked = Array.from(c.hoverSelect.selectedOptions).map((o) => o.value);
    // without a reopened session's input a column is refused as a colour pick is: a warning, the pick undone
    const { kept, refusals } = hoverFieldsNeedInput(ctx.getState(), picked);
    for (const refusal of refusals) ctx.dispatch(refusal);
    if (refusals.length > 0) for (const o of c.hoverSelect.options) o.selected = kept.includes(o.value);
    const fields: HoverField[] = [];
    for (const column of kept) {
      const v = await load({ kind: 'metadata', column }, column, `Could not load column ${column}`);
      if (v) fields.push({ name: v.name, values: v.kind === 'coded' ? decodeColumnCodes(v) : v.values });
    }
    hooks.setView({ hoverFields: fields });
  }

  const geneEntered = (): void => pickColour({ colorBy: 'gene', gene: c.geneInput.value });
  c.dims.addEventListener('change', () => change({ dims: c.dims.value === '3' ? '3' : '2' }));
  c.colorSelect.addEventListener('change', () =>
    pickColour({ colorBy: c.colorSelect.value, gene: settings().gene }),
  );
  c.geneButton.addEventListener('click', geneEntered);
  c.geneInput.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    geneEntered();
  });
  c.hoverSelect.addEventListener('change', () => void applyHoverFields());
  c.sizeInput.addEventListener('input', () => change({ pointSize: Number(c.sizeInput.value) }));
  c.opacityInput.addEventListener('input', () => change({ opacity: Number(c.opacityInput.value) }));
  c.searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    findAndShow(c, hooks, c.searchInput.value);
  });
  return { colourByGene, applyColor };
}

/** Find: a whole id, or part of one (any case), rings its cell; several matches are listed to pick from. */
function findAndShow(c: ViewControls, hooks: ViewHooks, query: string): void {
  const show = (id: string): void => {
    const found = findCell(hooks.getResult(), id);
    setText(c.searchResult, found.text);
    hooks.setView({ highlightId: found.row >= 0 ? id : null });
  };
  const id = query.trim();
  const found = findCells(hooks.getResult()?.ids ?? [], id);
  if (!id || found.kind === 'none') return show(id);
  if (found.kind === 'one') return show(found.id);
  const more = found.total > found.matches.length ? ` (first ${found.matches.length})` : '';
  const result = hooks.getResult();
  const words = result ? runRowWords(result) : null;
  replaceChildren(
    c.searchResult,
    `${words ? plural(found.total, words.one, words.many) : plural(found.total, 'cell')} match “${id}”${more}: `,
    found.matches.flatMap((m) => {
      const pick = h(
        'button',
        { type: 'button', class: 'link', 'data-testid': 'explore-search-match' },
        m.id,
      );
      pick.addEventListener('click', () => show(m.id));
      return [pick, ' '];
    }),
  );
}

export type { Figure };

/**
 * The map's box and lasso, putting what they pick into the app's selection; a 2-D map's box or lasso selects
 * from every cell (`full`: its cell traces in full), not from the points drawn (fewer on a thinned map).
 */
function wireSelector(
  ctx: AppContext,
  plot: PlotView,
  cells: () => number,
  full: () => FullTrace[] | null,
): ReturnType<typeof createMapSelector> {
  // built once a map (the same full arrays across re-thinnings), on the first box or lasso
  const binsFor = createPointBinsCache();
  return createMapSelector(
    plot,
    (picked, mode) => {
      const rows = toCellRows(picked, cells());
      const next = combine(mode, ctx.getState().annotation.present.selection, rows);
      const run = ctx.getState().result;
      setSelection(ctx, next, pickLabel(mode, rows.length, next.length, run ? runRowWords(run) : undefined));
    },
    (polygon) => allCellsIn(polygon, full(), plot, binsFor),
    () => full() !== null,
  );
}

/**
 * The rows of every cell of a 2-D map inside a box or lasso (data coordinates), through the map's bins
 * (point-bins.ts: the rows `rowsInDataPolygon` gives); null when no 2-D map is drawn.
 */
function allCellsIn(
  polygon: number[],
  full: FullTrace[] | null,
  plot: PlotView,
  binsFor: (traces: readonly FullTrace[]) => PointBins,
): number[] | null {
  const drawn = (plot.element as unknown as { data?: unknown[] }).data;
  return full ? binsFor(full).rowsIn(hiddenGroupsOf(drawn), polygon) : null;
}

/**
 * The Explore map's composer: new class colours go into the state; without a GPU and without 3-D point
 * sprites the 3-D view draws fewer points until the user asks for all (big-map-draw.ts: bigMapCacheFor).
 */
function exploreComposer(ctx: AppContext, plot: PlotView): MapComposer {
  return createMapComposer(
    plot,
    (classColours) => ctx.dispatch({ type: 'explore-view', patch: { classColours } }),
    bigMapCacheFor(webglIsSoftware(), sceneSpritesOff()),
  );
}

/** Raises the 3-D limit a missing GPU lowered (the note's button) and draws the map again. */
function drawAll3d(compose: MapComposer, rebuild: (value: undefined) => void): void {
  compose.bigMap.drawAll3d();
  rebuild(undefined);
}
