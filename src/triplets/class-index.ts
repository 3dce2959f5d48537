/**
 * Who can be an anchor, a positive or a negative, worked out once from the labels. A class with a single
 * member has no positive for its cell, so it cannot anchor (its cell still serves as a negative); the
 * trainer reports such classes by name.
 */
import { CoreError } from '../api/core-error.js';

export interface ClassIndex {
  /** Row indices of each class, by class index. */
  members: Int32Array[];
  /** Classes with at least two members (the ones that can anchor). */
  anchorClasses: number[];
  /** Classes with exactly one member. */
  singletonClasses: number[];
  /** Rows whose label is −1. */
  unlabeled: Int32Array;
  /** All labelled rows. */
  labelled: Int32Array;
  /** Labelled rows that can anchor (their class has ≥ 2 members). */
  anchorRows: Int32Array;
}

/**
 * Indexes `labels` (class index per row, −1 = unlabeled). Labels must be integers ≥ −1; an error names the
 * first row that is not.
 */
export function buildClassIndex(labels: Int32Array): ClassIndex {
  let classes = 0;
  labels.forEach((label, row) => {
    if (!Number.isInteger(label) || label < -1) {
      throw new CoreError(
        'bad-input',
        `Label of row ${row} is ${label}; expected a class index ≥ 0, or −1 for unlabeled`,
      );
    }
    classes = Math.max(classes, label + 1);
  });
  const lists: number[][] = Array.from({ length: classes }, () => []);
  const unlabeled: number[] = [];
  labels.forEach((label, row) => (label >= 0 ? lists[label].push(row) : unlabeled.push(row)));
  const anchorClasses = lists.flatMap((rows, c) => (rows.length >= 2 ? [c] : []));
  const singletonClasses = lists.flatMap((rows, c) => (rows.length === 1 ? [c] : []));
  return {
    members: lists.map((rows) => Int32Array.from(rows)),
    anchorClasses,
    singletonClasses,
    unlabeled: Int32Array.from(unlabeled),
    labelled: Int32Array.from(lists.flat().sort((a, b) => a - b)),
    anchorRows: Int32Array.from(anchorClasses.flatMap((c) => lists[c]).sort((a, b) => a - b)),
  };
}
