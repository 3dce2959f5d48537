/**
 * `train`'s own options (network, sampler, loss, split, preprocessing switches) turned into engine
 * TrainSettings. Values are checked here so a typo is a usage error (exit 2) naming the valid choices,
 * not a failure halfway through training.
 */
import type { PreprocessOptions } from '../api/preprocess-options.js';
import type { TrainSettings } from '../engine/types.js';
import { DISTANCE_KINDS } from '../losses/distance-kinds.js';
import { HOLDOUT_RANGE } from '../engine/settings.js';
import { REGIMES } from '../engine/regime.js';
import { LOSS_KINDS, TRAIN_OPTION_RANGES as RANGES, UNLABELED_MODES } from '../train/options.js';
import { SAMPLER_KINDS } from '../triplets/sampler-kinds.js';
import {
  choiceOption,
  flag,
  numberOption,
  shownValue,
  stringOption,
  type OptionSpec,
  type ParsedArgs,
} from './args.js';
import { UsageError } from './usage-error.js';

// The trainer's own lists, so the CLI accepts and lists exactly what the trainer does.
export const SAMPLERS = SAMPLER_KINDS;
export const LOSSES = LOSS_KINDS;
export const DISTANCES = DISTANCE_KINDS;
export const UNLABELED = UNLABELED_MODES;

/**
 * Seeds are plain integers from 0 to 2³²−1: the generator (src/util/random.ts) keeps 32 bits, so a larger
 * seed would silently repeat a smaller one's run. (The trainer also takes negative seeds from code.)
 */
export const SEED_RANGE = { min: 0, max: 2 ** 32 - 1, integer: true } as const;

/** Options that shape training (shared by `train` and anything else that trains). */
export const TRAINING_OPTIONS: OptionSpec = {
  dims: { type: 'string' },
  seed: { type: 'string' },
  epochs: { type: 'string' },
  holdout: { type: 'string' },
  sampler: { type: 'string' },
  loss: { type: 'string' },
  distance: { type: 'string' },
  margin: { type: 'string' },
  preset: { type: 'string' },
  'batch-size': { type: 'string' },
  'learning-rate': { type: 'string' },
  patience: { type: 'string' },
  'center-loss': { type: 'string' },
  'graph-weight': { type: 'string' },
  regime: { type: 'string' },
  stability: { type: 'boolean' },
  unlabeled: { type: 'string' },
};

/** Preprocessing switches; unset ones keep the preprocessing defaults. */
export const PREPROCESS_OPTIONS: OptionSpec = {
  normalize: { type: 'boolean' },
  'no-normalize': { type: 'boolean' },
  log1p: { type: 'boolean' },
  'no-log1p': { type: 'boolean' },
  'no-zscore': { type: 'boolean' },
  'top-genes': { type: 'string' },
  pca: { type: 'string' },
  clip: { type: 'string' },
  'target-sum': { type: 'string' },
};

/** 'default', 'wide', or hidden layer sizes like '256,128'. */
function presetOption(args: ParsedArgs): TrainSettings['preset'] {
  const raw = stringOption(args, 'preset');
  if (raw === undefined) return undefined;
  if (raw === 'default' || raw === 'wide') return raw;
  const parts = raw.split(',').map((s) => s.trim());
  const sizes = parts.map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 4096)) {
    throw new UsageError(
      `--preset must be one of: default, wide, or hidden layer sizes such as 256,128 (integers 1–4096); got ${shownValue(raw)}`,
    );
  }
  return sizes;
}

function onOff(args: ParsedArgs, name: string): boolean | undefined {
  const on = flag(args, name);
  const off = flag(args, `no-${name}`);
  if (on && off) throw new UsageError(`--${name} and --no-${name} contradict each other; give one`);
  return on ? true : off ? false : undefined;
}

/** The preprocessing switches that were given (others stay unset, so the defaults apply). */
export function preprocessFromArgs(args: ParsedArgs): PreprocessOptions {
  const options: PreprocessOptions = {};
  const normalize = onOff(args, 'normalize');
  if (normalize !== undefined) options.normalize = normalize;
  const log1p = onOff(args, 'log1p');
  if (log1p !== undefined) options.log1p = log1p;
  if (flag(args, 'no-zscore')) options.zscore = false;
  // bounds as src/preprocess/resolve-options.ts checks them (whole numbers ≥ 0, clip ≥ 0, target sum > 0)
  const topGenes = numberOption(args, 'top-genes', { min: 0, integer: true });
  if (topGenes !== undefined) options.topGenes = topGenes;
  const pca = numberOption(args, 'pca', { min: 0, integer: true });
  if (pca !== undefined) options.pcaComponents = pca;
  const clip = numberOption(args, 'clip', { min: 0 });
  if (clip !== undefined) options.clip = clip;
  const targetSum = numberOption(args, 'target-sum', { min: 1 });
  if (targetSum !== undefined) options.targetSum = targetSum;
  return options;
}

/** TrainSettings from the parsed options; only what was given is set. */
export function trainSettingsFromArgs(args: ParsedArgs, labelColumn: string): TrainSettings {
  const settings: TrainSettings = { labelColumn, preprocess: preprocessFromArgs(args) };
  const set = <K extends keyof TrainSettings>(key: K, value: TrainSettings[K] | undefined) => {
    if (value !== undefined) settings[key] = value;
  };
  set('dims', numberOption(args, 'dims', RANGES.dims));
  set('seed', numberOption(args, 'seed', SEED_RANGE));
  set('epochs', numberOption(args, 'epochs', RANGES.epochs));
  set('holdout', numberOption(args, 'holdout', HOLDOUT_RANGE));
  set('sampler', choiceOption(args, 'sampler', SAMPLERS));
  set('loss', choiceOption(args, 'loss', LOSSES));
  set('distance', choiceOption(args, 'distance', DISTANCES));
  set('margin', numberOption(args, 'margin', RANGES.margin));
  set('preset', presetOption(args));
  set('batchSize', numberOption(args, 'batch-size', RANGES.batchSize));
  set('learningRate', numberOption(args, 'learning-rate', RANGES.learningRate));
  set('patience', numberOption(args, 'patience', RANGES.patience));
  set('centerLossWeight', numberOption(args, 'center-loss', RANGES.centerLossWeight));
  set('graphWeight', numberOption(args, 'graph-weight', RANGES.graphWeight));
  set('regime', choiceOption(args, 'regime', REGIMES));
  if (flag(args, 'stability')) settings.stability = true;
  set('unlabeled', choiceOption(args, 'unlabeled', UNLABELED));
  return settings;
}
