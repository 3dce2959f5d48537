/**
 * Argument parsing shared by every command: node's parseArgs, with mistakes turned into UsageError
 * (exit code 2) and typed accessors that name the valid choices when a value is wrong.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses argv against the command's options; unknown options become a UsageError listing the known ones. */
export function parseCommandArgs(command: string, argv: string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (err) {
    const known = Object.keys(options)
      .map((name) => `--${name}`)
      .join(', ');
    const reason = err instanceof Error ? err.message : String(err);
    throw new UsageError(`tripletlens ${command}: ${reason}\nValid options: ${known}`);
  }
}

/** A string option, or the fallback when absent. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A numeric option checked against [min, max] (and integrality when asked). */
export function numberOption(
  args: ParsedArgs,
  name: string,
  range: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const { min = -Infinity, max = Infinity, integer = false } = range;
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'an integer' : 'a number';
    const bounds = [Number.isFinite(min) ? `≥ ${min}` : '', Number.isFinite(max) ? `≤ ${max}` : '']
      .filter(Boolean)
      .join(' and ');
    throw new UsageError(`--${name} must be ${kind}${bounds ? ` ${bounds}` : ''}; got '${raw}'`);
  }
  return value;
}

/** An option whose value must be one of `choices`. */
export function choiceOption<T extends string>(
  args: ParsedArgs,
  name: string,
  choices: readonly T[],
): T | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name} must be one of: ${choices.join(', ')}; got '${raw}'`);
  }
  return raw as T;
}

/** A boolean flag. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
