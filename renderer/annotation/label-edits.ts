/**
 * Label edits on the map, as pure functions over `EditedLabels` (src/api/annotation.ts). Each returns a new
 * value and never mutates its input, because the undo history (annotation-history.ts) shares arrays between
 * steps. The run's own label column is never changed: edits start from a copy of it.
 */
import { EDITED_LABEL_COLUMN, type CellRows, type EditedLabels } from '../../src/api/annotation.js';

/** The edited column as it starts: a copy of the run's labels ('' = unlabeled), classes sorted by name. */
export function startEdits(source: string, labels: readonly string[]): EditedLabels {
  const categories = [...new Set(labels.filter((l) => l !== ''))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const index = new Map(categories.map((c, i) => [c, i]));
  const codes = Int32Array.from(labels, (l) => (l === '' ? -1 : (index.get(l) ?? -1)));
  return { column: EDITED_LABEL_COLUMN, source, categories, codes };
}

/** The edits so far, or a fresh copy of `labels` when there are none yet. */
export function editsOrStart(
  edited: EditedLabels | null,
  source: string,
  labels: readonly string[],
): EditedLabels {
  return edited && edited.codes.length === labels.length ? edited : startEdits(source, labels);
}

/** The label of every cell as text ('' = unlabeled). */
export function editedLabelStrings(edited: EditedLabels): string[] {
  return Array.from(edited.codes, (c) => (c >= 0 ? (edited.categories[c] ?? '') : ''));
}

/**
 * What the map colours by label: the edited labels when there are any for these cells, else the run's own.
 * (The Explore screen calls this so an edit shows at once.)
 */
export function labelsShown(runLabels: readonly string[], edited: EditedLabels | null): readonly string[] {
  if (!edited || edited.codes.length !== runLabels.length) return runLabels;
  // the same edits give the same array (cheap to call on every render; edits are never mutated)
  let strings = shownCache.get(edited);
  if (!strings) {
    strings = editedLabelStrings(edited);
    shownCache.set(edited, strings);
  }
  return strings;
}

const shownCache = new WeakMap<EditedLabels, string[]>();

/** A class name as typed: trimmed; an empty name is refused with a sentence the panel shows. */
export function className(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('Type a class name first.');
  return trimmed;
}

/** `edited` with `name` among its categories (appended when new) and that category's index. */
function withCategory(edited: EditedLabels, name: string): { categories: string[]; code: number } {
  const at = edited.categories.indexOf(name);
  if (at >= 0) return { categories: edited.categories, code: at };
  return { categories: [...edited.categories, name], code: edited.categories.length };
}

/** Gives every cell in `rows` (dataset rows) the class `name`, new or existing. */
export function labelCells(edited: EditedLabels, rows: CellRows, name: string): EditedLabels {
  const label = className(name);
  const { categories, code } = withCategory(edited, label);
  const codes = edited.codes.slice();
  for (const r of rows) if (r >= 0 && r < codes.length) codes[r] = code;
  return { ...edited, categories, codes };
}

/** Marks every cell in `rows` as unlabeled (it trains through its neighbours, as a missing label does). */
export function markUnlabeled(edited: EditedLabels, rows: CellRows): EditedLabels {
  const codes = edited.codes.slice();
  for (const r of rows) if (r >= 0 && r < codes.length) codes[r] = -1;
  return { ...edited, codes };
}

/** Drops categories no cell uses any more, renumbering the codes (the order of the others is kept). */
function withoutUnused(edited: EditedLabels, drop: ReadonlySet<number>): EditedLabels {
  const remap = new Int32Array(edited.categories.length).fill(-1);
  const categories: string[] = [];
  edited.categories.forEach((c, i) => {
    if (drop.has(i)) return;
    remap[i] = categories.length;
    categories.push(c);
  });
  const codes = Int32Array.from(edited.codes, (c) => (c >= 0 ? remap[c] : -1));
  return { ...edited, categories, codes };
}

/** Merges the classes `from` into `into` (an existing class or a new name); the merged names disappear. */
export function mergeClasses(edited: EditedLabels, from: readonly string[], into: string): EditedLabels {
  const target = className(into);
  const { categories, code } = withCategory(edited, target);
  const merged = new Set(
    from.map((name) => edited.categories.indexOf(name)).filter((i) => i >= 0 && i !== code),
  );
  if (merged.size === 0) throw new Error('Choose at least one other class to merge.');
  const codes = Int32Array.from(edited.codes, (c) => (merged.has(c) ? code : c));
  return withoutUnused({ ...edited, categories, codes }, merged);
}

/** Renames class `from` to `to`; renaming onto an existing class merges the two. */
export function renameClass(edited: EditedLabels, from: string, to: string): EditedLabels {
  const name = className(to);
  const at = edited.categories.indexOf(from);
  if (at < 0) throw new Error(`There is no class '${from}'.`);
  if (name === from) return edited;
  if (edited.categories.includes(name)) return mergeClasses(edited, [from], name);
  const categories = edited.categories.slice();
  categories[at] = name;
  return { ...edited, categories };
}

/** Cells per class, in category order, and the unlabeled count. */
export function classCounts(edited: EditedLabels): {
  classes: { name: string; count: number }[];
  unlabeled: number;
} {
  const counts = new Array<number>(edited.categories.length).fill(0);
  let unlabeled = 0;
  for (const c of edited.codes) {
    if (c >= 0) counts[c]++;
    else unlabeled++;
  }
  return { classes: edited.categories.map((name, i) => ({ name, count: counts[i] })), unlabeled };
}

/** Cells whose edited label differs from the run's own label. */
export function changedCount(edited: EditedLabels, runLabels: readonly string[]): number {
  let changed = 0;
  edited.codes.forEach((c, r) => {
    const now = c >= 0 ? edited.categories[c] : '';
    if (now !== (runLabels[r] ?? '')) changed++;
  });
  return changed;
}

/** The run's predicted labels: one per cell ('' when none), with the share of neighbours that agreed. */
export interface Predictions {
  predicted: readonly string[];
  /** 0–1; NaN where there is no prediction (cells the encoder trained on). */
  confidence: Float32Array;
}

/**
 * The cells a bulk accept would label: unlabeled in `edited`, with a prediction whose confidence is at
 * least `threshold` (0–1). The panel shows their count before anything is applied.
 */
export function acceptableRows(edited: EditedLabels, predictions: Predictions, threshold: number): CellRows {
  const rows: number[] = [];
  const n = Math.min(edited.codes.length, predictions.predicted.length);
  for (let r = 0; r < n; r++) {
    const confidence = predictions.confidence[r];
    if (edited.codes[r] === -1 && predictions.predicted[r] !== '' && confidence >= threshold) rows.push(r);
  }
  return Int32Array.from(rows);
}

/** Gives the acceptable cells (see acceptableRows) their predicted labels. */
export function acceptPredictions(
  edited: EditedLabels,
  predictions: Predictions,
  threshold: number,
): EditedLabels {
  let next = edited;
  const byLabel = new Map<string, number[]>();
  for (const r of acceptableRows(edited, predictions, threshold)) {
    const label = predictions.predicted[r];
    const rows = byLabel.get(label);
    if (rows) rows.push(r);
    else byLabel.set(label, [r]);
  }
  for (const [label, rows] of byLabel) next = labelCells(next, Int32Array.from(rows), label);
  return next;
}
