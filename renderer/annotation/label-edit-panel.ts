/**
 * The label-edit panel in the Explore screen's side bar: label the selection (new or existing class), mark
 * it unlabeled, select a class, rename or merge classes, accept predicted labels above a confidence, retrain
 * with the edited labels, export them as CSV, and save or open a `.tripletlens` session. Every edit is one
 * `annotate` action, so Undo covers it. What it shows comes from label-edit-model.ts (pure).
 *
 * It keeps itself up to date (a cheap check of the state object each frame while it is in the page), so the
 * Explore screen mounts it with one line; a screen that calls `update` itself may do so instead.
 *
 * data-testids: label-edit-panel, label-edit-status, label-edit-name, label-edit-apply, label-edit-unlabel,
 * label-edit-class, label-edit-select-class, label-edit-new-name, label-edit-rename, label-edit-merge,
 * label-edit-threshold, label-edit-accept-count, label-edit-accept, retrain-init, retrain-epochs,
 * retrain-start, retrain-note, label-edit-export-csv, session-save, session-open-file, session-input,
 * session-attach-file.
 */
import type { EditedLabels } from '../../src/api/annotation.js';
import type { FileSource } from '../../src/api/engine-api.js';
import type { AppContext } from '../app-context.js';
import { download, field, h, replaceChildren, select, setText } from '../dom.js';
import type { AppState } from '../state.js';
import { viewSettingsOf } from '../session/view-settings.js';
import { applyViewSettings, readViewSettings } from '../session/view-settings-dom.js';
import { attachInputFrom, openSessionFrom, takeSessionView } from '../session/session-commands.js';
import { createUploader } from '../screens/uploader.js';
import {
  DEFAULT_ACCEPT_THRESHOLD,
  labelEditView,
  retrainEpochs,
  retrainInit,
  type LabelEditView,
} from './label-edit-model.js';
import {
  acceptPredictions,
  labelCells,
  markUnlabeled,
  mergeClasses,
  renameClass,
  rowsOfClass,
  type Predictions,
} from './label-edits.js';

export interface LabelEditPanel {
  element: HTMLElement;
  update(state: AppState): void;
}

export function createLabelEditPanel(ctx: AppContext): LabelEditPanel {
  // under serve a picked file streams to the server first (with progress); in the desktop app its bytes are read
  const uploader = createUploader(ctx);
  const status = h('p', { class: 'hint', 'data-testid': 'label-edit-status', 'aria-live': 'polite' });
  const nameInput = h('input', {
    type: 'text',
    list: 'label-edit-classes',
    'data-testid': 'label-edit-name',
    placeholder: 'class name',
    autocomplete: 'off',
  });
  const classList = h('datalist', { id: 'label-edit-classes' });
  const applyButton = h('button', { type: 'button', 'data-testid': 'label-edit-apply' }, 'Label selection');
  const unlabelButton = h(
    'button',
    { type: 'button', 'data-testid': 'label-edit-unlabel' },
    'Mark unlabeled',
  );
  const classSelect = h('select', { 'data-testid': 'label-edit-class' });
  const selectClassButton = h(
    'button',
    { type: 'button', 'data-testid': 'label-edit-select-class' },
    'Select class',
  );
  const newName = h('input', {
    type: 'text',
    'data-testid': 'label-edit-new-name',
    placeholder: 'new name or class',
    autocomplete: 'off',
  });
  const renameButton = h('button', { type: 'button', 'data-testid': 'label-edit-rename' }, 'Rename');
  const mergeButton = h('button', { type: 'button', 'data-testid': 'label-edit-merge' }, 'Merge into');
  const threshold = h('input', {
    type: 'number',
    min: 0,
    max: 1,
    step: 0.05,
    value: DEFAULT_ACCEPT_THRESHOLD,
    'data-testid': 'label-edit-threshold',
  });
  const acceptCount = h('p', {
    class: 'hint',
    'data-testid': 'label-edit-accept-count',
    'aria-live': 'polite',
  });
  const acceptButton = h(
    'button',
    { type: 'button', 'data-testid': 'label-edit-accept' },
    'Accept predictions',
  );
  const initSelect = select({ 'data-testid': 'retrain-init' }, [
    { value: 'fine-tune', label: 'Fine-tune the current encoder' },
    { value: 'scratch', label: 'Train from scratch' },
  ]);
  const epochsInput = h('input', {
    type: 'number',
    min: 1,
    step: 1,
    placeholder: 'default',
    'data-testid': 'retrain-epochs',
  });
  const retrainButton = h(
    'button',
    { type: 'button', 'data-testid': 'retrain-start' },
    'Retrain with these labels',
  );
  const retrainNote = h('p', { class: 'hint', 'data-testid': 'retrain-note' });
  const exportButton = h(
    'button',
    { type: 'button', 'data-testid': 'label-edit-export-csv' },
    'Export edited labels (CSV)',
  );
  const saveButton = h('button', { type: 'button', 'data-testid': 'session-save' }, 'Save session');
  const openInput = h('input', {
    type: 'file',
    accept: '.tripletlens,.zip',
    'data-testid': 'session-open-file',
  });
  const inputNote = h('p', { class: 'hint', 'data-testid': 'session-input', 'aria-live': 'polite' });
  const attachInput = h('input', { type: 'file', 'data-testid': 'session-attach-file' });
  const attachRow = h(
    'div',
    { hidden: true },
    field('Open the input file again', attachInput, 'A file with the same content re-attaches the session.'),
  );

  const element = h(
    'section',
    { class: 'label-edit-panel', 'data-testid': 'label-edit-panel', 'aria-label': 'Edit labels' },
    h('h2', {}, 'Edit labels'),
    status,
    h('div', { class: 'edit-row' }, field('Class', nameInput), classList, applyButton, unlabelButton),
    h('div', { class: 'edit-row' }, field('Existing class', classSelect), selectClassButton),
    h('div', { class: 'edit-row' }, field('Rename or merge it', newName), renameButton, mergeButton),
    field('Accept predicted labels with confidence at least', threshold, 'For unlabeled cells only; 0–1.'),
    acceptCount,
    acceptButton,
    h('div', { class: 'edit-row' }, field('Retrain', initSelect), field('Epochs', epochsInput)),
    retrainButton,
    retrainNote,
    exportButton,
    h('h2', {}, 'Session'),
    h('div', { class: 'edit-row' }, saveButton, field('Open session', openInput)),
    uploader.element,
    inputNote,
    attachRow,
  );

  let view: LabelEditView = labelEditView(ctx.getState(), null, DEFAULT_ACCEPT_THRESHOLD);
  let predictions: { runId: string; value: Predictions | null } | null = null;
  let shown: AppState | null = null;

  const thresholdValue = (): number => {
    const t = Number(threshold.value);
    return Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : DEFAULT_ACCEPT_THRESHOLD;
  };

  /** Records one edit (undoable); a refused edit (empty name…) becomes a notice. */
  const edit = (label: string, change: (edits: EditedLabels) => EditedLabels): void => {
    if (!view.edits) return;
    try {
      ctx.dispatch({ type: 'annotate', label, editedLabels: change(view.edits) });
    } catch (err) {
      ctx.dispatch({ type: 'failed', title: 'Label edit refused', error: err });
    }
  };
  const selection = () => ctx.getState().annotation.present.selection;

  applyButton.addEventListener('click', () => {
    const name = nameInput.value.trim();
    edit(`Label ${selection().length} cells ${name}`, (e) => labelCells(e, selection(), name));
  });
  unlabelButton.addEventListener('click', () =>
    edit(`Mark ${selection().length} cells unlabeled`, (e) => markUnlabeled(e, selection())),
  );
  selectClassButton.addEventListener('click', () => {
    if (!view.edits) return;
    const rows = rowsOfClass(view.edits, classSelect.value);
    ctx.dispatch({ type: 'annotate', label: `Select class ${classSelect.value}`, selection: rows });
  });
  renameButton.addEventListener('click', () =>
    edit(`Rename ${classSelect.value} to ${newName.value.trim()}`, (e) =>
      renameClass(e, classSelect.value, newName.value),
    ),
  );
  mergeButton.addEventListener('click', () =>
    edit(`Merge ${classSelect.value} into ${newName.value.trim()}`, (e) =>
      mergeClasses(e, [classSelect.value], newName.value),
    ),
  );
  threshold.addEventListener('input', () => refresh(ctx.getState(), true));
  acceptButton.addEventListener('click', () => {
    const p = predictions?.value;
    if (!p || !view.acceptCount) return;
    edit(`Accept ${view.acceptCount} predicted labels`, (e) => acceptPredictions(e, p, thresholdValue()));
  });
  retrainButton.addEventListener('click', () => {
    if (!view.edits) return;
    retrainButton.disabled = true;
    const epochs = retrainEpochs(epochsInput.value);
    ctx.engine
      .retrainWithLabels({
        editedLabels: view.edits,
        init: retrainInit(initSelect.value),
        ...(epochs ? { epochs } : {}),
      })
      .then(
        ({ runId }) => ctx.dispatch({ type: 'training-started', runId }),
        (err: unknown) => ctx.dispatch({ type: 'failed', title: 'Could not retrain', error: err }),
      );
  });
  exportButton.addEventListener('click', () => {
    const edits = view.edits;
    if (!edits) return;
    void ctx
      .busy(
        { kind: 'export', message: 'Exporting the edited labels…', fraction: null, cancellable: false },
        'Export failed',
        () => ctx.engine.exportEditedLabels(edits),
      )
      .then((t) => t && download(t.fileName, t.text, t.mimeType));
  });
  saveButton.addEventListener('click', () => {
    const state = ctx.getState();
    const request = {
      editedLabels: state.annotation.present.editedLabels,
      selection: state.annotation.present.selection,
      view: readViewSettings(document, state.screen),
    };
    void ctx
      .busy(
        { kind: 'export', message: 'Saving the session…', fraction: null, cancellable: false },
        'Could not save the session',
        () => ctx.engine.saveSession(request),
      )
      .then((b) => b && download(b.fileName, b.bytes as Uint8Array<ArrayBuffer>, b.mimeType));
  });
  const picked = (
    input: HTMLInputElement,
    title: string,
    then: (source: FileSource, name: string) => unknown,
  ) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void uploader.source(file, title).then((source) => source && then(source, file.name));
  };
  openInput.addEventListener('change', () =>
    picked(openInput, 'Could not open the session', (source, name) => openSessionFrom(ctx, source, name)),
  );
  attachInput.addEventListener('change', () =>
    picked(attachInput, 'Could not attach the input', (source, name) => attachInputFrom(ctx, source, name)),
  );

  /** Fetches the predictions of a new run once (they stay null when the engine has none). */
  function fetchPredictions(state: AppState): void {
    const runId = state.result?.runId;
    if (!runId || predictions?.runId === runId) return;
    predictions = { runId, value: null };
    ctx.engine.runPredictions().then(
      (p) => {
        if (predictions?.runId !== runId) return;
        predictions = { runId, value: p };
        refresh(ctx.getState(), true);
      },
      () => undefined, // no predictions: the panel says so
    );
  }

  /** Puts a reopened session's view settings back once its map is on screen. */
  function restoreView(runId: string): void {
    const saved = viewSettingsOf(takeSessionView(runId));
    if (!saved) return;
    requestAnimationFrame(() => requestAnimationFrame(() => applyViewSettings(document, saved)));
  }

  function refresh(state: AppState, force = false): void {
    if (!force && state === shown) return;
    const previous = shown;
    shown = state;
    if (state.result && state.result !== previous?.result) {
      fetchPredictions(state);
      restoreView(state.result.runId);
    }
    view = labelEditView(
      state,
      predictions?.runId === state.result?.runId ? (predictions?.value ?? null) : null,
      thresholdValue(),
    );
    setText(status, view.status);
    const classesChanged =
      view.classes.join('\u0000') !== [...classSelect.options].map((o) => o.value).join('\u0000');
    if (classesChanged) {
      const chosen = classSelect.value;
      replaceChildren(
        classSelect,
        view.classes.map((c) => h('option', { value: c }, c)),
      );
      if (view.classes.includes(chosen)) classSelect.value = chosen;
      replaceChildren(
        classList,
        view.classes.map((c) => h('option', { value: c })),
      );
    }
    const off = !view.editable || !view.edits;
    applyButton.disabled = off || view.selected === 0;
    unlabelButton.disabled = off || view.selected === 0;
    for (const b of [selectClassButton, renameButton, mergeButton, exportButton])
      b.disabled = off || view.classes.length === 0;
    setText(acceptCount, view.acceptText);
    acceptButton.disabled = off || !view.acceptCount;
    retrainButton.disabled = off || !view.canRetrain;
    setText(retrainNote, view.retrainNote);
    saveButton.disabled = !view.canSave || state.result === null;
    const lost = state.result !== null && state.resultLost !== null;
    setText(inputNote, lost ? (state.resultLost ?? '') : '');
    attachRow.hidden = !lost;
  }

  // keeps itself current while it is in the page: one comparison of the state object per frame
  const watch = (): void => {
    if (element.isConnected) refresh(ctx.getState());
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);

  return { element, update: (state) => refresh(state) };
}
