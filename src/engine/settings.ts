/**
 * The engine's settings resolved: every default filled in from the option schema (src/api/option-schema.ts,
 * scopes 'trainer' and 'run') and every value checked by its one resolver, so the engine, the trainer, the
 * CLI and the page use the same defaults (cellsPerClass included) and refuse the same values.
 */
import { checkGivenOptions, resolveOptions } from '../api/option-resolve.js';
import { OPTION_SCHEMA } from '../api/option-schema.js';
import type { ResolvedSettings, TrainSettings } from './types.js';

/** Fraction of each labelled class held out for the quality check. */
export const DEFAULT_HOLDOUT: number = OPTION_SCHEMA.holdout.default;
/** The run seed. */
export const DEFAULT_SEED: number = OPTION_SCHEMA.seed.default;

/**
 * The settings with every default filled in and checked (what the run used; recorded in run.json). A value
 * out of range, an unknown choice or a bad combination is an OptionError naming the option; preprocessing
 * switches that are set are checked too ('auto' and unset ones are decided per matrix later).
 */
export function resolveSettings(settings: TrainSettings): ResolvedSettings {
  const { labelColumn, preprocess = {}, ...options } = settings;
  // classNames is the trainer's, set from the data; a caller's is ignored as before
  const { classNames: _ignored, ...given } = options as typeof options & { classNames?: unknown };
  const { holdout, splitSeed, regime, objective, stability, classEvidence, evidenceNoise, ...train } =
    resolveOptions(['trainer', 'run'], given);
  checkGivenOptions(['preprocess'], preprocess);
  return {
    ...train,
    labelColumn,
    holdout,
    // unset stays absent, as every computed default does: the run's seed then draws the split
    ...(splitSeed === undefined ? {} : { splitSeed }),
    preprocess: { ...preprocess },
    regime,
    objective,
    stability,
    classEvidence,
    evidenceNoise,
  };
}
