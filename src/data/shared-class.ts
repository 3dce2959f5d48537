/**
 * Whether a metadata column has a class of two or more cells: train refuses a label column without one (an id
 * such as obs_names copied into obs — every class one cell, so no triplet), so the lists of columns to use
 * instead — train's refusal, the page's label picker — must leave such a column out by this same rule.
 */
import type { ExpressionTable } from './types.js';
import { findLabelColumn, isUnlabeled } from './label-column.js';
import { columnNumbers } from './numeric-column.js';
import { columnCodes, countCategoryTexts } from './category-column.js';

/**
 * True when some label of `column` in `table` is held by two or more cells (unlabeled cells not counted). It
 * stops at the first repeat, so a label column costs a few rows; only an id is read whole.
 */
export function hasSharedClass(table: ExpressionTable, column: string): boolean {
  const found = findLabelColumn(table, column);
  const numbers = columnNumbers(found);
  if (numbers) {
    // a numeric column's unlabeled value is NaN (isUnlabeled's rule for numbers)
    const seen = new Set<number>();
    for (const value of numbers) {
      if (Number.isNaN(value)) continue;
      if (seen.has(value)) return true;
      seen.add(value);
    }
    return false;
  }
  const held = columnCodes(found);
  if (held) {
    for (const rows of countCategoryTexts(held, isUnlabeled).counts.values()) if (rows >= 2) return true;
    return false;
  }
  const seen = new Set<string>();
  for (const raw of found.values) {
    if (isUnlabeled(raw)) continue;
    const value = raw.trim();
    if (seen.has(value)) return true;
    seen.add(value);
  }
  return false;
}

/**
 * `hasSharedClass`'s rule, negated, from the counts of one pass over a column of `rows` cells (`inspectTable`'s
 * `columnLabelFacts`, which reads each value once): every labelled cell is a class of its own exactly when
 * there are as many distinct labels as labelled cells. False for a column without a label.
 */
export function everyClassOneRow(counts: { distinct: number; missing: number }, rows: number): boolean {
  return counts.distinct > 0 && counts.distinct === rows - counts.missing;
}
