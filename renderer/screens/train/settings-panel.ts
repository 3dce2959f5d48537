/**
 * "Training settings": the line naming the data and label column, every training field with its default
 * and a one-line explanation (train-fields.ts), Start, Stop and Reset to defaults.
 */
import { h, setText } from '../../dom.js';
import { fieldControl, formValues, showFieldMessages } from '../../form-controls.js';
import { TRAIN_FIELDS } from '../../train-fields.js';

export interface SettingsPanel {
  element: HTMLElement;
  /** The form's current values, by field key. */
  values(): Record<string, string>;
  show(controls: {
    startDisabled: boolean;
    stopDisabled: boolean;
    stopLabel: string;
    labelLine: string;
  }): void;
  /** Shows each refused setting's message under its field (and clears the others). */
  showFieldErrors(messages: Readonly<Record<string, string>>): void;
  /** Disables Start at once (before the state says a run started) or enables it again after a failure. */
  setStartDisabled(disabled: boolean): void;
  /** Sets the fields to `values` (by field key: a joined run's settings); fields not named keep theirs. */
  fill(values: Readonly<Record<string, string>>): void;
}

export function createSettingsPanel(handlers: { onStart(): void; onStop(): void }): SettingsPanel {
  // novalidate: our own checks (train-fields.ts) name the field and the allowed range in a notice
  const form = h('form', { class: 'settings train-form', 'data-testid': 'train-form', novalidate: true });
  form.append(...TRAIN_FIELDS.map((f) => fieldControl(f, 'train')));
  const startButton = h(
    'button',
    { type: 'submit', class: 'primary', 'data-testid': 'train-start' },
    'Start training',
  );
  const stopButton = h('button', { type: 'button', 'data-testid': 'train-stop', disabled: true }, 'Stop');
  const resetButton = h('button', { type: 'reset', 'data-testid': 'train-reset' }, 'Reset to defaults');
  form.append(h('div', { class: 'buttons' }, startButton, stopButton, resetButton));
  const labelLine = h('p', { class: 'hint', 'data-testid': 'train-label' });
  const element = h(
    'section',
    { class: 'panel settings-panel', 'aria-labelledby': 'train-h' },
    h('h2', { id: 'train-h' }, 'Training settings'),
    labelLine,
    form,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    handlers.onStart();
  });
  stopButton.addEventListener('click', () => handlers.onStop());

  return {
    element,
    values: () => formValues(form),
    show(controls) {
      startButton.disabled = controls.startDisabled;
      stopButton.disabled = controls.stopDisabled;
      setText(stopButton, controls.stopLabel);
      setText(labelLine, controls.labelLine);
    },
    showFieldErrors(messages) {
      showFieldMessages(form, messages);
    },
    setStartDisabled(disabled) {
      startButton.disabled = disabled;
    },
    fill(values) {
      for (const el of Array.from(form.elements)) {
        if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement)) continue;
        const value = values[el.name];
        if (value !== undefined) el.value = value;
      }
      // the messages were about the values replaced
      showFieldMessages(form, {});
    },
  };
}
