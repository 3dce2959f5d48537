/**
 * The Import screen's derived state and text, pure (no DOM) so the rules are unit-tested: what the summary
 * says about a file, the preview's caption, the choices of the column-role controls, the label panel's
 * counts and warnings, the "Next: Train" button, the import settings read from the form's values, and when
 * a label column's class counts must be fetched. The DOM builders in this folder only draw what it says.
 */
import { FORMAT_NAMES, nonZeroPercent } from '../../../src/api/file-format.js';
import type {
  DatasetSummary,
  FileFormatSummary,
  FilePreview,
  FileSource,
  ImportSettings,
  LabelSummary,
} from '../../../src/api/engine-api.js';
import { formatCount, plural } from '../../format.js';
import { labelChoices } from '../../label-choices.js';
import type { AppState } from '../../state.js';

/** Class-count rows the Import screen's table shows without scrolling (styles.css .counts-scroll). */
export const SHOWN_CLASS_ROWS = 19;

/** The import settings' initial choices (what a newly picked file is read with). */
export const DEFAULT_IMPORT_FORM = {
  delimiter: 'auto',
  orientation: 'auto',
  missing: 'error',
  genesFrom: '',
} as const;

/** How a file source is named in messages: its file name or path, or "the sample". */
export function sourceName(source: FileSource): string {
  if (source.kind === 'upload' || source.kind === 'uploaded') return source.name;
  if (source.kind === 'path') return source.path;
  return 'the sample';
}

/** What the values of a file are, in the user's terms. */
export function valueKindText(kind: DatasetSummary['valueKind']): string {
  if (kind === 'counts') return 'raw counts (normalise + log1p recommended)';
  if (kind === 'log') return 'already log-transformed';
  return 'continuous values';
}

/** "32.6 % of values are not zero", with small fractions kept visible ("0.042 %"). */
export function nonZeroText(fraction: number): string {
  return `${nonZeroPercent(fraction)} % of values are not zero`;
}

/** One line of the "What was read" summary: heading, text and the test id of its value (if any). */
export interface SummaryLine {
  term: string;
  text: string;
  testid: string | null;
}

/** The "What was read" summary of a dataset, in display order. */
export function summaryLines(d: DatasetSummary): SummaryLine[] {
  return [
    {
      term: 'File',
      testid: 'summary-source',
      text: d.source + (d.metadataSource ? ` + ${d.metadataSource}` : ''),
    },
    {
      term: 'Shape',
      testid: 'summary-shape',
      text: `${plural(d.rows, 'cell')} × ${plural(d.genes, 'gene')}`,
    },
    {
      term: 'Orientation',
      testid: 'summary-orientation',
      text: `${d.orientation.applied.replace(/-/g, ' ')} — ${d.orientation.reason}`,
    },
    { term: 'Values', testid: 'summary-values', text: valueKindText(d.valueKind) },
    ...formatLines(d),
    { term: 'Id column', testid: null, text: d.idColumn },
    {
      term: 'Metadata',
      testid: null,
      text: d.metadata.length ? d.metadata.map((m) => `${m.name} (${m.distinct})`).join(', ') : 'none',
    },
  ];
}

/**
 * The format, sparsity and other matrices of the file, when the summary says (summaries saved by older
 * versions do not): which matrix was read matters for an h5ad whose X is log data and layers/counts counts.
 */
function formatLines(d: DatasetSummary): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const f = d.format;
  if (f) {
    const matrix = f.matrix ? `, matrix ${f.matrix}` : '';
    lines.push({ term: 'Format', testid: 'summary-format', text: `${FORMAT_NAMES[f.kind]}${matrix}` });
  }
  if (d.nonZeroFraction !== undefined) {
    lines.push({ term: 'Sparsity', testid: 'summary-sparsity', text: nonZeroText(d.nonZeroFraction) });
  }
  if (f && f.layers.length > 0) {
    lines.push({
      term: 'Other matrices',
      testid: 'summary-layers',
      text: `${f.layers.join(', ')} — read one instead with Import settings ▸ Matrix`,
    });
  }
  return lines;
}

/** The preview table's caption and the "… N more" column shown when the file has more columns. */
export function previewText(p: FilePreview): { caption: string; more: string | null } {
  return {
    caption: `First ${p.rows.length} rows and ${p.header.length} of ${formatCount(p.totalColumns)} columns, as read`,
    more: p.totalColumns > p.header.length ? `… ${formatCount(p.totalColumns - p.header.length)} more` : null,
  };
}

/** The editable column roles: which column holds ids, where genes start, which columns are metadata. */
export interface ColumnRoles {
  /** Every previewed column, the detected id column selected. */
  idColumns: { value: string; selected: boolean }[];
  /** '' (detected) then every column but the id column. */
  genesFrom: { value: string; label: string }[];
  /** Every column but the id column, checked when the importer read it as metadata. */
  metadata: { value: string; checked: boolean }[];
  /** The matrices of an h5ad/loom file, the one read selected; empty when the file holds one matrix. */
  matrices: { value: string; selected: boolean }[];
}

export function columnRoles(d: DatasetSummary): ColumnRoles {
  const header = d.preview.header;
  const others = header.filter((c) => c !== d.idColumn);
  const metaNames = new Set(d.metadata.map((m) => m.name));
  return {
    idColumns: header.map((c) => ({ value: c, selected: c === d.idColumn })),
    genesFrom: [{ value: '', label: 'detected' }, ...others.map((c) => ({ value: c, label: c }))],
    metadata: others.map((c) => ({ value: c, checked: metaNames.has(c) })),
    matrices: matrixChoices(d.format),
  };
}

function matrixChoices(f: FileFormatSummary | undefined): ColumnRoles['matrices'] {
  if (!f || f.layers.length === 0) return [];
  return [f.matrix, ...f.layers].map((m) => ({ value: m, selected: m === f.matrix }));
}

/** The import settings form's values, as the controls hold them. */
export interface ImportFormValues {
  delimiter: string;
  orientation: string;
  missing: string;
  /** '' when none is chosen. */
  idColumn: string;
  /** '' for "detected". */
  genesFrom: string;
  /** The checked metadata columns. */
  metadataColumns: readonly string[];
  /** The matrix to read (an h5ad/loom layer, raw/X); '' or absent for the file's own. Default: absent. */
  layer?: string;
}

/** The settings "Re-open with these settings" sends: empty choices are left to the importer's detection. */
export function importSettingsFrom(v: ImportFormValues): ImportSettings {
  const s: ImportSettings = {
    delimiter: v.delimiter as ImportSettings['delimiter'],
    orientation: v.orientation as ImportSettings['orientation'],
    missing: v.missing as ImportSettings['missing'],
  };
  if (v.idColumn) s.idColumn = v.idColumn;
  if (v.genesFrom) s.genesFrom = v.genesFrom;
  if (v.metadataColumns.length > 0) s.metadataColumns = [...v.metadataColumns];
  if (v.layer) s.layer = v.layer;
  return s;
}

/** What the label panel shows under the picker. */
export type LabelInfo =
  /** No column chosen: a hint, as a warning when the file has no label column at all. */
  | { kind: 'hint'; text: string; warning: boolean }
  /** A column is chosen and its counts are on their way. */
  | { kind: 'counting'; text: string }
  | {
      kind: 'counts';
      /** "3 classes, 700 labelled cells, " (the unlabeled count follows in its own element). */
      headline: string;
      unlabeled: string;
      /** Classes too small for a triplet, or null. */
      tooSmall: string | null;
      rows: { name: string; count: string; tooSmall: boolean }[];
      /** Said when the table holds more rows than it shows without scrolling, or null. */
      more: string | null;
    };

export function labelInfo(
  d: DatasetSummary | null,
  column: string | null,
  s: LabelSummary | null,
): LabelInfo {
  if (!column) {
    // a Cell Ranger folder / .h5 / plain .mtx has no label column at all: say where labels come from
    const hint = d ? labelChoices(d).hint : null;
    return hint
      ? { kind: 'hint', text: hint, warning: true }
      : { kind: 'hint', text: 'Choose the column that names each cell’s type.', warning: false };
  }
  if (!s) return { kind: 'counting', text: 'Counting classes…' };
  const tooSmall = new Set(s.tooSmall);
  const labelled = s.classes.reduce((n, c) => n + c.count, 0);
  return {
    kind: 'counts',
    headline: `${plural(s.classes.length, 'class', 'classes')}, ${plural(labelled, 'labelled cell')}, `,
    unlabeled: `${formatCount(s.unlabeled)} unlabeled`,
    tooSmall: s.tooSmall.length
      ? `${plural(s.tooSmall.length, 'class', 'classes')} with fewer than 2 cells cannot form a triplet: ${s.tooSmall.join(', ')}`
      : null,
    rows: s.classes.map((c) => ({
      name: c.name,
      count: formatCount(c.count),
      tooSmall: tooSmall.has(c.name),
    })),
    // the box shows about 20 rows; say so when there are more, since a scroll bar is easy to miss
    more:
      s.classes.length > SHOWN_CLASS_ROWS
        ? `Scroll the table for all ${formatCount(s.classes.length)} classes.`
        : null,
  };
}

/** The "Next: Train" button. */
export function toTrainButton(state: Pick<AppState, 'dataset' | 'labelColumn'>): {
  disabled: boolean;
  text: string;
} {
  return {
    disabled: !state.dataset || !state.labelColumn,
    text: state.labelColumn ? `Next: Train on “${state.labelColumn}” →` : 'Choose a label column first',
  };
}

/**
 * Which label column's class counts to fetch, remembering the one being fetched and one whose fetch failed
 * (not retried until the user picks again, so a failing column does not loop). Keys are per dataset.
 */
export interface LabelFetchTracker {
  pending: string | null;
  failed: string | null;
}

/**
 * The column to fetch counts for now (and the tracker to keep), or null: whenever a column is chosen and
 * its counts are missing, they are asked for once.
 */
export function labelSummaryToFetch(
  state: Pick<AppState, 'dataset' | 'labelColumn' | 'labelSummary'>,
  previous: Pick<AppState, 'labelColumn'>,
  tracker: LabelFetchTracker,
): { fetch: { key: string; column: string } | null; tracker: LabelFetchTracker } {
  const d = state.dataset;
  const key = d && state.labelColumn ? `${d.datasetId}\u0000${state.labelColumn}` : null;
  const failed = state.labelColumn !== previous.labelColumn ? null : tracker.failed;
  if (key && state.labelColumn && !state.labelSummary && key !== tracker.pending && key !== failed) {
    return { fetch: { key, column: state.labelColumn }, tracker: { pending: key, failed } };
  }
  return { fetch: null, tracker: { pending: tracker.pending, failed } };
}
