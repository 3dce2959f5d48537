/**
 * The Explore screen's view controls as DOM: dimensions, colour by, gene, hover fields, point size, opacity
 * and Find — built here, wired by explore-screen.ts (Project another file is project/project-panel.ts).
 * `fillForRun` puts a run's choices (its metadata columns, genes) into them.
 */
import type { RunResult } from '../../src/api/engine-api.js';
import { field, h, replaceChildren, select } from '../dom.js';
import { DEFAULT_MAP_VIEW } from '../plot-model.js';
import type { AppState } from '../state.js';
import { columnChoices, dimsChoices, type Choice } from './explore-model.js';

export interface ViewControls {
  dims: HTMLSelectElement;
  dimsNote: HTMLElement;
  colorSelect: HTMLSelectElement;
  geneRow: HTMLElement;
  geneInput: HTMLInputElement;
  geneList: HTMLDataListElement;
  geneButton: HTMLButtonElement;
  /** Names the words of the gene box that are no gene of the file. */
  geneNote: HTMLElement;
  /**
   * Writes `gene` into the gene box; with `keepTyping`, not over what the user typed there since it was last
   * written (the screen follows the state a frame late, when the user may be typing already).
   */
  showGene(gene: string, keepTyping: boolean): void;
  hoverSelect: HTMLSelectElement;
  /** Hover shows' field (label, list and hint): hidden for a run whose data has no column to offer. */
  hoverField: HTMLElement;
  sizeInput: HTMLInputElement;
  opacityInput: HTMLInputElement;
  searchForm: HTMLFormElement;
  searchInput: HTMLInputElement;
  /** Find's label ("Find a cell by id"; a text table's: "Find a row by id"). */
  searchLabel: HTMLLabelElement;
  searchResult: HTMLElement;
  counts: HTMLElement;
  /** The "View" section's fields, in order. */
  viewSection: HTMLElement[];
}

export function createViewControls(): ViewControls {
  // worded for the run's map when one is shown (fillForRun)
  const dims = select({ 'data-testid': 'explore-dims' }, dimsChoices(3));
  const geneInput = h('input', {
    type: 'text',
    list: 'gene-names',
    'data-testid': 'explore-gene',
    placeholder: 'gene name(s), e.g. cd79a, ms4a1',
    autocomplete: 'off',
  });
  const geneList = h('datalist', { id: 'gene-names' });
  let typed = false;
  geneInput.addEventListener('input', () => (typed = true));
  const showGene = (gene: string, keepTyping: boolean): void => {
    if (keepTyping && typed) return;
    typed = false;
    if (geneInput.value !== gene) geneInput.value = gene;
  };
  const geneButton = h('button', { type: 'button', 'data-testid': 'explore-gene-apply' }, 'Apply');
  const hoverSelect = h('select', { multiple: true, size: 4, 'data-testid': 'explore-hover-fields' });
  const hoverField = field('Hover shows', hoverSelect, 'Ctrl/⌘-click to choose several columns.');
  hoverField.hidden = true; // until a run's columns fill it (fillForRun)
  const geneNote = h('p', { class: 'hint', 'data-testid': 'explore-gene-note', 'aria-live': 'polite' });
  const range = (testId: string, min: number, max: number, step: number, value: number) =>
    h('input', { type: 'range', min, max, step, value, 'data-testid': testId });
  const searchInput = h('input', {
    type: 'search',
    'data-testid': 'explore-search',
    placeholder: 'cell id',
    autocomplete: 'off',
  });
  const searchButton = h('button', { type: 'submit', 'data-testid': 'explore-search-go' }, 'Find');
  // worded for the run's rows when a map is shown (explore-model.ts findWords)
  const searchField = field('Find a cell by id', searchInput);
  const c = {
    dims,
    dimsNote: h('p', { class: 'hint', 'data-testid': 'explore-dims-note' }),
    colorSelect: h('select', { 'data-testid': 'explore-color-by' }),
    geneRow: h(
      'div',
      { class: 'gene-row', hidden: true },
      field('Gene', geneInput),
      geneButton,
      geneList,
      geneNote,
    ),
    geneNote,
    showGene,
    geneInput,
    geneList,
    geneButton,
    hoverSelect,
    hoverField,
    sizeInput: range('explore-point-size', 1, 12, 1, DEFAULT_MAP_VIEW.pointSize),
    opacityInput: range('explore-opacity', 0.1, 1, 0.05, DEFAULT_MAP_VIEW.opacity),
    searchForm: h('form', { class: 'inline' }, searchField, searchButton),
    searchInput,
    searchLabel: searchField.querySelector('label') as HTMLLabelElement,
    searchResult: h('p', { class: 'hint', 'data-testid': 'explore-search-result', 'aria-live': 'polite' }),
    counts: h('p', { class: 'hint', 'data-testid': 'explore-counts' }),
  };
  return {
    ...c,
    viewSection: [
      c.counts,
      field('Dimensions', c.dims),
      c.dimsNote,
      field('Colour by', c.colorSelect, 'Label, a metadata column, or a gene’s expression.'),
      c.geneRow,
      c.hoverField,
      field('Point size', c.sizeInput),
      field('Opacity', c.opacityInput),
      c.searchForm,
      c.searchResult,
    ],
  };
}

/**
 * Puts run `r`'s choices into the controls: dimensions, colour-by columns, hover columns, gene names. Find is
 * emptied for a run of other data only: a run of the same data (a retrain) has the same ids, and the user may
 * have typed one while it ran.
 */
export function fillForRun(
  c: ViewControls,
  r: RunResult,
  state: AppState,
  show3d: boolean,
  sameData: boolean,
): void {
  c.dims.value = show3d ? '3' : '2';
  (c.dims.options[0] as HTMLOptionElement).disabled = r.coords.cols < 3;
  dimsChoices(r.coords.cols).forEach((choice, i) => {
    const option = c.dims.options[i] as HTMLOptionElement;
    if (option.textContent !== choice.label) option.textContent = choice.label;
  });
  c.geneRow.hidden = true;
  c.geneNote.textContent = '';
  if (!sameData) c.searchInput.value = '';
  const choices = columnChoices(state.dataset?.metadata ?? [], r.labelColumn);
  const options = (list: readonly Choice[]) => list.map((o) => h('option', { value: o.value }, o.text));
  replaceChildren(c.colorSelect, options(choices.colour));
  replaceChildren(c.hoverSelect, options(choices.hover));
  // data with no column but the label (a bulk panel's id and class) left an empty list to Ctrl-click in
  c.hoverField.hidden = choices.hover.length === 0;
  replaceChildren(
    c.geneList,
    (state.dataset?.geneNames ?? []).map((g) => h('option', { value: g })),
  );
}
