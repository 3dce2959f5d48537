/**
 * The marker panel's state and text, pure: which request the current selection makes (against the rest or
 * against the selection before it), how the table sorts, and how each row reads. The view is
 * screens/marker-panel.ts.
 */
import type { CellRows } from '../src/api/annotation.js';
import type { MarkerGene, MarkerRequest, MarkerResult, ValueLog } from '../src/api/markers.js';
import type { DatasetSummary } from '../src/api/engine-api.js';
import { rowWords, type RowWords } from '../src/api/file-format.js';
import { embeddingOfMatrix } from '../src/api/matrix-input.js';
import { inputStem } from '../src/api/output-stem.js';
import type { AnnotationHistory } from './annotation-history.js';
import { formatPercent, plural } from './format.js';

/** What the selection is compared with. */
export type MarkerComparison = 'rest' | 'previous';

/** Genes the panel asks for. */
export const PANEL_MARKER_GENES = 50;

/** The table's sortable columns. */
export type MarkerSortKey =
  'gene' | 'score' | 'logFoldChange' | 'pAdjusted' | 'fractionGroup' | 'fractionReference';

export interface MarkerSort {
  key: MarkerSortKey;
  descending: boolean;
}

/** The engine's order: best score first. */
export const DEFAULT_MARKER_SORT: MarkerSort = { key: 'score', descending: true };

/** The columns as the table shows them (score is the default order, not a column). */
export const MARKER_COLUMNS: { key: MarkerSortKey; title: string; hint: string }[] = [
  { key: 'gene', title: 'Gene', hint: 'Click to colour the map by this gene' },
  {
    key: 'logFoldChange',
    title: 'log₂FC',
    hint: 'log2 fold change of the mean expression, selection vs reference',
  },
  {
    key: 'pAdjusted',
    title: 'p adj',
    hint: 'Wilcoxon rank-sum p-value, Benjamini–Hochberg adjusted over every gene',
  },
  { key: 'fractionGroup', title: '% sel.', hint: 'Share of selected cells expressing the gene (> 0)' },
  { key: 'fractionReference', title: '% ref.', hint: 'Share of reference cells expressing the gene (> 0)' },
];

/** A column's hint in `words` for the data's rows ("Share of selected rows expressing…" for a text table). */
export function columnHint(column: { hint: string }, words: RowWords): string {
  return column.hint.replace(/ cells /, ` ${words.many} `);
}

/** Equal rows (same cells, same order). */
export function sameRows(a: CellRows, b: CellRows): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The selection before the present one: the latest non-empty selection in the undo history that differs from it. */
export function previousSelection(history: AnnotationHistory): CellRows | null {
  const present = history.present.selection;
  for (let i = history.past.length - 1; i >= 0; i--) {
    const s = history.past[i].annotation.selection;
    if (s.length > 0 && !sameRows(s, present)) return s;
  }
  return null;
}

/**
 * Why the loaded data has no marker genes, or null: a map trained on an embedding (obsm/X_scVI) has its
 * columns, not genes — said before cells are tested rather than as the engine's refusal afterwards.
 */
export function markersUnavailable(dataset: Pick<DatasetSummary, 'format'>): string | null {
  const matrix = dataset.format?.matrix ?? '';
  if (embeddingOfMatrix(matrix) === null) return null;
  const genes = dataset.format?.layers[0];
  const how = genes
    ? ` re-open the file with Import settings ▸ Matrix: ${genes} and train again`
    : ' open a file with genes';
  return `This map was trained on the embedding ${matrix}, which has no genes: to find marker genes,${how}.`;
}

/**
 * The panel's line before a first answer, in `words` for the data's rows (a text table's: rows): what the user
 * can do — select on the map when one is shown (`mapShown`), else train one first. Before a map it said
 * "Select cells on the map…" beside the Explore screen's "Train a model to see the map here".
 */
export function markersInvitation(words: RowWords, mapShown: boolean): string {
  if (!mapShown)
    return `To find marker genes, train a map (or open a session), then select ${words.many} on it.`;
  return `Select ${words.many} on the map, then find the genes that mark them.`;
}

/**
 * The panel's word that its table was of data no longer open, in `words` — the run's (`runRowWords`) while a
 * map of the data open is shown, else the data's: "select cells again" for an h5ad, "rows" for a text table;
 * before the data open has a map (`mapShown` false), to train one first — there is nothing to select again.
 */
export function otherDataNotice(words: RowWords, mapShown: boolean): string {
  if (!mapShown) {
    return `Other data was opened: to find its marker genes, train a map of it (or open a session), then select ${words.many} on it.`;
  }
  return `Other data was opened: select ${words.many} again to find their marker genes.`;
}

/**
 * The request for the current selection, or the sentence saying why there is none; `words`: the data's words
 * for its rows (`rowWords` of its format), default cells.
 */
export function markerRequest(
  history: AnnotationHistory,
  comparison: MarkerComparison,
  rows: number,
  words: RowWords = rowWords(undefined),
  valueLog?: ValueLog,
): { request: MarkerRequest } | { reason: string } {
  const logged = valueLog === undefined ? {} : { valueLog };
  const group = history.present.selection;
  if (group.length === 0)
    return { reason: `Select ${words.many} on the map first, then ask for their marker genes.` };
  if (comparison === 'rest') {
    if (group.length >= rows)
      return { reason: `Every ${words.one} is selected: there is no rest to compare with.` };
    return { request: { group, reference: 'rest', genes: PANEL_MARKER_GENES, ...logged } };
  }
  const previous = previousSelection(history);
  if (!previous)
    return {
      reason: `There is no earlier selection to compare with: select another group of ${words.many} first.`,
    };
  return { request: { group, reference: previous, genes: PANEL_MARKER_GENES, ...logged } };
}

/** The rows in the chosen order (ties keep the engine's order). */
export function sortMarkers(genes: readonly MarkerGene[], sort: MarkerSort): MarkerGene[] {
  const sign = sort.descending ? -1 : 1;
  const indexed = genes.map((g, i) => [g, i] as const);
  indexed.sort(([a, i], [b, j]) => {
    const x = a[sort.key];
    const y = b[sort.key];
    const order = typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number);
    return sign * order || i - j;
  });
  return indexed.map(([g]) => g);
}

/** A click on a column header: the same column flips direction; another starts in its natural direction. */
export function nextSort(current: MarkerSort, key: MarkerSortKey): MarkerSort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: !(key === 'gene' || key === 'pAdjusted') };
}

/** A p-value as the table shows it: "0.032", "1.2e-45", "< 1e-300" for one too small for a float64. */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p === 0) return '< 1e-300';
  if (p >= 0.001) return p.toPrecision(2).replace(/\.?0+$/, '') || '0';
  const [mantissa, exponent] = p.toExponential(1).split('e');
  return `${mantissa}e${exponent}`;
}

/**
 * One table row as text, in MARKER_COLUMNS order. `centred` (`centredValues` of the table's genes): no fold
 * change is shown, not even where both means are positive — log2 of expm1 of a centred mean is no fold change
 * either (a walkthrough on a standardised microarray panel read "log₂FC 7.58" beside genes shown '—').
 */
export function markerCells(g: MarkerGene, centred = false): string[] {
  return [
    g.gene,
    Number.isFinite(g.logFoldChange) && !centred ? g.logFoldChange.toFixed(2) : '—',
    formatPValue(g.pAdjusted),
    formatPercent(g.fractionGroup, 0),
    formatPercent(g.fractionReference, 0),
  ];
}

/**
 * The line above the table: who was compared with whom, on what. `words`: the data's words for its rows
 * (`rowWords` of its format: a text table's, which may be a bulk panel's samples, are rows), default cells.
 */
export function resultHeading(result: MarkerResult, words: RowWords = rowWords(undefined)): string {
  const rows = (n: number, before = '') => plural(n, `${before}${words.one}`, `${before}${words.many}`);
  const reference =
    result.reference === 'rest'
      ? `the rest (${rows(result.referenceSize)})`
      : `the previous selection (${rows(result.referenceSize)}` +
        (result.overlapRemoved ? `; ${rows(result.overlapRemoved)} in both left out` : '') +
        ')';
  const centred = centredValues(result.genes, result.valueLog);
  // centred values have no fold change: CENTRED_NOTE says why, no basis to state
  const values =
    result.values === 'log1p-normalised'
      ? 'normalised, log1p'
      : `values as imported${centred ? '' : foldChangeBasis(result.log1pBase, result.valueLog)}`;
  const heading = `${rows(result.groupSize, 'selected ')} vs ${reference}: ${plural(result.genesTested, 'gene')} tested (Wilcoxon, ${values}).`;
  return centred ? `${heading} ${centredNote(words)}` : heading;
}

/**
 * What the fold change takes values as imported to be, for the heading: as the panel's select chose
 * (`valueLog`), else log1p in the base an h5ad's uns['log1p'] gives, else in natural log as scanpy assumes —
 * said, because on a text table of log2 values (a microarray panel) that formula is no fold change: 2.50 for a
 * gene whose log2 means differ by 1.73 — and, when nothing was chosen or read, with the select that changes it.
 */
export function foldChangeBasis(log1pBase: number | undefined, valueLog?: ValueLog): string {
  if (valueLog === 'log2')
    return '; log₂FC is the difference of the group means, taken as log2 values as chosen';
  if (valueLog !== undefined) {
    const where = log1pBase === undefined ? 'natural log' : `base ${log1pBase}`;
    return `; log₂FC takes them as log1p values in ${where}, as chosen`;
  }
  if (log1pBase === undefined) {
    // guessed, not read from the file: the sentence names the select that changes it
    return `; log₂FC assumes log1p values in natural log, as scanpy does — on log2 or log10 values it is no fold change: change it under “${VALUE_LOG_LABEL}”`;
  }
  const base = Number.isInteger(log1pBase) ? String(log1pBase) : log1pBase.toPrecision(4);
  return `; log₂FC takes them as log1p values in base ${base}, as the file’s uns['log1p'] says`;
}

/** The words before the panel's select of how the values were logged, which the guessed heading points to. */
export const VALUE_LOG_LABEL = 'log₂FC of values logged as';

/** The panel's choices of how the values as imported were logged, for the fold change. */
export const VALUE_LOG_CHOICES: readonly { value: ValueLog; label: string }[] = [
  { value: 'log1p', label: 'log1p, natural log (scanpy)' },
  { value: 'log1p-base2', label: 'log1p, base 2' },
  { value: 'log1p-base10', label: 'log1p, base 10' },
  { value: 'log2', label: 'log2 values (mean difference)' },
];

/**
 * The choice the panel's select shows for `result`: the request's, else the one the file's default matches;
 * 'file' for a file's log1p base that is none of the choices; null where no choice is offered — counts the
 * engine normalised itself (natural log1p) and centred values, which have no fold change.
 */
export function shownValueLog(result: MarkerResult): ValueLog | 'file' | null {
  if (result.values !== 'as-imported' || centredValues(result.genes, result.valueLog)) return null;
  if (result.valueLog !== undefined) return result.valueLog;
  if (result.log1pBase === undefined) return 'log1p';
  if (result.log1pBase === 2) return 'log1p-base2';
  if (result.log1pBase === 10) return 'log1p-base10';
  return 'file';
}

/**
 * Why the fold change column shows '—' on centred values: scanpy's fold change, log2 of expm1 of the means, is
 * not defined for a negative mean, as in the X that sc.pp.scale leaves (the layout of scanpy's processed files,
 * whose log-normalised values are in raw). The shares of cells expressing (values above 0) are no shares of
 * expressing cells there either: a walkthrough read '98 %' of a B-cell selection 'expressing' CD79A on a scaled X.
 */
export const CENTRED_NOTE =
  'No fold change (—): these values are centred (some means are negative), as sc.pp.scale leaves X, and ' +
  'scanpy’s log2 ratio of expm1 of the means is no fold change on them, positive means or not. For fold ' +
  'changes as scanpy’s rank_genes_groups gives them (from raw), read the log-normalised matrix — an h5ad’s ' +
  'raw/X — with Import settings ▸ Matrix. The % columns count values above 0: on centred values the cells ' +
  'above the gene’s mean, not the cells expressing it.';

/** CENTRED_NOTE in `words` for the rows (a text table's rows: "the rows above the gene’s mean"). */
export function centredNote(words: RowWords): string {
  return CENTRED_NOTE.replace(/the cells/g, `the ${words.many}`);
}

/**
 * True when a listed gene's mean is negative: the values are centred, as no log1p value is below 0. Its fold
 * change need not be NaN — scanpy's ratio of expm1 of two negative means is a finite number (Golub's panel:
 * three arrays against four gave "−0.30" for means −0.94 and −1.40, the select offered). Never for log2 values
 * as chosen (`valueLog` 'log2': log ratios may be below 0), whose fold change, the difference of the means, stands.
 */
export function centredValues(genes: readonly MarkerGene[], valueLog?: ValueLog): boolean {
  if (valueLog === 'log2') return false;
  return genes.some((g) => g.meanGroup < 0 || g.meanReference < 0);
}

/** The CSV file's name: the data file's stem + ".markers.csv". */
export function markersFileName(source: string | undefined): string {
  return `${inputStem(source ?? '') || 'data'}.markers.csv`;
}
