/**
 * The Import summary's and the label checks' facts of a numeric column held as its numbers
 * (`numeric-column.ts`), from the numbers, the same as from its text: the distinct values are a sort of the
 * numbers (−0 is 0, as its text is '0'; NaN, whose text is '', is the missing value), and text is made only
 * for what is shown — the top values, the classes of a column with few of them.
 *
 * A number's text is a number's (no missing token, no "no label" word, read back as a number that is whole
 * when the value is), but for ±Infinity, whose text 'Infinity' reads as no finite number: a text label, as
 * the text checks judge it.
 */
import { isFloat32, numberText, type ColumnNumbers } from './numeric-column.js';

/** A numeric column's distinct values with their counts. */
export interface NumberCounts {
  /** The distinct values other than NaN, ascending (−0 counted as 0). */
  values: Float64Array;
  /** How many rows hold each of `values`. */
  counts: Float64Array;
  /** The NaN values (missing: their text is ''). */
  missing: number;
  /** The column is float32 (its text `float32Text`'s). */
  float32: boolean;
}

/**
 * The numbers as a Float64Array (themselves when they are one): one loop over a column of any type reads it
 * through a single array kind, not through every typed array's.
 */
function asFloat64(numbers: ColumnNumbers): Float64Array {
  return numbers instanceof Float64Array ? numbers : new Float64Array(numbers);
}

/**
 * The counts of a column of whole numbers (NaN aside) spanning at most 4 × its length + 1024 values, in one
 * pass over a histogram rather than a sort (an atlas's n_genes, lane, age…); undefined for any other column.
 */
function countWholeNumbers(numbers: ColumnNumbers): NumberCounts | undefined {
  const column = asFloat64(numbers);
  let min = Infinity;
  let max = -Infinity;
  let missing = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v !== v) missing++;
    else if (!Number.isInteger(v)) return undefined;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (missing === column.length || max - min > 4 * column.length + 1024) return undefined;
  const histogram = new Float64Array(max - min + 1);
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v === v) histogram[v - min]++;
  }
  let distinct = 0;
  for (const count of histogram) if (count > 0) distinct++;
  const values = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  let at = 0;
  histogram.forEach((count, k) => {
    if (count === 0) return;
    values[at] = min + k;
    counts[at++] = count;
  });
  return { values, counts, missing, float32: isFloat32(numbers) };
}

/**
 * The distinct values of `numbers` and their counts: whole numbers of a small span through a histogram
 * (`countWholeNumbers`), others in one sort (the column's own type, then as doubles).
 */
export function countNumbers(numbers: ColumnNumbers): NumberCounts {
  const whole = countWholeNumbers(numbers);
  if (whole) return whole;
  // a typed array sorts NaN last and −0 before 0, which the run below counts as one value (its text is '0')
  const part = asFloat64(numbers.slice().sort());
  let n = part.length;
  while (n > 0 && part[n - 1] !== part[n - 1]) n--;
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || part[i] !== part[i - 1]) distinct++;
  const values = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  let at = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || part[i] !== part[i - 1]) values[++at] = part[i] === 0 ? 0 : part[i];
    counts[at]++;
  }
  return { values, counts, missing: numbers.length - n, float32: isFloat32(numbers) };
}

/** True when one of the counted values is ±Infinity: its text is a text label. */
function hasTextLabel(counted: NumberCounts): boolean {
  const { values } = counted;
  return values.length > 0 && (values[0] === -Infinity || values[values.length - 1] === Infinity);
}

/** True when one of the counted values is no whole number (a finite fraction). */
function hasFraction(counted: NumberCounts): boolean {
  for (const v of counted.values) if (Number.isFinite(v) && !Number.isInteger(v)) return true;
  return false;
}

/**
 * `isContinuousCounts` of the column's text counts: no text label, and a fraction or more than `maxClasses`
 * distinct values.
 */
export function numbersContinuous(counted: NumberCounts, maxClasses: number): boolean {
  if (hasTextLabel(counted)) return false;
  if (hasFraction(counted) || counted.values.length > maxClasses) return true;
  return spreadWholeValues(counted.values, counted.counts);
}

/**
 * Fewest distinct whole numbers of a few rows each (at most FEW_ROWS_EACH on average) that `spreadWholeValues`
 * reads as a measurement when spread out: a panel's ages repeated 2–3 times. Fewer — a subset's cluster codes
 * 0, 3, 7, 12 of 2–3 cells each — stay labels.
 */
export const FEW_ROWS_MIN_VALUES = 10;
/** The most rows a value holds on average for FEW_ROWS_MIN_VALUES's rule. */
export const FEW_ROWS_EACH = 3;

/**
 * `label-column.ts` `spreadWholeNumbers` of a column's few distinct whole numbers (`values`, each held by
 * `counts[k]` rows): spread over more than twice as many integers as there are of them, and either most of them
 * held by one row each — a bulk panel's age — or at least FEW_ROWS_MIN_VALUES of them held by at most
 * FEW_ROWS_EACH rows each on average — a larger panel's ages, each shared by 2–3 samples (a walkthrough: 40
 * samples' 16 ages, each of 2 or 3, were offered as a label) — is a measurement. False for no values.
 */
export function spreadWholeValues(values: ArrayLike<number>, counts: ArrayLike<number>): boolean {
  if (values.length === 0) return false;
  let singles = 0;
  let rows = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    if (counts[k] === 1) singles++;
    rows += counts[k];
    if (values[k] < lo) lo = values[k];
    if (values[k] > hi) hi = values[k];
  }
  if (hi - lo + 1 <= 2 * values.length) return false;
  const fewRowsEach = values.length >= FEW_ROWS_MIN_VALUES && rows <= FEW_ROWS_EACH * values.length;
  return singles * 2 > values.length || fewRowsEach;
}

/**
 * The labels with their counts (text → count) when there are at most `maxClasses`, else undefined: what
 * `labelledClasses` and `columnLabelFacts` give for the column's text (in ascending order of the numbers).
 */
export function numberClasses(counted: NumberCounts, maxClasses: number): Map<string, number> | undefined {
  if (counted.values.length > maxClasses) return undefined;
  const classes = new Map<string, number>();
  counted.values.forEach((v, i) => classes.set(numberText(v, counted.float32), counted.counts[i]));
  return classes;
}

/** Most frequent first, then by value: the order of a column's top values. */
export function byCount(a: readonly [string, number], b: readonly [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
}

/** Puts `entry` in its place in `top`, kept to its `k` first in `byCount` order. */
function insertTop(top: [string, number][], entry: [string, number], k: number): void {
  if (top.length === k && byCount(entry, top[k - 1]) >= 0) return;
  let at = top.length === k ? k - 1 : top.length;
  while (at > 0 && byCount(entry, top[at - 1]) < 0) {
    top[at] = top[at - 1];
    at--;
  }
  top[at] = entry;
}

/**
 * The `k` most frequent values of `counts`, in `byCount` order: the first `k` of all values sorted, kept
 * in one pass over them (a column of a million distinct numbers is not sorted to show twelve).
 */
export function topCounts(counts: ReadonlyMap<string, number>, k: number): [string, number][] {
  const top: [string, number][] = [];
  if (k <= 0) return top;
  for (const entry of counts) insertTop(top, entry, k);
  return top;
}

/**
 * A text that no finite `value`'s text (`numberText`) is below, compared as strings, made without the text:
 * '-' and that of |value| for a negative; for a value in (0, 1) '0.', the zeros after the point and its
 * leading digit; for one of 1 or more its leading digit ('1' for a 9 close to the next power of ten, whose
 * text may carry: 9.9999999 may be '10'). The leading digit is taken one low where arithmetic could make it
 * one high, and a value within 10⁻⁹ of a power of ten gets '0'. '' for a non-finite value.
 */
export function textFloor(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (value === 0) return '0';
  if (value < 0) return `-${textFloor(-value)}`;
  const e = Math.floor(Math.log10(value));
  const scaled = value / 10 ** e;
  // e is certainly the value's decimal exponent only when scaled is clearly within [1, 10)
  if (!(scaled >= 1 + 1e-9 && scaled < 10 - 1e-9)) return '0';
  const digit = Math.floor(scaled * (1 - 1e-12));
  if (value < 1) {
    // the text is '0.', −e−1 zeros and a digit no less than this one — or fewer zeros when it rounds up
    return -e - 1 > 30 ? '0' : `0.${'0'.repeat(-e - 1)}${digit}`;
  }
  return digit === 9 && scaled > 9.99 ? '1' : String(digit);
}

/**
 * `topCounts` of the column's text counts, making text only for a value that could be among the top: one
 * as frequent as the k-th kept is passed over when its `textFloor` is already after the k-th's text.
 */
export function topNumberCounts(counted: NumberCounts, k: number): [string, number][] {
  const top: [string, number][] = [];
  if (k <= 0) return top;
  const { values, counts, float32 } = counted;
  const consider = (i: number): void => {
    const count = counts[i];
    if (top.length === k) {
      const last = top[k - 1];
      if (count < last[1]) return;
      if (count === last[1] && textFloor(values[i]) > last[0]) return;
    }
    insertTop(top, [numberText(values[i], float32), count], k);
  };
  // the smallest texts first, so that the k-th soon passes most values over: the negatives from the one
  // nearest 0 ('-0.0001' before '-0.5'), then the others from 0 up ('0.001' before '0.5')
  let zero = 0;
  while (zero < values.length && values[zero] < 0) zero++;
  for (let i = zero - 1; i >= 0; i--) consider(i);
  for (let i = zero; i < values.length; i++) consider(i);
  return top;
}

/**
 * `isContinuousColumn` of the column's text from one pass over the numbers, without sorting them: no
 * ±Infinity (a text label), and a fraction or more than `maxClasses` distinct whole numbers (kept only up to
 * one too many).
 */
export function numbersLookContinuous(column: ColumnNumbers, maxClasses: number): boolean {
  const numbers = asFloat64(column);
  const distinct = new Map<number, number>();
  let fraction = false;
  for (let i = 0; i < numbers.length; i++) {
    const v = numbers[i];
    if (v !== v) continue;
    if (!Number.isFinite(v)) return false;
    if (fraction) continue;
    if (!Number.isInteger(v)) fraction = true;
    else if (distinct.size <= maxClasses) distinct.set(v, (distinct.get(v) ?? 0) + 1);
  }
  if (fraction || distinct.size > maxClasses) return true;
  return spreadWholeValues([...distinct.keys()], [...distinct.values()]);
}

/**
 * The labels of the column's text with their counts (unsorted) when there are at most `maxClasses`, else
 * undefined — the scan stops at the class one too many — as `suggestLabelColumn` weighs a text column.
 */
export function fewNumberClasses(column: ColumnNumbers, maxClasses: number): Map<string, number> | undefined {
  const numbers = asFloat64(column);
  const counts = new Map<number, number>();
  for (let i = 0; i < numbers.length; i++) {
    const v = numbers[i];
    if (v !== v) continue;
    const count = counts.get(v);
    if (count === undefined && counts.size === maxClasses) return undefined;
    counts.set(v, (count ?? 0) + 1);
  }
  const float32 = isFloat32(column);
  return new Map([...counts].map(([v, count]): [string, number] => [numberText(v, float32), count]));
}
