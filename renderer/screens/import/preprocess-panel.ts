/**
 * "Preprocessing": the dataset's recommended settings as a form (train-fields.ts's preprocessFields) whose
 * every change goes to the app state ('preprocess-edited'), where the Train screen reads it; and the
 * "Next: Train" button.
 */
import type { PreprocessOptions } from '../../../src/api/engine-api.js';
import { h, replaceChildren, setText } from '../../dom.js';
import { fieldControl, formValues } from '../../form-controls.js';
import { preprocessFields } from '../../train-fields.js';

export interface PreprocessPanel {
  element: HTMLElement;
  /** Draws the form for `recommended`, each field showing its value in `values` (its default when absent). */
  showFields(recommended: PreprocessOptions, values: Readonly<Record<string, string>>): void;
  showToTrain(button: { disabled: boolean; text: string }): void;
}

export function createPreprocessPanel(handlers: {
  onEdit(values: Record<string, string>): void;
  onToTrain(): void;
}): PreprocessPanel {
  const form = h('form', { class: 'settings', 'data-testid': 'preprocess-form', novalidate: true });
  const toTrain = h(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'go-train', disabled: true },
    'Next: Train →',
  );
  const element = h(
    'section',
    { class: 'panel', hidden: true, 'aria-labelledby': 'import-pre-h' },
    h('h2', { id: 'import-pre-h' }, 'Preprocessing'),
    form,
    toTrain,
  );
  // 'input' for typing, 'change' for selects (and a number's spinner in every browser)
  const edited = (): void => handlers.onEdit(formValues(form));
  form.addEventListener('input', edited);
  form.addEventListener('change', edited);
  form.addEventListener('submit', (e) => e.preventDefault());
  toTrain.addEventListener('click', () => handlers.onToTrain());

  return {
    element,
    showFields(recommended, values) {
      replaceChildren(
        form,
        preprocessFields(recommended).map((f) => fieldControl(f, 'preprocess', values[f.key])),
      );
    },
    showToTrain(button) {
      toTrain.disabled = button.disabled;
      setText(toTrain, button.text);
    },
  };
}
