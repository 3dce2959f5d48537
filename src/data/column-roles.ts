/**
 * Decides what each column is — the cell id, metadata to keep as text, or a gene (numeric) — from the
 * header and the first rows (the profiling sample), unless the caller says so. Each column is judged on its
 * own: one bad cell never moves a column, and a column never moves its neighbours. The rules, in order:
 * 1. id: `idColumn` if given; else the first column that is unnamed or named like an id (id, cell, barcode,
 *    sample…) with unique values; else the first column when it is text with unique values; else none.
 * 2. metadata: `metaColumns` if given; else
 *    - every column that is mostly text: more than half of its non-missing sampled values are not numbers
 *      (a column with fewer text cells is a gene column with bad values, reported at their line and column
 *      or, with a missing-value policy, treated as missing);
 *    - every column with no value at all in the sample (all empty/NA: an empty label column, say);
 *    - cluster codes: integer columns named like leiden, louvain, kmeans, cluster(s), seurat_clusters,
 *      *_snn_res.N with at most 50 distinct values, each used by two sampled rows on average (they are
 *      label candidates);
 *    - numeric columns with a metadata-like name (n_counts, pct_counts_mt, batch…) at either end of the
 *      numeric columns.
 *    - in TripletLens's own coordinates file (x, y[, z…] then predicted_label: `own-coordinates.ts`), every
 *      column but the axes (embed's confidence, a label of integer codes, joined metadata).
 * 3. genes: the rest (or, with `genesFrom`, that column and every one after it not in `metaColumns`; every
 *    column before it is then metadata, listed or not).
 */
import { countText } from '../api/count-text.js';
import { DataImportError, shownValue, withAppWords, type ErrorLocation } from './errors.js';
import { didYouMean } from './did-you-mean.js';
import { isMissingToken } from './numbers.js';
import {
  decimalSetting,
  delimiterSettings,
  refusalInWords,
  warningInWords,
  type SettingSide,
} from './setting-words.js';
import { numberReader } from './decimal.js';
import { decimalPointHint } from './decimal-point-hint.js';
import type { ImportOptions } from './options.js';
import type { ImportWarning } from '../api/import-warning.js';
import { ownCoordinateAxes } from './own-coordinates.js';

/**
 * How the user chose the gene columns, when they did: by listing the metadata columns (`metaColumns`, every
 * other column a gene) or by the first gene column (`genesFrom`). A refusal of a text value in a gene column
 * says which ("was read as a gene because most of its values are numbers" was said of a column of text that
 * `--meta` had left out).
 */
export type GenesChosen = { by: 'meta' } | { by: 'genes-from'; column: string };

export interface ColumnRoles {
  /** Index of the id column, or -1 when rows are numbered instead. */
  idIndex: number;
  /** How the gene columns were chosen by the options; absent when they were detected. */
  genesChosen?: GenesChosen;
  metaIndices: number[];
  geneIndices: number[];
  /** Columns read into neither (empty unnamed columns, a trailing delimiter's). */
  ignoredIndices: number[];
  /** Metadata columns with no value at all in the sample (checked again over the whole file later). */
  emptyIndices: number[];
  warnings: ImportWarning[];
}

interface ColumnProfile {
  numeric: number;
  missing: number;
  text: number;
  /** Numeric values that are whole numbers. */
  integers: number;
  /** Distinct numeric values seen, counted up to MAX_CLUSTERS + 1. */
  distinct: Set<number>;
}

/** The most distinct values a cluster-code column may hold. */
export const MAX_CLUSTERS = 50;

/** Names of columns holding cluster assignments (scanpy, Seurat, k-means), read as labels when integer-coded. */
const CLUSTER_NAME =
  /^(seurat_clusters|leiden|louvain|k_?means|clusters?|cluster_?ids?|\w*_snn_res|res)([._-][\w.]*)?$/i;

/**
 * Names of id columns. The words may be joined by a space, '.', '-' or '_' or not at all: a spreadsheet's
 * "Sample ID", R's make.names "Sample.ID", scanpy's "cell_id" — a "Sample ID" with a repeated id was left
 * out and its rows named cell_1, cell_2….
 */
const ID_NAME =
  /^(id|ids|cell|cells|cell[ ._-]?id|cell[ ._-]?name|barcode|barcodes|cell[ ._-]?barcode|sample|sample[ ._-]?id|sample[ ._-]?name|obs[ ._-]?names|index|name|gene|genes|gene[ ._-]?id|gene[ ._-]?name|gene[ ._-]?symbol|symbol|probe|probe[ ._-]?id|feature|feature[ ._-]?id)$/i;
const META_NAME =
  /^(n_counts|n_genes|total_counts|n_genes_by_counts|pct_counts_\w+|percent[._]?mt|ncount_\w+|nfeature_\w+|cluster\w*|clusters|louvain\w*|leiden\w*|seurat_clusters|\w*_snn_res\.[\d.]+|res\.[\d.]+|batch\w*|donor\w*|plate|lane|phase|s_score|g2m_score|size_factors?|age|age_\w+|bmi|purity|survival\w*|(?:os|pfs|dfs|rfs|efs)_(?:months|days|years|time|status|event))$/i;

/** Rows of the sample used to profile columns: 200, fewer for wide tables (at least 50), about 100 000 fields. */
export function profileRows(columns: number): number {
  return Math.max(50, Math.min(200, Math.floor(100_000 / Math.max(1, columns))));
}

/**
 * The one rule for a column that is no data: nameless (its name trimmed, as the import trims the header), with
 * no value in `sample` (the rows the import profiles, `profileRows`) — the ",,,," an Excel export leaves at
 * line ends. The import reads it into no role unless it is the id column (a nameless first column is: pandas'
 * index) or named as metadata; the Import preview (`preview.ts`) leaves the same columns out, so the two never
 * disagree on a column.
 */
export function isTrailingDelimiterColumn(
  header: readonly string[],
  sample: readonly (readonly string[])[],
  column: number,
): boolean {
  return header[column].trim() === '' && sample.every((record) => isMissingToken(record[column] ?? ''));
}

/** `read`: the field reader of the table's decimal separator (`numberReader`). */
function profile(sample: string[][], column: number, read: (text: string) => number): ColumnProfile {
  const result: ColumnProfile = { numeric: 0, missing: 0, text: 0, integers: 0, distinct: new Set() };
  for (const record of sample) {
    const value = record[column] ?? '';
    if (isMissingToken(value)) {
      result.missing++;
      continue;
    }
    const number = read(value);
    if (Number.isNaN(number)) {
      result.text++;
      continue;
    }
    result.numeric++;
    if (Number.isInteger(number)) result.integers++;
    if (result.distinct.size <= MAX_CLUSTERS) result.distinct.add(number);
  }
  return result;
}

/** More than half of the column's non-missing sampled values are text: it is metadata, not a gene. */
function mostlyText(p: ColumnProfile): boolean {
  return p.text * 2 > p.text + p.numeric;
}

/** An integer-coded cluster column: a label candidate, never a gene. */
function isClusterCode(name: string, p: ColumnProfile): boolean {
  if (!CLUSTER_NAME.test(name) || p.text > 0 || p.numeric === 0 || p.integers !== p.numeric) return false;
  return p.distinct.size <= MAX_CLUSTERS && p.distinct.size * 2 <= p.numeric;
}

/** A column option as the CLI names it (its flag) and as the page does (its Import settings field). */
interface ColumnOption {
  cli: string;
  app: string;
}

const ID_OPTION: ColumnOption = { cli: '--id', app: 'Import settings ▸ Id column' };
const META_OPTION: ColumnOption = { cli: '--meta', app: 'Import settings ▸ Metadata columns' };
const GENES_FROM_OPTION: ColumnOption = { cli: '--genes-from', app: 'Import settings ▸ Genes start at' };

/** The column warnings' advice: the setting that changes what they report, in each side's words. */
const COLUMN_ADVICE = {
  noId: (side: 'cli' | 'app') => ` (set ${ID_OPTION[side]} to use one)`,
  numericMetadata: (side: 'cli' | 'app') =>
    ` (use ${side === 'cli' ? '--genes-from or --meta' : 'Import settings ▸ Genes start at or Metadata columns'} to change this)`,
  genesApart: (side: 'cli' | 'app') =>
    ` (name them ${side === 'cli' ? 'with' : 'under'} ${META_OPTION[side]} if they are not genes)`,
} as const;

/**
 * The page's advice of the column warnings, as it stands in their page words: Project another file has no
 * column settings (it reads a file's columns as detected), so a projection's warnings leave it out.
 */
export const PAGE_COLUMN_ADVICE: readonly string[] = Object.values(COLUMN_ADVICE).map((advice) =>
  advice('app'),
);

function findColumn(header: string[], name: string, option: ColumnOption, file: string): number {
  const index = header.indexOf(name);
  if (index === -1) {
    const shown = header.slice(0, 12).map((h) => `"${shownValue(h)}"`);
    const more = header.length > 12 ? `, … (${countText(header.length)} columns)` : '';
    const rest = `names a column "${shownValue(name)}" that is not in the header.${didYouMean(name, header)} Columns: ${shown.join(', ')}${more}.`;
    // the CLI's flag on the terminal, the field the page shows in the page's words (`withAppWords`)
    const err = new DataImportError('unknown-column', file, `${option.cli} ${rest}`, { line: 1 });
    throw withAppWords(err, `${option.app} ${rest}`, { line: 1 });
  }
  return index;
}

function uniqueValues(sample: string[][], column: number): boolean {
  const seen = new Set<string>();
  for (const record of sample) {
    const value = record[column] ?? '';
    if (value === '' || seen.has(value)) return false;
    seen.add(value);
  }
  return true;
}

function detectId(header: string[], sample: string[][], profiles: ColumnProfile[]): number {
  // A column named like an id is the id even when a value repeats: repeats are renamed, with a warning.
  for (let c = 0; c < header.length; c++) {
    if ((header[c].trim() === '' && c === 0) || ID_NAME.test(header[c].trim())) {
      if (profiles[c].text > 0 || c === 0 || uniqueValues(sample, c)) return c;
    }
  }
  if (profiles[0].text > 0 && uniqueValues(sample, 0)) return 0;
  return -1;
}

/** Columns of `columns` (file order) outside its longest run of adjacent columns. */
function outsideLongestRun(columns: number[]): number[] {
  let best: [number, number] = [0, 0];
  let start = 0;
  for (let k = 1; k <= columns.length; k++) {
    if (k < columns.length && columns[k] === columns[k - 1] + 1) continue;
    if (k - start > best[1] - best[0]) best = [start, k];
    start = k;
  }
  return [...columns.slice(0, best[0]), ...columns.slice(best[1])];
}

const listed = (names: string[]) =>
  `${names
    .slice(0, 10)
    .map((n) => shownValue(n))
    .join(', ')}${names.length > 10 ? ', …' : ''}`;

/** Metadata, genes and empty metadata columns among the columns of a table. */
interface DetectedRoles {
  metaIndices: number[];
  geneIndices: number[];
  emptyIndices: number[];
}

/**
 * Rule 2 for TripletLens's own coordinates file (`ownCoordinateAxes`): its axes are the genes — when they
 * hold numbers —, every other column is metadata, numbers or not; null when `header` is not one. A numeric
 * column so kept is named in an info note, as `inspect` shows it.
 */
function ownFileRoles(
  header: string[],
  others: number[],
  profiles: ColumnProfile[],
  warnings: ImportWarning[],
): DetectedRoles | null {
  const axes = ownCoordinateAxes(header);
  if (!axes?.every((c) => others.includes(c) && profiles[c].numeric > 0 && !mostlyText(profiles[c]))) {
    return null;
  }
  const metaIndices = others.filter((c) => !axes.includes(c));
  const emptyIndices = metaIndices.filter((c) => profiles[c].numeric === 0 && profiles[c].text === 0);
  const numeric = metaIndices.filter((c) => profiles[c].numeric > 0 && !mostlyText(profiles[c]));
  if (numeric.length > 0) {
    warnings.push({
      code: 'own-coordinates-file',
      info: true,
      message: `Read as a TripletLens coordinates file, its map's axes (${listed(axes.map((c) => header[c]))}) as the matrix: its other numeric columns are kept as metadata, not genes: ${listed(numeric.map((c) => header[c]))}.`,
    });
  }
  return { metaIndices, geneIndices: axes, emptyIndices };
}

/** Rule 2 without options: metadata and genes among `others` (see the file comment). */
function detectMetadata(
  header: string[],
  others: number[],
  profiles: ColumnProfile[],
  warnings: ImportWarning[],
): DetectedRoles {
  const own = ownFileRoles(header, others, profiles, warnings);
  if (own) return own;
  const emptyIndices = others.filter((c) => profiles[c].numeric === 0 && profiles[c].text === 0);
  const clusters = others.filter((c) => isClusterCode(header[c], profiles[c]));
  const numeric = others.filter(
    (c) => !mostlyText(profiles[c]) && !emptyIndices.includes(c) && !clusters.includes(c),
  );
  // Peel metadata-like numeric columns (n_counts, batch…) off both ends of the numeric columns.
  let lo = 0;
  let hi = numeric.length - 1;
  while (lo <= hi && META_NAME.test(header[numeric[lo]])) lo++;
  while (hi >= lo && META_NAME.test(header[numeric[hi]])) hi--;
  const geneIndices = numeric.slice(lo, hi + 1);
  const genes = new Set(geneIndices);
  const metaIndices = others.filter((c) => !genes.has(c));
  const peeled = [...numeric.slice(0, lo), ...numeric.slice(hi + 1)];
  if (peeled.length > 0) {
    warnings.push(
      warningInWords(
        'numeric-metadata',
        (side) =>
          `Numeric columns kept as metadata, not genes: ${listed(peeled.map((c) => header[c]))}${COLUMN_ADVICE.numericMetadata(side)}.`,
      ),
    );
  }
  if (clusters.length > 0) {
    warnings.push({
      code: 'cluster-columns',
      message: `Integer cluster columns kept as metadata (label candidates), not genes: ${listed(clusters.map((c) => header[c]))}.`,
    });
  }
  const apart = outsideLongestRun(geneIndices);
  if (apart.length > 0) {
    warnings.push(
      warningInWords(
        'genes-apart',
        (side) =>
          `Numeric columns separated from the other genes by text columns were read as genes: ${listed(apart.map((c) => header[c]))}${COLUMN_ADVICE.genesApart(side)}.`,
      ),
    );
  }
  return { metaIndices, geneIndices, emptyIndices };
}

/** A number written with one comma: "1,5" (a decimal comma) or "12,345" (a thousands separator). */
const COMMA_NUMBER = /^\s*[-+]?\d*,\d+\s*$/;

/**
 * The first value of the sample written with a comma ("1,5", as European spreadsheets save), told as the
 * reason no column is numeric; undefined when there is none. It is called a decimal comma only when some value
 * cannot be a thousands separator: with exactly 3 digits after every comma ("12,345") it may be 12345. The
 * hint names the setting in a side's words (the CLI's flag, the page's field).
 */
function decimalCommaHint(
  header: string[],
  sample: string[][],
  lines: readonly number[] | undefined,
): { hint: (side: SettingSide) => string; where: ErrorLocation } | undefined {
  let first: { text: string; column: number; row: number } | undefined;
  let thousandsLike = true;
  sample.forEach((record, row) => {
    record.forEach((field, c) => {
      if (!COMMA_NUMBER.test(field)) return;
      first ??= { text: field, column: c, row };
      if (!/,\d{3}\s*$/.test(field)) thousandsLike = false;
    });
  });
  if (!first) return undefined;
  // the value's own place when the caller knows the sample's lines (the importer does), else the header's
  const line = lines?.[first.row];
  const at: ErrorLocation =
    line === undefined
      ? { line: 1 }
      : { line, column: first.column + 1, columnName: header[first.column] ?? '' };
  const where = `values such as "${shownValue(first.text)}" (column "${shownValue(header[first.column] ?? '')}")`;
  const hint = (side: SettingSide): string => {
    const read = `read the file with ',' as the decimal separator (${decimalSetting(',', side)})`;
    return thousandsLike
      ? `${where} hold a comma: if ',' is the decimal separator, ${read}; if it separates thousands (12,345 for 12345), save the numbers without thousands separators.`
      : `${where} use a decimal comma: ${read}.`;
  };
  return { hint, where: at };
}

/** True when every non-empty value of column `c` in the sample is a number written with a comma ("1,5"). */
function commaNumberColumn(sample: string[][], c: number): boolean {
  let seen = 0;
  for (const record of sample) {
    const field = record[c] ?? '';
    if (field.trim() === '') continue;
    if (!COMMA_NUMBER.test(field)) return false;
    seen++;
  }
  return seen > 0;
}

/**
 * Refuses a table whose columns of numbers written with a comma ("9,82568": a ';'-separated CSV saved by a
 * spreadsheet with decimal commas) outnumber the gene columns read: those columns read as text, so such a
 * file would open with its few integer columns (an age) as the genes and hundreds of genes as metadata
 * (a walkthrough: "26 cells × 1 genes"). With no gene column at all the caller's 'no-gene-columns' says it.
 */
function refuseCommaGenes(
  header: string[],
  sample: string[][],
  metaIndices: number[],
  geneIndices: number[],
  file: string,
  lines: readonly number[] | undefined,
): void {
  if (geneIndices.length === 0) return;
  const comma = metaIndices.filter((c) => commaNumberColumn(sample, c));
  if (comma.length <= geneIndices.length) return;
  // a Set, not comma.includes: a wide panel has thousands of such columns, each looked up once a field
  const isComma = new Set(comma);
  const found = decimalCommaHint(
    header,
    sample.map((record) => record.map((field, c) => (isComma.has(c) ? field : ''))),
    lines,
  );
  throw refusalInWords(
    'no-gene-columns',
    file,
    (side) =>
      `${countText(comma.length)} columns hold numbers written with a comma, read as text, and only ${countText(geneIndices.length)} as numbers (${listed(geneIndices.map((c) => header[c]))}); ${found?.hint(side) ?? ''}`,
    found?.where ?? { line: 1 },
  );
}

export function detectColumnRoles(
  header: string[],
  sample: string[][],
  options: Pick<ImportOptions, 'idColumn' | 'metaColumns' | 'genesFrom' | 'decimal'>,
  file: string,
  lines?: readonly number[],
): ColumnRoles {
  const parse = numberReader(options.decimal ?? '.');
  const profiles = header.map((_, c) => profile(sample, c, parse));
  const warnings: ImportWarning[] = [];
  const idIndex =
    options.idColumn !== undefined
      ? findColumn(header, options.idColumn, ID_OPTION, file)
      : detectId(header, sample, profiles);
  const metaForced = options.metaColumns?.map((name) => findColumn(header, name, META_OPTION, file));
  const genesFrom =
    options.genesFrom !== undefined ? findColumn(header, options.genesFrom, GENES_FROM_OPTION, file) : -1;
  if (metaForced?.includes(idIndex)) metaForced.splice(metaForced.indexOf(idIndex), 1);

  const ignoredIndices: number[] = [];
  const others: number[] = [];
  for (let c = 0; c < header.length; c++) {
    if (c === idIndex) continue;
    if (isTrailingDelimiterColumn(header, sample, c) && !metaForced?.includes(c)) {
      ignoredIndices.push(c);
      continue;
    }
    others.push(c);
  }

  let metaIndices: number[];
  let geneIndices: number[];
  let emptyIndices: number[] = [];
  if (genesFrom !== -1) {
    geneIndices = others.filter((c) => c >= genesFrom && !metaForced?.includes(c));
    // every column before the first gene column is cell metadata (cell_id, batch, cell_type, gene1…), listed or
    // not, to be picked as the label or a colour; the metadata option adds columns after it. Those not listed
    // were left out — the page lists the detected ones, so a numeric batch read as a gene vanished once the
    // genes were said to start after it, while the preview still showed it.
    const before = others.filter((c) => c < genesFrom);
    metaIndices = [...new Set([...before, ...(metaForced ?? [])])].filter((c) => c !== idIndex);
  } else if (metaForced) {
    metaIndices = metaForced;
    geneIndices = others.filter((c) => !metaForced.includes(c));
  } else {
    ({ metaIndices, geneIndices, emptyIndices } = detectMetadata(header, others, profiles, warnings));
  }
  metaIndices.sort((a, b) => a - b);
  // read with ',' decimals, a value written with a comma is a number already: no hint to choose ','
  const commaRead = options.decimal === ',';
  if (genesFrom === -1 && !metaForced && !commaRead) {
    refuseCommaGenes(header, sample, metaIndices, geneIndices, file, lines);
  }
  if (geneIndices.length === 0) {
    // read with ',', numbers written with '.' are text: say so, as a decimal comma read with '.' is
    const found = commaRead
      ? decimalPointHint(header, sample, lines)
      : decimalCommaHint(header, sample, lines);
    throw refusalInWords(
      'no-gene-columns',
      file,
      (side) =>
        `no numeric (gene) columns were found. Each gene needs a column of numbers; ${found?.hint(side) ?? `if the numbers are there, check the delimiter and the decimal separator (${delimiterSettings(side)}).`}`,
      found?.where ?? { line: 1 },
    );
  }
  if (idIndex === -1) {
    warnings.push(
      warningInWords(
        'no-id-column',
        (side) =>
          `No id column was found; cells are named cell_1, cell_2, … in file order${COLUMN_ADVICE.noId(side)}.`,
      ),
    );
  }
  const genesChosen: GenesChosen | undefined =
    genesFrom !== -1
      ? { by: 'genes-from', column: header[genesFrom] }
      : metaForced
        ? { by: 'meta' }
        : undefined;
  return {
    idIndex,
    metaIndices,
    geneIndices,
    ignoredIndices,
    emptyIndices,
    warnings,
    ...(genesChosen ? { genesChosen } : {}),
  };
}
