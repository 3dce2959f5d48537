/** Which metadata column holds the cell-type labels, and what is in it. */
import { DataImportError, shownValue } from './errors.js';
import type { ExpressionTable, MetadataColumn } from './types.js';
import { MISSING_TOKENS, isMissingToken, parseNumber } from './numbers.js';
import { columnOf } from './sparse.js';
import { labelNameScore, maxLabelClasses } from '../api/label-names.js';
import { columnNumbers } from './numeric-column.js';
import { columnCodes, countCategoryTexts } from './category-column.js';
import {
  countNumbers,
  fewNumberClasses,
  numberClasses,
  numbersContinuous,
  numbersLookContinuous,
  spreadWholeValues,
  topCounts,
  topNumberCounts,
} from './number-counts.js';

/** Summary of a label column: classes by size, the unlabelled, and the classes too small to train on. */
export interface LabelColumnSummary {
  column: string;
  /** Classes by decreasing count (ties by name). */
  classes: { name: string; count: number }[];
  /** Cells whose label is empty or NA. */
  unlabeled: number;
  labeled: number;
  /** Classes with fewer than 2 cells (a triplet needs two cells of the same class). */
  tooSmall: string[];
}

/**
 * Label texts that mean "no label", compared trimmed and lower-cased: the numeric missing tokens plus what
 * label exports write for a missing category (pandas `<NA>`, Python `None`). The one rule for labels: the
 * import summary, the trainer (label-index.ts) and the metrics (src/evaluate/labels.ts) all use it,
 * so the number of unlabelled cells shown before training is the number the trainer leaves out.
 */
const UNLABELED_TOKENS: ReadonlySet<string> = new Set([
  ...[...MISSING_TOKENS].map((token) => token.toLowerCase()),
  'none',
  '<na>',
]);

/** True when a label value means "no label" (undefined, empty, NA, N/A, NaN, null, None, <NA>… in any case). */
export function isUnlabeled(value: string | undefined): boolean {
  return value === undefined || UNLABELED_TOKENS.has(value.trim().toLowerCase());
}

/**
 * The label column `column` of `table`: the one check of a label column, shared by the import summary, the
 * engine session (before a run starts) and the pipeline. A column the table does not have is a
 * DataImportError of kind 'unknown-column' naming the file and listing the valid columns (the session turns
 * it into an 'invalid-request', the CLI into exit 2 with its own hints).
 */
export function findLabelColumn(table: ExpressionTable, column: string): MetadataColumn {
  const found = table.metadata.find((m) => m.name === column);
  if (!found) {
    const names = table.metadata.map((m) => m.name);
    throw new DataImportError(
      'unknown-column',
      table.source,
      `there is no label column '${shownValue(column)}'. ` +
        (names.length
          ? `Valid label columns: ${names.join(', ')}`
          : 'The file has no text columns to use as labels.'),
      { column },
    );
  }
  return found;
}

/**
 * A column's labels (trimmed) with their counts, in the order each first occurs, and its unlabelled values
 * (`isUnlabeled`); a categorical held as codes counted from them (`countCategoryTexts`), its text not made.
 */
function countLabels(column: MetadataColumn): {
  counts: Map<string, number>;
  unlabeled: number;
  rows: number;
} {
  const held = columnCodes(column);
  if (held) {
    const { counts, missing } = countCategoryTexts(held, isUnlabeled);
    return { counts, unlabeled: missing, rows: held.codes.length };
  }
  const { values } = column;
  const counts = new Map<string, number>();
  let unlabeled = 0;
  for (const raw of values) {
    if (isUnlabeled(raw)) {
      unlabeled++;
      continue;
    }
    const value = raw.trim();
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return { counts, unlabeled, rows: values.length };
}

export function labelColumnSummary(table: ExpressionTable, column: string): LabelColumnSummary {
  const { counts, unlabeled, rows } = countLabels(findLabelColumn(table, column));
  const classes = [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    column,
    classes,
    unlabeled,
    labeled: rows - unlabeled,
    tooSmall: classes.filter((c) => c.count < 2).map((c) => c.name),
  };
}

/**
 * Gene columns that look like class codes read as genes: a label-like name (`class`, `subtype`, `label`,
 * `group`… — not `batch`, `donor`, `sample`) and 2 to min(100, half the cells) distinct values, all integers —
 * e.g. a bulk panel's `class` of 0/1 codes (multtest's golub.cl), which the importer reads as a gene. `inspect`
 * names them with `--meta`, as `train --label class` does. Reads only the columns so named.
 */
export function codedLabelGenes(table: ExpressionTable): { name: string; distinct: number }[] {
  const maxClasses = maxLabelClasses(table.ids.length);
  const found: { name: string; distinct: number }[] = [];
  table.genes.forEach((name, col) => {
    if (labelNameScore(name) < 1) return;
    const distinct = new Set<number>();
    for (const v of columnOf(table.values, col)) {
      if (!Number.isInteger(v)) return;
      distinct.add(v);
      if (distinct.size > maxClasses) return;
    }
    if (distinct.size >= 2) found.push({ name, distinct: distinct.size });
  });
  return found;
}

/**
 * True when a column is a measurement, not a label: every labelled value is a number, and either one of them
 * is no whole number (a fraction: scanpy's `pct_counts_mt`, `log1p_total_counts` — on a small dataset such a
 * QC column may hold only a few distinct values, still a measurement) or there are more distinct values than a
 * label column may have (min(100, half the cells)) — e.g. scanpy's `S_score`, 700 distinct numbers over 700
 * cells, or `n_genes`. Integer-coded clusters (`leiden`, `louvain`: few distinct whole numbers, '0', '1'… as
 * categories or integers; '1.0' is whole) are labels. Such a column is still fine for colouring the map.
 *
 * One pass without a summary: it stops at the first labelled value that is no number (a text column is decided
 * by its first label), and keeps at most min(100, half the cells) + 1 distinct values, none after the first
 * fraction — the same answer as the classes of `labelColumnSummary`, without counting, listing or sorting a
 * million distinct numbers. Once a fraction or the class too many is seen, only a text label could still
 * change the answer: a value written as a plain decimal (`isPlainDecimal`, as an h5ad's float and integer
 * columns read) is then passed over without parsing it — only other values are parsed; before that, a value
 * met before (a code of an integer or categorical column) is not parsed again.
 */
export function isContinuousColumn(table: ExpressionTable, column: string): boolean {
  const found = findLabelColumn(table, column);
  const maxClasses = maxLabelClasses(table.ids.length);
  const numbers = columnNumbers(found);
  if (numbers) return numbersLookContinuous(numbers, maxClasses);
  if (columnCodes(found)) return categoryLabelFacts(found, table.ids.length).continuous;
  const { values } = found;
  const distinct = new Map<string, number>();
  let i = 0;
  for (; i < values.length; i++) {
    const raw = values[i];
    const seen = distinct.get(raw);
    if (seen !== undefined) {
      distinct.set(raw, seen + 1); // a whole number seen before: a cluster code's cells cost a look-up each
      continue;
    }
    if (isUnlabeled(raw)) continue;
    const value = raw.trim();
    const number = parseNumber(value);
    if (!Number.isFinite(number)) return false;
    if (!Number.isInteger(number)) break;
    if (distinct.size <= maxClasses) distinct.set(value, (distinct.get(value) ?? 0) + 1);
    if (distinct.size > maxClasses) break;
  }
  // every labelled value a whole number, and few of them: codes, unless spread as a measurement's
  if (i === values.length) return distinct.size > 0 && spreadWholeNumbers(distinct);
  // a measurement unless a value further on is a text label
  for (i++; i < values.length; i++) {
    const raw = values[i];
    if (isPlainDecimal(raw) || isUnlabeled(raw)) continue;
    if (!Number.isFinite(parseNumber(raw.trim()))) return false;
  }
  return true;
}

/**
 * True when a column's few distinct whole numbers (`counts`: value → rows, at most max classes of them, every one
 * a whole number) read as a measurement rather than class codes: most of them held by one row each and spread
 * over more than twice as many integers as there are of them — a small bulk panel's age (34, 51, 62, 34…; a
 * walkthrough: offered as a label of 10 classes, most of one sample). Cluster codes (leiden's 0…k−1, a subset's
 * 0, 3, 7) have few classes of one cell, and classes of 2–5 samples have none; neither is touched.
 */
export function spreadWholeNumbers(counts: ReadonlyMap<string, number>): boolean {
  // the one rule, shared with a column held as its numbers (`number-counts.ts`)
  return spreadWholeValues([...counts.keys()].map(parseNumber), [...counts.values()]);
}

/** The most digits before the point that `isPlainDecimal` takes: every such number is a finite double. */
const PLAIN_INTEGER_DIGITS = 15;

/**
 * True when `text` is an optional '-', 1–15 digits and optionally '.' and at least one digit — nothing else,
 * no space: a text `parseNumber` reads as a finite number, told by its characters alone (an h5ad's float32 and
 * integer columns read as such texts, but for an exponent, which is left to `parseNumber`).
 */
export function isPlainDecimal(text: string): boolean {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  let c = 0;
  while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
  if (i === start || i - start > PLAIN_INTEGER_DIGITS) return false;
  if (i === n) return true;
  if (c !== 46) return false;
  const point = ++i;
  while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
  return i === n && i > point;
}

/**
 * `isContinuousColumn` from a column's distinct values already counted — trimmed, the missing tokens left out
 * (`isMissingToken`), as the Import summary counts them: the unlabelled among them (None, <NA>…) left out,
 * every other a number, and one of them a fraction or more of them than a label column may have. `rows` is the
 * table's cells. Parses each distinct value at most once.
 */
export function isContinuousCounts(counts: ReadonlyMap<string, number>, rows: number): boolean {
  const maxClasses = maxLabelClasses(rows);
  let labelled = 0;
  let fraction = false;
  for (const value of counts.keys()) {
    if (isUnlabeled(value)) continue;
    const number = parseNumber(value);
    if (!Number.isFinite(number)) return false;
    if (!Number.isInteger(number)) fraction = true;
    labelled++;
  }
  if (fraction || labelled > maxClasses) return true;
  if (labelled === 0) return false;
  const labels = new Map([...counts].filter(([value]) => !isUnlabeled(value)));
  return spreadWholeNumbers(labels);
}

/**
 * A column's distinct values — trimmed, the missing tokens left out (`isMissingToken`) — with their counts, and
 * its missing values: the one count of a column that the Import summary takes everything
 * from (`isContinuousCounts`, the classes `suggestLabelFromClasses` weighs).
 */
export function countColumnValues(values: readonly string[]): {
  counts: Map<string, number>;
  missing: number;
} {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const raw of values) {
    if (isMissingToken(raw)) missing++;
    else {
      const value = raw.trim();
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  return { counts, missing };
}

/** The Import summary's facts of one column, from the one count of it (`countMetadataColumn`). */
export interface ColumnCount {
  /** Distinct values (trimmed; missing tokens not counted). */
  distinct: number;
  /** Missing values (`isMissingToken`). */
  missing: number;
  /** The `k` most frequent values with their counts (`topCounts`). */
  top(k: number): [string, number][];
  /** `isContinuousCounts`. */
  continuous: boolean;
  /** The labels with their counts when there are at most min(100, half the cells), else undefined. */
  classes: Map<string, number> | undefined;
}

/**
 * One count of a metadata column of a table of `rows` cells, for the Import summary: its distinct values and
 * missing ones, its top values, the continuous flag and its classes for the suggested label. A column held
 * as numbers is counted from them (a sort), its text made only for the top values and few classes; a text
 * column through `countColumnValues`.
 */
export function countMetadataColumn(column: MetadataColumn, rows: number): ColumnCount {
  const maxClasses = maxLabelClasses(rows);
  const numbers = columnNumbers(column);
  if (numbers) {
    const counted = countNumbers(numbers);
    return {
      distinct: counted.values.length,
      missing: counted.missing,
      top: (k) => topNumberCounts(counted, k),
      continuous: numbersContinuous(counted, maxClasses),
      classes: numberClasses(counted, maxClasses),
    };
  }
  const held = columnCodes(column);
  const { counts, missing } = held
    ? countCategoryTexts(held, isMissingToken)
    : countColumnValues(column.values);
  return {
    distinct: counts.size,
    missing,
    top: (k) => topCounts(counts, k),
    continuous: isContinuousCounts(counts, rows),
    classes: labelledClasses(counts, maxClasses),
  };
}

/** What `inspectTable` says of a column as a label: `columnLabelFacts`. */
export interface ColumnLabelFacts {
  /** Distinct labels (trimmed; None, <NA>… not counted): `labelClassCount`. */
  distinct: number;
  /** A measurement, not a label: `isContinuousColumn`. */
  continuous: boolean;
  /** The labels with their counts when there are at most min(100, half the cells), else undefined. */
  classes: Map<string, number> | undefined;
  /** Values without a label (`isUnlabeled`: empty, NA, None, <NA>…; NaN in a column held as numbers). */
  missing: number;
}

/**
 * `labelClassCount`, `isContinuousColumn` and the classes `suggestLabelColumn` weighs, from one pass over a
 * column of a table of `rows` cells: the labels counted while they are few, then only kept as a set; each
 * distinct label parsed once, and once the column is decided (a text label, or a fraction) none but those
 * that could still change it.
 */
export function columnLabelFacts(values: readonly string[], rows: number): ColumnLabelFacts {
  const maxClasses = maxLabelClasses(rows);
  let classes: Map<string, number> | undefined = new Map<string, number>();
  let labels: Set<string> | undefined;
  let numbers = true;
  let fraction = false;
  let missing = 0;
  for (const raw of values) {
    // no missing token is ever kept as a label: each one reaches the count below
    const seen = classes === undefined ? labels?.has(raw) === true : counted(classes, raw);
    if (seen) continue;
    // a plain decimal is a label as it stands (no missing token is one): no trimming, no lower-casing
    const plain = isPlainDecimal(raw);
    if (!plain && isUnlabeled(raw)) {
      missing++;
      continue;
    }
    const value = plain ? raw : raw.trim();
    if (classes !== undefined) {
      if (counted(classes, value)) continue;
      if (classes.size < maxClasses) classes.set(value, 1);
      else {
        labels = new Set(classes.keys()).add(value);
        classes = undefined;
      }
    } else if (labels !== undefined) {
      if (labels.has(value)) continue;
      labels.add(value);
    }
    // a new label: it decides the column while every label so far is a whole number
    if (!numbers || (fraction && plain)) continue;
    const number = parseNumber(value);
    if (!Number.isFinite(number)) numbers = false;
    else if (!Number.isInteger(number)) fraction = true;
  }
  const distinct = classes?.size ?? labels?.size ?? 0;
  const spread = classes !== undefined && distinct > 0 && spreadWholeNumbers(classes);
  return {
    distinct,
    continuous: numbers && (fraction || distinct > maxClasses || spread),
    classes,
    missing,
  };
}

/**
 * `columnLabelFacts` of a metadata column: from its numbers, without making its text, when it is held as
 * numbers (`numeric-column.ts`).
 */
export function metadataLabelFacts(column: MetadataColumn, rows: number): ColumnLabelFacts {
  const numbers = columnNumbers(column);
  if (!numbers) {
    return columnCodes(column) ? categoryLabelFacts(column, rows) : columnLabelFacts(column.values, rows);
  }
  const maxClasses = maxLabelClasses(rows);
  const counted = countNumbers(numbers);
  return {
    distinct: counted.values.length,
    continuous: numbersContinuous(counted, maxClasses),
    classes: numberClasses(counted, maxClasses),
    missing: counted.missing,
  };
}

/**
 * `columnLabelFacts` of a categorical held as codes, from its labels counted once (`countLabels`): the same
 * distinct count, classes (the same Map, in the same order), missing count and continuous flag, each label
 * parsed once.
 */
function categoryLabelFacts(column: MetadataColumn, rows: number): ColumnLabelFacts {
  const maxClasses = maxLabelClasses(rows);
  const { counts, unlabeled } = countLabels(column);
  let numbers = true;
  let fraction = false;
  for (const value of counts.keys()) {
    const number = parseNumber(value);
    if (!Number.isFinite(number)) {
      numbers = false;
      break;
    }
    if (!Number.isInteger(number)) fraction = true;
  }
  const distinct = counts.size;
  const classes = distinct <= maxClasses ? counts : undefined;
  const wide = fraction || distinct > maxClasses;
  const spread = numbers && !wide && classes !== undefined && distinct > 0 && spreadWholeNumbers(classes);
  return { distinct, continuous: numbers && (wide || spread), classes, missing: unlabeled };
}

/** Adds one to `value`'s count when `classes` holds it; false when it does not. */
function counted(classes: Map<string, number>, value: string): boolean {
  const count = classes.get(value);
  if (count === undefined) return false;
  classes.set(value, count + 1);
  return true;
}

/** `suggestLabelColumn` from each column's classes (`columnLabelFacts`), in the table's column order. */
export function suggestLabelFromClasses(
  columns: readonly { name: string; classes: ReadonlyMap<string, number> | undefined }[],
): string | undefined {
  return bestLabelColumn(columns);
}

/**
 * The number of distinct labels of a column (`labelColumnSummary(...).classes.length`), without counting or
 * sorting them.
 */
export function labelClassCount(table: ExpressionTable, column: string): number {
  const found = findLabelColumn(table, column);
  const numbers = columnNumbers(found);
  if (numbers) return countNumbers(numbers).values.length;
  if (columnCodes(found)) return countLabels(found).counts.size;
  const distinct = new Set<string>();
  for (const raw of found.values) if (!isUnlabeled(raw)) distinct.add(raw.trim());
  return distinct.size;
}

/**
 * The label classes of a column with their counts (unsorted) when it has at most `maxClasses`, else
 * undefined: the scan stops at the class after the last allowed (an id or a measurement stops within the
 * first rows), as a column with more classes is no label to suggest.
 */
function fewClasses(values: readonly string[], maxClasses: number): Map<string, number> | undefined {
  const counts = new Map<string, number>();
  for (const raw of values) {
    if (isUnlabeled(raw)) continue;
    const value = raw.trim();
    const count = counts.get(value);
    if (count === undefined && counts.size === maxClasses) return undefined;
    counts.set(value, (count ?? 0) + 1);
  }
  return counts;
}

/** What named classes weigh against numbered ones of an equally named column: more than any tooSmall count. */
const NAMED_CLASSES_BONUS = 500;

/**
 * The metadata column most likely to hold cell-type labels: among columns with between 2 and
 * min(100, half the cells) distinct labels that are not fractions (so never a continuous one: see
 * isContinuousColumn), the
 * best-named one (label, cell_type…, then cluster…), then one whose classes are names rather than numbers
 * (a loom's ClusterName, not its ClusterID), then the one with fewest classes under 2 cells, then the first
 * in the file. Undefined when none fits.
 */
export function suggestLabelColumn(table: ExpressionTable): string | undefined {
  const maxClasses = maxLabelClasses(table.ids.length);
  return bestLabelColumn(
    table.metadata.map((column) => {
      const found = findLabelColumn(table, column.name);
      const numbers = columnNumbers(found);
      if (numbers) return { name: column.name, classes: fewNumberClasses(numbers, maxClasses) };
      // a categorical's classes from its codes: every label counted (few, or as many as its categories)
      if (columnCodes(found))
        return { name: column.name, classes: categoryLabelFacts(found, table.ids.length).classes };
      return { name: column.name, classes: fewClasses(found.values, maxClasses) };
    }),
  );
}

/** The labelled values of `counts` with their counts when there are at most `maxClasses`, else undefined. */
function labelledClasses(
  counts: ReadonlyMap<string, number>,
  maxClasses: number,
): Map<string, number> | undefined {
  const classes = new Map<string, number>();
  for (const [value, count] of counts) {
    if (isUnlabeled(value)) continue;
    if (classes.size === maxClasses) return undefined;
    classes.set(value, count);
  }
  return classes;
}

/** The best-scored of columns with their classes (undefined classes: too many), as `suggestLabelColumn` says. */
function bestLabelColumn(
  columns: readonly { name: string; classes: ReadonlyMap<string, number> | undefined }[],
): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const { name, classes } of columns) {
    if (classes === undefined || classes.size < 2) continue;
    // names before codes: loompy's ClusterName before its ClusterID (sorted first), the same clusters as numbers
    const numbers = [...classes.keys()].map(parseNumber);
    const codes = numbers.every((value) => Number.isFinite(value));
    // numbers with a fraction are a measurement (isContinuousColumn), never a label to suggest
    if (codes && !numbers.every((value) => Number.isInteger(value))) continue;
    if (codes && spreadWholeNumbers(classes)) continue; // an age of a few samples: a measurement too
    let tooSmall = 0;
    for (const count of classes.values()) if (count < 2) tooSmall++;
    const score = labelNameScore(name) * 1000 + (codes ? 0 : NAMED_CLASSES_BONUS) - tooSmall;
    if (!best || score > best.score) best = { name, score };
  }
  return best?.name;
}
