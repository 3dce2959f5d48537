/**
 * OptionError: the one error for an option value outside its schema (src/api/option-schema.ts). It names the
 * option, the value and what is allowed; it is the core's 'bad-request' CoreError, so it crosses
 * the engine's transports as an 'invalid-request'. The CLI turns it into exit 2 (naming the flag), the page into a
 * message under the field; a mistyped choice ('semihard') gets the nearest valid one ("did you mean
 * 'semi-hard'?"). Imports only the schema and `closest-name.ts`.
 */
import { closestName } from './closest-name.js';
import { CoreError } from './core-error.js';
import { optionSpec, type OptionKey, type OptionSpec } from './option-schema.js';

/** What a spec allows, as a phrase: "an integer from 2 to 100000", "one of: knn, exclude"… */
export function describeAllowed(spec: OptionSpec): string {
  switch (spec.kind) {
    case 'number': {
      const kind = spec.integer ? 'an integer' : 'a number';
      return Number.isFinite(spec.max) ? `${kind} from ${spec.min} to ${spec.max}` : `${kind} ≥ ${spec.min}`;
    }
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

/** The default message: a choice names the valid ones, anything else what is allowed; then the suggestion. */
function defaultMessage(option: OptionKey, value: unknown, spec: OptionSpec): string {
  const near = didYouMean(nearestChoice(value, spec));
  if (spec.kind === 'choice') {
    return `Unknown ${option} ${shown(value)}; valid choices: ${spec.choices.join(', ')}${near}`;
  }
  return `${option} must be ${describeAllowed(spec)}; got ${shown(value)}${near}`;
}

/** A 'bad-request' CoreError (wire kind 'invalid-request', CLI exit 2) that names the option. */
export class OptionError extends CoreError {
  override name = 'OptionError';
  /** What the option allows, as a phrase (describeAllowed). */
  readonly allowed: string;
  /** The valid choice nearest to a mistyped text value ('semi-hard' for 'semihard'), or undefined. */
  readonly suggestion: string | undefined;

  constructor(
    /** The option's name in the schema (TrainRequest / TrainSettings / PreprocessOptions field). */
    readonly option: OptionKey,
    /** The value that was refused, as given (CLI text, or the request's value). */
    readonly value: unknown,
    /** A message for a rule between options; default: the option, what it allows and the value. */
    message?: string,
  ) {
    const spec = optionSpec(option);
    super('bad-request', message ?? defaultMessage(option, value, spec));
    this.allowed = describeAllowed(spec);
    this.suggestion = nearestChoice(value, spec);
  }

  /** The CLI flag of the option (`--batch-size`), or null when it has none. */
  get flag(): string | null {
    const spec = optionSpec(this.option);
    return spec.flag === null ? ('offFlag' in spec && spec.offFlag) || null : spec.flag;
  }
}
