/**
 * The label-edit panel's elements (label-edit-panel.ts wires them): built once, named by data-testid.
 */
import { DEFAULT_ACCEPT_THRESHOLD } from './label-edit-model.js';
import { field, h, select } from '../dom.js';

/** Every control of the panel, and the panel itself (`element`). */
export type LabelEditControls = ReturnType<typeof buildLabelEditControls>;

const button = (testid: string, label: string) =>
  h('button', { type: 'button', 'data-testid': testid }, label);

/**
 * Builds the panel around `uploadRow` (the uploader's progress row, shown while a session file streams) and
 * `attachBrowser` (under `tripletlens serve`: the server's folder; in the desktop app: the native dialog's
 * buttons — to re-attach a moved input by its path).
 */
export function buildLabelEditControls(uploadRow: HTMLElement, attachBrowser: HTMLElement | null = null) {
  const status = h('p', { class: 'hint', 'data-testid': 'label-edit-status', 'aria-live': 'polite' });
  const nameInput = h('input', {
    type: 'text',
    list: 'label-edit-classes',
    'data-testid': 'label-edit-name',
    placeholder: 'class name',
    autocomplete: 'off',
  });
  const classList = h('datalist', { id: 'label-edit-classes' });
  const applyButton = button('label-edit-apply', 'Label selection');
  const unlabelButton = h(
    'button',
    { type: 'button', 'data-testid': 'label-edit-unlabel' },
    'Mark unlabeled',
  );
  const classSelect = h('select', { 'data-testid': 'label-edit-class' });
  const colourInput = h('input', {
    type: 'color',
    'data-testid': 'label-edit-colour',
    title: 'The colour of the chosen class on the map',
  });
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
    attachBrowser,
  );

  const thresholdField = field(
    'Accept predicted labels with confidence at least',
    threshold,
    'For unlabeled cells only; 0–1.',
  );
  const element = h(
    'section',
    { class: 'label-edit-panel', 'data-testid': 'label-edit-panel', 'aria-label': 'Edit labels' },
    h('h2', {}, 'Edit labels'),
    status,
    h('div', { class: 'edit-row' }, field('Class', nameInput), classList, applyButton, unlabelButton),
    // selecting a class is the Select panel's (one "Select class" button in the side bar)
    h('div', { class: 'edit-row' }, field('Existing class', classSelect), field('Colour', colourInput)),
    h('div', { class: 'edit-row' }, field('Rename or merge it', newName), renameButton, mergeButton),
    thresholdField,
    acceptCount,
    acceptButton,
    h('div', { class: 'edit-row' }, field('Retrain', initSelect), field('Epochs', epochsInput)),
    retrainButton,
    retrainNote,
    exportButton,
    h('h2', {}, 'Session'),
    h('div', { class: 'edit-row' }, saveButton, field('Open session', openInput)),
    uploadRow,
    inputNote,
    attachRow,
  );

  return {
    element,
    status,
    nameInput,
    classList,
    applyButton,
    unlabelButton,
    classSelect,
    colourInput,
    newName,
    renameButton,
    mergeButton,
    threshold,
    thresholdHint: thresholdField.querySelector('small') as HTMLElement,
    acceptCount,
    acceptButton,
    initSelect,
    epochsInput,
    retrainButton,
    retrainNote,
    exportButton,
    saveButton,
    openInput,
    inputNote,
    attachInput,
    attachRow,
  };
}
