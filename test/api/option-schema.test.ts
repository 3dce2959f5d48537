/**
 * The option schema and its resolver: every option's default passes its own check, the check refuses what
 * lies outside the range with one OptionError naming option, value and range, and the engine and trainer
 * resolve exactly the schema's defaults (read from the schema here, not restated).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toErrorInfo } from '../../src/api/errors.js';
import { OptionError } from '../../src/api/option-error.js';
import {
  checkOption,
  formatDefault,
  optionDefault,
  parseOptionText,
  resolveOptions,
} from '../../src/api/option-resolve.js';
import { OPTION_KEYS, optionKeys, optionSpec } from '../../src/api/option-schema.js';
import { resolveSettings } from '../../src/engine/settings.js';
import { resolveTrainOptions } from '../../src/train/options.js';
import { numberEdges } from './option-edges.js';

test('every option has a label, a one-line help, a unique flag and a default its own check accepts', () => {
  const flags = new Set<string>();
  for (const key of OPTION_KEYS) {
    const spec = optionSpec(key);
    assert.ok(spec.label && spec.help && !spec.help.includes('\n'), key);
    for (const flag of [spec.flag, 'offFlag' in spec ? spec.offFlag : undefined]) {
      if (typeof flag !== 'string') continue;
      assert.ok(!flags.has(flag), `--${flag} used twice`);
      flags.add(flag);
    }
    const value = optionDefault(key);
    if (value === undefined) assert.ok(spec.defaultText, `${key} has a computed default and says so`);
    else assert.deepEqual(checkOption(key, value), value, key);
    assert.ok(formatDefault(key).length > 0, key);
  }
});

test('a value outside its range is one OptionError naming the option, the value and the range', () => {
  for (const key of OPTION_KEYS) {
    const spec = optionSpec(key);
    if (spec.kind !== 'number') continue;
    const { ok, bad } = numberEdges(key);
    for (const value of ok) assert.equal(checkOption(key, value), value, `${key} ${value}`);
    for (const value of [...bad, NaN, Infinity, '3']) {
      assert.throws(
        () => checkOption(key, value),
        (err: unknown) =>
          err instanceof OptionError &&
          err.option === key &&
          Object.is(err.value, value) &&
          err.message.includes(err.allowed) &&
          err.allowed.includes(String(spec.min)),
        `${key} ${String(value)}`,
      );
    }
  }
  // the CLI's words (the flag) as the message, the page's (the Train screen's label) as appMessage
  assert.throws(() => checkOption('batchSize', 1), {
    message: '--batch-size must be an integer from 2 to 100000; got 1',
    appMessage: 'Batch size must be an integer from 2 to 100000; got 1',
  });
  assert.throws(() => checkOption('sampler', 'best'), {
    message: "--sampler must be one of: random, balanced, semi-hard, hard, batch-all; got 'best'",
    appMessage: "Triplet sampling must be one of: random, balanced, semi-hard, hard, batch-all; got 'best'",
  });
  // the page shows the hold-out as a percentage, so its refusal does too
  assert.throws(() => checkOption('holdout', 0.95), {
    message: '--holdout must be a number from 0 to 0.9; got 0.95',
    appMessage: 'Hold-out % must be a number from 0 to 90; got 95',
  });
  // no flag: the API name on the CLI's side (only a caller of the engine sets it), the label on the page's
  assert.throws(() => checkOption('graphWeightEnd', -1), {
    message: /^graphWeightEnd must be/,
    appMessage: /^Neighbour-graph weight at the end must be/,
  });
  assert.throws(() => checkOption('preset', []), OptionError);
  assert.throws(() => checkOption('preset', [64, 5000]), OptionError);
  assert.deepEqual(checkOption('preset', [256, 128]), [256, 128]);
});

// A user audit: `--sampler semihard` listed the choices but suggested none, while a mistyped option name
// got "did you mean --epochs?".
test('a mistyped choice gets the nearest valid one, in the message and as the suggestion', () => {
  assert.throws(() => checkOption('sampler', 'semihard'), {
    message:
      "--sampler must be one of: random, balanced, semi-hard, hard, batch-all; got 'semihard'; did you mean 'semi-hard'?",
    suggestion: 'semi-hard',
  });
  assert.throws(() => parseOptionText('objective', 'neighborhoods'), {
    message:
      /one of: triplet, neighbourhoods, graph, order, order-wide; got 'neighborhoods'; did you mean 'neighbourhoods'\?$/,
  });
  assert.throws(() => parseOptionText('distance', 'Cosine '), { suggestion: 'cosine' });
  assert.throws(() => parseOptionText('preset', 'wdie'), {
    message: /got 'wdie'; did you mean 'wide'\?$/,
  });
  // nothing near enough, or not a text: the choices alone
  assert.throws(() => checkOption('sampler', 'best'), { suggestion: undefined });
  assert.throws(() => checkOption('sampler', 3), { suggestion: undefined });
  assert.throws(() => checkOption('epochs', 0), { suggestion: undefined });
});

// the engine boundary is the page's: what crosses it names the Train screen's setting, not the flag
test('an OptionError crosses the engine boundary as an invalid-request in the page’s words', () => {
  const info = toErrorInfo(new OptionError('epochs', 0));
  assert.equal(info.kind, 'invalid-request');
  assert.equal(info.message, 'Epochs must be an integer from 1 to 1000000; got 0');
});

test('command-line text: plain decimals only, layer sizes as digits, the text quoted when refused', () => {
  assert.equal(parseOptionText('learningRate', '1e-4'), 1e-4);
  assert.equal(parseOptionText('seed', '4294967295'), 4294967295);
  assert.deepEqual(parseOptionText('preset', '256, 128'), [256, 128]);
  assert.equal(parseOptionText('preset', 'wide'), 'wide');
  for (const [key, text] of [
    ['seed', '0x10'],
    ['epochs', '1e3'],
    ['margin', ''],
    ['preset', '64,'],
    ['preset', '1e2,64'],
  ] as const) {
    assert.throws(
      () => parseOptionText(key, text),
      (err: unknown) => err instanceof OptionError && err.value === text,
      `${key} '${text}'`,
    );
  }
});

test('the engine and the trainer resolve exactly the schema defaults (cellsPerClass has one: 8)', () => {
  const engine = resolveSettings({ labelColumn: 'label' }) as unknown as Record<string, unknown>;
  const trainer = resolveTrainOptions() as unknown as Record<string, unknown>;
  for (const key of optionKeys('trainer', 'run')) {
    const value = optionDefault(key);
    if (value === undefined) {
      assert.ok(!(key in engine) && !(key in trainer), `${key} is computed, so unset`);
      continue;
    }
    assert.deepEqual(engine[key], value, `engine default of ${key}`);
    if (optionSpec(key).scope === 'trainer')
      assert.deepEqual(trainer[key], value, `trainer default of ${key}`);
  }
  assert.equal(trainer.cellsPerClass, engine.cellsPerClass);
  assert.equal(
    resolveSettings({ labelColumn: 'x', distance: 'angular' }).margin,
    optionDefault('margin', { distance: 'angular' }),
  );
});

test('the engine refuses what the schema refuses, with the same OptionError', () => {
  for (const key of optionKeys('trainer', 'run')) {
    if (optionSpec(key).kind !== 'number') continue;
    for (const value of numberEdges(key).bad) {
      assert.throws(
        () => resolveSettings({ labelColumn: 'x', [key]: value }),
        (err: unknown) => err instanceof OptionError && err.option === key,
        `${key} ${value}`,
      );
    }
  }
  assert.throws(
    () => resolveSettings({ labelColumn: 'x', preprocess: { topGenes: 1.5 } }),
    (err: unknown) => err instanceof OptionError && err.option === 'topGenes',
  );
});

test('rules between options: the quadruplet loss refuses the batch-all sampler', () => {
  assert.throws(
    () => resolveOptions(['trainer'], { loss: 'quadruplet', sampler: 'batch-all' }),
    (err: unknown) =>
      err instanceof OptionError && err.option === 'sampler' && /quadruplet/.test(err.message),
  );
  assert.equal(resolveOptions(['trainer'], { loss: 'quadruplet', sampler: 'hard' }).sampler, 'hard');
});
