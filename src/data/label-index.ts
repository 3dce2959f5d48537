/**
 * A label column indexed once into class codes: the hold-out split, the trainer's sampler and the metrics
 * all take these codes (never the text again). Empty and NA-like values mean "no label" (the importer's
 * rule, isUnlabeled, so the import summary counts the same cells): those cells get −1 and are treated as
 * unlabeled (still embedded; optionally used through neighbours).
 */
import { columnCodes, type HeldCodes } from './category-column.js';
import { findLabelColumn, isUnlabeled } from './label-column.js';
import { columnNumbers, isFloat32, numberText, type ColumnNumbers } from './numeric-column.js';
import type { ExpressionTable } from './types.js';

export interface LabelIndex {
  /** The distinct labels, sorted, so the class order does not depend on row order. */
  classes: string[];
  /** One class code per row (an index into `classes`); −1 for unlabeled rows. */
  indices: Int32Array;
  /** Rows per class, in `classes` order. */
  counts: number[];
}

/** Indexes a label column (values are trimmed). */
export function indexLabels(values: readonly string[]): LabelIndex {
  const distinct = new Set<string>();
  for (const v of values) if (!isUnlabeled(v)) distinct.add(v.trim());
  const classes = [...distinct].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const position = new Map(classes.map((c, i) => [c, i]));
  const indices = new Int32Array(values.length);
  const counts = new Array<number>(classes.length).fill(0);
  values.forEach((v, row) => {
    const index = isUnlabeled(v) ? -1 : position.get(v.trim())!;
    indices[row] = index;
    if (index >= 0) counts[index]++;
  });
  return { classes, indices, counts };
}

/**
 * Indexes the label column `column` of `table` (values trimmed). A column the table does not have is the
 * DataImportError of findLabelColumn ('unknown-column', naming the file and the valid columns).
 */
export function indexLabelColumn(table: ExpressionTable, column: string): LabelIndex {
  const found = findLabelColumn(table, column);
  // an h5ad's categorical or numeric obs column is indexed from its codes or numbers: reading `values` would
  // make (and keep) a text a row — at 10⁶ cells a string array the run never needs
  const held = columnCodes(found);
  if (held) return indexHeldCodes(held);
  const numbers = columnNumbers(found);
  return numbers ? indexNumbers(numbers) : indexLabels(found.values);
}

/**
 * Indexes a categorical held as codes: each category's text indexed once (the same classes, codes and counts
 * as `indexLabels` of its rows' text — two categories of one trimmed text are one class), then one pass over
 * the codes.
 */
export function indexHeldCodes(held: HeldCodes): LabelIndex {
  return indexByKey(
    held.codes,
    held.categories.length + 1,
    (code) => code + 1,
    (slot) => {
      const text = slot === 0 ? '' : held.categories[slot - 1];
      return isUnlabeled(text) ? undefined : text.trim();
    },
  );
}

/** Indexes a numeric column held as its numbers: each distinct number's text made once (NaN unlabeled). */
function indexNumbers(numbers: ColumnNumbers): LabelIndex {
  const float32 = isFloat32(numbers);
  const slots = new Map<number, number>();
  const distinct: number[] = [];
  const slotOf = (value: number) => {
    let slot = slots.get(value);
    if (slot === undefined) {
      slot = distinct.length;
      slots.set(value, slot);
      distinct.push(value);
    }
    return slot;
  };
  const rowSlots = Int32Array.from(numbers, slotOf);
  return indexByKey(
    rowSlots,
    distinct.length,
    (slot) => slot,
    (slot) => {
      const text = numberText(distinct[slot], float32);
      return isUnlabeled(text) ? undefined : text.trim();
    },
  );
}

/**
 * Indexes rows by a small key a row (`keyOf` of its stored code, below `keys`), the text of each key made
 * once by `textOf` (undefined: unlabeled). The classes are the distinct texts of the keys some row holds,
 * sorted as `indexLabels` sorts: a category no cell has — pandas keeps them after scanpy users subset
 * cells — is no class, or the model would list it and the hold-out note call it a class of 0 cells.
 */
function indexByKey(
  rows: ArrayLike<number>,
  keys: number,
  keyOf: (stored: number) => number,
  textOf: (key: number) => string | undefined,
): LabelIndex {
  const held = new Uint8Array(keys);
  for (let row = 0; row < rows.length; row++) held[keyOf(rows[row])] = 1;
  const texts = Array.from({ length: keys }, (_, key) => (held[key] === 1 ? textOf(key) : undefined));
  const classes = [...new Set(texts.filter((t): t is string => t !== undefined))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const position = new Map(classes.map((c, i) => [c, i]));
  const classOfKey = Int32Array.from(texts, (t) => (t === undefined ? -1 : position.get(t)!));
  const indices = new Int32Array(rows.length);
  const counts = new Array<number>(classes.length).fill(0);
  for (let row = 0; row < rows.length; row++) {
    const index = classOfKey[keyOf(rows[row])];
    indices[row] = index;
    if (index >= 0) counts[index]++;
  }
  return { classes, indices, counts };
}

/** Labels as strings per row ('' for unlabeled), the form the evaluation functions take. */
export function labelStrings(index: LabelIndex): string[] {
  return Array.from(index.indices, (i) => (i >= 0 ? index.classes[i] : ''));
}

/** Classes with a single member cannot anchor a triplet; they are named so the user knows why. */
export function singleMemberClasses(index: LabelIndex): string[] {
  return index.classes.filter((_, i) => index.counts[i] === 1);
}

/**
 * Groups of classes whose names differ only in letter case ('versicolor', 'Versicolor'): usually one cell type
 * spelt two ways in the file, which training would keep apart. Each group in class order; none when all differ.
 */
export function caseVariantClasses(index: LabelIndex): string[][] {
  const groups = new Map<string, string[]>();
  for (const name of index.classes) {
    const key = name.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}
