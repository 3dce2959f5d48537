/**
 * The Explore screen's Select panel: the drag tools (rotate/zoom, box, lasso), Select class, Invert, Clear,
 * Undo and Redo (titled with the change they would undo or redo), and the selection's count by label. Every
 * change goes through the reducer's 'annotate' action, so Undo/Redo cover it. What is shown and enabled is
 * computed by explore-model.ts; this file only builds and fills the DOM.
 */
import type { CellRows } from '../../src/api/annotation.js';
import type { RunResult } from '../../src/api/engine-api.js';
import type { AppContext } from '../app-context.js';
import { h, replaceChildren, replaceOptions, setText } from '../dom.js';
import { formatCount } from '../format.js';
import { combine, countByLabel, invert, rowsWithLabel, sameRows } from '../selection/cell-rows.js';
import type { AppState } from '../state.js';
import { labelsShown } from '../annotation/label-edits.js';
import { labelClassOrder } from '../label-class-order.js';
import { runRowWords } from '../metric-notes.js';
import {
  classLabel,
  dragHint,
  invertLabel,
  selectionControls,
  selectionSummary,
  selectMode,
  type DragTool,
} from './explore-model.js';

export interface SelectionPanel {
  element: HTMLElement;
  /** The drag tool chosen. */
  tool(): DragTool;
  /** Brings the panel up to date with the state; `threeD` when the map is drawn in 3-D. */
  update(state: AppState, threeD: boolean): void;
}

/** The drag tools; `title` in the run's words for its rows ('cells', a text table's 'rows'). */
const TOOLS: { tool: DragTool; text: string; title: (many: string) => string }[] = [
  { tool: 'navigate', text: 'Rotate/zoom', title: () => 'Drag moves the view' },
  { tool: 'box', text: 'Box', title: (many) => `Drag a box to select ${many}` },
  { tool: 'lasso', text: 'Lasso', title: (many) => `Drag a lasso around ${many} to select them` },
];

/** Records `next` as the selection under `label`, unless it is the selection already. */
export function setSelection(ctx: AppContext, next: CellRows, label: string): void {
  if (sameRows(next, ctx.getState().annotation.present.selection)) return;
  ctx.dispatch({ type: 'annotate', label, selection: next });
}

export function createSelectionPanel(ctx: AppContext, onTool: (tool: DragTool) => void): SelectionPanel {
  let tool: DragTool = 'navigate';
  let threeD = true;
  const toolButtons = TOOLS.map((t) =>
    h(
      'button',
      {
        type: 'button',
        'data-testid': `select-tool-${t.tool}`,
        title: t.title('cells'),
        'aria-pressed': 'false',
      },
      t.text,
    ),
  );
  const hint = h('p', { class: 'hint', 'data-testid': 'select-hint' });
  const classSelect = h('select', { 'data-testid': 'select-class', 'aria-label': 'Class to select' });
  const classButton = h(
    'button',
    {
      type: 'button',
      'data-testid': 'select-class-go',
      title: 'Shift+click adds the class, Alt+click removes it',
    },
    'Select class',
  );
  const invertButton = h('button', { type: 'button', 'data-testid': 'select-invert' }, 'Invert');
  const clearButton = h('button', { type: 'button', 'data-testid': 'select-clear' }, 'Clear');
  const undoButton = h('button', { type: 'button', 'data-testid': 'undo' }, 'Undo');
  const redoButton = h('button', { type: 'button', 'data-testid': 'redo' }, 'Redo');
  const headline = h('p', { 'data-testid': 'selection-count', 'aria-live': 'polite' });
  const table = h('table', { class: 'selection-counts', 'data-testid': 'selection-by-label' });
  const element = h(
    'div',
    { class: 'selection-panel', 'data-testid': 'selection-panel' },
    h('div', { class: 'button-row', role: 'group', 'aria-label': 'Drag on the map to' }, toolButtons),
    hint,
    h('div', { class: 'button-row' }, classSelect, classButton),
    h('div', { class: 'button-row' }, invertButton, clearButton, undoButton, redoButton),
    headline,
    table,
  );

  let run: RunResult | null = null;
  let labels: readonly string[] = [];
  let labelSource: unknown = null;
  /** The label column's stored category order, which the legend lists the classes in (none for a text column). */
  let order: readonly string[] | undefined;
  let shownSelection: CellRows | null = null;

  const showTool = (): void => {
    toolButtons.forEach((b, i) => b.setAttribute('aria-pressed', String(TOOLS[i].tool === tool)));
    setText(hint, dragHint(tool, threeD));
  };
  toolButtons.forEach((b, i) =>
    b.addEventListener('click', () => {
      tool = TOOLS[i].tool;
      showTool();
      // the empty selection's sentence says how to select with the tool chosen
      shownSelection = null;
      update(ctx.getState(), threeD);
      onTool(tool);
    }),
  );
  classButton.addEventListener('click', (e) => {
    if (!run || !classSelect.value) return;
    const mode = selectMode(e);
    const current = ctx.getState().annotation.present.selection;
    const next = combine(mode, current, rowsWithLabel(labels, classSelect.value));
    setSelection(ctx, next, classLabel(mode, classSelect.value, next.length, runRowWords(run)));
  });
  invertButton.addEventListener('click', () => {
    if (!run) return;
    const next = invert(ctx.getState().annotation.present.selection, run.ids.length);
    setSelection(ctx, next, invertLabel(next.length, runRowWords(run)));
  });
  clearButton.addEventListener('click', () => setSelection(ctx, new Int32Array(0), 'Clear selection'));
  undoButton.addEventListener('click', () => ctx.dispatch({ type: 'undo' }));
  redoButton.addEventListener('click', () => ctx.dispatch({ type: 'redo' }));

  function fillClasses(): void {
    const all = Int32Array.from(labels, (_, i) => i);
    // the class chosen stays chosen through a label edit elsewhere until Select class applies it
    replaceOptions(
      classSelect,
      countByLabel(all, labels, order).map((c) =>
        h('option', { value: c.label }, `${c.label} (${formatCount(c.count)})`),
      ),
    );
  }

  function update(state: AppState, shown3d: boolean): void {
    if (shown3d !== threeD) {
      threeD = shown3d;
      showTool();
    }
    run = state.result;
    const edited = state.annotation.present.editedLabels;
    const source = edited ?? run;
    const stored = labelClassOrder(state, run?.labelColumn);
    if (source !== labelSource || stored !== order) {
      labelSource = source;
      order = stored;
      labels = run ? labelsShown(run.labels, edited) : [];
      fillClasses();
      const many = run ? runRowWords(run).many : 'cells';
      toolButtons.forEach((b, i) => (b.title = TOOLS[i].title(many)));
      shownSelection = null;
    }
    const controls = selectionControls(state.annotation, run !== null);
    for (const b of [...toolButtons, classButton, invertButton]) b.disabled = !controls.hasMap;
    classSelect.disabled = !controls.hasMap;
    clearButton.disabled = !controls.clear;
    undoButton.disabled = !controls.undo;
    redoButton.disabled = !controls.redo;
    undoButton.title = controls.undoTitle;
    redoButton.title = controls.redoTitle;
    const selection = state.annotation.present.selection;
    if (selection === shownSelection) return;
    shownSelection = selection;
    const summary = selectionSummary(selection, labels, tool, run ? runRowWords(run) : undefined, order);
    setText(headline, summary.headline);
    replaceChildren(
      table,
      summary.counts.length
        ? h(
            'tbody',
            {},
            summary.counts.map((c) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, c.label),
                h('td', { class: 'num' }, formatCount(c.count)),
              ),
            ),
          )
        : null,
    );
  }

  showTool();
  return { element, tool: () => tool, update };
}
