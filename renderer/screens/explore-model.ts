/**
 * The Explore screen's state and derived text, without the DOM: the view settings a run starts with, the
 * sentences beside the map (counts, dimensions note, search answer, projected file, how the run stopped), the
 * metrics rows, and the Select panel's logic — what a drag with Shift or Alt does, how a selection change is
 * named for Undo/Redo, the count by label, and which buttons are enabled. Pure and unit-tested; the DOM
 * builders in explore-*.ts and selection-panel.ts only show what this computes.
 */
import type { CellRows } from '../../src/api/annotation.js';
import type { ColumnValues, MetadataColumnSummary, RunMetrics, RunResult } from '../../src/api/engine-api.js';
import { isNumericColumn, parseNumericColumn, robustRange } from '../colors.js';
import type { CategoryColors, ColorBy } from '../plot-model.js';
import { redoLabel, undoLabel, type AnnotationHistory } from '../annotation-history.js';
import { formatCount, formatMetric, formatPercent, plural } from '../format.js';
import { metricNoteFor, metricNoteLines, runRowWords, runSettingLines } from '../metric-notes.js';
import { rowWords, type RowWords } from '../../src/api/file-format.js';
import { saysWhy, stoppedPhrase } from '../../src/api/stopped-words.js';
import { decodeColumnCodes } from '../../src/api/column-codes.js';
import { inputShownName } from '../../src/api/output-stem.js';
import { countByLabel, type LabelCount, type SelectMode } from '../selection/cell-rows.js';

/** What a drag on the map does: move the view (rotate/zoom/pan), or select with a box or a lasso. */
export type DragTool = 'navigate' | 'box' | 'lasso';

/** An option of a select: its value and the text shown. */
export interface Choice {
  value: string;
  text: string;
}

/**
 * Explore's column choices for a run on data with `metadata` columns (file order): Colour by's — the run's
 * labels, the other columns, a gene — and Hover shows' fields. The run's label column is offered once, as
 * the labels: every hover box's "label:" line shows it already (offered in Hover shows too, a hover box
 * listed it twice).
 */
export function columnChoices(
  metadata: readonly { name: string }[],
  labelColumn: string,
): { colour: Choice[]; hover: Choice[] } {
  const others = metadata.filter((m) => m.name !== labelColumn);
  return {
    colour: [
      { value: 'label', text: `label: ${labelColumn}` },
      ...others.map((m) => ({ value: `meta:${m.name}`, text: `column: ${m.name}` })),
      { value: 'gene', text: 'a gene’s expression…' },
    ],
    hover: others.map((m) => ({ value: m.name, text: m.name })),
  };
}

/**
 * The metrics table rows: label, value, and what it means. `words`: what the run's rows are called
 * (`runRowWords`); default 'cells'.
 */
export function metricRows(m: RunMetrics, words: RowWords = rowWords(undefined)): [string, string, string][] {
  return [
    [
      `kNN accuracy, held-out ${words.many}`,
      formatPercent(m.knn_holdout),
      'in the learnt map (5 nearest neighbours)',
    ],
    [
      '… PCA baseline',
      formatPercent(m.knn_holdout_pca),
      `same ${words.many}, PCA map of the same dimensions`,
    ],
    ['… input space', formatPercent(m.knn_holdout_input), `same ${words.many}, preprocessed expression`],
    [
      `kNN accuracy, training ${words.many}`,
      formatPercent(m.knn_train),
      'how well the training classes separate',
    ],
    ['Silhouette', formatMetric(m.silhouette), 'class compactness, −1 … 1 (higher is better)'],
    [
      'Trustworthiness',
      formatMetric(m.trustworthiness),
      'neighbours in the map that are neighbours in the data, 0 … 1',
    ],
  ];
}

/** The metric each row of metricRows shows, in its order. */
const METRIC_OF_ROW: readonly (keyof RunMetrics)[] = [
  'knn_holdout',
  'knn_holdout_pca',
  'knn_holdout_input',
  'knn_train',
  'silhouette',
  'trustworthiness',
];

/**
 * The Quality panel of run `r`: the metric rows, a metric the engine attached a caveat to marked with `*`
 * and its note added to the row's explanation, and the lines under the table — the regime the run trained
 * in and the notes (issue 13: e.g. a hold-out too small to mean much), as the Train screen shows them.
 */
export function qualityView(r: Pick<RunResult, 'metrics' | 'report'>): {
  rows: [string, string, string][];
  /** Each row's value cell's data-testid (`metricTestId` of its name in cells' words: the same for every file). */
  testIds: string[];
  notes: string[];
} {
  const testIds = metricRows(r.metrics).map(([name]) => metricTestId(name));
  const rows = metricRows(r.metrics, runRowWords(r)).map(
    ([name, value, what], i): [string, string, string] => {
      const note = metricNoteFor(r, METRIC_OF_ROW[i]);
      return note ? [`${name} *`, value, `${what}. * ${note}`] : [name, value, what];
    },
  );
  const notes = metricNoteLines(r).map((line) => `* ${line}`);
  return { rows, testIds, notes: [...runSettingLines(r), ...notes] };
}

/** The data-testid of a metric's value cell: `metric-` and the name in kebab case. */
export function metricTestId(name: string): string {
  return `metric-${name
    .replace(/[^a-z]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()}`;
}

// the stop words are shared with `tripletlens train`'s summary
export { saysWhy };

/** The line under the metrics: how many epochs and why the run stopped (the engine's own sentence if any). */
export function stoppedText(r: Pick<RunResult, 'history' | 'stoppedReason' | 'stopMessage'>): string {
  if (saysWhy(r.stoppedReason) && r.stopMessage) return `${r.history.length} epochs. ${r.stopMessage}.`;
  return `${r.history.length} epochs, ${stoppedPhrase(r.stoppedReason)}.`;
}

/** Find's label and placeholder in the run's words for its rows: "Find a row by id", "row id". */
export function findWords(r: { report?: unknown }): { label: string; placeholder: string } {
  const one = runRowWords(r).one;
  return { label: `Find a ${one} by id`, placeholder: `${one} id` };
}

/** The counts line above the view controls. */
export function countsText(r: Pick<RunResult, 'ids' | 'split'> & { report?: unknown }): string {
  let holdout = 0;
  let unlabeled = 0;
  for (const s of r.split) {
    if (s === 'holdout') holdout++;
    else if (s === 'unlabeled') unlabeled++;
  }
  const words = runRowWords(r);
  return `${plural(r.ids.length, words.one, words.many)}: ${holdout} held out (◆), ${unlabeled} unlabeled (grey). Click a legend entry to hide a class, double-click to isolate it.`;
}

/**
 * The Dimensions choices' words for a map of `mapDims` dimensions: the 2-D view of a 3-D (or wider) map shows
 * its first two dimensions, but a map trained in 2-D has only those two, and "first two" read as if some were
 * left out.
 */
export function dimsChoices(mapDims: number): { value: '3' | '2'; label: string }[] {
  return [
    { value: '3', label: '3-D (rotate with the mouse)' },
    { value: '2', label: mapDims >= 3 ? '2-D (first two dimensions)' : "2-D (the map's two dimensions)" },
  ];
}

/**
 * Why a 3-D run opens in 2-D (software WebGL and a big map), or ''. `words`: the run's words for its rows
 * (`runRowWords`: "3-D with 60 000 rows" for a text table), default cells.
 */
export function dimsNote(
  cells: number,
  mapDims: number,
  show3d: boolean,
  words: RowWords = rowWords(undefined),
): string {
  return mapDims >= 3 && !show3d
    ? `Shown in 2-D first: this browser draws WebGL without a GPU, and 3-D with ${plural(cells, words.one, words.many)} redraws slowly.`
    : '';
}

/** The answer to Find: the cell's row (or -1) and the sentence to show (a text table's rows: "No row with id"). */
export function findCell(
  r: (Pick<RunResult, 'ids' | 'labels' | 'split'> & { report?: unknown }) | null,
  query: string,
): { row: number; text: string } {
  const id = query.trim();
  if (!id) return { row: -1, text: '' };
  const row = r ? r.ids.indexOf(id) : -1;
  if (!r || row < 0) return { row: -1, text: `No ${r ? runRowWords(r).one : 'cell'} with id “${id}”.` };
  const split = r.split[row] === 'holdout' ? 'held out' : r.split[row];
  return { row, text: `${id}: ${r.labels[row] || 'unlabeled'}, ${split} — ringed in red.` };
}

/** A short description of the map for export titles. */
export function describeMap(
  r: RunResult | null,
  colorName: string | null,
  source: string | undefined,
): string {
  if (!r) return 'TripletLens map';
  // as the File line names it: a Cell Ranger folder from its sample's folder down
  const file = inputShownName(source ?? 'data');
  return `${file} — ${r.coords.cols}-D map, coloured by ${colorName ?? r.labelColumn}`;
}

// ---- selection ----------------------------------------------------------------------------------------------

/** The modifier keys held when a drag started. */
export interface Modifiers {
  shiftKey: boolean;
  altKey: boolean;
}

/** Shift adds to the selection, Alt takes away from it; a plain drag replaces it. */
export function selectMode(m: Modifiers): SelectMode {
  if (m.altKey) return 'subtract';
  if (m.shiftKey) return 'add';
  return 'replace';
}

/** "3 cells", "1 row": `n` in the run's words for its rows (`runRowWords`: a text table's are rows). */
function counted(n: number, words: RowWords): string {
  return plural(n, words.one, words.many);
}

/**
 * The Undo/Redo title of a selection change: "Select 120 cells", "Add 30 cells (150 selected)", "Remove 20
 * cells (130 selected)". `picked` is how many cells the drag held, `after` the selection's size after it;
 * `words`: the run's words for its rows (`runRowWords`), default cells.
 */
export function pickLabel(
  mode: SelectMode,
  picked: number,
  after: number,
  words: RowWords = rowWords(undefined),
): string {
  if (mode === 'add') return `Add ${counted(picked, words)} (${formatCount(after)} selected)`;
  if (mode === 'subtract') return `Remove ${counted(picked, words)} (${formatCount(after)} selected)`;
  return `Select ${counted(picked, words)}`;
}

/** What the Select panel's line and table show for a selection. */
export interface SelectionSummary {
  /** "120 cells selected", or a sentence saying how to select when nothing is. */
  headline: string;
  counts: LabelCount[];
}

/**
 * The count of the selection by label (the run's labels), in the legend's order (`order`: the label column's
 * stored categories, `countByLabel`); `words`: the run's words for its rows (`runRowWords`), default cells.
 */
export function selectionSummary(
  rows: CellRows,
  labels: readonly string[],
  tool: DragTool,
  words: RowWords = rowWords(undefined),
  order?: readonly string[],
): SelectionSummary {
  if (rows.length === 0) {
    const how =
      tool === 'navigate'
        ? `Choose Box or Lasso, then drag over the map to select ${words.many}.`
        : `Drag a ${tool === 'box' ? 'box' : 'lasso'} over the map to select ${words.many}.`;
    return { headline: `No ${words.many} selected. ${how}`, counts: [] };
  }
  return { headline: `${counted(rows.length, words)} selected`, counts: countByLabel(rows, labels, order) };
}

/** The hint under the drag tools. */
export function dragHint(tool: DragTool, threeD: boolean): string {
  if (tool === 'navigate')
    return threeD
      ? 'Drag to rotate, scroll to zoom.'
      : 'Drag to zoom into a box, scroll to zoom, double-click to reset.';
  return 'Drag to select; Shift+drag adds, Alt+drag removes. Undo: Ctrl/⌘+Z, redo: Ctrl/⌘+Shift+Z or Ctrl+Y.';
}

/** Which of the Select panel's buttons work now, and the Undo/Redo titles. */
export interface SelectionControls {
  /** A run is shown (tools, Select class and Invert need one). */
  hasMap: boolean;
  clear: boolean;
  undo: boolean;
  redo: boolean;
  undoTitle: string;
  redoTitle: string;
}

export function selectionControls(history: AnnotationHistory, hasMap: boolean): SelectionControls {
  const u = undoLabel(history);
  const r = redoLabel(history);
  return {
    hasMap,
    clear: hasMap && history.present.selection.length > 0,
    undo: u !== null,
    redo: r !== null,
    undoTitle: u === null ? 'Nothing to undo' : `Undo: ${u || 'last change'}`,
    redoTitle: r === null ? 'Nothing to redo' : `Redo: ${r || 'next change'}`,
  };
}

/**
 * The Undo/Redo title of "Select class": "Select class B (40 cells)", "Add class B (90 selected)"…; `words`
 * as pickLabel's.
 */
export function classLabel(
  mode: SelectMode,
  name: string,
  after: number,
  words: RowWords = rowWords(undefined),
): string {
  if (mode === 'add') return `Add class ${name} (${formatCount(after)} selected)`;
  if (mode === 'subtract') return `Remove class ${name} (${formatCount(after)} selected)`;
  return `Select class ${name} (${counted(after, words)})`;
}

/** The Undo/Redo title of "Invert"; `words` as pickLabel's. */
export function invertLabel(after: number, words: RowWords = rowWords(undefined)): string {
  return `Invert selection (${counted(after, words)})`;
}

/**
 * What the Select tools add to the map's layout. 2-D: Plotly's dragmode ('select' draws a box, 'lasso' a
 * lasso, 'zoom' is the default drag), and a `selectionrevision` that changes with the app's selection, so
 * Plotly drops its own outline and dimming once the app draws the selection. 3-D: nothing (the scene keeps
 * rotating by default; the lasso is drawn over it).
 */
export function selectionLayout(
  threeD: boolean,
  tool: DragTool,
  revision: number,
): { dragmode?: 'select' | 'lasso' | 'zoom'; selectionrevision?: number } {
  if (threeD) return {};
  return {
    dragmode: tool === 'box' ? 'select' : tool === 'lasso' ? 'lasso' : 'zoom',
    selectionrevision: revision,
  };
}

/**
 * The colouring's name (the colour bar's title, the hover box's and the legend's): a gene of a file of counts
 * says that its values are normalised and log1p'd, in the marker table's words, as the numbers shown are not
 * the file's counts.
 */
export function valuesName(v: ColumnValues): string {
  return v.kind === 'numeric' && v.scale === 'log1p-normalised' ? `${v.name} (normalised, log1p)` : v.name;
}

/**
 * How a column's values colour the map: a gene, and a metadata column the import calls continuous (mostly
 * distinct numbers: a QC metric such as `pct_counts_mt` or `n_genes_by_counts`, a score) whose values all read
 * as numbers, on the continuous scale, its legend listing the run's classes in `classOrder` (the label
 * column's stored order: coloured by a gene the legend went largest first); any other column one colour per
 * value (`colors`: the file's own; `order`: its stored category order, which the legend follows).
 */
export function columnColorBy(
  v: ColumnValues,
  summary: Pick<MetadataColumnSummary, 'continuous'> | undefined,
  colors: CategoryColors | undefined,
  order?: readonly string[],
  classOrder?: readonly string[],
): ColorBy {
  const scaled = (values: ArrayLike<number>): ColorBy => ({
    kind: 'continuous',
    name: valuesName(v),
    values,
    range: robustRange(values),
    ...(classOrder ? { order: classOrder } : {}),
  });
  if (v.kind === 'numeric') return scaled(v.values);
  const text = v.kind === 'coded' ? decodeColumnCodes(v) : v.values;
  if (summary?.continuous === true && isNumericColumn(text)) return scaled(parseNumericColumn(text));
  return {
    kind: 'category',
    name: v.name,
    values: text,
    ...(colors ? { colors } : {}),
    ...(order ? { order } : {}),
  };
}
