/**
 * The CLI is derived from the option schema: every flag is a schema option's, it accepts exactly what the
 * engine accepts at every range edge, `train --help` prints each option's schema help, range and default,
 * and a bad value is exit 2 with the range before the input is read.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeAllowed } from '../../src/api/option-error.js';
import { formatDefault } from '../../src/api/option-resolve.js';
import { OPTION_KEYS, optionKeys, optionSpec, type OptionKey } from '../../src/api/option-schema.js';
import { parseCommandArgs } from '../../src/cli/args.js';
import { flagText, optionHelp } from '../../src/cli/option-help.js';
import { PREPROCESS_OPTIONS, TRAINING_OPTIONS, trainSettingsFromArgs } from '../../src/cli/train-args.js';
import { TRAIN_HELP } from '../../src/cli/train-help.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { resolveSettings } from '../../src/engine/settings.js';
import { numberEdges } from '../api/option-edges.js';
import { runCli } from './helpers.js';

const ALL_OPTIONS = { ...TRAINING_OPTIONS, ...PREPROCESS_OPTIONS };

test('the train flags are exactly the schema options’ flags', () => {
  const schemaFlags = OPTION_KEYS.flatMap((key) => {
    const spec = optionSpec(key);
    return [spec.flag, 'offFlag' in spec ? spec.offFlag : undefined].filter((f) => typeof f === 'string');
  });
  assert.deepEqual(Object.keys(ALL_OPTIONS).sort(), [...schemaFlags].sort());
});

/** The settings the CLI makes of `--flag text`, or the UsageError's message. */
function cli(
  flag: string,
  text: string,
): { settings: ReturnType<typeof trainSettingsFromArgs> } | { error: string } {
  try {
    return {
      settings: trainSettingsFromArgs(parseCommandArgs('train', [`--${flag}`, text], ALL_OPTIONS), 'x'),
    };
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    return { error: err.message };
  }
}

test('the CLI accepts exactly what the engine accepts at every range edge, and names the range', () => {
  for (const key of optionKeys('trainer', 'run', 'preprocess')) {
    const spec = optionSpec(key);
    if (spec.kind !== 'number' || spec.flag === null) continue;
    const { ok, bad } = numberEdges(key);
    for (const value of [...ok, ...bad]) {
      const parsed = cli(spec.flag, String(value));
      const settings =
        spec.scope === 'preprocess'
          ? { labelColumn: 'x', preprocess: { [key]: value } }
          : { labelColumn: 'x', [key]: value };
      let engineAccepts = true;
      try {
        resolveSettings(settings);
      } catch {
        engineAccepts = false;
      }
      assert.equal('settings' in parsed, engineAccepts, `--${spec.flag} ${value}`);
      if ('error' in parsed) {
        // the schema's words for the range, as the engine's refusal and the page's field say it
        assert.ok(
          parsed.error.startsWith(`--${spec.flag} must be ${describeAllowed(spec)}; got `),
          parsed.error,
        );
      }
    }
  }
});

test('train --help prints every flagged option’s schema help, range or choices, and default', () => {
  for (const key of OPTION_KEYS) {
    const text = optionHelp(key);
    if (text === null) continue;
    assert.ok(TRAIN_HELP.includes(text), `${key} is in train --help`);
    const flat = text.replace(/\s+/g, ' ');
    // other options named in the help by their flags (keyText: polishEpochs → --polish-epochs)
    assert.ok(
      flat.includes(optionSpec(key).help.replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, keyText)),
      `${key}: help text`,
    );
    assert.ok(flat.includes(formatDefault(key)), `${key}: default`);
    const spec = optionSpec(key);
    if (spec.kind === 'choice') assert.ok(flat.includes(spec.choices.join(' | ')), `${key}: choices`);
    if (spec.kind === 'number') assert.ok(flat.includes(String(spec.min)), `${key}: range`);
  }
});

/** An option key as the command line names it: its flag, or the key itself for an option without one. */
function keyText(word: string): string {
  if (!OPTION_KEYS.includes(word as OptionKey)) return word;
  const { flag } = optionSpec(word as OptionKey);
  return typeof flag === 'string' ? `--${flag}` : word;
}

// A walkthrough: train --help said "(only when polishEpochs > 0)", a name the command line has no flag for.
test('train --help names other options by their flags, never by their camelCase keys', () => {
  for (const key of OPTION_KEYS) {
    const { flag } = optionSpec(key);
    if (/[A-Z]/.test(key) && typeof flag === 'string') {
      assert.doesNotMatch(TRAIN_HELP, new RegExp(`\\b${key}\\b`), key);
    }
  }
  assert.ok(TRAIN_HELP.replace(/\s+/g, ' ').includes('(only when --polish-epochs > 0)'));
});

test('--batch-size 1 is exit 2 naming the range, before the file is read', async () => {
  const r = await runCli(['train', '--sample', '--batch-size', '1']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--batch-size must be an integer from 2 to 100000; got '1'/);
  assert.doesNotMatch(r.stderr, /reading/);
});

test('the quadruplet loss with the batch-all sampler is exit 2 before the file is read (was exit 1 after)', async () => {
  const r = await runCli([
    'train',
    'does-not-exist.csv',
    '--label',
    'x',
    '--loss',
    'quadruplet',
    '--sampler',
    'batch-all',
  ]);
  assert.equal(r.code, 2, r.stderr);
  // the CLI's words: the flag to change, not the option's API name nor the page's label
  assert.match(r.stderr, /quadruplet loss needs sampled quadruplets; set --sampler to random, balanced/);
  assert.doesNotMatch(r.stderr, /Triplet sampling/);
});

test('a bad preprocessing value is exit 2 naming the range', async () => {
  const r = await runCli(['train', '--sample', '--top-genes', '2.5']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--top-genes must be an integer from 0 to 1000000; got '2.5'/);
});

// A user walkthrough: `train --help` ran long flags into their text — "--class-ratio-weight W Weight of…",
// "--normalize / --no-normalize Scale every cell…" — so the value's name read as the description's first word.
test('every description in train --help starts in the description column, a long flag standing alone', () => {
  for (const key of OPTION_KEYS) {
    const text = optionHelp(key);
    const flag = flagText(key);
    if (text === null || flag === null) continue;
    const [first, second] = text.split('\n');
    if (first === `  ${flag}`) {
      assert.match(second, /^ {24}\S/, `${key}: the description under the flag`);
    } else {
      assert.equal(first.slice(0, 24).trimEnd(), `  ${flag}`, `${key}: ${first}`);
      assert.match(first.slice(23), /^ \S/, `${key}: the description at the column`);
    }
  }
});
