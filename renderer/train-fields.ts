/**
 * The Train screen's settings: the form's fields derived from the option schema (src/api/option-schema.ts) —
 * label, help, default, range and choices are the schema's, so the form refuses exactly what the engine and
 * the CLI refuse — and the pure function that turns the form's text values into a TrainRequest (or readable
 * messages naming the field). Fields left at their default are not sent, so an untouched form trains exactly
 * like `tripletlens train FILE --label COL`. Only presentation is added here: the order, the choice labels,
 * the hold-out shown as a percentage, the map dimensions offered (2 or 3), and a help in the page's words
 * where the schema's names an option the form has no field for by its key (Seed's splitSeed).
 */
import type { PreprocessOptions, TrainRequest } from '../src/api/engine-api.js';
import { OptionError } from '../src/api/option-error.js';
import { checkCombination, checkOption, optionDefault } from '../src/api/option-resolve.js';
import { optionSpec, type OptionKey } from '../src/api/option-schema.js';
import { optionScale, pageOptionName } from '../src/api/option-words.js';

interface FieldBase {
  /** The form control's name; also the data-testid suffix (`train-<key>`). */
  key: string;
  /** The schema option the field sets. */
  option: OptionKey;
  label: string;
  /** One line shown under the control. */
  help: string;
}

export interface SelectField extends FieldBase {
  kind: 'select';
  choices: readonly { value: string; label: string }[];
  default: string;
}

export interface NumberField extends FieldBase {
  kind: 'number';
  /** null: the engine decides (the field is left empty, showing `autoText`). */
  default: number | null;
  /** What an empty field means, when the default is null ("auto: …"). */
  autoText?: string;
  min: number;
  max: number;
  step: number;
  integer: boolean;
  /** The field shows the option's value times this (the hold-out as a percentage: 100). Default 1. */
  scale?: number;
}

export type FormField = SelectField | NumberField;

/** What the form adds to an option: its place, and how it is shown (label and scale: option-words.ts). */
interface FieldLayout {
  option: OptionKey;
  /** The control's name when not the option's. */
  key?: string;
  /** Labels of some choices (the rest show their value). */
  choiceLabels?: Record<string, string>;
  /** The values offered, when the form offers fewer than the option allows (map dimensions: 3 or 2). */
  offered?: readonly string[];
  step?: number;
  /**
   * The help in the page's words, when the schema's names another option by its key — one the form has no
   * field for (the CLI's help names it by its flag). Default: the schema's help.
   */
  help?: string;
}

/** A select of the option's choices (or `offered` ones), labelled. */
function selectField(layout: FieldLayout, base: FieldBase, fallback: string): SelectField {
  const spec = optionSpec(layout.option);
  const values = layout.offered ?? ('choices' in spec ? spec.choices : []);
  const choices = values.map((value) => ({ value, label: layout.choiceLabels?.[value] ?? value }));
  return { ...base, kind: 'select', choices, default: fallback };
}

/** The field of one option: the schema's spec with the layout's presentation. */
function formField(layout: FieldLayout, fallback?: string | number | boolean): FormField {
  const spec = optionSpec(layout.option);
  const value = fallback ?? optionDefault(layout.option);
  let help = layout.help ?? spec.help;
  if (spec.kind === 'number' && spec.directionalDefault !== undefined) {
    help += ` Left at ${spec.default}, cosine and angular distances use ${spec.directionalDefault}.`;
  }
  const base = {
    key: layout.key ?? layout.option,
    option: layout.option,
    label: pageOptionName(layout.option),
    help,
  };
  if (spec.kind !== 'number' || layout.offered) return selectField(layout, base, String(value));
  const scale = optionScale(layout.option, 'page');
  return {
    ...base,
    kind: 'number',
    default: value == null ? null : Number(value) * scale,
    ...(value == null ? { autoText: spec.defaultText ?? 'auto' } : {}),
    min: spec.min * scale,
    max: spec.max * scale,
    step: layout.step ?? 1,
    integer: spec.integer,
    ...(scale === 1 ? {} : { scale }),
  };
}

const ON_OFF = { true: 'on', false: 'off' };

/** The training options the form offers, in order, with their presentation. */
const TRAIN_LAYOUT: readonly FieldLayout[] = [
  { option: 'sampler', offered: ['semi-hard', 'hard', 'balanced', 'random', 'batch-all'] },
  { option: 'loss', choiceLabels: { pn: 'PN (two negatives)' } },
  { option: 'distance', choiceLabels: { squared: 'squared euclidean' } },
  { option: 'margin' },
  // one switch for the terms below with a measured recipe (docs/objective.md); options set here win
  {
    option: 'objective',
    choiceLabels: {
      neighbourhoods: 'keep neighbourhoods (auto recipe)',
      graph: 'neighbourhoods: graph recipe',
      order: 'neighbourhoods: order recipe',
      'order-wide': 'neighbourhoods: wide order recipe (slow)',
    },
  },
  // the terms that keep input-space neighbourhoods and pull classes apart (docs/objective.md); 0 = off
  { option: 'graphWeight' },
  { option: 'orderWeight' },
  {
    option: 'classRatioWeight',
    // the class ratio itself has no field: the page's runs take its default
    help:
      `Weight of a scale-free class term: a cell ${String(optionDefault('classRatio'))} times nearer a random ` +
      'cell of its class than one of another class; keeps classes compact beside the order term. 0 = off.',
  },
  { option: 'classifierWeight' },
  // the classifier's evidence appended to the encoder's input (docs/objective.md); 0 = off
  { option: 'classEvidence' },
  { option: 'dims', offered: ['3', '2'], choiceLabels: { 3: '3-D', 2: '2-D' } },
  { option: 'preset' },
  { option: 'epochs' },
  { option: 'maxSteps' },
  { option: 'batchSize' },
  { option: 'learningRate' },
  { option: 'patience' },
  // no Split seed field: the seed splits too
  {
    option: 'seed',
    help: 'One seed for the split, sampling and initialisation: the same seed and settings give the same map.',
  },
  // shown as a percentage, 'Hold-out %' (PAGE_PRESENTATION, which the engine's refusals name too)
  { option: 'holdout', key: 'holdoutPercent' },
  {
    option: 'unlabeled',
    choiceLabels: { knn: 'train via nearest neighbours', exclude: 'exclude from training' },
  },
  { option: 'snapshotEvery' },
];

/** Training settings in the order they appear. */
export const TRAIN_FIELDS: readonly FormField[] = TRAIN_LAYOUT.map((layout) => formField(layout));

/** Preprocessing settings; defaults come from the dataset's recommendation, else the schema's. */
export function preprocessFields(recommended: PreprocessOptions): FormField[] {
  const triChoices = { auto: 'auto (detect counts)', ...ON_OFF };
  return [
    formField(
      { option: 'normalize', offered: ['auto', 'true', 'false'], choiceLabels: triChoices },
      recommended.normalize,
    ),
    formField(
      { option: 'log1p', offered: ['auto', 'true', 'false'], choiceLabels: triChoices },
      recommended.log1p,
    ),
    formField({ option: 'topGenes', step: 100 }, recommended.topGenes),
    formField({ option: 'zscore', offered: ['true', 'false'], choiceLabels: ON_OFF }, recommended.zscore),
    formField({ option: 'pcaComponents' }, recommended.pcaComponents),
  ];
}

/** The message under a number field for a value its option refuses (in the field's own scale). */
function numberMessage(field: NumberField, value: number): string {
  if (field.integer && !Number.isInteger(value)) return `${field.label} must be a whole number`;
  return `${field.label} must be between ${field.min} and ${field.max}; got ${value}`;
}

/** Parses one number field and checks it against its option; returns the value or a readable error. */
export function parseNumberField(
  field: NumberField,
  raw: string,
): { value: number | null } | { error: string } {
  const text = raw.trim();
  if (text === '') return { value: field.default };
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: `${field.label}: '${raw}' is not a number` };
  try {
    checkOption(field.option, value / (field.scale ?? 1));
  } catch (err) {
    if (err instanceof OptionError) return { error: numberMessage(field, value) };
    throw err;
  }
  return { value };
}

/** The option's value of a field's (checked) form value. */
function optionValue(field: FormField, value: string | number): unknown {
  const spec = optionSpec(field.option);
  switch (spec.kind) {
    case 'number':
      return Number(value) / (field.kind === 'number' ? (field.scale ?? 1) : 1);
    case 'auto-boolean':
      return value === 'true' ? true : value === 'false' ? false : 'auto';
    case 'boolean':
      return value === 'true';
    default:
      return String(value);
  }
}

/**
 * The options the user changed (a field whose value differs from its default), by option name; a bad number
 * is a message by field key instead.
 */
function readFields(
  fields: readonly FormField[],
  values: Readonly<Record<string, string>>,
  fieldErrors: Record<string, string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.key] ?? '';
    let value: string | number | null = field.default;
    if (field.kind === 'number') {
      const parsed = parseNumberField(field, raw);
      if ('error' in parsed) fieldErrors[field.key] = parsed.error;
      else value = parsed.value;
    } else if (field.choices.some((c) => c.value === raw)) {
      value = raw;
    }
    if (value !== null && String(value) !== String(field.default)) {
      out[field.option] = optionValue(field, value);
    }
  }
  return out;
}

/**
 * Turns the form's values into a TrainRequest. Empty number fields fall back to their defaults; anything
 * else invalid is reported in `errors` (one readable sentence per field; `fieldErrors` has the same by field
 * key, for a message under the field) and `request` is null. Fields left at their default are not sent, so
 * the engine applies its own defaults — an untouched form trains exactly like `tripletlens train FILE --label
 * COL` (and e.g. a cosine run keeps its own default margin).
 */
export function buildTrainRequest(
  labelColumn: string,
  trainValues: Readonly<Record<string, string>>,
  preprocessValues: Readonly<Record<string, string>>,
  recommended: PreprocessOptions,
): { request: TrainRequest | null; errors: string[]; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const train = readFields(TRAIN_FIELDS, trainValues, fieldErrors);
  const preprocess = readFields(preprocessFields(recommended), preprocessValues, fieldErrors);
  try {
    checkCombination({
      loss: train.loss ?? optionDefault('loss'),
      sampler: train.sampler ?? optionDefault('sampler'),
    });
  } catch (err) {
    if (!(err instanceof OptionError)) throw err;
    // the page's words: a rule names the Train screen's settings, not the CLI's flags
    fieldErrors[err.option] = err.appMessage;
  }
  const errors = [
    ...(labelColumn ? [] : ['Choose a label column on the Import screen first.']),
    ...Object.values(fieldErrors),
  ];
  if (errors.length > 0) return { request: null, errors, fieldErrors };
  const request: TrainRequest = { labelColumn, ...train };
  if (Object.keys(preprocess).length > 0) request.preprocess = preprocess as PreprocessOptions;
  return { request, errors, fieldErrors };
}
