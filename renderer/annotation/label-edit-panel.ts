/**
 * The label-edit panel in the Explore screen's side bar: label the selection (new or existing class), mark
 * it unlabeled, recolour, rename or merge classes (selecting a class is the Select panel's), accept predicted labels above a confidence, retrain
 * with the edited labels, export them as CSV, and save or open a `.tripletlens` session. Every edit is one
 * `annotate` action, so Undo covers it. What it shows comes from label-edit-model.ts (pure).
 *
 * It keeps itself up to date (a cheap check of the state object each frame while it is in the page), so the
 * Explore screen mounts it with one line; a screen that calls `update` itself may do so instead.
 *
 * data-testids: label-edit-panel, label-edit-status, label-edit-name, label-edit-apply, label-edit-unlabel,
 * label-edit-class, label-edit-colour, label-edit-new-name, label-edit-rename, label-edit-merge,
 * label-edit-threshold, label-edit-accept-count, label-edit-accept, retrain-init, retrain-epochs,
 * retrain-start, retrain-note, label-edit-export-csv, session-save, session-open-file, session-input,
 * session-attach-file, session-attach-choose-file|folder (desktop), session-attach-browser (serve:
 * session-attach-browse-path|up|open-folder|list|folder|open|message).
 */
import type { EditedLabels } from '../../src/api/annotation.js';
import { projectionRef } from '../../src/api/annotate.js';
import type { FileSource } from '../../src/api/engine-api.js';
import type { InputPick, ShellBridge } from '../../src/api/ipc-channels.js';
import type { AppContext } from '../app-context.js';
import { dialogButton } from '../dialog-button.js';
import { colourInputValue, recolouredClass, renamedColours } from '../class-colours.js';
import { download, h, replaceChildren, replaceOptions, setText } from '../dom.js';
import { showControlMessage } from '../form-controls.js';
import type { AppState } from '../state.js';
import { sessionViewOf } from '../session/session-state.js';
import { attachInputFrom, attachServerPath, openSessionFrom } from '../session/session-commands.js';
import { createFileBrowser, REATTACH_WORDS } from '../screens/file-browser.js';
import { createUploader, type Uploader } from '../screens/uploader.js';
import type { UploadPurpose } from '../upload-check.js';
import { buildLabelEditControls, type LabelEditControls } from './label-edit-controls.js';
import {
  acceptThreshold,
  DEFAULT_ACCEPT_THRESHOLD,
  labelButton,
  labelEditView,
  retrainEpochs,
  renameButtons,
  retrainInit,
  type LabelEditView,
} from './label-edit-model.js';
import {
  acceptPredictions,
  labelCells,
  markUnlabeled,
  mergeClasses,
  renameClass,
  type Predictions,
} from './label-edits.js';

export interface LabelEditPanel {
  element: HTMLElement;
  update(state: AppState): void;
}

/** What the wiring functions share: the context, the controls and the panel's current view. */
interface Wiring {
  ctx: AppContext;
  c: LabelEditControls;
  view(): LabelEditView;
  predictions(): Predictions | null;
  /** The field's confidence, or null when it holds none from 0 to 1 (acceptThreshold). */
  threshold(): number | null;
  refresh(): void;
}

/** Records one edit (undoable); a refused edit (an empty name…) becomes a notice. True when recorded. */
function edit(w: Wiring, label: string, change: (edits: EditedLabels) => EditedLabels): boolean {
  const edits = w.view().edits;
  if (!edits) return false;
  try {
    w.ctx.dispatch({ type: 'annotate', label, editedLabels: change(edits) });
    return true;
  } catch (err) {
    w.ctx.dispatch({ type: 'failed', title: 'Label edit refused', error: err });
    return false;
  }
}

/**
 * After a rename or merge, Existing class shows the class under its new name `to`: left to the browser it fell
 * on the first class listed, the new name still in its field, so a second Enter or click merged that class too.
 */
function followRenamed(w: Wiring, to: string): void {
  w.refresh(); // lists the classes as edited now, not at the next frame
  const name = to.trim();
  if (![...w.c.classSelect.options].some((o) => o.value === name)) return;
  w.c.classSelect.value = name;
  w.refresh(); // the Colour picker follows the chosen class
}

/** Gives the new name of class `from` its colour on the map, before the edit that draws it (renamedColours). */
function keepColour(w: Wiring, from: string, to: string): void {
  const classColours = renamedColours(w.ctx.getState().exploreView.classColours, from, to);
  if (classColours) w.ctx.dispatch({ type: 'explore-view', patch: { classColours } });
}

/** Label, unlabel, rename, merge, accept predictions. */
function wireEdits(w: Wiring): void {
  const { ctx, c } = w;
  const selection = () => ctx.getState().annotation.present.selection;
  const chosen = () => c.classSelect.value;
  c.applyButton.addEventListener('click', () => {
    const name = c.nameInput.value.trim();
    edit(w, `Label ${selection().length} cells ${name}`, (e) => labelCells(e, selection(), name));
  });
  c.unlabelButton.addEventListener('click', () =>
    edit(w, `Mark ${selection().length} cells unlabeled`, (e) => markUnlabeled(e, selection())),
  );
  // the class chosen when clicked: edit() brings the panel up to date first, which lists the classes anew
  c.renameButton.addEventListener('click', () => {
    const [from, to] = [chosen(), c.newName.value];
    keepColour(w, from, to);
    if (edit(w, `Rename ${from} to ${to.trim()}`, (e) => renameClass(e, from, to))) followRenamed(w, to);
  });
  // Enter confirms the typed name as Rename (the field's first button), as in a form; the Class field above
  // is left alone: Enter there picks a class from its suggestions
  c.newName.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.isComposing || c.renameButton.disabled) return;
    e.preventDefault();
    c.renameButton.click();
  });
  // the Colour picker follows the chosen class, and recolours it as the user picks (kept in the session's view)
  c.classSelect.addEventListener('change', () => w.refresh());
  c.colourInput.addEventListener('input', () => {
    const classColours = recolouredClass(
      ctx.getState().exploreView.classColours,
      chosen(),
      c.colourInput.value,
    );
    if (classColours) ctx.dispatch({ type: 'explore-view', patch: { classColours } });
  });
  c.mergeButton.addEventListener('click', () => {
    const [from, to] = [chosen(), c.newName.value];
    keepColour(w, from, to);
    if (edit(w, `Merge ${from} into ${to.trim()}`, (e) => mergeClasses(e, [from], to))) followRenamed(w, to);
  });
  c.threshold.addEventListener('input', () => w.refresh());
  // Label selection, Rename and Merge into wait for a name: they follow their field as it is typed
  c.nameInput.addEventListener('input', () => w.refresh());
  c.newName.addEventListener('input', () => w.refresh());
  c.acceptButton.addEventListener('click', () => {
    const p = w.predictions();
    const count = w.view().acceptCount;
    const threshold = w.threshold();
    if (!p || !count || threshold === null) return;
    edit(w, `Accept ${count} predicted labels`, (e) => acceptPredictions(e, p, threshold));
  });
}

/** Retrain with the edited labels, and export them as CSV. */
function wireRetrainAndExport(w: Wiring): void {
  const { ctx, c } = w;
  c.retrainButton.addEventListener('click', () => {
    const edits = w.view().edits;
    if (!edits) return;
    // a refused value is said under the field, as the Train screen says it, and nothing starts
    const typed = retrainEpochs(c.epochsInput.value, c.epochsInput.validity.badInput);
    showControlMessage(c.epochsInput, 'error' in typed ? typed.error : undefined);
    if ('error' in typed) return;
    c.retrainButton.disabled = true;
    ctx.engine
      .retrainWithLabels({ editedLabels: edits, init: retrainInit(c.initSelect.value), ...typed })
      .then(
        // its map so far is coloured by these labels (train-screen.ts)
        ({ runId }) => ctx.dispatch({ type: 'training-started', runId, editedLabels: edits }),
        (err: unknown) => ctx.dispatch({ type: 'failed', title: 'Could not retrain', error: err }),
      );
  });
  c.exportButton.addEventListener('click', () => {
    const edits = w.view().edits;
    if (!edits) return;
    void ctx
      .busy(
        { kind: 'export', message: 'Exporting the edited labels…', fraction: null, cancellable: false },
        'Export failed',
        () => ctx.engine.exportEditedLabels(edits),
      )
      .then((t) => t && download(t.fileName, t.text, t.mimeType));
  });
}

/** Save and open sessions, and re-attach a reopened session's input. */
function wireSessions(w: Wiring, uploader: Uploader): void {
  const { ctx, c } = w;
  c.saveButton.addEventListener('click', () => {
    const state = ctx.getState();
    const request = {
      editedLabels: state.annotation.present.editedLabels,
      selection: state.annotation.present.selection,
      // a colouring held for re-attaching a reopened session's input is saved as it is: the session was saved
      // with it, and a resave without the input must not lose it (picks the map cannot draw never reach it)
      view: sessionViewOf(state),
      // the projected cells shown (Project another file), by the id the engine holds them under — it writes
      // them from what it holds (10^6 cells would be tens of MB sent back); reopening draws them without their file
      // and their file's kind: a refusal once the engine has let them go names a CSV's rows as rows
      projected: state.projected ? projectionRef(state.projected) : null,
      // the map shown: the engine refuses to save another (another window's data or session since)
      ...(state.result ? { runId: state.result.runId } : {}),
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
    purpose?: UploadPurpose,
  ) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void uploader.source(file, title, purpose).then((source) => source && then(source, file.name));
  };
  c.openInput.addEventListener('change', () =>
    picked(
      c.openInput,
      'Could not open the session',
      (source, name) => openSessionFrom(ctx, source, name),
      // refused before reading: the words of a session, not File ▸ Open…, which would read it as data
      'session',
    ),
  );
  c.attachInput.addEventListener('change', () =>
    picked(
      c.attachInput,
      'Could not attach the input',
      (source, name) => attachInputFrom(ctx, source, name),
      // a file too large to read in: the way by its path is the re-attach's own, not File ▸ Open…
      'attach',
    ),
  );
}

/** Brings the controls up to date with `view`. */
function render(c: LabelEditControls, view: LabelEditView, state: AppState): void {
  setText(c.status, view.status);
  const listed = [...c.classSelect.options].map((o) => o.value);
  if (view.classes.join('\u0000') !== listed.join('\u0000')) {
    replaceOptions(
      c.classSelect,
      view.classes.map((name) => h('option', { value: name }, name)),
    );
    replaceChildren(
      c.classList,
      view.classes.map((name) => h('option', { value: name })),
    );
  }
  const colour = colourInputValue(
    Object.hasOwn(state.exploreView.classColours, c.classSelect.value)
      ? state.exploreView.classColours[c.classSelect.value]
      : undefined,
  );
  if (colour !== null && c.colourInput.value !== colour) c.colourInput.value = colour;
  c.colourInput.disabled = view.classes.length === 0;
  const off = !view.editable || !view.edits;
  const label = labelButton(view, c.nameInput.value);
  c.applyButton.disabled = label.disabled;
  c.applyButton.title = label.title;
  c.unlabelButton.disabled = off || view.selected === 0;
  c.exportButton.disabled = off || view.classes.length === 0;
  const named = renameButtons(view, c.newName.value);
  for (const [b, s] of [
    [c.renameButton, named.rename],
    [c.mergeButton, named.merge],
  ] as const) {
    b.disabled = s.disabled;
    b.title = s.title;
  }
  if (!view.mapHeld) c.exportButton.disabled = true;
  setText(c.acceptCount, view.acceptText);
  setText(c.thresholdHint, view.thresholdHint);
  c.acceptButton.disabled = off || !view.acceptCount;
  c.retrainButton.disabled = off || !view.canRetrain;
  setText(c.retrainNote, view.retrainNote);
  c.saveButton.disabled = !view.canSave || !view.mapHeld || state.result === null;
  const lost = state.result !== null && state.resultLost !== null;
  setText(c.inputNote, lost ? (state.resultLost ?? '') : '');
  // re-attaching is for a reopened session without its input: a map another tab's Open let go has no session
  // waiting for its input, and the engine refused the file ("No reopened session is waiting for its input")
  // (another window's data or session replaced it alike: mapReplaced)
  c.attachRow.hidden = !lost || !state.inputMissing || state.mapReplaced;
}

/**
 * The desktop app's way to re-attach a moved input by its path: the native dialog for the file or its Cell
 * Ranger folder (a file input reads a file's bytes into the page, and cannot give a folder).
 */
function desktopAttach(ctx: AppContext, shell: Pick<ShellBridge, 'chooseInput'>): HTMLElement {
  const button = (pick: InputPick, text: string): HTMLButtonElement =>
    dialogButton(
      ctx,
      `session-attach-choose-${pick}`,
      text,
      () => shell.chooseInput(pick),
      (path) => void attachServerPath(ctx, path),
    );
  return h(
    'div',
    { class: 'field' },
    button('file', 'Choose the input file…'),
    ' ',
    button('folder', 'Choose its 10x folder…'),
  );
}

export function createLabelEditPanel(
  ctx: AppContext,
  shell?: Pick<ShellBridge, 'chooseInput'>,
): LabelEditPanel {
  // under serve a picked file streams to the server first (with progress); in the desktop app its bytes are read
  const uploader = createUploader(ctx);
  // under serve a moved input is also found in the server's folder and re-attached by its path (no upload); in
  // the desktop app the native dialog gives its path
  const byPath = ctx.server
    ? createFileBrowser(ctx.server, (path) => void attachServerPath(ctx, path), REATTACH_WORDS).element
    : typeof shell?.chooseInput === 'function'
      ? desktopAttach(ctx, shell)
      : null;
  const c = buildLabelEditControls(uploader.element, byPath);
  let view: LabelEditView = labelEditView(ctx.getState(), null, DEFAULT_ACCEPT_THRESHOLD);
  let predictions: { runId: string; value: Predictions | null } | null = null;
  let shown: AppState | null = null;

  const threshold = (): number | null => acceptThreshold(c.threshold.value);
  const current = (state: AppState) =>
    predictions !== null && predictions.runId === state.result?.runId ? predictions.value : null;

  /** Fetches the predictions of a new run once (they stay null when the engine has none). */
  function fetchPredictions(runId: string): void {
    if (predictions?.runId === runId) return;
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

  function refresh(state: AppState, force = false): void {
    if (!force && state === shown) return;
    const previous = shown;
    shown = state;
    if (state.result && state.result !== previous?.result) fetchPredictions(state.result.runId);
    view = labelEditView(state, current(state), threshold());
    render(c, view, state);
  }

  const wiring: Wiring = {
    ctx,
    c,
    // the view of the state now, not of the panel's last frame: a second edit made before the next frame (a
    // quick user on a slow page) started from the edits the frame showed, and dropped the first
    view: () => {
      refresh(ctx.getState());
      return view;
    },
    predictions: () => current(ctx.getState()),
    threshold,
    refresh: () => refresh(ctx.getState(), true),
  };
  wireEdits(wiring);
  wireRetrainAndExport(wiring);
  wireSessions(wiring, uploader);

  // keeps itself current while it is in the page: one comparison of the state object per frame
  const watch = (): void => {
    if (c.element.isConnected) refresh(ctx.getState());
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);

  return { element: c.element, update: (state) => refresh(state) };
}
