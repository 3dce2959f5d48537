/**
 * `train`'s own options (network, sampler, loss, split, preprocessing switches) turned into engine
 * TrainSettings. The flags, their types and their checks are the option schema's (src/api/option-schema.ts):
 * every value is parsed and checked here, before the (slow) import, so a bad one is a usage error (exit 2)
 * naming the flag and its valid range or choices, never a failure halfway through training.
 */
import type { PreprocessOptions } from '../api/preprocess-options.js';
import { OptionError } from '../api/option-error.js';
import { checkCombination, parseOptionText } from '../api/option-resolve.js';
import { optionKeys, optionSpec, type OptionKey, type OptionScope } from '../api/option-schema.js';
import type { TrainSettings } from '../engine/types.js';
import { flag, stringOption, type OptionSpec, type ParsedArgs } from './args.js';
import { UsageError } from './usage-error.js';

/** The node parseArgs spec of every schema option of `scopes` that has a flag. */
function cliOptionSpec(...scopes: OptionScope[]): OptionSpec {
  const spec: OptionSpec = {};
  for (const key of optionKeys(...scopes)) {
    const option = optionSpec(key);
    const isSwitch = option.kind === 'boolean' || option.kind === 'auto-boolean';
    if (option.flag !== null) spec[option.flag] = { type: isSwitch ? 'boolean' : 'string' };
    if ('offFlag' in option && option.offFlag) spec[option.offFlag] = { type: 'boolean' };
  }
  return spec;
}

/** Options that shape training (shared by `train` and anything else that trains). */
export const TRAINING_OPTIONS: OptionSpec = cliOptionSpec('trainer', 'run');

/** Preprocessing switches; unset ones keep the preprocessing defaults. */
export const PREPROCESS_OPTIONS: OptionSpec = cliOptionSpec('preprocess');

/** The value of one schema option as given on the command line, or undefined when not given. */
function optionFromArgs(args: ParsedArgs, key: OptionKey): unknown {
  const spec = optionSpec(key);
  if (spec.kind === 'boolean' || spec.kind === 'auto-boolean') {
    const on = spec.flag !== null && flag(args, spec.flag);
    const off = spec.offFlag !== undefined && flag(args, spec.offFlag);
    if (on && off) {
      throw new UsageError(`--${spec.flag} and --${spec.offFlag} contradict each other; give one`);
    }
    return on ? true : off ? false : undefined;
  }
  const raw = spec.flag === null ? undefined : stringOption(args, spec.flag);
  if (raw === undefined) return undefined;
  try {
    return parseOptionText(key, raw);
  } catch (err) {
    // the schema's own words (the flag, its range or choices, the text given, the nearest choice)
    throw err instanceof OptionError ? new UsageError(err.message) : err;
  }
}

/** The given options of `scopes` (others stay unset, so the defaults apply). */
function optionsFromArgs(args: ParsedArgs, ...scopes: OptionScope[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const key of optionKeys(...scopes)) {
    const value = optionFromArgs(args, key);
    if (value !== undefined) options[key] = value;
  }
  return options;
}

/** The preprocessing switches that were given (others stay unset, so the defaults apply). */
export function preprocessFromArgs(args: ParsedArgs): PreprocessOptions {
  return optionsFromArgs(args, 'preprocess') as PreprocessOptions;
}

/** TrainSettings from the parsed options; only what was given is set. Rules between options are checked too. */
export function trainSettingsFromArgs(args: ParsedArgs, labelColumn: string): TrainSettings {
  const options = optionsFromArgs(args, 'trainer', 'run');
  try {
    checkCombination(options);
  } catch (err) {
    // a rule between options (quadruplet loss × batch-all sampler) explains itself
    throw err instanceof OptionError ? new UsageError(err.message) : err;
  }
  return { labelColumn, preprocess: preprocessFromArgs(args), ...options };
}
