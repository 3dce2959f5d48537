/**
 * Undo and redo of what the user adds to a map — the selection and the edited labels — as one history, so
 * "select, relabel, undo, undo" walks back through both in the order they happened. Pure.
 *
 * Each step keeps a whole `Annotation`, but its arrays are never mutated and so are shared between steps: a
 * selection change copies nothing of the labels and a label edit nothing of the selection. The cost is one
 * label array per label edit (4 bytes a cell), which is why the limit is a little above the 50 steps promised.
 */
import type { CellRows, EditedLabels } from '../src/api/annotation.js';

/** The user's additions to the current map. Treat every array as immutable: make a new one to change it. */
export interface Annotation {
  /** The selected cells (dataset rows, sorted, unique); empty when nothing is selected. */
  selection: CellRows;
  /** The edited label column, or null until the first edit. */
  editedLabels: EditedLabels | null;
}

/** One undoable step: the annotation as it was before (in `past`) or after (in `future`) a change. */
export interface HistoryStep {
  /** What the change did, for the Undo/Redo buttons' titles: "Select 120 cells", "Label 40 cells B". */
  label: string;
  annotation: Annotation;
}

export interface AnnotationHistory {
  present: Annotation;
  /** Oldest first; the last one is what Undo restores. */
  past: HistoryStep[];
  /** Nearest first; the first one is what Redo restores. */
  future: HistoryStep[];
  /** The label of the change that made `present`, for Undo's title (undefined at the start). */
  presentLabel?: string;
}

/** How many steps Undo can go back (the issue asks for at least 50). */
export const HISTORY_LIMIT = 60;

export const EMPTY_ANNOTATION: Annotation = { selection: new Int32Array(0), editedLabels: null };

export const EMPTY_HISTORY: AnnotationHistory = { present: EMPTY_ANNOTATION, past: [], future: [] };

/** Records a change: `next` becomes the present, the old present goes onto the undo stack, redo is cleared. */
export function recordChange(
  history: AnnotationHistory,
  next: Partial<Annotation>,
  label: string,
): AnnotationHistory {
  const present: Annotation = { ...history.present, ...next };
  const past = [...history.past, { label: history.presentLabel ?? '', annotation: history.present }];
  return {
    present,
    past: past.slice(Math.max(0, past.length - HISTORY_LIMIT)),
    future: [],
    presentLabel: label,
  };
}

/** Steps back one change (no-op when there is none). */
export function undo(history: AnnotationHistory): AnnotationHistory {
  const previous = history.past[history.past.length - 1];
  if (!previous) return history;
  return {
    present: previous.annotation,
    past: history.past.slice(0, -1),
    future: [{ label: history.presentLabel ?? '', annotation: history.present }, ...history.future],
    ...(previous.label ? { presentLabel: previous.label } : {}),
  };
}

/** Steps forward one undone change (no-op when there is none). */
export function redo(history: AnnotationHistory): AnnotationHistory {
  const next = history.future[0];
  if (!next) return history;
  return {
    present: next.annotation,
    past: [...history.past, { label: history.presentLabel ?? '', annotation: history.present }],
    future: history.future.slice(1),
    presentLabel: next.label,
  };
}

/** The title of the change Undo would revert, or null when there is nothing to undo. */
export function undoLabel(history: AnnotationHistory): string | null {
  return history.past.length > 0 ? (history.presentLabel ?? '') : null;
}

/** The title of the change Redo would re-apply, or null when there is nothing to redo. */
export function redoLabel(history: AnnotationHistory): string | null {
  return history.future[0]?.label ?? null;
}
