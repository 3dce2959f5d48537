/**
 * OptionError: the one error for an option value outside its schema (src/api/option-schema.ts). It names the
 * option, the value and what is allowed; it is the core's 'bad-request' CoreError, so it crosses
 * the engine's transports as an 'invalid-request'. Its `message` names the option as the CLI does (the flag,
 * `--batch-size`), its `appMessage` as the page does (the Train screen's 'Batch size'), which the transports
 * send to the page (`toErrorInfo`); the CLI turns it into exit 2, the page into a message under the field; a
 * mistyped choice ('semihard') gets the nearest valid one ("did you mean 'semi-hard'?"). Imports only the
 * schema, its words and `closest-name.ts`.
 */
import { closestName } from './closest-name.js';
import { CoreError } from './core-error.js';
import { optionSpec, type OptionKey, type OptionSpec } from './option-schema.js';
import { optionName, optionScale, type OptionSide } from './option-words.js';

/** `n` in a field's scale (a fraction as a percentage), without float noise (0.9 × 100 is 90, not 90.000…01). */
function scaled(n: number, scale: number): number {
  return scale === 1 ? n : Number((n * scale).toPrecision(12));
}

/**
 * A numeric range as a phrase — "an integer from 1 to 10", "a number ≥ 0" (unbounded sides left out) — the one
 * wording of every numeric option: the schema's, and the CLI's own flags' (serve's --port), so a user never
 * meets the same rule in two wordings.
 */
export function describeRange(integer: boolean, min: number, max: number): string {
  const kind = integer ? 'an integer' : 'a number';
  if (Number.isFinite(min) && Number.isFinite(max)) return `${kind} from ${min} to ${max}`;
  if (Number.isFinite(min)) return `${kind} ≥ ${min}`;
  if (Number.isFinite(max)) return `${kind} ≤ ${max}`;
  return kind;
}

/**
 * What a spec allows, as a phrase: "an integer from 2 to 100000", "one of: knn, exclude"…; numbers in the
 * scale a field shows them (`scale`, default 1).
 */
export function describeAllowed(spec: OptionSpec, scale = 1): string {
  switch (spec.kind) {
    case 'number':
      return describeRange(spec.integer, scaled(spec.min, scale), scaled(spec.max, scale));
    case 'choice':
      return `one of: ${spec.choices.join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'auto-boolean':
      return "true, false or 'auto'";
    case 'layers':
      return `one of: ${spec.choices.join(', ')}, or hidden layer sizes such as 256,128 (integers ${spec.minSize}–${spec.maxSize})`;
  }
}

/** A value as shown in a message: text quoted and cut short, anything else as JSON-ish text. */
function shown(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 60)}…` : value}'`;
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/** The valid choice nearest to a mistyped text `value` of a choice (or layers) option, or undefined. */
function nearestChoice(value: unknown, spec: OptionSpec): string | undefined {
  if (typeof value !== 'string' || (spec.kind !== 'choice' && spec.kind !== 'layers')) return undefined;
  return closestName(value.trim(), spec.choices);
}

/** "; did you mean 'semi-hard'?" for a suggestion, else nothing. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `; did you mean '${suggestion}'?`;
}

/**
 * The default message on `side`: the option by its name there, what it allows and the value, in the scale
 * that side shows it; then the suggestion.
 */
function defaultMessage(option: OptionKey, value: unknown, side: OptionSide): string {
  const spec = optionSpec(option);
  const scale = optionScale(option, side);
  const near = didYouMean(nearestChoice(value, spec));
  const given = typeof value === 'number' ? scaled(value, scale) : value;
  return `${optionName(option, side)} must be ${describeAllowed(spec, scale)}; got ${shown(given)}${near}`;
}

/** A rule's message in one side's words: `name` gives an option's name there (a flag, or the page's label). */
export type RuleMessage = (name: (option: OptionKey) => string) => string;

/** The message on `side`: the rule's, worded for that side, or the default one. */
function sideMessage(option: OptionKey, value: unknown, side: OptionSide, rule?: RuleMessage): string {
  return rule ? rule((key) => optionName(key, side)) : defaultMessage(option, value, side);
}

/** A 'bad-request' CoreError (wire kind 'invalid-request', CLI exit 2) that names the option. */
export class OptionError extends CoreError {
  override name = 'OptionError';
  /** The message naming the page's setting ('Batch size must be …'), where `message` names the flag. */
  declare appMessage: string;
  /** What the option allows, as a phrase (describeAllowed). */
  readonly allowed: string;
  /** The valid choice nearest to a mistyped text value ('semi-hard' for 'semihard'), or undefined. */
  readonly suggestion: string | undefined;

  constructor(
    /** The option's name in the schema (TrainRequest / TrainSettings / PreprocessOptions field). */
    readonly option: OptionKey,
    /** The value that was refused, as given (CLI text, or the request's value). */
    readonly value: unknown,
    /** A message for a rule between options, worded per side; default: the option, what it allows and the value. */
    rule?: RuleMessage,
  ) {
    const spec = optionSpec(option);
    super('bad-request', sideMessage(option, value, 'cli', rule));
    this.appMessage = sideMessage(option, value, 'page', rule);
    this.allowed = describeAllowed(spec);
    this.suggestion = nearestChoice(value, spec);
  }

  /** The CLI flag of the option (`--batch-size`), or null when it has none. */
  get flag(): string | null {
    const spec = optionSpec(this.option);
    return spec.flag === null ? ('offFlag' in spec && spec.offFlag) || null : spec.flag;
  }
}
