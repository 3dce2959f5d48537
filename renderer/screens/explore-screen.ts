/**
 * Explore: the trained map (scatter3d, or scattergl in 2-D) with colouring by label, metadata or a gene,
 * hover fields, point size and opacity, id search, held-out cells marked, the metrics panel, and a second
 * file projected onto the same axes. View settings live here (they are not engine state); the figure is
 * rebuilt at most once per frame whatever the user drags.
 */
import type { ColumnValues, RunMetrics, RunResult } from '../../src/api/engine-api.js';
import type { AppContext, Screen } from '../app-context.js';
import { robustRange } from '../colors.js';
import { field, h, replaceChildren, select, setText } from '../dom.js';
import { initialShow3d } from '../big-map.js';
import { formatCount, formatMetric, formatPercent, plural } from '../format.js';
import {
  buildMapFigure,
  clickedCell,
  DEFAULT_MAP_VIEW,
  type ColorBy,
  type HoverField,
  type MapView,
} from '../plot-model.js';
import { createPlotView, type Figure, type PlotView } from '../plot-view.js';
import type { AppState } from '../state.js';
import { createNeighbourhoodPanel } from './neighbourhood-panel.js';
import { createLabelEditPanel } from '../annotation/label-edit-panel.js';
import { createMarkerPanel } from './marker-panel.js';
import { findCells, matchGenes, missingGenesSentence } from '../gene-search.js';
import { geneSetValues } from '../gene-colour.js';
import { coalesce } from '../throttle.js';
import { webglIsSoftware } from '../webgl-probe.js';

export interface ExploreScreen extends Screen {
  plot: PlotView;
  /** A short description of what is shown (for export titles). */
  describe(): string;
}

/** The metrics table rows: label, value, and what it means. */
export function metricRows(m: RunMetrics): [string, string, string][] {
  return [
    [
      'kNN accuracy, held-out cells',
      formatPercent(m.knn_holdout),
      'in the learnt map (5 nearest neighbours)',
    ],
    ['… PCA baseline', formatPercent(m.knn_holdout_pca), 'same cells, PCA map of the same dimensions'],
    ['… input space', formatPercent(m.knn_holdout_input), 'same cells, preprocessed expression'],
    ['kNN accuracy, training cells', formatPercent(m.knn_train), 'how well the training classes separate'],
    ['Silhouette', formatMetric(m.silhouette), 'class compactness, −1 … 1 (higher is better)'],
    [
      'Trustworthiness',
      formatMetric(m.trustworthiness),
      'neighbours in the map that are neighbours in the data, 0 … 1',
    ],
  ];
}

export function createExploreScreen(ctx: AppContext): ExploreScreen {
  const plot = createPlotView({ 'data-testid': 'explore-plot', class: 'map-plot' });
  const empty = h(
    'p',
    { class: 'empty', 'data-testid': 'explore-empty' },
    'Train a model to see the map here.',
  );

  const dimsSelect = select({ 'data-testid': 'explore-dims' }, [
    { value: '3', label: '3-D (rotate with the mouse)' },
    { value: '2', label: '2-D (first two dimensions)' },
  ]);
  const dimsNote = h('p', { class: 'hint', 'data-testid': 'explore-dims-note' });
  const colorSelect = h('select', { 'data-testid': 'explore-color-by' });
  const geneInput = h('input', {
    type: 'text',
    list: 'gene-names',
    'data-testid': 'explore-gene',
    placeholder: 'gene name(s), e.g. cd79a, ms4a1',
    autocomplete: 'off',
  });
  const geneList = h('datalist', { id: 'gene-names' });
  const geneButton = h('button', { type: 'button', 'data-testid': 'explore-gene-apply' }, 'Apply');
  const geneNote = h('p', { class: 'hint', 'data-testid': 'explore-gene-note', 'aria-live': 'polite' });
  const hoverSelect = h('select', { multiple: true, size: 4, 'data-testid': 'explore-hover-fields' });
  const sizeInput = h('input', {
    type: 'range',
    min: 1,
    max: 12,
    step: 1,
    value: DEFAULT_MAP_VIEW.pointSize,
    'data-testid': 'explore-point-size',
  });
  const opacityInput = h('input', {
    type: 'range',
    min: 0.1,
    max: 1,
    step: 0.05,
    value: DEFAULT_MAP_VIEW.opacity,
    'data-testid': 'explore-opacity',
  });
  const searchInput = h('input', {
    type: 'search',
    'data-testid': 'explore-search',
    placeholder: 'cell id',
    autocomplete: 'off',
  });
  const searchButton = h('button', { type: 'submit', 'data-testid': 'explore-search-go' }, 'Find');
  const searchResult = h('p', {
    class: 'hint',
    'data-testid': 'explore-search-result',
    'aria-live': 'polite',
  });
  const metrics = h('div', { class: 'metrics', 'data-testid': 'metrics' });
  const projectInput = h('input', {
    type: 'file',
    accept: '.csv,.tsv,.txt,.gz',
    'data-testid': 'project-file',
  });
  const projectInfo = h('p', { class: 'hint', 'data-testid': 'project-info', 'aria-live': 'polite' });
  const projectClear = h(
    'button',
    { type: 'button', 'data-testid': 'project-clear', hidden: true },
    'Remove projected cells',
  );
  const counts = h('p', { class: 'hint', 'data-testid': 'explore-counts' });
  const neighbourhood = createNeighbourhoodPanel(ctx, () => rebuild(undefined));
  plot.onPointClick((point) => neighbourhood.check(clickedCell(point)));

  const searchForm = h('form', { class: 'inline' }, field('Find a cell by id', searchInput), searchButton);
  const controls = h(
    'aside',
    { class: 'panel controls', 'aria-label': 'Map controls' },
    h('h2', {}, 'View'),
    counts,
    field('Dimensions', dimsSelect),
    dimsNote,
    field('Colour by', colorSelect, 'Label, a metadata column, or a gene’s expression.'),
    h('div', { class: 'gene-row', hidden: true }, field('Gene', geneInput), geneButton, geneList, geneNote),
    field('Hover shows', hoverSelect, 'Ctrl/⌘-click to choose several columns.'),
    field('Point size', sizeInput),
    field('Opacity', opacityInput),
    searchForm,
    searchResult,
    createLabelEditPanel(ctx).element,
    h('h2', {}, 'Neighbourhood check'),
    neighbourhood.element,
    createMarkerPanel(ctx, (gene) => colourByGene(gene)).element,
    h('h2', {}, 'Quality'),
    metrics,
    h('h2', {}, 'Project another file'),
    field(
      'Expression file',
      projectInput,
      'Cells are placed with the trained model; their class is predicted.',
    ),
    projectInfo,
    projectClear,
  );
  const geneRow = controls.querySelector('.gene-row') as HTMLElement;
  const element = h(
    'div',
    { class: 'screen explore-screen', 'data-testid': 'screen-explore' },
    controls,
    h('section', { class: 'panel map-panel', 'aria-label': 'Map' }, empty, plot.element),
  );

  // ---- view state -----------------------------------------------------------------------------------------
  let result: RunResult | null = null;
  let view: MapView = { ...DEFAULT_MAP_VIEW };
  let colorChoice = 'label';

  // the map's own traces, rebuilt only when the run, the view or the projected file change: a neighbourhood
  // check only appends its rings to them
  let base: { figure: Figure; result: RunResult; view: MapView; projected: unknown } | null = null;
  const rebuild = coalesce(
    () => {
      const state = ctx.getState();
      if (!result) return;
      const points = {
        coords: result.coords.data,
        dims: result.coords.cols,
        ids: result.ids,
        labels: result.labels,
        split: result.split,
      };
      if (!base || base.result !== result || base.view !== view || base.projected !== state.projected) {
        const projected = state.projected
          ? { ...state.projected, coords: state.projected.coords.data, dims: state.projected.coords.cols }
          : null;
        const figure = buildMapFigure(points, { ...view, projected });
        base = { figure, result, view, projected: state.projected };
      }
      const rings = neighbourhood.traces(points, view);
      if (!rings.length) return plot.render(base.figure);
      // a ring at the map's edge would widen a 2-D autorange and shift every point: keep the axes as drawn
      const ranges = base.figure.layout.scene ? null : plot.axisRanges();
      const layout = ranges
        ? {
            ...base.figure.layout,
            xaxis: { ...base.figure.layout.xaxis, range: ranges.x, autorange: false },
            yaxis: { ...base.figure.layout.yaxis, range: ranges.y, autorange: false },
          }
        : base.figure.layout;
      plot.render({ data: [...base.figure.data, ...rings], layout });
    },
    (cb) => requestAnimationFrame(cb),
  );

  const setView = (patch: Partial<MapView>): void => {
    view = { ...view, ...patch };
    neighbourhood.shownIn(view);
    rebuild(undefined);
  };

  /** The colours the data file gives `column`'s categories (an h5ad's scanpy colours), if any. */
  const fileColors = (column: string | undefined) =>
    column === undefined ? undefined : ctx.getState().dataset?.categoryColors?.[column];
  const labelColorBy = (): ColorBy => ({ kind: 'label', colors: fileColors(result?.labelColumn) });
  const toColorBy = (v: ColumnValues): ColorBy =>
    v.kind === 'numeric'
      ? { kind: 'continuous', name: v.name, values: v.values, range: robustRange(v.values) }
      : { kind: 'category', name: v.name, values: v.values, colors: fileColors(v.name) };

  async function applyColor(choice: string): Promise<void> {
    colorChoice = choice;
    geneRow.hidden = choice !== 'gene';
    if (choice === 'label') return setView({ colorBy: labelColorBy() });
    if (choice === 'gene') return; // waits for a gene name
    const column = choice.slice('meta:'.length);
    const values = await ctx.busy(
      { kind: 'column', message: `Loading ${column}…`, fraction: null, cancellable: false },
      `Could not load column ${column}`,
      () => ctx.columnValues({ kind: 'metadata', column }),
    );
    if (values && colorChoice === choice) setView({ colorBy: toColorBy(values) });
  }

  async function applyGene(): Promise<void> {
    // any case, several genes at once (their mean); words that are no gene of the file are named
    const match = matchGenes(geneInput.value, ctx.getState().dataset?.geneNames ?? []);
    setText(geneNote, missingGenesSentence(match));
    if (!match.found.length) return;
    const values = await ctx.busy(
      { kind: 'column', message: `Loading ${match.found.join(', ')}…`, fraction: null, cancellable: false },
      `Could not colour by ${match.found.join(', ')}`,
      () => geneSetValues((request) => ctx.columnValues(request), match.found),
    );
    if (values && colorChoice === 'gene') setView({ colorBy: toColorBy(values) });
  }

  /** Colours the map by one gene through the gene box (the marker table's gene links). */
  function colourByGene(gene: string): void {
    colorSelect.value = 'gene';
    colorChoice = 'gene';
    geneRow.hidden = false;
    geneInput.value = gene;
    void applyGene();
  }

  async function applyHoverFields(): Promise<void> {
    const names = Array.from(hoverSelect.selectedOptions).map((o) => o.value);
    const fields: HoverField[] = [];
    for (const column of names) {
      const v = await ctx.busy(
        { kind: 'column', message: `Loading ${column}…`, fraction: null, cancellable: false },
        `Could not load column ${column}`,
        () => ctx.columnValues({ kind: 'metadata', column }),
      );
      if (v) fields.push({ name: v.name, values: v.values });
    }
    setView({ hoverFields: fields });
  }

  dimsSelect.addEventListener('change', () => setView({ show3d: dimsSelect.value === '3' }));
  colorSelect.addEventListener('change', () => void applyColor(colorSelect.value));
  geneButton.addEventListener('click', () => void applyGene());
  geneInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void applyGene();
    }
  });
  hoverSelect.addEventListener('change', () => void applyHoverFields());
  sizeInput.addEventListener('input', () => setView({ pointSize: Number(sizeInput.value) }));
  opacityInput.addEventListener('input', () => setView({ opacity: Number(opacityInput.value) }));
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const id = searchInput.value.trim();
    if (!id) {
      setText(searchResult, '');
      return setView({ highlightId: null });
    }
    // a whole id, or part of one (any case): several matches are listed to pick from
    const found = findCells(result?.ids ?? [], id);
    if (found.kind === 'none') {
      setText(searchResult, `No cell with id “${id}”.`);
      return setView({ highlightId: null });
    }
    if (found.kind === 'one') return showCell(found.id, found.row);
    replaceChildren(
      searchResult,
      `${plural(found.total, 'cell')} match “${id}”${found.total > found.matches.length ? ` (first ${found.matches.length})` : ''}: `,
      found.matches.flatMap((m) => {
        const pick = h(
          'button',
          { type: 'button', class: 'link', 'data-testid': 'explore-search-match' },
          m.id,
        );
        pick.addEventListener('click', () => showCell(m.id, m.row));
        return [pick, ' '];
      }),
    );
  });

  function showCell(id: string, row: number): void {
    const r = result as RunResult;
    setText(
      searchResult,
      `${id}: ${r.labels[row] || 'unlabeled'}, ${r.split[row] === 'holdout' ? 'held out' : r.split[row]} — ringed in red.`,
    );
    setView({ highlightId: id });
  }
  projectInput.addEventListener('change', () => {
    const file = projectInput.files?.[0];
    projectInput.value = '';
    if (!file) return;
    void (async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const embedded = await ctx.busy(
        { kind: 'embed', message: `Projecting ${file.name}…`, fraction: null, cancellable: true },
        `Could not project ${file.name}`,
        () => ctx.engine.embedFile({ kind: 'upload', name: file.name, bytes }),
      );
      if (embedded) ctx.dispatch({ type: 'projected', result: embedded });
    })();
  });
  projectClear.addEventListener('click', () => ctx.dispatch({ type: 'projected', result: null }));

  function resetForRun(r: RunResult, state: AppState): void {
    const is3d = r.coords.cols >= 3;
    const show3d = initialShow3d(r.ids.length, r.coords.cols, webglIsSoftware());
    dimsSelect.value = show3d ? '3' : '2';
    (dimsSelect.options[0] as HTMLOptionElement).disabled = !is3d;
    setText(
      dimsNote,
      is3d && !show3d
        ? `Shown in 2-D first: this browser draws WebGL without a GPU, and 3-D with ${formatCount(r.ids.length)} cells redraws slowly.`
        : '',
    );
    colorChoice = 'label';
    geneRow.hidden = true;
    setText(geneNote, '');
    searchInput.value = '';
    setText(searchResult, '');
    view = {
      ...DEFAULT_MAP_VIEW,
      colorBy: { kind: 'label', colors: state.dataset?.categoryColors?.[r.labelColumn] },
      show3d,
      pointSize: Number(sizeInput.value),
      opacity: Number(opacityInput.value),
      title: '',
    };
    neighbourhood.reset(r);
    neighbourhood.shownIn(view);
    const meta = state.dataset?.metadata ?? [];
    replaceChildren(
      colorSelect,
      h('option', { value: 'label' }, `label: ${r.labelColumn}`),
      meta
        .filter((m) => m.name !== r.labelColumn)
        .map((m) => h('option', { value: `meta:${m.name}` }, `column: ${m.name}`)),
      h('option', { value: 'gene' }, 'a gene’s expression…'),
    );
    replaceChildren(
      hoverSelect,
      meta.map((m) => h('option', { value: m.name }, m.name)),
    );
    replaceChildren(
      geneList,
      (state.dataset?.geneNames ?? []).map((g) => h('option', { value: g })),
    );
    let holdout = 0;
    let unlabeled = 0;
    for (const s of r.split) {
      if (s === 'holdout') holdout++;
      else if (s === 'unlabeled') unlabeled++;
    }
    setText(
      counts,
      `${plural(r.ids.length, 'cell')}: ${holdout} held out (◆), ${unlabeled} unlabeled (grey). Click a legend entry to hide a class, double-click to isolate it.`,
    );
    const stopped: Record<string, string> = {
      completed: 'all epochs completed',
      'early-stopping': 'stopped early (loss no longer improving)',
      stopped: 'stopped by you',
      nan: 'stopped: loss became NaN',
    };
    replaceChildren(
      metrics,
      h(
        'table',
        { class: 'metrics-table' },
        h(
          'tbody',
          {},
          metricRows(r.metrics).map(([name, value, what]) =>
            h(
              'tr',
              { title: what },
              h('th', { scope: 'row' }, name),
              h(
                'td',
                {
                  class: 'num',
                  'data-testid': `metric-${name
                    .replace(/[^a-z]+/gi, '-')
                    .replace(/^-|-$/g, '')
                    .toLowerCase()}`,
                },
                value,
              ),
            ),
          ),
        ),
      ),
      h(
        'p',
        { class: 'hint' },
        // the engine's own sentence says which early-stopping rule fired
        r.stoppedReason === 'early-stopping' && r.stopMessage
          ? h('span', { 'data-testid': 'stop-message' }, `${r.history.length} epochs. ${r.stopMessage}.`)
          : `${r.history.length} epochs, ${stopped[r.stoppedReason] ?? r.stoppedReason}.`,
      ),
    );
  }

  function update(state: AppState, previous: AppState): void {
    if (state.result !== result) {
      result = state.result;
      empty.hidden = result !== null;
      plot.element.hidden = result === null;
      if (result) resetForRun(result, state);
      else {
        neighbourhood.reset(null);
        plot.clear();
      }
      rebuild(undefined);
    }
    if (state.projected !== previous.projected) {
      const p = state.projected;
      projectClear.hidden = p === null;
      setText(
        projectInfo,
        p
          ? `${plural(p.ids.length, 'cell')} from ${p.source} shown as ✕` +
              (p.missingGenes.length ? `; ${plural(p.missingGenes.length, 'gene')} missing (set to 0)` : '') +
              '.'
          : '',
      );
      rebuild(undefined);
    }
  }

  return {
    element,
    update,
    plot,
    shown() {
      plot.refresh();
    },
    describe() {
      if (!result) return 'TripletLens map';
      const colour = view.colorBy.kind === 'label' ? result.labelColumn : view.colorBy.name;
      const source = (ctx.getState().dataset?.source ?? 'data').split(/[\\/]/).pop();
      return `${source} — ${result.coords.cols}-D map, coloured by ${colour}`;
    },
  };
}

export type { Figure };
