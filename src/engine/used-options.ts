/**
 * The report's `options`: every option of the one option schema (src/api/option-schema.ts), in its order, with
 * the value the run used — given, supplied by the regime or the objective's recipe, or the default — so a run
 * can be repeated from its report after a default changes. `parameters` stays as it was (retrain and the
 * model folder read it as settings to run again, where a computed value such as the picked learning rate must
 * not be fixed); this record is only read.
 */
import { optionDefault } from '../api/option-resolve.js';
import { OPTION_KEYS, OPTION_SCHEMA, type OptionKey, type OptionValue } from '../api/option-schema.js';
import type { PreprocessOptions } from '../api/preprocess-options.js';
import type { ResolvedSettings } from './types.js';

/**
 * Every schema option with the value the run used. null: a value the engine computes and the run does not
 * record (the schema's default is null and none was given — stepsPerEpoch, maxSteps: no cap, threads: one
 * per core…). A preprocessing 'auto' is recorded as 'auto'; what it decided is in the report's `recipe`.
 */
export type UsedOptions = { [K in OptionKey]: OptionValue<K> | null };

/** What `usedOptions` reads beside the run's settings. */
export interface UsedOptionParts {
  /** The run's settings after the regime and the objective's recipe (the report's `parameters`). */
  parameters: ResolvedSettings;
  /** The preprocessing options the fit was given (an embedding input's zscore off among them). */
  preprocess: PreprocessOptions;
  /** The seed that drew the split: splitSeed, else the run's seed. */
  splitSeed: number;
  /** The learning rate the trainer used (its pick when none was given); absent: not known. */
  learningRate?: number;
  /** Epochs between live map updates: 0 when the run sent none (the CLI). */
  snapshotEvery: number;
}

/** The report's `options` (see UsedOptions). */
export function usedOptions(p: UsedOptionParts): UsedOptions {
  // the settings by option name: ResolvedSettings types each key, but the loop walks every schema key
  const settings = p.parameters as unknown as Record<string, unknown>;
  const preprocess = p.preprocess as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) {
    const given = OPTION_SCHEMA[key].scope === 'preprocess' ? preprocess[key] : settings[key];
    out[key] = given ?? optionDefault(key, p.parameters) ?? null;
  }
  out.splitSeed = p.splitSeed;
  out.learningRate = p.learningRate ?? out.learningRate;
  out.snapshotEvery = p.snapshotEvery;
  return out as UsedOptions;
}
