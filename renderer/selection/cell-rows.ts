/**
 * Set operations on selections of cells held as `CellRows` (dataset rows, sorted ascending, unique, in an
 * Int32Array), plus the two questions the Select panel asks of a selection: which rows carry a label, and how
 * many selected cells each label has. Pure; every result is a new array (history steps share the old ones).
 */
import type { CellRows } from '../../src/api/annotation.js';
import { orderClasses } from '../../src/api/class-palette.js';

/** How a newly picked set of cells changes the selection: replace it, add to it, or take away from it. */
export type SelectMode = 'replace' | 'add' | 'subtract';

/** The name a count by label gives cells without a label. */
export const UNLABELED_NAME = 'unlabeled';

/**
 * Rows in the `CellRows` form: sorted, repeats dropped, and anything that is not a row of a dataset of `size`
 * cells (negative, fractional, ≥ size) left out.
 */
export function toCellRows(rows: ArrayLike<number> | Iterable<number>, size: number): CellRows {
  const list = Array.from(rows as Iterable<number>).filter((r) => Number.isInteger(r) && r >= 0 && r < size);
  const sorted = Int32Array.from(list).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i];
  return sorted.slice(0, n);
}

/** Rows in `a` or `b`. */
export function union(a: CellRows, b: CellRows): CellRows {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out[n++] = a[i++];
    else if (i >= a.length || b[j] < a[i]) out[n++] = b[j++];
    else {
      out[n++] = a[i++];
      j++;
    }
  }
  return out.slice(0, n);
}

/** Rows in `a` and not in `b`. */
export function subtract(a: CellRows, b: CellRows): CellRows {
  const out = new Int32Array(a.length);
  let j = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j] < a[i]) j++;
    if (j >= b.length || b[j] !== a[i]) out[n++] = a[i];
  }
  return out.slice(0, n);
}

/** Rows in both `a` and `b`. */
export function intersect(a: CellRows, b: CellRows): CellRows {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (b[j] < a[i]) j++;
    else {
      out[n++] = a[i++];
      j++;
    }
  }
  return out.slice(0, n);
}

/** Every row of a dataset of `size` cells that is not in `rows`. */
export function invert(rows: CellRows, size: number): CellRows {
  const out = new Int32Array(Math.max(0, size - rows.length));
  let j = 0;
  let n = 0;
  for (let r = 0; r < size; r++) {
    while (j < rows.length && rows[j] < r) j++;
    if (j < rows.length && rows[j] === r) continue;
    out[n++] = r;
  }
  return out.slice(0, n);
}

/** The selection after picking `picked` in `mode`. */
export function combine(mode: SelectMode, current: CellRows, picked: CellRows): CellRows {
  if (mode === 'add') return union(current, picked);
  if (mode === 'subtract') return subtract(current, picked);
  return picked.slice();
}

/** Whether two selections hold the same rows. */
export function sameRows(a: CellRows, b: CellRows): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The rows whose label is `label` ('' or {@link UNLABELED_NAME}: the cells without a label). */
export function rowsWithLabel(labels: readonly string[], label: string): CellRows {
  const want = label === UNLABELED_NAME ? '' : label;
  const out: number[] = [];
  for (let r = 0; r < labels.length; r++) if (labels[r].trim() === want) out.push(r);
  return Int32Array.from(out);
}

/** One line of a count by label. */
export interface LabelCount {
  label: string;
  count: number;
}

/**
 * How many of `rows` carry each label, in the legend's order (`orderClasses`: `order` — the label column's
 * stored categories — first, then cluster codes by number, else largest count first, ties alphabetical), cells
 * without a label last under {@link UNLABELED_NAME}. Labels with no selected cell are left out.
 */
export function countByLabel(
  rows: CellRows,
  labels: readonly string[],
  order?: readonly string[],
): LabelCount[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const label = (labels[r] ?? '').trim();
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const named = orderClasses(
    [...counts.entries()].filter(([label]) => label !== '').map(([name, count]) => ({ name, count })),
    order,
  ).map(({ name, count }) => ({ label: name, count }));
  const none = counts.get('');
  if (none) named.push({ label: UNLABELED_NAME, count: none });
  return named;
}
