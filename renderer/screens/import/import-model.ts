/**
 * The Import screen's derived state and text, pure (no DOM) so the rules are unit-tested: what the summary
 * says about a file, the preview's caption, the choices of the column-role controls, the label panel's
 * counts and warnings, the "Next: Train" button, the import settings read from the form's values, and when
 * a label column's class counts must be fetched. The DOM builders in this folder only draw what it says.
 */
import {
  FORMAT_NAMES,
  matrixText,
  nonZeroPercent,
  orientationText,
  rowCountText,
  rowWords,
} from '../../../src/api/file-format.js';
import {
  embeddingInput,
  embeddingMatrix,
  embeddingOfMatrix,
  embeddingText,
} from '../../../src/api/matrix-input.js';
import type {
  DatasetSummary,
  FileFormatSummary,
  FilePreview,
  FileSource,
  ImportSettings,
  LabelSummary,
} from '../../../src/api/engine-api.js';
import { orderClasses } from '../../../src/api/class-palette.js';
import { negativeValuesText } from '../../../src/api/value-words.js';
import { inputShownName } from '../../../src/api/output-stem.js';
import { fileNameOf, formatCount, plural } from '../../format.js';
import { labelChoices } from '../../label-choices.js';
import { sourceNoun } from '../../source-noun.js';
import type { AppState } from '../../state.js';

/** Class-count rows the Import screen's table shows without scrolling (styles.css .counts-scroll). */
export const SHOWN_CLASS_ROWS = 19;

/** The import settings' initial choices (what a newly picked file is read with). */
export const DEFAULT_IMPORT_FORM = {
  delimiter: 'auto',
  decimal: 'auto',
  orientation: 'auto',
  missing: 'error',
  genesFrom: '',
} as const;

/**
 * How a file source is named in messages: its file name — a file opened by path by its last part (the busy
 * line showed a folder's whole server path), a Cell Ranger folder from its sample's folder down as the File
 * line names it (`inputShownName`: every sample's is filtered_feature_bc_matrix) — or "the sample".
 */
export function sourceName(source: FileSource): string {
  if (source.kind === 'upload' || source.kind === 'uploaded') return source.name;
  if (source.kind === 'path') return inputShownName(source.path);
  return 'the sample';
}

/** What the values of a file are, in the user's terms. */
export function valueKindText(kind: DatasetSummary['valueKind']): string {
  if (kind === 'counts') return 'raw counts (normalise + log1p recommended)';
  // said only of values with log1p's marks (`looksLogTransformed`): iris's measurements were called so
  if (kind === 'log') return 'look log-transformed, as log1p of counts (not whole numbers, zeros kept)';
  if (kind === 'non-negative')
    return 'non-negative values that are not whole counts and do not look log-transformed: used as they are';
  // the words inspect's Values line says of the same file (value-words.ts)
  if (kind === 'scaled') return negativeValuesText();
  return 'continuous values';
}

/** The embedding the summary's matrix is (obsm/X_scVI → 'X_scVI'), or null when genes are read. */
function embeddingRead(d: DatasetSummary): string | null {
  return d.format ? embeddingOfMatrix(d.format.matrix) : null;
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
  /** The value's tooltip: the File line's full paths when the text shows only names. Default: none. */
  title?: string;
}

/** The "What was read" summary of a dataset, in display order. */
export function summaryLines(d: DatasetSummary): SummaryLine[] {
  return [
    fileLine(d),
    {
      term: 'Shape',
      testid: 'summary-shape',
      // an embedding read as the input has components, not genes
      text: `${rowCountText(d.rows, d.format?.kind, formatCount)} × ${plural(d.genes, embeddingRead(d) === null ? 'gene' : 'column')}`,
    },
    {
      term: 'Orientation',
      testid: 'summary-orientation',
      text: `${orientationText(d.orientation.applied, d.format?.kind)} — ${d.orientation.reason}`,
    },
    { term: 'Values', testid: 'summary-values', text: valueKindText(d.valueKind) },
    ...formatLines(d),
    ...mappedLine(d),
    { term: 'Id column', testid: null, text: d.idColumn },
    {
      term: 'Metadata',
      testid: null,
      text: d.metadata.length ? d.metadata.map((m) => `${m.name} (${m.distinct})`).join(', ') : 'none',
    },
  ];
}

/**
 * The File line: the data's name (+ the metadata file's), a file's and a 10x folder's alike — a Cell Ranger
 * matrix from its sample's folder down (`inputShownName`) —, with their full
 * paths as its tooltip when the engine opened them by path — a folder, always opened by path under serve,
 * showed its whole server path where an uploaded file showed its name.
 */
function fileLine(d: DatasetSummary): SummaryLine {
  const sources = d.metadataSource ? [d.source, d.metadataSource] : [d.source];
  // a Cell Ranger folder with its sample's folder, as its exports are named after the sample (inputStem)
  const text = [inputShownName(d.source), ...sources.slice(1).map(fileNameOf)].join(' + ');
  const paths = sources.join(' + ');
  return { term: 'File', testid: 'summary-source', text, ...(paths !== text ? { title: paths } : {}) };
}

/**
 * The format, sparsity and other matrices of the file, when the summary says (summaries saved by older
 * versions do not): which matrix was read matters for an h5ad whose X is log data and layers/counts counts.
 */
function formatLines(d: DatasetSummary): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const f = d.format;
  if (f) {
    // worded as inspect words it: a loom's matrix named 'matrix' is "its main matrix", not "matrix matrix"
    const matrix = f.matrix ? `, ${matrixText(f)}` : '';
    lines.push({ term: 'Format', testid: 'summary-format', text: `${FORMAT_NAMES[f.kind]}${matrix}` });
  }
  // an embedding's components are dense by nature: "100.0 % of values are not zero" says nothing there
  if (d.nonZeroFraction !== undefined && embeddingRead(d) === null) {
    lines.push({ term: 'Sparsity', testid: 'summary-sparsity', text: nonZeroText(d.nonZeroFraction) });
  }
  const others = f
    ? [...f.layers.map((m) => layerText(m, f, d.genes)), ...otherEmbeddings(f).map(embeddingText)]
    : [];
  if (others.length > 0) {
    lines.push({
      term: 'Other matrices',
      testid: 'summary-layers',
      text: `${others.join(', ')} — read one instead with Import settings ▸ Matrix`,
    });
  }
  return lines;
}

/**
 * An other matrix as the summary lists it, as `inspect` does: raw/X with its genes (raw often keeps every gene
 * where X holds the highly variable ones: a map of raw/X is of other genes, and the gene box looks there for
 * them), another only when its count differs from the `genes` of a gene matrix read.
 */
function layerText(name: string, f: FileFormatSummary, genes: number): string {
  const count = f.layerGenes?.[name];
  // an embedding read has columns, not genes: only raw's count is said beside it
  const differs = embeddingOfMatrix(f.matrix) === null && count !== genes;
  if (count === undefined || (name !== 'raw/X' && !differs)) return name;
  return `${name} (${plural(count, 'gene')})`;
}

/** The file's embeddings besides the one read (none in summaries saved before they were listed). */
function otherEmbeddings(f: FileFormatSummary): NonNullable<FileFormatSummary['embeddings']> {
  return (f.embeddings ?? []).filter((e) => embeddingMatrix(e.name) !== f.matrix);
}

/**
 * What the map is trained on when it is an embedding (obsm/X_scVI): its columns, not genes — so the
 * preprocessing proposed does not normalise them or pick variable genes, and Explore's marker genes need
 * the genes read again.
 */
function mappedLine(d: DatasetSummary): SummaryLine[] {
  const name = embeddingRead(d);
  if (name === null) return [];
  const width = d.format?.embeddings?.find((e) => e.name === name)?.columns ?? d.genes;
  const genes = d.format?.layers[0];
  const markers = genes ? `; Explore's marker genes need the genes (Matrix: ${genes})` : '';
  return [
    {
      term: 'Mapped',
      testid: 'summary-mapped',
      text: `the embedding ${embeddingText({ name, columns: width })} instead of genes${markers}`,
    },
  ];
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
  /**
   * Every previewed column but the id column, checked when the importer read it as metadata, then the metadata
   * columns past the preview, checked; a text table's id column as read among them (`idAsRead`), checked, its
   * box shown only while another column is chosen as the Id column.
   */
  metadata: { value: string; checked: boolean; idAsRead?: true }[];
  /**
   * The matrices of an h5ad/loom file — X, layers, raw/X, then the embeddings (obsm/X_pca, labelled with
   * their widths) — the one read selected; empty when the file holds one matrix.
   */
  matrices: { value: string; label: string; selected: boolean }[];
  /**
   * Whether the file is a text table, whose delimiter, id column, first gene column and missing values can
   * be set. An h5ad, loom, Cell Ranger or MatrixMarket file stores cells, genes and metadata apart: those
   * settings could only be refused (in the CLI's words, "--delimiter does not apply…"), so they are hidden.
   */
  textTable: boolean;
  /** Whether the orientation can be set: text tables and plain MatrixMarket files. */
  orientation: boolean;
  /** The column-role fields' labels and hints, for the file as read (`columnRoleWords`). */
  words: ColumnRoleWords;
  /** What the hints call the data (`sourceNoun`): a Cell Ranger folder is "this folder". */
  noun: 'file' | 'folder';
}

/** The labels and hints of the column-role fields: the id column, where the data columns start, the metadata columns. */
export interface ColumnRoleWords {
  id: { label: string; hint: string };
  genesFrom: { label: string; hint: string };
  metadata: string;
}

/**
 * The column-role fields' words for a table read as it is, or turned round (`turned`: genes as rows). The
 * fields name the file's own columns, so in a turned table the id column holds gene names, the columns from
 * the data's first are samples, and text columns annotate genes (not kept) — a walkthrough with a genes ×
 * samples panel was offered its samples as "Metadata columns", under "The column holding cell ids".
 */
export function columnRoleWords(turned: boolean): ColumnRoleWords {
  return turned
    ? {
        id: {
          label: 'Gene name column',
          hint: 'The file is turned round (genes as rows): the column holding gene names. Default: the first text column.',
        },
        genesFrom: {
          label: 'Samples start at',
          hint: 'This column and all after it are cells or samples (the file is turned round). Default: detected.',
        },
        metadata: 'Gene annotation columns, not kept',
      }
    : {
        id: { label: 'Id column', hint: 'The column holding cell ids. Default: the first text column.' },
        genesFrom: {
          label: 'Genes start at',
          hint: 'This column and all after it are genes; the columns before it are metadata, to pick as the label or a colour. Default: detected.',
        },
        metadata: 'Metadata columns',
      };
}

export function columnRoles(d: DatasetSummary): ColumnRoles {
  // a joined metadata file's columns are not the file's: an h5ad's preview lists them among its obs, and
  // Re-open would send them as the file's metadata columns, which it refuses
  const joined = new Set(d.metadata.filter((m) => m.joined).map((m) => m.name));
  const header = d.preview.header.filter((c) => !joined.has(c));
  const others = header.filter((c) => c !== d.idColumn);
  const metaNames = new Set(d.metadata.filter((m) => !m.joined).map((m) => m.name));
  const kind = d.format?.kind ?? 'text';
  const textTable = kind === 'text';
  const turned = d.orientation.applied === 'genes-as-rows';
  // the preview holds the first columns only: a metadata column after them — a label at a table's end, an
  // h5ad's 13th obs column — had no box, and Re-open, which sends the ticked boxes as the metadata columns,
  // read it as a gene or left it out. Listed after the previewed ones, ticked (a turned table's metadata are
  // not its columns)
  const unseen = turned ? [] : [...metaNames].filter((c) => !header.includes(c));
  return {
    idColumns: header.map((c) => ({ value: c, selected: c === d.idColumn })),
    genesFrom: [{ value: '', label: 'detected' }, ...others.map((c) => ({ value: c, label: c }))],
    // a structured file's metadata are its obs / column attributes: its genes are never metadata
    // a text table's id column has a box too, ticked and shown once another column is chosen as the Id column:
    // without one it was read as a gene, refused as text, and the refusal said to tick a box that was not there
    metadata: [
      ...(textTable ? header : others.filter((c) => metaNames.has(c))).map((c) =>
        c === d.idColumn
          ? { value: c, checked: true, idAsRead: true }
          : { value: c, checked: metaNames.has(c) },
      ),
      ...unseen.map((c) => ({ value: c, checked: true })),
    ],
    matrices: matrixChoices(d.format),
    textTable,
    orientation: textTable || kind === 'mtx',
    words: columnRoleWords(turned),
    noun: sourceNoun(d),
  };
}

/** The title of a Metadata columns box that Genes start at keeps ticked (`keptBeforeGenes`). */
export const KEPT_BEFORE_GENES_TITLE = (genesFrom: string): string =>
  `Before “${genesFrom}” (Genes start at): always kept as metadata. Choose a later column in Genes start at to read it as a gene.`;

/**
 * The Metadata columns boxes (`columns`, in the file's order) that Genes start at keeps ticked: with a first gene
 * column chosen (`genesFrom`; '' for detected), every column before it but the Id column (`idColumn`) is kept as
 * metadata, ticked or not (src/data/column-roles.ts) — a box there left unticked would say the column is read as
 * a gene while the import keeps it.
 */
export function keptBeforeGenes(
  columns: readonly string[],
  genesFrom: string,
  idColumn: string,
): Set<string> {
  const first = genesFrom === '' ? -1 : columns.indexOf(genesFrom);
  return new Set(first === -1 ? [] : columns.slice(0, first).filter((c) => c !== idColumn));
}

function matrixChoices(f: FileFormatSummary | undefined): ColumnRoles['matrices'] {
  if (!f) return [];
  const embeddings = otherEmbeddings(f);
  if (f.layers.length === 0 && embeddings.length === 0) return [];
  const read = embeddingOfMatrix(f.matrix);
  const width = f.embeddings?.find((e) => e.name === read)?.columns;
  const readLabel =
    read !== null && width !== undefined ? embeddingText({ name: read, columns: width }) : f.matrix;
  return [
    { value: f.matrix, label: readLabel, selected: true },
    ...f.layers.map((m) => ({ value: m, label: m, selected: false })),
    ...embeddings.map((e) => ({ value: embeddingMatrix(e.name), label: embeddingText(e), selected: false })),
  ];
}

/** The import settings form's values, as the controls hold them. */
export interface ImportFormValues {
  delimiter: string;
  /** The decimal separator: 'auto', '.' or ','. */
  decimal: string;
  orientation: string;
  missing: string;
  /** '' when none is chosen. */
  idColumn: string;
  /** '' for "detected". */
  genesFrom: string;
  /** The checked metadata columns. */
  metadataColumns: readonly string[];
  /**
   * The matrix to read, as the summary names it: X, an h5ad/loom layer ('layers/counts'), raw/X, or an
   * embedding to train on instead of genes ('obsm/X_pca'); '' or absent for the file's own. Default: absent.
   */
  matrix?: string;
}

/** The settings "Re-open with these settings" sends: empty choices are left to the importer's detection. */
export function importSettingsFrom(v: ImportFormValues): ImportSettings {
  const s: ImportSettings = {
    delimiter: v.delimiter as ImportSettings['delimiter'],
    decimal: v.decimal as ImportSettings['decimal'],
    orientation: v.orientation as ImportSettings['orientation'],
    missing: v.missing as ImportSettings['missing'],
  };
  if (v.idColumn) s.idColumn = v.idColumn;
  if (v.genesFrom) s.genesFrom = v.genesFrom;
  if (v.metadataColumns.length > 0) s.metadataColumns = [...v.metadataColumns];
  if (v.matrix) {
    // an embedding is the `input` setting (the CLI's --input obsm:X_pca), anything else the `layer`
    const embedding = embeddingOfMatrix(v.matrix);
    if (embedding !== null) s.input = embeddingInput(embedding);
    else s.layer = v.matrix;
  }
  return s;
}

/**
 * The label picker's title and hint in the rows' words (`rowWords`): "Label column (cell types)" and "Cells
 * sharing a label…" for the single-cell formats, "Label column (classes)" and "Rows sharing a label…" for a
 * text table (a bulk panel's tumour classes are no cell types); the metadata file's hint alike ("keyed by row id").
 */
export function labelFieldText(d: Pick<DatasetSummary, 'format'> | null): {
  title: string;
  hint: string;
  metadataHint: string;
} {
  const words = rowWords(d?.format?.kind);
  const many = words.many.charAt(0).toUpperCase() + words.many.slice(1);
  return {
    title: `Label column (${words.classes})`,
    hint: `${many} sharing a label are pulled together; others pushed apart.`,
    metadataHint: `A CSV/TSV keyed by ${words.one} id; its columns are joined in.`,
  };
}

/**
 * The line by the Metadata file field naming the file joined to the open data ('Joined: batches.csv'), '' when
 * none is: the browser clears a file input once its file is read, so the field itself would read "No file chosen".
 */
export function joinedMetadataText(d: Pick<DatasetSummary, 'metadataSource'> | null): string {
  return d?.metadataSource ? `Joined: ${fileNameOf(d.metadataSource)}` : '';
}

/** What the label panel shows under the picker. */
export type LabelInfo =
  /** No column chosen: a hint, as a warning when the file has no label column at all. */
  | { kind: 'hint'; text: string; warning: boolean }
  /** A column is chosen and its counts are on their way. */
  | { kind: 'counting'; text: string }
  /** A column is chosen that cannot be counted: a reopened session's input is not open (none are asked for). */
  | { kind: 'needs-input'; text: string }
  | {
      kind: 'counts';
      /** "3 classes, 700 labelled cells, " (a text table's "labelled rows"; the unlabeled count follows in its own element). */
      headline: string;
      /** The class table's count column: 'cells', or 'rows' for a text table (`rowWords`). */
      countHeader: string;
      unlabeled: string;
      /** Classes too small for a triplet, or null. */
      tooSmall: string | null;
      rows: { name: string; count: string; tooSmall: boolean }[];
      /** Said when the table holds more rows than it shows without scrolling, or null. */
      more: string | null;
    };

/**
 * `inputMissing`: the page shows a reopened session without its input (AppState.inputMissing), so counts
 * that are missing will not come. Default false. `desktop`: the page runs in the desktop app, whose File menu
 * can join a metadata file (not under `tripletlens serve`). Default false.
 */
export function labelInfo(
  d: DatasetSummary | null,
  column: string | null,
  s: LabelSummary | null,
  inputMissing = false,
  desktop = false,
): LabelInfo {
  const words = rowWords(d?.format?.kind);
  if (!column) {
    // a Cell Ranger folder / .h5 / plain .mtx has no label column at all: say where labels come from
    const hint = d ? labelChoices(d, desktop).hint : null;
    return hint
      ? { kind: 'hint', text: hint, warning: true }
      : {
          kind: 'hint',
          text: `Choose the column that names each ${words.one}’s ${words.kind}.`,
          warning: false,
        };
  }
  if (!s && inputMissing) {
    // the engine holds no data: say what is needed rather than ask it and show its "No data is open"
    return {
      kind: 'needs-input',
      text: `The classes of “${column}” are counted from the session’s input file, which is not open: open it again with “Open the input file again” in Explore’s Edit labels panel. The run’s own label column is counted from the map.`,
    };
  }
  if (!s) return { kind: 'counting', text: 'Counting classes…' };
  const tooSmall = new Set(s.tooSmall);
  const labelled = s.classes.reduce((n, c) => n + c.count, 0);
  return {
    kind: 'counts',
    headline: `${plural(s.classes.length, 'class', 'classes')}, ${plural(labelled, `labelled ${words.one}`, `labelled ${words.many}`)}, `,
    countHeader: words.many,
    unlabeled: `${formatCount(s.unlabeled)} unlabeled`,
    tooSmall: s.tooSmall.length
      ? `${plural(s.tooSmall.length, 'class', 'classes')} with fewer than 2 ${words.many} cannot form a triplet: ${s.tooSmall.join(', ')}`
      : null,
    // the legend's order (an h5ad categorical's stored categories, cluster codes by number, else largest
    // first): a scanpy user reads a column's classes in one order on every screen
    rows: orderClasses([...s.classes], d?.categoryOrder?.[column]).map((c) => ({
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
 * its counts are missing, they are asked for once — unless the engine holds no data (`inputMissing`).
 */
export function labelSummaryToFetch(
  state: Pick<AppState, 'dataset' | 'labelColumn' | 'labelSummary' | 'inputMissing'>,
  previous: Pick<AppState, 'labelColumn'>,
  tracker: LabelFetchTracker,
): { fetch: { key: string; column: string } | null; tracker: LabelFetchTracker } {
  const d = state.dataset;
  const key = d && state.labelColumn ? `${d.datasetId}\u0000${state.labelColumn}` : null;
  const failed = state.labelColumn !== previous.labelColumn ? null : tracker.failed;
  // a reopened session without its input: the engine holds no data to count (it would answer "No data is open")
  const engineCounts = state.inputMissing !== true;
  if (
    key &&
    state.labelColumn &&
    !state.labelSummary &&
    engineCounts &&
    key !== tracker.pending &&
    key !== failed
  ) {
    return { fetch: { key, column: state.labelColumn }, tracker: { pending: key, failed } };
  }
  return { fetch: null, tracker: { pending: tracker.pending, failed } };
}
