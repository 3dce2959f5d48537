/**
 * The marker-gene panel of the Explore view: the current selection against the rest or against the
 * selection before it (EngineApi.markerGenes), a sortable table of the top genes — a click on a gene colours
 * the map by it — and Export CSV. Text and order come from markers-model.ts; this file only builds the DOM.
 *
 * data-testid: markers-vs-rest, markers-vs-previous, markers-status, markers-value-log (how values as
 * imported were logged, for the fold change), markers-table, markers-sort-<column>, markers-gene (one per row),
 * markers-export.
 */
import type { MarkerRequest, MarkerResult } from '../../src/api/markers.js';
import { rowWords } from '../../src/api/file-format.js';
import type { AppContext } from '../app-context.js';
import type { AppState } from '../state.js';
import { download, h, replaceChildren, setText } from '../dom.js';
import { createValueLogControl } from './marker-value-log.js';
import { installE2eHooks } from '../e2e-hooks.js';
import {
  DEFAULT_MARKER_SORT,
  columnHint,
  MARKER_COLUMNS,
  markerCells,
  centredValues,
  markerRequest,
  markersInvitation,
  markersFileName,
  markersUnavailable,
  nextSort,
  resultHeading,
  sortMarkers,
  type MarkerComparison,
  type MarkerSort,
} from '../markers-model.js';

export interface MarkerPanel {
  element: HTMLElement;
  /** Clears a table of data no longer open (another file, or the same file opened again). */
  update(state: AppState): void;
}

/** `colourByGene` colours the map by one gene (the Explore view's own gene colouring). */
export function createMarkerPanel(ctx: AppContext, colourByGene: (gene: string) => void): MarkerPanel {
  const vsRest = h('button', { type: 'button', 'data-testid': 'markers-vs-rest' }, 'Markers vs rest');
  const vsPrevious = h(
    'button',
    {
      type: 'button',
      'data-testid': 'markers-vs-previous',
      title: 'Compare with the selection before this one',
    },
    'vs previous selection',
  );
  const status = h('p', { class: 'hint', 'data-testid': 'markers-status', 'aria-live': 'polite' });
  const valueLog = createValueLogControl((choice) => {
    if (!result || !asked || !stillCurrent()) return;
    const { valueLog: _, ...rest } = asked;
    // the same cells again, the fold change taken as chosen (undefined: the file's own base, no choice sent);
    // the choice is the state's, so Save session keeps it (another dataset starts from none)
    ctx.dispatch({ type: 'marker-value-log', valueLog: choice ?? null });
    void send(choice === undefined ? rest : { ...rest, valueLog: choice });
  });
  const table = h('table', { class: 'markers-table', 'data-testid': 'markers-table', hidden: true });
  const exportButton = h(
    'button',
    { type: 'button', 'data-testid': 'markers-export', hidden: true },
    'Export CSV',
  );
  const element = h(
    'div',
    { class: 'markers' },
    h('h2', {}, 'Marker genes'),
    h('div', { class: 'inline' }, vsRest, vsPrevious),
    status,
    valueLog.element,
    table,
    exportButton,
  );

  let result: MarkerResult | null = null;
  let sort: MarkerSort = DEFAULT_MARKER_SORT;
  // answers can arrive out of order when the user clicks quickly: only the latest one is shown
  let request = 0;
  // the request the table answers, asked again when the select changes
  let asked: MarkerRequest | null = null;

  function render(): void {
    table.hidden = result === null;
    if (result === null) valueLog.show(null);
    exportButton.hidden = result === null;
    if (!result) return replaceChildren(table);
    const words = rowWords(ctx.getState().dataset?.format?.kind);
    const header = MARKER_COLUMNS.map((c) => {
      const mark = sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : '';
      const button = h(
        'button',
        { type: 'button', class: 'link', 'data-testid': `markers-sort-${c.key}` },
        c.title + mark,
      );
      button.addEventListener('click', () => {
        sort = nextSort(sort, c.key);
        render();
      });
      return h('th', { scope: 'col', title: columnHint(c, words) }, button);
    });
    const centred = centredValues(result.genes, result.valueLog);
    const rows = sortMarkers(result.genes, sort).map((g) => {
      const [name, ...rest] = markerCells(g, centred);
      const geneButton = h(
        'button',
        { type: 'button', class: 'link', 'data-testid': 'markers-gene', title: `Colour the map by ${name}` },
        name,
      );
      geneButton.addEventListener('click', () => {
        if (stillCurrent()) colourByGene(g.gene);
      });
      return h(
        'tr',
        {},
        h('th', { scope: 'row' }, geneButton),
        rest.map((text) => h('td', { class: 'num' }, text)),
      );
    });
    replaceChildren(table, h('thead', {}, h('tr', {}, header)), h('tbody', {}, rows));
  }

  /** False (and the table cleared) when the table belongs to data that is no longer open. */
  function stillCurrent(state: AppState = ctx.getState()): boolean {
    if (result && result.datasetId === state.dataset?.datasetId) return true;
    result = null;
    render();
    setText(
      status,
      `Other data was opened: select ${rowWords(state.dataset?.format?.kind).many} again to find their marker genes.`,
    );
    return false;
  }

  async function ask(comparison: MarkerComparison): Promise<void> {
    const state = ctx.getState();
    const dataset = state.dataset;
    if (!dataset) return setText(status, 'Open data and train a map first.');
    const unavailable = markersUnavailable(dataset);
    if (unavailable) return setText(status, unavailable);
    // the select's choice for this data (AppState.markerValueLog: cleared when other data opens)
    const choice = state.markerValueLog ?? undefined;
    const words = rowWords(dataset.format?.kind);
    const planned = markerRequest(state.annotation, comparison, dataset.rows, words, choice);
    if ('reason' in planned) return setText(status, planned.reason);
    await send(planned.request);
  }

  async function send(markerRequest: MarkerRequest): Promise<void> {
    const mine = ++request;
    const answer = await ctx.busy(
      { kind: 'column', message: 'Finding marker genes…', fraction: null, cancellable: false },
      'Could not find marker genes',
      () => ctx.engine.markerGenes(markerRequest),
    );
    if (mine !== request || !answer) return;
    result = answer;
    asked = markerRequest;
    sort = DEFAULT_MARKER_SORT;
    setText(status, resultHeading(answer, rowWords(ctx.getState().dataset?.format?.kind)));
    valueLog.show(answer);
    render();
  }

  vsRest.addEventListener('click', () => void ask('rest'));
  vsPrevious.addEventListener('click', () => void ask('previous'));
  exportButton.addEventListener('click', () => {
    // the engine's CSV, escaped by its one CSV writer, in its order (best score first)
    if (result && stillCurrent())
      download(markersFileName(ctx.getState().dataset?.source), result.csv, 'text/csv');
  });
  setText(status, markersInvitation());
  // the invitation in the words of the data open (a text table's rows), until a first answer
  let invited = markersInvitation();
  installE2eHooks(ctx);
  return {
    element,
    update(state) {
      // a table of other data, shown beside this data's map, would read as this selection's markers
      if (result) stillCurrent(state);
      const invitation = markersInvitation(rowWords(state.dataset?.format?.kind));
      if (status.textContent === invited && invitation !== invited) setText(status, invitation);
      invited = invitation;
    },
  };
}
