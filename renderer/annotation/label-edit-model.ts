/**
 * The label-edit panel's model: what it shows and allows for a page state, as pure functions (the panel,
 * label-edit-panel.ts, only builds DOM from it and sends actions).
 */
import { EDITED_LABEL_COLUMN, type EditedLabels } from '../../src/api/annotation.js';
import type { RetrainInit } from '../../src/api/annotate.js';
import { FINE_TUNE_EPOCHS } from '../../src/api/annotate.js';
import { orderClasses } from '../../src/api/class-palette.js';
import { formatCount, plural } from '../format.js';
import { parseNumberField, TRAIN_FIELDS, type NumberField } from '../train-fields.js';
import { runRowWords } from '../metric-notes.js';
import { labelClassOrder } from '../label-class-order.js';
import { isTraining, type AppState } from '../state.js';
import { acceptableRows, changedCount, classCounts, editsOrStart, type Predictions } from './label-edits.js';

/** The default confidence a bulk accept asks for (the user changes it before applying). */
export const DEFAULT_ACCEPT_THRESHOLD = 0.8;

/**
 * The confidence typed in "Accept predicted labels with confidence at least", or null when it is none from 0
 * to 1: an emptied field read as 0 — every prediction, however unsure — and 1.5 as 1, each silently.
 */
export function acceptThreshold(text: string): number | null {
  const t = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(t) && t >= 0 && t <= 1 ? t : null;
}

/** What the accept line says for a threshold acceptThreshold refused: the field, by its label, and its range. */
export const THRESHOLD_REFUSED =
  'Type a confidence from 0 to 1 in “Accept predicted labels with confidence at least”.';

export interface LabelEditView {
  /** A map is shown and nothing else is running: edits are possible. */
  editable: boolean;
  /** The edits the panel applies to (a fresh copy of the run's labels before the first edit). */
  edits: EditedLabels | null;
  /** Class names for the pickers, in the legend's order (`orderClasses`): the classes that have cells. */
  classes: string[];
  /** "12 cells selected · 3 cells relabelled · 4 classes, 2 cells unlabeled". */
  status: string;
  selected: number;
  /** How many cells a bulk accept at the threshold would label, or null without predictions. */
  acceptCount: number | null;
  acceptText: string;
  /** The threshold's hint: "For unlabeled cells only; 0–1." (a text table's: rows). */
  thresholdHint: string;
  /** Retraining needs the engine to hold the data (not a session whose input is missing). */
  canRetrain: boolean;
  retrainNote: string;
  /** Whether there is a map to save as a session. */
  canSave: boolean;
  /**
   * Whether the engine still holds the map the edits are on, for Save session and Export edited labels:
   * not once another tab's Open or a dead engine process let it go (a reopened session without its input is
   * still held). Both then failed with "No map yet" — or used the map the engine held since.
   */
  mapHeld: boolean;
}

/** The column the edits start from: the earlier edits' source, else the run's label column. */
function sourceColumn(state: AppState): string {
  return state.annotation.present.editedLabels?.source ?? state.result?.labelColumn ?? 'label';
}

/**
 * The edits and their counts, recomputed only when the edits or the run's labels change: the panel is
 * refreshed on every state change (training progress too), and these walk every cell.
 */
let factsMemo: {
  edited: EditedLabels | null;
  labels: readonly string[];
  facts: { edits: EditedLabels; counts: ReturnType<typeof classCounts>; changed: number };
} | null = null;

function editFacts(edited: EditedLabels | null, source: string, labels: readonly string[]) {
  if (factsMemo?.edited !== edited || factsMemo.labels !== labels) {
    const edits = editsOrStart(edited, source, labels);
    factsMemo = {
      edited,
      labels,
      facts: { edits, counts: classCounts(edits), changed: changedCount(edits, labels) },
    };
  }
  return factsMemo.facts;
}

let acceptMemo: { edits: EditedLabels; predictions: Predictions; threshold: number; count: number } | null =
  null;

function acceptableCount(edits: EditedLabels, predictions: Predictions, threshold: number): number {
  const m = acceptMemo;
  if (m?.edits !== edits || m.predictions !== predictions || m.threshold !== threshold) {
    acceptMemo = {
      edits,
      predictions,
      threshold,
      count: acceptableRows(edits, predictions, threshold).length,
    };
  }
  return acceptMemo!.count;
}

/**
 * The panel's view of `state`, with the run's predictions (null until they arrive) and the threshold (null:
 * the field holds none, acceptThreshold — nothing to accept, and the accept line says what to type).
 */
export function labelEditView(
  state: AppState,
  predictions: Predictions | null,
  threshold: number | null,
): LabelEditView {
  const result = state.result;
  const busy = state.busy !== null || isTraining(state);
  const selected = state.annotation.present.selection.length;
  if (!result) {
    return {
      editable: false,
      edits: null,
      classes: [],
      status: 'Train a map (or open a session) to edit its labels.',
      selected,
      acceptCount: null,
      acceptText: '',
      thresholdHint: 'For unlabeled cells only; 0–1.',
      canRetrain: false,
      retrainNote: '',
      canSave: false,
      mapHeld: false,
    };
  }
  const { edits, counts, changed } = editFacts(
    state.annotation.present.editedLabels,
    sourceColumn(state),
    result.labels,
  );
  // the run's words for its rows: a text table's, which may be a bulk panel's samples, are rows
  const words = runRowWords(result);
  const status = [
    selected > 0 ? `${plural(selected, words.one, words.many)} selected` : `No ${words.many} selected`,
    changed > 0
      ? `${plural(changed, words.one, words.many)} relabelled`
      : // a map retrained with edited labels shows them as its own: the count starts again from there
        result.labelColumn === EDITED_LABEL_COLUMN
        ? 'retrained with the edited labels, no edits since'
        : 'no edits yet',
    `${plural(counts.classes.filter((c) => c.count > 0).length, 'class', 'classes')}, ${formatCount(counts.unlabeled)} unlabeled`,
  ].join(' · ');
  const acceptCount = !predictions
    ? null
    : threshold === null
      ? 0
      : acceptableCount(edits, predictions, threshold);
  const acceptText =
    acceptCount === null
      ? 'Predicted labels are not available for this map.'
      : threshold === null
        ? THRESHOLD_REFUSED
        : `${plural(acceptCount, `unlabeled ${words.one}`, `unlabeled ${words.many}`)} ${acceptCount === 1 ? 'has' : 'have'} a predicted label with confidence ≥ ${threshold.toFixed(2)}.`;
  return {
    editable: !busy,
    edits,
    // a class whose every cell was labelled another is gone from the map, the legend and the exports
    // (label_edited's categories): the pickers offered it still, a class to rename or merge with no cell
    // listed in the legend's order: the label column's stored categories (an h5ad's, as scanpy lists them),
    // else cluster codes by number, else largest first — not the edits' own order (by name, new ones last)
    classes: orderClasses(
      counts.classes.filter((c) => c.count > 0),
      labelClassOrder(state, result.labelColumn),
    ).map((c) => c.name),
    status,
    selected,
    acceptCount,
    acceptText,
    thresholdHint: `For unlabeled ${words.many} only; 0–1.`,
    canRetrain: !busy && state.resultLost === null && state.dataset !== null,
    retrainNote:
      state.resultLost !== null
        ? 'Retraining needs the data: open the input file first.'
        : `Fine-tuning continues from the current encoder for ${FINE_TUNE_EPOCHS} epochs unless you set them; from scratch trains a new encoder with the last run's settings.`,
    canSave: !busy,
    // a reopened session's map without its input is held — until another window replaced it (mapReplaced)
    mapHeld: state.resultLost === null || (state.inputMissing && !state.mapReplaced),
  };
}

/** Whether a button can be clicked, and if not why (its title; '' when it can, or has no reason to give). */
export interface ButtonState {
  disabled: boolean;
  title: string;
}

const ON: ButtonState = { disabled: false, title: '' };
const OFF: ButtonState = { disabled: true, title: '' };

/**
 * The rule of the buttons that act with a name typed in a field (`typed`, as typed): off while the field holds
 * none, saying what to type (`why`) as their title — enabled with the field empty, a click only brought up
 * "Label edit refused: Type a class name first." (label-edits.ts).
 */
function needsName(typed: string, why: string): ButtonState {
  return typed.trim() === '' ? { disabled: true, title: why } : ON;
}

/**
 * Label selection for the name typed in "Class" (`name`, as typed): off while no name is typed, saying so.
 * Off without saying why while nothing is selected or the panel allows no edit.
 */
export function labelButton(view: LabelEditView, name: string): ButtonState {
  if (!view.editable || !view.edits || view.selected === 0) return OFF;
  return needsName(name, 'Type the class to give the selection in “Class” first.');
}

/**
 * Rename and Merge into for the name typed in "Rename or merge it" (`newName`, as typed): off while no name is
 * typed, saying so. Off without saying why while the panel allows no edit.
 */
export function renameButtons(
  view: LabelEditView,
  newName: string,
): { rename: ButtonState; merge: ButtonState } {
  if (!view.editable || !view.edits || view.classes.length === 0) return { rename: OFF, merge: OFF };
  return {
    rename: needsName(newName, 'Type the new name in “Rename or merge it” first.'),
    merge: needsName(newName, 'Type the class to merge into in “Rename or merge it” first.'),
  };
}

/** The Train screen's Epochs field: Retrain ▸ Epochs takes the same values, refused in the same words. */
const EPOCHS_FIELD = TRAIN_FIELDS.find((f): f is NumberField => f.kind === 'number' && f.option === 'epochs');

/**
 * Retrain ▸ Epochs as typed: {} when empty (the engine's default), the epochs when the Train screen's Epochs
 * field accepts them, else the message for under the field — a typed 0, -3 or 2.5 retrained the default 5
 * epochs without a word. `badInput`: the number input's validity.badInput (it reads '' for text that is no
 * number). Default false.
 */
export function retrainEpochs(text: string, badInput = false): { epochs?: number } | { error: string } {
  if (!EPOCHS_FIELD) throw new Error('the Train screen has no Epochs field');
  if (badInput) return { error: `${EPOCHS_FIELD.label} must be a whole number` };
  if (text.trim() === '') return {};
  const parsed = parseNumberField(EPOCHS_FIELD, text);
  if ('error' in parsed) return parsed;
  return parsed.value === null ? {} : { epochs: parsed.value };
}

/** The init option from the picker's value (anything unknown fine-tunes, the default). */
export function retrainInit(value: string): RetrainInit {
  return value === 'scratch' ? 'scratch' : 'fine-tune';
}
