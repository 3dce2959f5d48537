/**
 * The forms' text of a run's settings: the inverse of train-fields.ts `buildTrainRequest`, so a page that
 * joins a run in progress (a reload, a second tab) shows in its Train form — and the Import screen's
 * preprocessing form — what the page that started the run shows, and a Start from them asks for the same run.
 * Pure (no DOM).
 */
import type { PreprocessOptions, TrainRequest } from '../src/api/engine-api.js';
import { preprocessFields, TRAIN_FIELDS, type FormField } from './train-fields.js';

/** A field's text for the option value `value` (unset: the field's default text, '' for an 'auto' field). */
function fieldText(field: FormField, value: unknown): string {
  // the field's default is in its own scale already (the hold-out's 20 %)
  if (value === undefined || value === null) return field.default === null ? '' : String(field.default);
  if (field.kind === 'select') {
    // a value the select does not offer (a preset given as layer sizes) cannot be shown: its default is
    const text = String(value);
    return field.choices.some((c) => c.value === text) ? text : field.default;
  }
  const scale = field.scale ?? 1;
  // the hold-out as a percentage: 0.15 × 100 is 15.000000000000002 in floating point
  return scale === 1 ? String(value) : String(Number((Number(value) * scale).toPrecision(12)));
}

/** The text of each of `fields` (by key) for the options in `options` (by option name). */
function fieldTexts(
  fields: readonly FormField[],
  options: Readonly<Record<string, unknown>>,
): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, fieldText(f, options[f.option])]));
}

/** The Train form's values (field key → text) that show `request`; fields it leaves unset show their default. */
export function trainFormValues(request: TrainRequest): Record<string, string> {
  return fieldTexts(TRAIN_FIELDS, request as unknown as Record<string, unknown>);
}

/**
 * The Import screen's preprocessing values (field key → text, as `AppState.preprocessValues` holds them) that
 * show `preprocess`; fields it leaves unset show the data's `recommended` value, as they do untouched.
 */
export function preprocessFormValues(
  preprocess: PreprocessOptions,
  recommended: PreprocessOptions,
): Record<string, string> {
  return fieldTexts(preprocessFields(recommended), preprocess as Record<string, unknown>);
}
