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
import { runRowWords } from '../metric-notes.js';
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
  otherDataNotice,
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
  /**
   * Clears a table of data no longer open (another file, or the same file opened again), and follows the
   * word that it was: reworded for the data open, gone once cells are selected again.
   */
  update(state: AppState, previous: AppState): void;
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
  const otherData = otherDataWord(status);
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
    otherData.show(state);
    return false;
  }

  async function ask(comparison: MarkerComparison): Promise<void> {
    otherData.shown = false;
    const state = ctx.getState();
    const dataset = state.dataset;
    if (!dataset) return setText(status, 'Open data and train a map first.');
    const unavailable = markersUnavailable(dataset);
    if (unavailable) return setText(status, unavailable);
    // the select's choice for this data (AppState.markerValueLog: cleared when other data opens)
    const choice = state.markerValueLog ?? undefined;
    const words = rowWords(dataset.format?.kind);
    if (!state.result) return setText(status, markersInvitation(words, false)); // no map yet: buttons disabled
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
  let invited = invitationFor(ctx.getState());
  setText(status, invited);
  enableButtons([vsRest, vsPrevious], ctx.getState());
  installE2eHooks(ctx);
  return {
    element,
    update(state, previous) {
      enableButtons([vsRest, vsPrevious], state);
      // a table of other data, shown beside this data's map, would read as this selection's markers
      const invitation = invitationFor(state);
      if (result) stillCurrent(state);
      else otherData.follow(state, previous, invitation);
      if (status.textContent === invited && invitation !== invited) setText(status, invitation);
      invited = invitation;
    },
  };
}

/**
 * The status line's word that the table was of data no longer open (otherDataNotice), while `shown`: reworded
 * for each data opened and run shown after it, in their row words, and gone — the invitation instead — once
 * the user selects again. It stayed, in the first new file's words ("rows" for an h5ad's cells), until a
 * marker table replaced it.
 */
function otherDataWord(status: HTMLElement): {
  shown: boolean;
  show(state: AppState): void;
  follow(state: AppState, previous: AppState, invitation: string): void;
} {
  const word = {
    shown: false,
    show(state: AppState): void {
      word.shown = true;
      const words = state.result ? runRowWords(state.result) : rowWords(state.dataset?.format?.kind);
      setText(status, otherDataNotice(words, state.result !== null));
    },
    follow(state: AppState, previous: AppState, invitation: string): void {
      if (!word.shown) return;
      if (state.dataset !== previous.dataset || state.result !== previous.result) word.show(state);
      else if (selectedAgain(state, previous)) {
        word.shown = false;
        setText(status, invitation);
      }
    },
  };
  return word;
}

/** The buttons ask of cells selected on a map: without one (data not yet trained) there is nothing to ask. */
function enableButtons(buttons: readonly HTMLButtonElement[], state: AppState): void {
  for (const button of buttons) button.disabled = state.result === null;
}

/**
 * The panel's line for `state` until a first answer: select on its map, or train one first (`markersInvitation`),
 * in the words of the data open (a text table's rows).
 */
function invitationFor(state: AppState): string {
  return markersInvitation(rowWords(state.dataset?.format?.kind), state.result !== null);
}

/** Whether the user selected cells of the data open since `previous` (not a selection cleared by an open). */
function selectedAgain(state: AppState, previous: AppState): boolean {
  const selection = state.annotation.present.selection;
  return (
    state.dataset === previous.dataset &&
    selection !== previous.annotation.present.selection &&
    selection.length > 0
  );
}
