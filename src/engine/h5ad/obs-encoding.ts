/**
 * How a metadata column (text, as imported) is stored in an AnnData `obs` table: as a categorical (codes +
 * categories) when it has few distinct values — what scanpy and cellxgene colour by — unless they are numbers
 * the label checks call a measurement (`isContinuousCounts`: a fraction among them, or whole numbers spread as
 * an age's), as float64 when every value is a number, else as plain strings; a column the source stored is written back in its encoding and
 * dtype — an h5ad's or loom's numeric column still held as its numbers (`numeric-column.ts`) straight from
 * them, as its text would be, a categorical still held as its codes from its codes and categories. Pure: the HDF5 writing is in anndata-elements.ts.
 */
import { isMissingToken, parseNumber } from '../../data/numbers.js';
import type { NumericDtype, StoredColumn } from '../../data/types.js';
import { columnNumbers, formatNumbers, isFloat32, type ColumnNumbers } from '../../data/numeric-column.js';
import { categoryText, columnCodes, type CategoryCodes } from '../../data/category-column.js';
import { isContinuousCounts } from '../../data/label-column.js';

/** Most categories a column may have to be stored as a categorical. Default rule: see `isFewDistinct`. */
export const MAX_CATEGORIES = 1000;

export type ObsEncoding =
  | {
      kind: 'categorical';
      categories: string[];
      codes: Int8Array | Int16Array | Int32Array;
      /** pandas' `ordered` flag. Default false. */
      ordered?: boolean;
      /** The categories as the numbers the source stored them as (same order), written instead of text. */
      numericCategories?: CategoryNumbers;
    }
  | { kind: 'numeric'; values: Float64Array | Float32Array }
  /** Integers in the typed array of their stored dtype (int64 unless the source said another). */
  | { kind: 'integer'; values: IntegerArray }
  | { kind: 'string'; values: string[] };

/**
 * A column for `obs`: text to be typed by `encodeObsColumn`, or numbers — the run's own (its confidence),
 * written as float64, or an input column held as the numbers it was read as (`obsColumnOf`), written as its
 * text would be.
 */
export type ObsColumn =
  | {
      name: string;
      values: readonly string[];
      /** 'categorical' forces codes + categories (the run's split and predicted labels). Default 'auto'. */
      as?: 'auto' | 'categorical';
      /** How the source file stored it (h5ad): written back the same way. Absent: typed by inference. */
      stored?: StoredColumn;
    }
  | {
      name: string;
      numbers: ColumnNumbers;
      /**
       * How the source stored them (an h5ad's float or integer column, a loom's numeric col_attr): written
       * as `encodeStored` writes the column's text, without making it. Absent: float64.
       */
      stored?: StoredColumn;
    }
  | {
      name: string;
      /** An input's categorical held as read (`category-column.ts`): −1 or a category's index a row. */
      codes: CategoryCodes;
      categories: readonly string[];
      /** How the source stored it (kind 'categorical'): written as `encodeStored` writes the column's text. */
      stored: StoredColumn;
    };

/** How many rows an obs (or var) column has, without making a held column's text. */
export function obsColumnLength(column: ObsColumn): number {
  if ('numbers' in column) return column.numbers.length;
  if ('codes' in column) return column.codes.length;
  return column.values.length;
}

/**
 * `column` (an input's metadata or gene annotation) as a column for a result's dataframe under `name`: a
 * float or integer column still held as its numbers (`numeric-column.ts`) stays numbers, and a categorical
 * still held as its codes (`category-column.ts`) stays codes, so writing it does not make its text; any other
 * column is its text and stored dtype.
 */
export function obsColumnOf(name: string, column: { values: string[]; stored?: StoredColumn }): ObsColumn {
  const numbers = columnNumbers(column);
  if (numbers && column.stored) return { name, numbers, stored: column.stored };
  const held = columnCodes(column);
  if (held && column.stored?.kind === 'categorical') {
    return { name, codes: held.codes, categories: held.categories, stored: column.stored };
  }
  return { name, values: column.values, ...(column.stored ? { stored: column.stored } : {}) };
}

/**
 * True when `distinct` values among `cells` read as categories: at most MAX_CATEGORIES and at most half the
 * cells (a column of per-cell ids is not a category).
 */
export function isFewDistinct(distinct: number, cells: number): boolean {
  return distinct <= MAX_CATEGORIES && distinct <= Math.max(2, Math.floor(cells / 2));
}

/**
 * Categories in the order scanpy users expect: numerically when every category is a number ('0', '1', …
 * '10' for leiden clusters), else by code point (as pandas sorts strings).
 */
export function sortCategories(categories: readonly string[]): string[] {
  const numeric = categories.every((c) => Number.isFinite(parseNumber(c)));
  return [...categories].sort((a, b) =>
    numeric ? parseNumber(a) - parseNumber(b) || (a < b ? -1 : a > b ? 1 : 0) : a < b ? -1 : a > b ? 1 : 0,
  );
}

function codesFor(count: number, length: number): Int8Array | Int16Array | Int32Array {
  // the narrowest signed type that holds every code and −1, as anndata (pandas) writes them
  if (count < 128) return new Int8Array(length);
  if (count < 32768) return new Int16Array(length);
  return new Int32Array(length);
}

/**
 * Codes (−1 for a missing value) and categories of `values`: `given` in its order (a value it lacks is
 * appended), else the distinct values sorted.
 */
export function toCategorical(
  values: readonly string[],
  given?: readonly string[],
): Extract<ObsEncoding, { kind: 'categorical' }> {
  const distinct = new Set<string>(given);
  for (const v of values) if (!isMissingToken(v)) distinct.add(given ? v : v.trim());
  const categories = given ? [...distinct] : sortCategories([...distinct]);
  const index = new Map(categories.map((c, i) => [c, i]));
  const codes = codesFor(categories.length, values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    codes[i] = isMissingToken(v) ? -1 : (index.get(given ? v : v.trim()) as number);
  }
  return { kind: 'categorical', categories, codes };
}

/**
 * Text values as a categorical: their distinct values by code point (as pandas sorts strings), '' missing
 * (code −1) and nothing else — 'NA' or 'nan' in a column that stored text is a value.
 */
function textCategorical(values: readonly string[]): Extract<ObsEncoding, { kind: 'categorical' }> {
  const categories = [...new Set(values.filter((v) => v !== ''))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const index = new Map(categories.map((c, i) => [c, i]));
  const codes = codesFor(categories.length, values.length);
  values.forEach((v, i) => (codes[i] = v === '' ? -1 : (index.get(v) as number)));
  return { kind: 'categorical', categories, codes };
}

/** A typed array of any numeric dtype an AnnData element stores. */
export type NumericTypedArray =
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** Numeric categories, in a typed array of their stored dtype. */
export type CategoryNumbers = NumericTypedArray;

/** A typed array of an integer dtype. */
export type IntegerArray = Exclude<NumericTypedArray, Float32Array | Float64Array>;

/** A typed array of a 32-bit-or-narrower integer dtype holding `numbers` (wrapped where out of range). */
function narrowIntegers(numbers: ArrayLike<number>, dtype: NumericDtype): IntegerArray {
  if (dtype === 'int8') return Int8Array.from(numbers);
  if (dtype === 'int16') return Int16Array.from(numbers);
  if (dtype === 'int32') return Int32Array.from(numbers);
  if (dtype === 'uint8') return Uint8Array.from(numbers);
  if (dtype === 'uint16') return Uint16Array.from(numbers);
  return Uint32Array.from(numbers);
}

/**
 * Integer text (`values`, already trimmed) as an array of the integer `dtype`, or undefined when one is not
 * an integer that dtype holds.
 */
function asIntegers(values: readonly string[], dtype: NumericDtype): IntegerArray | undefined {
  if (!values.every((c) => /^-?\d+$/.test(c))) return undefined;
  const big = values.map((c) => BigInt(c));
  const array =
    dtype === 'int64'
      ? BigInt64Array.from(big)
      : dtype === 'uint64'
        ? BigUint64Array.from(big)
        : narrowIntegers(big.map(Number), dtype);
  // a typed array wraps an out-of-range value silently: a wrapped one is not the category
  const exact = Array.from(array as ArrayLike<number | bigint>).every((v, i) => BigInt(v) === big[i]);
  return exact ? array : undefined;
}

/** `categories` as an array of `dtype`, or undefined when one is not a number of that dtype. */
function asDtype(categories: readonly string[], dtype: NumericDtype): CategoryNumbers | undefined {
  if (dtype === 'float32' || dtype === 'float64') {
    const numbers = categories.map((c) => parseNumber(c));
    if (!numbers.every(Number.isFinite)) return undefined;
    // float32 text is the shortest decimal that reads back as the same float32
    return dtype === 'float32' ? Float32Array.from(numbers) : Float64Array.from(numbers);
  }
  return asIntegers(categories, dtype);
}

/**
 * `categories` (text) as numbers of `dtype`, or undefined when one is not such a number (or two are the same
 * number, as '1' and '01'): the column's categories are then written as text.
 */
export function categoryNumbers(
  categories: readonly string[],
  dtype: NumericDtype,
): CategoryNumbers | undefined {
  const array = asDtype(categories, dtype);
  if (!array) return undefined;
  const distinct = new Set(Array.from(array as ArrayLike<number | bigint>)).size === categories.length;
  return distinct ? array : undefined;
}

/** A categorical encoding with what `stored` says of it: pandas' `ordered` flag, numeric categories' dtype. */
function storedCategorical(
  encoding: Extract<ObsEncoding, { kind: 'categorical' }>,
  stored: StoredColumn,
): Extract<ObsEncoding, { kind: 'categorical' }> {
  const numbers = stored.categoryDtype && categoryNumbers(encoding.categories, stored.categoryDtype);
  return {
    ...encoding,
    ...(stored.ordered ? { ordered: true } : {}),
    ...(numbers ? { numericCategories: numbers } : {}),
  };
}

/**
 * The encoding of a column the source stored as `stored`, or undefined where HDF5 via h5wasm cannot write
 * it back (booleans and masks need HDF5 enum datatypes, which h5wasm does not create): those fall back to
 * inference. A nullable integer with missing values becomes float64 with NaN, pandas' classic form; a nullable
 * string column with missing values a categorical, whose code −1 keeps them missing.
 */
function encodeStored(values: readonly string[], stored: StoredColumn): ObsEncoding | undefined {
  const missing = (v: string) => v === '' || (stored.kind !== 'string' && isMissingToken(v));
  if (stored.kind === 'categorical')
    return storedCategorical(toCategorical(values, stored.categories ?? []), stored);
  if (stored.kind === 'string') {
    // pandas' nullable strings: anndata keeps their gaps in an HDF5 boolean mask, which h5wasm cannot write,
    // and a string-array has no missing value ('' would read back as a value): a categorical keeps them missing
    if (stored.nullable && values.includes('')) return textCategorical(values);
    return { kind: 'string', values: [...values] };
  }
  // BigInt needs integer text; anything else (a gap, an edited value) takes the float64 route below. The
  // stored dtype (uint8, int32…) is kept as anndata keeps it; a value it cannot hold is written as int64
  if (stored.kind === 'integer' && values.every((v) => /^\s*-?\d+\s*$/.test(v))) {
    const trimmed = values.map((v) => v.trim());
    const typed = stored.dtype && stored.dtype !== 'int64' ? asIntegers(trimmed, stored.dtype) : undefined;
    return { kind: 'integer', values: typed ?? BigInt64Array.from(trimmed, (v) => BigInt(v)) };
  }
  if (stored.kind === 'number' || stored.kind === 'integer') {
    const numbers = Float64Array.from(values, (v) => (missing(v) ? NaN : parseNumber(v)));
    const float32 = stored.kind === 'number' && stored.dtype === 'float32';
    return { kind: 'numeric', values: float32 ? Float32Array.from(numbers) : numbers };
  }
  return undefined;
}

/**
 * `numbers` (safe integers) in a typed array of `dtype` when it holds each exactly, else int64 — as
 * `encodeStored` writes their text. Undefined when one is not an integer (its text takes the float64 route).
 */
function heldIntegers(numbers: ColumnNumbers, dtype: NumericDtype): IntegerArray | undefined {
  const n = numbers.length;
  for (let i = 0; i < n; i++) if (!Number.isInteger(numbers[i])) return undefined;
  if (dtype !== 'int64') {
    const typed =
      dtype === 'uint64' ? BigUint64Array.from(numbers, (v) => BigInt(v)) : narrowIntegers(numbers, dtype);
    let exact = true;
    for (let i = 0; i < n && exact; i++) exact = Number(typed[i]) === numbers[i];
    if (exact) return typed;
  }
  const out = new BigInt64Array(n);
  for (let i = 0; i < n; i++) out[i] = BigInt(numbers[i]);
  return out;
}

/**
 * The encoding `encodeStored` gives the text of `numbers` (a column held as read, `numeric-column.ts`), made
 * from the numbers; undefined where that text would not read back as the numbers' own array (the text route
 * is taken then). A float's text reads back as the same float (float32 at its own precision, `float32Text`),
 * but −0's is '0', and NaN's '' is NaN again.
 */
function encodeHeldNumbers(numbers: ColumnNumbers, stored: StoredColumn): ObsEncoding | undefined {
  if (stored.nullable) return undefined;
  const float32 = isFloat32(numbers);
  if (stored.kind === 'integer' && !float32) {
    const values = heldIntegers(numbers, stored.dtype ?? 'int64');
    return values ? { kind: 'integer', values } : undefined;
  }
  // the float route keeps the width the text was made at (a Float64Array's text is String()'s)
  if (stored.kind !== 'number' || float32 !== (stored.dtype === 'float32')) return undefined;
  if (!(numbers instanceof Float32Array || numbers instanceof Float64Array)) return undefined;
  const values = float32 ? new Float32Array(numbers.length) : new Float64Array(numbers.length);
  for (let i = 0; i < numbers.length; i++) {
    const v = numbers[i];
    values[i] = v === 0 ? 0 : v;
  }
  return { kind: 'numeric', values };
}

/** The encoding of a column of numbers: a held input column as its text would be, the run's as float64. */
function encodeNumbers(numbers: ColumnNumbers, stored: StoredColumn | undefined): ObsEncoding {
  if (!stored) return { kind: 'numeric', values: Float64Array.from(numbers) };
  return (
    encodeHeldNumbers(numbers, stored) ??
    encodeObsColumn({ name: '', values: formatNumbers(numbers, isFloat32(numbers)), stored })
  );
}

/** True when `array` is of the typed-array type `codesFor` gives `count` categories. */
function isCodesType(array: CategoryCodes, count: number, length: number): boolean {
  return array.constructor === codesFor(count, 0).constructor && array.length === length;
}

/**
 * The encoding `encodeStored` gives the text of a categorical held as codes (`category-column.ts`), made from
 * its codes: the stored categories as they are, a category that is a missing token ('NA', 'nan'…) coded −1
 * as its rows' text is, in the narrowest codes type (the codes themselves when they are of it and no
 * category is missing). A column whose categories are not the stored ones, or hold one twice, takes the
 * text route.
 */
function encodeHeldCodes(column: Extract<ObsColumn, { codes: CategoryCodes }>): ObsEncoding {
  const { codes, categories, stored } = column;
  const given = stored.categories ?? [];
  const same =
    stored.kind === 'categorical' &&
    given.length === categories.length &&
    given.every((c, i) => c === categories[i]) &&
    new Set(given).size === given.length;
  if (!same) return encodeObsColumn({ name: column.name, values: categoryText(column), stored });
  const missing = categories.map((c) => isMissingToken(c));
  let out: CategoryCodes = codes;
  if (missing.includes(true) || !isCodesType(codes, categories.length, codes.length)) {
    out = codesFor(categories.length, codes.length);
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      out[i] = code === -1 || missing[code] ? -1 : code;
    }
  }
  return storedCategorical({ kind: 'categorical', categories: [...categories], codes: out }, stored);
}

/** The encoding of one column (see the module comment for the rule). */
export function encodeObsColumn(column: ObsColumn): ObsEncoding {
  if ('numbers' in column) return encodeNumbers(column.numbers, column.stored);
  if ('codes' in column) return encodeHeldCodes(column);
  const { values } = column;
  if (column.as === 'categorical') return toCategorical(values);
  const stored = column.stored && encodeStored(values, column.stored);
  if (stored) return stored;
  // distinct values with their rows, as the Import summary counts them (trimmed, missing tokens left out)
  const distinct = new Map<string, number>();
  let allNumbers = true;
  let present = 0;
  for (const v of values) {
    if (isMissingToken(v)) continue;
    present++;
    const value = v.trim();
    if (distinct.size <= MAX_CATEGORIES || distinct.has(value)) {
      distinct.set(value, (distinct.get(value) ?? 0) + 1);
    }
    if (allNumbers && !Number.isFinite(parseNumber(v))) allNumbers = false;
  }
  // few numbers are categories only when they are labels to the label checks (cluster codes); a measurement
  // — purity's 0, 0.5, 1, a QC fraction on small data — stays numbers, as inspect and the label picker call it
  const measurement = allNumbers && isContinuousCounts(distinct, values.length);
  if (present > 0 && isFewDistinct(distinct.size, values.length) && !measurement)
    return toCategorical(values);
  if (present > 0 && allNumbers) {
    return {
      kind: 'numeric',
      values: Float64Array.from(values, (v) => (isMissingToken(v) ? NaN : parseNumber(v))),
    };
  }
  return { kind: 'string', values: values.map((v) => v) };
}
