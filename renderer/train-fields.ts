/**
 * The Train screen's settings: each field's label, default and one-line explanation, and the pure function
 * that turns the form's text values into a TrainRequest (or readable errors naming the field). Defaults are
 * the engine's own (src/api/train-defaults.ts); the form shows them so the user knows what "unchanged" means,
 * and fields left at their default are not sent, so an untouched form trains exactly like the CLI.
 */
import type { PreprocessOptions, TrainRequest } from '../src/api/engine-api.js';
import { TRAIN_DEFAULTS } from '../src/api/train-defaults.js';

interface FieldBase {
  /** The form control's name; also the data-testid suffix (`train-<key>`). */
  key: string;
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
  default: number;
  min: number;
  max: number;
  step: number;
  integer: boolean;
}

export type FormField = SelectField | NumberField;

/** Training settings in the order they appear. */
export const TRAIN_FIELDS: readonly FormField[] = [
  {
    key: 'sampler',
    label: 'Triplet sampling',
    kind: 'select',
    default: TRAIN_DEFAULTS.sampler,
    choices: [
      { value: 'semi-hard', label: 'semi-hard' },
      { value: 'hard', label: 'hard' },
      { value: 'balanced', label: 'balanced' },
      { value: 'random', label: 'random' },
      { value: 'batch-all', label: 'batch-all' },
    ],
    help: 'How triplets are picked: semi-hard uses negatives just beyond the positive, which usually learns best.',
  },
  {
    key: 'loss',
    label: 'Loss',
    kind: 'select',
    default: TRAIN_DEFAULTS.loss,
    choices: [
      { value: 'triplet', label: 'triplet' },
      { value: 'pn', label: 'PN (two negatives)' },
      { value: 'contrastive', label: 'contrastive' },
      { value: 'quadruplet', label: 'quadruplet' },
    ],
    help: 'triplet = max(d(A,P) − d(A,N) + margin, 0): same-class cells closer than other-class ones.',
  },
  {
    key: 'distance',
    label: 'Distance',
    kind: 'select',
    default: TRAIN_DEFAULTS.distance,
    choices: [
      { value: 'euclidean', label: 'euclidean' },
      { value: 'squared', label: 'squared euclidean' },
      { value: 'cosine', label: 'cosine' },
      { value: 'angular', label: 'angular' },
    ],
    help: 'How distance is measured in the map; euclidean matches what you see.',
  },
  {
    key: 'margin',
    label: 'Margin',
    kind: 'number',
    default: TRAIN_DEFAULTS.margin,
    min: 0,
    max: 100,
    step: 0.1,
    integer: false,
    help: `How much farther a different-class cell must be than a same-class one; left at ${TRAIN_DEFAULTS.margin}, cosine and angular distances use ${TRAIN_DEFAULTS.directionalMargin}.`,
  },
  {
    key: 'dims',
    label: 'Map dimensions',
    kind: 'select',
    default: String(TRAIN_DEFAULTS.dims),
    choices: [
      { value: '3', label: '3-D' },
      { value: '2', label: '2-D' },
    ],
    help: '3-D separates more classes; 2-D is easier to print.',
  },
  {
    key: 'preset',
    label: 'Network',
    kind: 'select',
    default: TRAIN_DEFAULTS.preset,
    choices: [
      { value: 'default', label: 'default' },
      { value: 'wide', label: 'wide' },
    ],
    help: 'Size of the encoder; wide has more capacity and trains slower.',
  },
  {
    key: 'epochs',
    label: 'Epochs',
    kind: 'number',
    default: TRAIN_DEFAULTS.epochs,
    min: 1,
    max: 10000,
    step: 1,
    integer: true,
    help: 'Passes over the labelled cells; training may stop earlier when the loss stops improving.',
  },
  {
    key: 'batchSize',
    label: 'Batch size',
    kind: 'number',
    default: TRAIN_DEFAULTS.batchSize,
    min: 2,
    max: 8192,
    step: 1,
    integer: true,
    help: 'Triplets per step; larger is smoother and slower per step.',
  },
  {
    key: 'learningRate',
    label: 'Learning rate',
    kind: 'number',
    default: TRAIN_DEFAULTS.learningRate,
    min: 1e-6,
    max: 1,
    step: 0.0001,
    integer: false,
    help: 'Adam step size; lower it if the loss jumps around or becomes NaN.',
  },
  {
    key: 'patience',
    label: 'Early-stop patience',
    kind: 'number',
    default: TRAIN_DEFAULTS.patience,
    min: 0,
    max: 10000,
    step: 1,
    integer: true,
    help: 'Epochs without improvement before stopping; 0 never stops early.',
  },
  {
    key: 'seed',
    label: 'Seed',
    kind: 'number',
    default: TRAIN_DEFAULTS.seed,
    min: 0,
    max: 2 ** 31 - 1,
    step: 1,
    integer: true,
    help: 'The same seed and settings give the same map.',
  },
  {
    key: 'holdoutPercent',
    label: 'Hold-out %',
    kind: 'number',
    default: TRAIN_DEFAULTS.holdout * 100,
    min: 0,
    max: 90,
    step: 1,
    integer: false,
    help: 'Labelled cells kept out of training to measure accuracy honestly.',
  },
  {
    key: 'unlabeled',
    label: 'Unlabeled cells',
    kind: 'select',
    default: TRAIN_DEFAULTS.unlabeled,
    choices: [
      { value: 'knn', label: 'train via nearest neighbours' },
      { value: 'exclude', label: 'exclude from training' },
    ],
    help: 'Cells without a label are always drawn; by default training places them near their input-space neighbours.',
  },
  {
    key: 'snapshotEvery',
    label: 'Update map every',
    kind: 'number',
    default: TRAIN_DEFAULTS.snapshotEvery,
    min: 0,
    max: 1000,
    step: 1,
    integer: true,
    help: 'Epochs between live map updates while training; 0 shows the map only at the end.',
  },
];

/** Preprocessing settings; defaults come from the dataset's recommendation (see preprocessFields). */
export function preprocessFields(recommended: PreprocessOptions): FormField[] {
  const tri = (v: boolean | 'auto' | undefined): string => (v === undefined ? 'auto' : String(v));
  const triChoices = [
    { value: 'auto', label: 'auto (detect counts)' },
    { value: 'true', label: 'on' },
    { value: 'false', label: 'off' },
  ];
  return [
    {
      key: 'normalize',
      label: 'Normalise library size',
      kind: 'select',
      default: tri(recommended.normalize),
      choices: triChoices,
      help: 'Scale every cell to the same total (10 000); for raw counts.',
    },
    {
      key: 'log1p',
      label: 'log1p',
      kind: 'select',
      default: tri(recommended.log1p),
      choices: triChoices,
      help: 'log(1 + x) after normalising; for raw counts.',
    },
    {
      key: 'topGenes',
      label: 'Most variable genes',
      kind: 'number',
      default: recommended.topGenes ?? 2000,
      min: 0,
      max: 1_000_000,
      step: 100,
      integer: true,
      help: 'Keep this many most variable genes; 0 keeps all.',
    },
    {
      key: 'zscore',
      label: 'Z-score genes',
      kind: 'select',
      default: String(recommended.zscore ?? true),
      choices: [
        { value: 'true', label: 'on' },
        { value: 'false', label: 'off' },
      ],
      help: 'Give every gene mean 0 and variance 1 so no gene dominates by scale.',
    },
    {
      key: 'pcaComponents',
      label: 'PCA components',
      kind: 'number',
      default: recommended.pcaComponents ?? 50,
      min: 0,
      max: 1000,
      step: 1,
      integer: true,
      help: 'Compress to this many components before training; 0 skips PCA.',
    },
  ];
}

/** Parses one number field; returns the value or a readable error. */
export function parseNumberField(field: NumberField, raw: string): { value: number } | { error: string } {
  const text = raw.trim();
  if (text === '') return { value: field.default };
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: `${field.label}: '${raw}' is not a number` };
  if (field.integer && !Number.isInteger(value)) return { error: `${field.label} must be a whole number` };
  if (value < field.min || value > field.max) {
    return { error: `${field.label} must be between ${field.min} and ${field.max}; got ${value}` };
  }
  return { value };
}

function readFields(
  fields: readonly FormField[],
  values: Readonly<Record<string, string>>,
  errors: string[],
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const field of fields) {
    const raw = values[field.key] ?? '';
    if (field.kind === 'number') {
      const parsed = parseNumberField(field, raw);
      if ('error' in parsed) errors.push(parsed.error);
      else out[field.key] = parsed.value;
    } else {
      const known = field.choices.some((c) => c.value === raw);
      out[field.key] = known ? raw : field.default;
    }
  }
  return out;
}

function triState(value: string | number): boolean | 'auto' {
  return value === 'true' ? true : value === 'false' ? false : 'auto';
}

/** The fields whose value differs from the field's default (the ones the user changed). */
function changed(fields: readonly FormField[], values: Record<string, string | number>): Set<string> {
  return new Set(fields.filter((f) => String(values[f.key]) !== String(f.default)).map((f) => f.key));
}

/**
 * Turns the form's values into a TrainRequest. Empty number fields fall back to their defaults; anything
 * else invalid is reported in `errors` (one readable sentence per field) and `request` is null. Fields left
 * at their default are not sent, so the engine applies its own defaults — an untouched form trains exactly
 * like `tripletlens train FILE --label COL` (and e.g. a cosine run keeps its own default margin).
 */
export function buildTrainRequest(
  labelColumn: string,
  trainValues: Readonly<Record<string, string>>,
  preprocessValues: Readonly<Record<string, string>>,
  recommended: PreprocessOptions,
): { request: TrainRequest | null; errors: string[] } {
  const errors: string[] = [];
  if (!labelColumn) errors.push('Choose a label column on the Import screen first.');
  const t = readFields(TRAIN_FIELDS, trainValues, errors);
  const preFields = preprocessFields(recommended);
  const p = readFields(preFields, preprocessValues, errors);
  if (errors.length > 0) return { request: null, errors };
  const tSet = changed(TRAIN_FIELDS, t);
  const pSet = changed(preFields, p);
  const preprocess: PreprocessOptions = {};
  if (pSet.has('normalize')) preprocess.normalize = triState(p.normalize);
  if (pSet.has('log1p')) preprocess.log1p = triState(p.log1p);
  if (pSet.has('topGenes')) preprocess.topGenes = Number(p.topGenes);
  if (pSet.has('zscore')) preprocess.zscore = p.zscore === 'true';
  if (pSet.has('pcaComponents')) preprocess.pcaComponents = Number(p.pcaComponents);
  const request: TrainRequest = { labelColumn };
  if (tSet.has('sampler')) request.sampler = t.sampler as TrainRequest['sampler'];
  if (tSet.has('loss')) request.loss = t.loss as TrainRequest['loss'];
  if (tSet.has('distance')) request.distance = t.distance as TrainRequest['distance'];
  if (tSet.has('margin')) request.margin = Number(t.margin);
  if (tSet.has('dims')) request.dims = Number(t.dims);
  if (tSet.has('preset')) request.preset = t.preset as 'default' | 'wide';
  if (tSet.has('epochs')) request.epochs = Number(t.epochs);
  if (tSet.has('batchSize')) request.batchSize = Number(t.batchSize);
  if (tSet.has('learningRate')) request.learningRate = Number(t.learningRate);
  if (tSet.has('patience')) request.patience = Number(t.patience);
  if (tSet.has('seed')) request.seed = Number(t.seed);
  if (tSet.has('holdoutPercent')) request.holdout = Number(t.holdoutPercent) / 100;
  if (tSet.has('unlabeled')) request.unlabeled = t.unlabeled as TrainRequest['unlabeled'];
  if (tSet.has('snapshotEvery')) request.snapshotEvery = Number(t.snapshotEvery);
  if (Object.keys(preprocess).length > 0) request.preprocess = preprocess;
  return { request, errors };
}
