/**
 * The resolver derived from the option schema: checks a value against its option's spec, parses a
 * command-line text, fills in defaults and applies the rules between options — all with OptionError. The
 * engine (src/train/options.ts, src/engine/settings.ts), the CLI and the page all validate through here, so a
 * value one accepts is one the others accept. Imports only src/api.
 */
import { OptionError } from './option-error.js';
import {
  DIRECTIONAL_DISTANCES,
  optionKeys,
  optionSpec,
  type OptionKey,
  type OptionKeyIn,
  type OptionSchema,
  type OptionScope,
  type OptionValue,
  type OptionValues,
} from './option-schema.js';

/** Plain decimal integers: no sign but minus, no hex (`0x10`), no exponent (`1e3`), not empty. */
const PLAIN_INTEGER = /^-?\d+$/;
/** Plain decimal numbers, with an optional exponent (`1e-4`); no hex, no `Infinity`, not empty. */
const PLAIN_DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number written as a plain decimal (integers: digits only), or NaN for anything else. */
export function parsePlainNumber(text: string, integer: boolean): number {
  return (integer ? PLAIN_INTEGER : PLAIN_DECIMAL).test(text) ? Number(text) : NaN;
}

function isValid(key: OptionKey, value: unknown): boolean {
  const spec = optionSpec(key);
  switch (spec.kind) {
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= spec.min &&
        value <= spec.max &&
        (!spec.integer || Number.isInteger(value))
      );
    case 'choice':
      return typeof value === 'string' && spec.choices.includes(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'auto-boolean':
      return typeof value === 'boolean' || value === 'auto';
    case 'layers':
      return typeof value === 'string'
        ? spec.choices.includes(value)
        : Array.isArray(value) &&
            value.length > 0 &&
            value.every((n) => Number.isInteger(n) && n >= spec.minSize && n <= spec.maxSize);
  }
}

/** `value` when option `key` allows it; otherwise an OptionError naming the option, value and range. */
export function checkOption<K extends OptionKey>(key: K, value: unknown): OptionValue<K> {
  if (!isValid(key, value)) throw new OptionError(key, value);
  return value as OptionValue<K>;
}

/** The value of option `key` written on a command line; an OptionError quotes the text as given. */
export function parseOptionText<K extends OptionKey>(key: K, text: string): OptionValue<K> {
  const spec = optionSpec(key);
  let value: unknown = text;
  if (spec.kind === 'number') value = parsePlainNumber(text, spec.integer);
  else if (spec.kind === 'boolean' || spec.kind === 'auto-boolean') {
    value = text === 'true' ? true : text === 'false' ? false : text;
  } else if (spec.kind === 'layers' && !spec.choices.includes(text)) {
    value = text.split(',').map((s) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN));
  }
  if (!isValid(key, value)) throw new OptionError(key, text);
  return value as OptionValue<K>;
}

/**
 * The default of option `key`, given the other options set (the margin's depends on the distance); undefined
 * when the engine computes it (stepsPerEpoch).
 */
export function optionDefault<K extends OptionKey>(
  key: K,
  given: { distance?: unknown } = {},
): OptionValue<K> | undefined {
  const spec = optionSpec(key);
  if (spec.kind === 'number' && spec.directionalDefault !== undefined) {
    const directional = (DIRECTIONAL_DISTANCES as readonly unknown[]).includes(given.distance);
    if (directional) return spec.directionalDefault as OptionValue<K>;
  }
  return (spec.default ?? undefined) as OptionValue<K> | undefined;
}

/** The default as `--help`, the README and the form show it. */
export function formatDefault(key: OptionKey): string {
  const spec = optionSpec(key);
  if (spec.defaultText !== undefined) return spec.defaultText;
  if (typeof spec.default === 'boolean') return spec.default ? 'on' : 'off';
  return String(spec.default);
}

/** Rules between options, checked after each option alone. */
export function checkCombination(values: { loss?: unknown; sampler?: unknown }): void {
  if (values.loss === 'quadruplet' && values.sampler === 'batch-all') {
    throw new OptionError(
      'sampler',
      'batch-all',
      (name) =>
        `The quadruplet loss needs sampled quadruplets; set ${name('sampler')} to random, balanced, semi-hard or hard`,
    );
  }
}

/** Options whose default the engine computes (null in the schema): they stay optional when resolved. */
type ComputedDefault = {
  [K in OptionKey]: OptionSchema[K]['default'] extends null ? K : never;
}[OptionKey];

/** Every option of the scopes with its value: what a run uses. */
export type ResolvedOptions<S extends OptionScope> = {
  [K in Exclude<OptionKeyIn<S>, ComputedDefault>]: OptionValue<K>;
} & { [K in Extract<OptionKeyIn<S>, ComputedDefault>]?: OptionValue<K> };

/**
 * Every option of `scopes`: the given value checked, or the default. Options without a default (computed
 * by the engine) are set only when given. Keys of `given` outside the scopes are ignored.
 */
export function resolveOptions<S extends OptionScope>(
  scopes: readonly S[],
  given: OptionValues<S>,
): ResolvedOptions<S> {
  const values = given as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of optionKeys(...scopes)) {
    const value = values[key] ?? optionDefault(key, values);
    if (value !== undefined) out[key] = checkOption(key, value);
  }
  checkCombination(out);
  return out as ResolvedOptions<S>;
}

/** Checks the options of `scopes` that are set in `given` (others keep their meaning, e.g. 'auto' later). */
export function checkGivenOptions<S extends OptionScope>(scopes: readonly S[], given: OptionValues<S>): void {
  const values = given as Record<string, unknown>;
  for (const key of optionKeys(...scopes)) {
    if (values[key] !== undefined) checkOption(key, values[key]);
  }
  checkCombination(values);
}
