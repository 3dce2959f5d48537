/**
 * Label handling shared by the metrics: labels come either as text per row (empty or NA-like = unlabeled,
 * the importer's rule, isUnlabeled from src/data) or as class indices per row (negative = unlabeled).
 */
import { isUnlabeled } from '../data/label-column.js';

/** Text labels per row, or class indices per row (−1 = unlabeled). */
export type LabelInput = readonly string[] | Int32Array;

export interface EncodedLabels {
  /** Class index per row; −1 for unlabeled rows. */
  codes: Int32Array;
  /** Name of each class index (for Int32Array input, the index written as text). */
  names: string[];
}

/** Encodes labels as class indices (text labels are trimmed; classes numbered in order of first appearance). */
export function encodeLabels(labels: LabelInput): EncodedLabels {
  if (labels instanceof Int32Array) {
    let max = -1;
    for (const v of labels) if (v > max) max = v;
    return {
      codes: labels.map((v) => (v >= 0 ? v : -1)),
      names: Array.from({ length: max + 1 }, (_, i) => String(i)),
    };
  }
  const position = new Map<string, number>();
  const names: string[] = [];
  const codes = new Int32Array(labels.length);
  labels.forEach((raw, row) => {
    if (isUnlabeled(raw)) {
      codes[row] = -1;
      return;
    }
    const label = raw.trim();
    let code = position.get(label);
    if (code === undefined) {
      code = names.length;
      position.set(label, code);
      names.push(label);
    }
    codes[row] = code;
  });
  return { codes, names };
}

/** The label of row `row` as text ('' when unlabeled). */
export function labelText(labels: LabelInput, row: number): string {
  if (labels instanceof Int32Array) return labels[row] >= 0 ? String(labels[row]) : '';
  return isUnlabeled(labels[row]) ? '' : labels[row].trim();
}
