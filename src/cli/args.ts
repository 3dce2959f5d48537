/**
 * Argument parsing shared by every command: node's parseArgs, with mistakes turned into UsageError
 * (exit code 2) and typed accessors that name the valid choices when a value is wrong.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parsePlainNumber } from '../api/option-resolve.js';
import { UsageError } from './usage-error.js';
import { closestName } from '../api/closest-name.js';
import { describeRange } from '../api/option-error.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** A token that is a negative number (`-1`, `-0.5`, `-.5`, `-1e3`), not an option. */
const NEGATIVE_NUMBER = /^-(?:\d|\.\d)/;

/**
 * Joins `--name -1` into `--name=-1` for options that take a value, so a negative number reaches the
 * option's own range check instead of node's "argument is ambiguous".
 */
function joinNegativeValues(argv: readonly string[], options: OptionSpec): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') return [...joined, ...argv.slice(i)];
    const name = token.startsWith('--') ? token.slice(2) : undefined;
    const next = argv[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      joined.push(`${token}=${next}`);
      i++;
    } else {
      joined.push(token);
    }
  }
  return joined;
}

/** One option token as node's parseArgs lists it (`tokens: true`). */
interface OptionToken {
  kind: string;
  name?: string;
  value?: string;
}

/**
 * Refuses a single-valued option given twice with different values (`--label a --label b`): node keeps the
 * last one silently, so the user would not know which one ran. The same value twice is harmless and kept.
 */
function refuseRepeats(command: string, tokens: readonly OptionToken[], options: OptionSpec): void {
  const seen = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined || token.value === undefined) continue;
    const spec = options[token.name];
    if (spec?.type !== 'string' || spec.multiple === true) continue;
    const first = seen.get(token.name);
    if (first === undefined) seen.set(token.name, token.value);
    else if (first !== token.value) {
      throw new UsageError(
        `tripletlens ${command}: --${token.name} is given twice, as ${shownValue(first)} and as ${shownValue(token.value)}; it takes one value — give it once.`,
      );
    }
  }
}

/** What a command's refusals of its arguments draw on besides its options. */
export interface CommandWords {
  /** The command's `--help` text: an option without its value is named with the placeholder shown there. */
  help?: string;
  /**
   * Options of other commands a user may give this one, by name without `--`, with why it takes none
   * (`inspect --label`: "inspect suggests the label column itself…", where the nearest option was --layer).
   */
  elsewhere?: Readonly<Record<string, string>>;
}

/**
 * Parses argv against the command's options; unknown options become a UsageError listing the known ones, and
 * a single-valued option given twice with different values a UsageError naming both. `words`: the command's
 * help and the other commands' options it is told apart from (CommandWords).
 */
export function parseCommandArgs(
  command: string,
  argv: string[],
  options: OptionSpec,
  words: CommandWords = {},
): ParsedArgs {
  let parsed: ParsedArgs & { tokens: OptionToken[] };
  try {
    const { values, positionals, tokens } = parseArgs({
      args: joinNegativeValues(argv, options),
      options,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
    parsed = { values: values as ParsedArgs['values'], positionals, tokens };
  } catch (err) {
    const failure = parseFailure(err, command, options, words);
    if (!failure.listOptions) throw new UsageError(`tripletlens ${command}: ${failure.text}`);
    const known = Object.keys(options)
      .map((name) => `--${name}`)
      .join(', ');
    throw new UsageError(`tripletlens ${command}: ${failure.text}\nValid options: ${known}`);
  }
  refuseRepeats(command, parsed.tokens, options);
  return { values: parsed.values, positionals: parsed.positionals };
}

/**
 * Why parseArgs refused, and whether the list of valid options helps: for an unknown option (node advises on
 * positional arguments after '--' while the user has most likely mistyped an option) the nearest one and the
 * list; for a known option without its value, or a switch given one, our words without the list — node's
 * ("Option '--label <value>' argument missing") read as if the option were wrong, and the 57 valid
 * options printed after them buried the one that lacked its value.
 */
function parseFailure(
  err: unknown,
  command: string,
  options: OptionSpec,
  words: CommandWords,
): { text: string; listOptions: boolean } {
  const message = err instanceof Error ? err.message : String(err);
  if ((err as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const valueProblem = optionValueProblem(message, words.help);
    if (valueProblem !== undefined) return { text: valueProblem, listOptions: false };
  }
  if ((err as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return { text: message, listOptions: true };
  const typed = /^Unknown option '([^']+)'/.exec(message)?.[1];
  if (typed === undefined) return { text: message, listOptions: true };
  const why = typed.startsWith('--') ? words.elsewhere?.[typed.slice(2)] : undefined;
  if (why !== undefined) return { text: `${command} takes no ${typed}: ${why}.`, listOptions: false };
  const near = closestName(typed.replace(/^-+/, ''), Object.keys(options));
  return {
    text: `unknown option '${typed}'${near === undefined ? '' : ` (did you mean --${near}?)`}.`,
    listOptions: true,
  };
}

/**
 * The placeholder `help` shows after the option `flag` ('--label' → 'COL', '--meta' → 'A,B', '--max-memory' →
 * 'SIZE'): "--label needs a value: --label VALUE" named a value the help calls COL. VALUE when the help has
 * none (or there is no help).
 */
export function helpMetavar(help: string | undefined, flag: string): string {
  if (help === undefined) return 'VALUE';
  const escaped = flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const shown = new RegExp(
    `(?:^|[\\s\\[])${escaped}[ =]([A-Z][A-Z0-9_]*(?:,[A-Z][A-Z0-9_]*)*)(?![\\w.])`,
    'm',
  );
  return shown.exec(help)?.[1] ?? 'VALUE';
}

/** Node's words for a known option's value problem as a sentence of ours; undefined for another message. */
function optionValueProblem(message: string, help: string | undefined): string | undefined {
  const missing = /^Option '(-[^' <]+)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value: ${missing[1]} ${helpMetavar(help, missing[1])}.`;
  const ambiguous = /^Option '(-[^' <]+)' argument is ambiguous/.exec(message);
  if (ambiguous) {
    const value = helpMetavar(help, ambiguous[1]);
    return `${ambiguous[1]} needs a value, but the next argument starts with '-' (another option?); give ${ambiguous[1]} ${value}, or ${ambiguous[1]}=-${value} for a value that starts with '-'.`;
  }
  const switchValue = /^Option '(-[^' <]+)' does not take an argument/.exec(message);
  if (switchValue) return `${switchValue[1]} takes no value: give ${switchValue[1]} alone.`;
  return undefined;
}

/** An argument as echoed in a message: quoted, and cut short so a huge value never floods the terminal. */
export function shownValue(raw: string): string {
  return `'${raw.length > 60 ? `${raw.slice(0, 60)}…` : raw}'`;
}

/** A string option, or the fallback when absent. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The words refusing '-': scripts take it for standard input or output, as `cat -` and `tar -f -` do, but a
 * command reads its input by content and more than once, and writes its outputs to hidden temporaries
 * renamed into place together; `./-` still names a file called '-'.
 */
const NO_STDIO = "TripletLens reads and writes files, not standard input or output ('-')";

/**
 * A path option: an empty value is a UsageError (it would silently mean the current folder), and so is '-'
 * (`--out -` wrote a file named '-' and `--model -` a folder named '-' where a script expected stdout).
 */
export function pathOption(args: ParsedArgs, name: string): string | undefined {
  const raw = stringOption(args, name);
  if (raw !== undefined && raw.trim() === '')
    throw new UsageError(`--${name} needs a path; got ${shownValue(raw)}`);
  if (raw === '-') {
    throw new UsageError(`--${name} -: ${NO_STDIO}; give the path of a file (./- for one named '-')`);
  }
  return raw;
}

/**
 * `file`, the command's input FILE; an empty path (an unset shell variable, `train "$DATA"`) is a UsageError
 * naming it, where the reader said ": no such file" of no file at all, and so is '-' (standard input).
 */
export function inputPath(command: string, file: string): string {
  if (file.trim() === '') {
    throw new UsageError(
      `tripletlens ${command}: the input FILE is an empty path ${shownValue(file)}; give the path of a data file.`,
    );
  }
  // '-' was looked up as a file and refused as "no such file. Check the path." after train said "reading -…"
  if (file === '-') {
    throw new UsageError(
      `tripletlens ${command}: the input FILE is '-': ${NO_STDIO}; save the data to a file and give its path (./- for one named '-').`,
    );
  }
  return file;
}

/** Bounds of a numeric option (inclusive; unset means unbounded) and whether it takes whole numbers only. */
export interface NumberBounds {
  min?: number;
  max?: number;
  integer?: boolean;
}

/**
 * A numeric option written as a plain decimal (integers: digits only) and checked against its bounds;
 * anything else is a UsageError stating the valid range.
 */
export function numberOption(args: ParsedArgs, name: string, bounds: NumberBounds = {}): number | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  const { min = -Infinity, max = Infinity, integer = false } = bounds;
  const value = parsePlainNumber(raw, integer);
  if (!Number.isFinite(value) || value < min || value > max) {
    // the option schema's wording of a range (describeRange), which serve's flags share with train's
    throw new UsageError(`--${name} must be ${describeRange(integer, min, max)}; got ${shownValue(raw)}`);
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
    const near = closestName(raw.trim(), choices);
    const hint = near === undefined ? '' : `; did you mean '${near}'?`;
    throw new UsageError(`--${name} must be one of: ${choices.join(', ')}; got ${shownValue(raw)}${hint}`);
  }
  return raw as T;
}

/** A boolean flag. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
