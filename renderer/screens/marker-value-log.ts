/**
 * The marker panel's select of how the values as imported were logged (MarkerRequest.valueLog), which decides
 * the fold change only: shown under a result on values used as imported — not counts the engine normalised
 * itself, nor centred values, which show no fold change (`shownValueLog`). data-testid: markers-value-log.
 */
import type { MarkerResult, ValueLog } from '../../src/api/markers.js';
import { h, select } from '../dom.js';
import { shownValueLog, VALUE_LOG_CHOICES, VALUE_LOG_LABEL } from '../markers-model.js';

export interface ValueLogControl {
  element: HTMLElement;
  /** Shows the choice `result` was found with (hidden for null or where no choice is offered). */
  show(result: MarkerResult | null): void;
}

/** `onChange`: the user's choice, undefined for the file's own log1p base (no choice sent). */
export function createValueLogControl(onChange: (choice: ValueLog | undefined) => void): ValueLogControl {
  const control = select(
    {
      'data-testid': 'markers-value-log',
      title: 'How the values as imported were logged: decides log₂FC only',
    },
    VALUE_LOG_CHOICES,
  );
  const element = h('label', { class: 'markers-value-log', hidden: true }, VALUE_LOG_LABEL, control);
  control.addEventListener('change', () => {
    const value = control.value;
    onChange(VALUE_LOG_CHOICES.find((c) => c.value === value)?.value);
  });
  return {
    element,
    show(result) {
      const shown = result ? shownValueLog(result) : null;
      element.hidden = shown === null;
      if (shown === null || !result) return;
      control.querySelector('option[value=""]')?.remove();
      if (shown === 'file') {
        // the file's uns['log1p'] base is none of the choices: offered as the default, which sends no choice
        control.prepend(h('option', { value: '' }, `log1p, base ${result.log1pBase ?? ''} (the file’s)`));
      }
      control.value = shown === 'file' ? '' : shown;
    },
  };
}
