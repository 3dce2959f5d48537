/**
 * `--help` lines generated from the option schema (src/api/option-schema.ts): for each option with a flag,
 * the flag, its help text, its choices or range, and its default — so `--help` lists every option and every
 * default, and cannot drift from what a run uses. Loads no TensorFlow.
 */
import { describeAllowed } from '../api/option-error.js';
import { formatDefault } from '../api/option-resolve.js';
import {
  OPTION_SCHEMA,
  optionKeys,
  optionSpec,
  type OptionKey,
  type OptionScope,
} from '../api/option-schema.js';

/** Lines are wrapped to this width; continuation lines are indented under the description. */
const WIDTH = 110;
const FLAG_COLUMN = 24;

/** The flag as the help shows it: `--dims N`, `--stability`, `--normalize / --no-normalize`. */
export function flagText(key: OptionKey): string | null {
  const spec = optionSpec(key);
  if (spec.kind === 'boolean' || spec.kind === 'auto-boolean') {
    const flags = [spec.flag, spec.offFlag].filter((f): f is string => typeof f === 'string');
    return flags.length ? flags.map((f) => `--${f}`).join(' / ') : null;
  }
  if (spec.flag === null) return null;
  const metavar =
    spec.metavar ?? (spec.kind === 'number' ? (spec.integer ? 'N' : 'X') : spec.flag[0].toUpperCase());
  return `--${spec.flag} ${metavar}`;
}

/**
 * The schema's help texts name other options by their keys, as the app and the API know them ("only when
 * polishEpochs > 0"); on the command line they are named by their flags ("only when --polish-epochs > 0").
 * Only camelCase keys are replaced: a one-word key (seed, margin) is also an ordinary word of the text.
 */
function flagsForKeys(text: string): string {
  return text.replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (word) => {
    if (!Object.hasOwn(OPTION_SCHEMA, word)) return word;
    const { flag } = optionSpec(word as OptionKey);
    return typeof flag === 'string' ? `--${flag}` : word;
  });
}

/** The help text with what the option allows: its choices, or the range of a number; other options by flag. */
export function describeOption(key: OptionKey): string {
  return flagsForKeys(optionText(key));
}

function optionText(key: OptionKey): string {
  const spec = optionSpec(key);
  if (spec.kind === 'choice') return `${spec.help} ${spec.choices.join(' | ')}.`;
  if (spec.kind === 'number' || spec.kind === 'layers') {
    return `${spec.help} ${describeAllowed(spec).replace(/^./, (c) => c.toUpperCase())}.`;
  }
  // a flag that only turns a default-on option off (`--no-zscore`) describes what it turns off
  if (spec.kind === 'boolean' && spec.flag === null) return `${spec.help} This flag turns it off.`;
  return spec.help;
}

/**
 * `(default 3)` for a value option, `(default: off)` for a switch (as the other commands' help); none for a
 * choice named "default" (--preset), whose name already says so — "(default default)" read as a typo.
 */
function defaultNote(key: OptionKey): string | null {
  const spec = optionSpec(key);
  const isSwitch = spec.kind === 'boolean' || spec.kind === 'auto-boolean';
  if (isSwitch) return `(default: ${formatDefault(key)})`;
  const choices: readonly string[] = 'choices' in spec ? spec.choices : [];
  if (spec.default === 'default' && choices.includes('default')) return null;
  return `(default ${formatDefault(key)})`;
}

/**
 * The default note as words to wrap: one word, so it is never split, when it fits the description column; a
 * longer one (an auto default's rule) is wrapped as the description is, rather than run past the width.
 */
function defaultWords(key: OptionKey): string[] {
  const note = defaultNote(key);
  if (note === null) return [];
  if (note.length <= WIDTH - FLAG_COLUMN) return [note];
  const [opening, first, ...rest] = note.split(' ');
  return [`${opening} ${first}`, ...rest];
}

/** `words` with a number grouped by spaces ("50 000") joined back into one word, so no line ends inside it. */
function keepNumbers(words: string[]): string[] {
  const kept: string[] = [];
  for (const word of words) {
    const last = kept.length - 1;
    if (last >= 0 && /\d$/.test(kept[last]) && /^\d{3}(?!\d)/.test(word)) kept[last] += ` ${word}`;
    else kept.push(word);
  }
  return kept;
}

/** Words filled into lines of at most `width` characters after `first` (the flag column). */
function wrap(first: string, words: string[], indent: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of words) {
    if (line.length + 1 + word.length > WIDTH && line.trim().length > 0 && line !== first) {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = line === first ? `${line}${word}` : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * One option's help: flag, description and default, wrapped; a default that fits a line is never split. A flag too wide for
 * its column has a line of its own, the description starting under the others' (a walkthrough: "--normalize /
 * --no-normalize Scale every cell…" ran the flag into its description).
 */
export function optionHelp(key: OptionKey): string | null {
  const flag = flagText(key);
  if (flag === null) return null;
  const indent = ' '.repeat(FLAG_COLUMN);
  const words = keepNumbers([...describeOption(key).split(' '), ...defaultWords(key)]);
  const first = `  ${flag}`.padEnd(FLAG_COLUMN - 1) + ' ';
  if (first.length > FLAG_COLUMN) return `  ${flag}\n${wrap(indent, words, indent).join('\n')}`;
  return wrap(first, words, indent).join('\n');
}

/** The help lines of every option of `scopes` that has a flag, in schema order. */
export function optionsHelp(...scopes: OptionScope[]): string {
  return optionKeys(...scopes)
    .map(optionHelp)
    .filter((text): text is string => text !== null)
    .join('\n');
}
