/**
 * Form controls generated from field definitions (train-fields.ts): a labelled select or number input whose
 * hint states the field's purpose and default, and a reader for a form's current values.
 */
import { field, h, select } from './dom.js';
import type { FormField } from './train-fields.js';

/** A labelled control for one field; its `data-testid` is `<prefix>-<key>`. */
export function fieldControl(f: FormField, prefix: string, value?: string): HTMLElement {
  const attrs = { name: f.key, 'data-testid': `${prefix}-${f.key}` };
  const control =
    f.kind === 'select'
      ? select(attrs, f.choices, value ?? f.default)
      : h('input', {
          ...attrs,
          type: 'number',
          min: f.min,
          max: f.max,
          // 'any' for real-valued fields: the browser's step check would reject e.g. 0.001 with min 1e-6
          step: f.integer ? f.step : 'any',
          value: value ?? (f.default === null ? '' : String(f.default)),
          // an option the engine decides when unset shows 'auto' in its empty field
          ...(f.default === null ? { placeholder: 'auto' } : {}),
          inputmode: 'decimal',
        });
  const defaultText =
    f.kind === 'select'
      ? (f.choices.find((c) => c.value === f.default)?.label ?? f.default)
      : (f.autoText ?? String(f.default));
  return field(f.label, control, `${f.help} Default: ${defaultText}.`);
}

/** The current values of a form's named inputs and selects. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || !el.name) continue;
    // a number input holding text reports '' as its value; say so instead of silently using the default
    out[el.name] = el instanceof HTMLInputElement && el.validity.badInput ? 'not-a-number' : el.value;
  }
  return out;
}

/**
 * Shows each message under its field (by control name, e.g. buildTrainRequest's fieldErrors) and marks the
 * control invalid; fields without a message lose an earlier one. The message's data-testid is
 * `<control's data-testid>-error`.
 */
export function showFieldMessages(form: HTMLFormElement, messages: Readonly<Record<string, string>>): void {
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || !el.name) continue;
    showControlMessage(el, messages[el.name]);
  }
}

/**
 * Shows `message` under the control `el` in its field (data-testid `<its testid>-error`, aria-invalid), or
 * clears the one shown when `message` is undefined.
 */
export function showControlMessage(el: HTMLElement, message: string | undefined): void {
  const box = el.closest('.field');
  box?.querySelector(':scope > .field-error')?.remove();
  if (message === undefined) {
    el.removeAttribute('aria-invalid');
    return;
  }
  el.setAttribute('aria-invalid', 'true');
  const testId = el.getAttribute('data-testid');
  box?.append(
    h(
      'small',
      { class: 'field-error', role: 'alert', ...(testId ? { 'data-testid': `${testId}-error` } : {}) },
      message,
    ),
  );
}
