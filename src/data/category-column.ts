/**
 * A categorical metadata column (an h5ad's obs/var categorical) held as its stored codes and categories, its
 * text made only when something reads `values` — as `numeric-column.ts` holds a numeric column, through the
 * same mechanism (`held-text.ts`): the text of a row is the code's category, '' for −1, as the h5ad reader
 * always made it. The open-time consumers (the Import summary, the label checks, the preview) and the h5ad
 * writer ask `columnCodes` first and work from the codes without making the text.
 */
import { heldUnder, holdText } from './held-text.js';

/** The typed arrays an h5ad stores a categorical's codes as (anndata: the narrowest that holds them). */
export type CategoryCodes = Int8Array | Int16Array | Int32Array;

/** A categorical column's codes (−1 missing) and its categories' text, in stored order. */
export interface HeldCodes {
  codes: CategoryCodes;
  categories: readonly string[];
}

const CODES = 'categoryCodes';

let columnsMadeText = 0;

/** How many categorical columns have had their text made in this process (tests: made on demand). */
export function categoryTextsMade(): number {
  return columnsMadeText;
}

/** The text of every row: its code's category, '' for a missing value (−1). */
export function categoryText(held: HeldCodes): string[] {
  const { codes, categories } = held;
  const out = new Array<string>(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    out[i] = code === -1 ? '' : categories[code];
  }
  return out;
}

/**
 * `column` with `values` made from `held` when first read (then kept, the codes forgotten), and the codes kept
 * for `columnCodes` until then. Every code must be −1 or index a category (the reader checks). Assigning
 * `values` replaces them as on any column. The `values` given is a placeholder (`[]`) that keeps the
 * property's place among the column's keys.
 */
export function holdCodes<T extends { values: string[] }>(column: T, held: HeldCodes): T {
  return holdText(column, CODES, held, (codes) => {
    columnsMadeText++;
    return categoryText(codes);
  });
}

/** The codes and categories a column is held as, while its text has not been made; undefined otherwise. */
export function columnCodes(column: { values: readonly string[] }): HeldCodes | undefined {
  return heldUnder<HeldCodes>(column, CODES);
}

/** The text of one row of a column held as codes. */
export function codeText(held: HeldCodes, row: number): string {
  const code = held.codes[row];
  return code === -1 ? '' : held.categories[code];
}

/**
 * The distinct texts of a column held as codes with how many rows hold each, in the order each first occurs
 * ('' for the missing code): one pass over the codes. A text consumer that adds each entry's count where it
 * would add one a row gives the same answer — and the same Map order — as from the rows' text. Two
 * categories of the same text are two entries.
 */
export function categoryCounts(held: HeldCodes): [string, number][] {
  const { codes, categories } = held;
  // slot 0 counts the missing code −1, slot c + 1 the category c
  const counts = new Float64Array(categories.length + 1);
  const order: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    const slot = codes[i] + 1;
    if (counts[slot]++ === 0) order.push(slot);
  }
  return order.map((slot): [string, number] => [slot === 0 ? '' : categories[slot - 1], counts[slot]]);
}

/**
 * The rows' texts of a column held as codes counted as a text consumer counts them: those `isMissing` takes
 * for missing only counted, the others trimmed, each with its rows — the same Map, in the same order, as
 * from adding one a row (`label-column.ts` `countColumnValues`), from one pass over the codes.
 */
export function countCategoryTexts(
  held: HeldCodes,
  isMissing: (text: string) => boolean,
): { counts: Map<string, number>; missing: number } {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const [text, rows] of categoryCounts(held)) {
    if (isMissing(text)) missing += rows;
    else {
      const value = text.trim();
      counts.set(value, (counts.get(value) ?? 0) + rows);
    }
  }
  return { counts, missing };
}

/** Most distinct texts `dictionaryCodes` holds as codes (as the h5ad writer's categoricals: few values). */
export const MAX_DICTIONARY_TEXTS = 1000;

/**
 * A text column (a loom's string col_attr) as codes into its distinct texts in the order each first occurs,
 * when it has at most MAX_DICTIONARY_TEXTS of them and at most half as many as rows — a column of few values,
 * effectively categorical; undefined for others (ids, free text), which stay text. Every row's text is its
 * category's (no code is −1): `categoryText` gives back the same strings.
 */
export function dictionaryCodes(values: readonly string[]): HeldCodes | undefined {
  const limit = Math.min(MAX_DICTIONARY_TEXTS, Math.max(2, Math.floor(values.length / 2)));
  const index = new Map<string, number>();
  const codes = new Int16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const text = values[i];
    let code = index.get(text);
    if (code === undefined) {
      if (index.size === limit) return undefined;
      code = index.size;
      index.set(text, code);
    }
    codes[i] = code;
  }
  return { codes, categories: [...index.keys()] };
}
