import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberOption, parseCommandArgs, pathOption, type OptionSpec } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/usage-error.js';

const SPEC: OptionSpec = { n: { type: 'string' }, x: { type: 'string' }, quiet: { type: 'boolean' } };

function parseNumber(raw: string, bounds: Parameters<typeof numberOption>[2]): number | undefined {
  return numberOption(parseCommandArgs('test', ['--n', raw], SPEC), 'n', bounds);
}

test('a negative number after an option is its value, not an ambiguous argument', () => {
  const args = parseCommandArgs('test', ['--n', '-1', '--x', '-0.5', 'file.csv', '--quiet'], SPEC);
  assert.equal(args.values.n, '-1');
  assert.equal(args.values.x, '-0.5');
  assert.deepEqual(args.positionals, ['file.csv']);
  assert.equal(parseCommandArgs('test', ['--x', '-.5'], SPEC).values.x, '-.5');
  assert.equal(parseCommandArgs('test', ['--x', '-1e3'], SPEC).values.x, '-1e3');
  // an option-like token is still an error, and after `--` nothing is joined
  assert.throws(() => parseCommandArgs('test', ['--n', '--quiet'], SPEC), UsageError);
  assert.deepEqual(parseCommandArgs('test', ['--', '--n', '-1'], SPEC).positionals, ['--n', '-1']);
});

test('integers must be plain decimal digits within the range; the message states the range', () => {
  const seed = { min: 0, max: 4294967295, integer: true };
  assert.equal(parseNumber('42', seed), 42);
  assert.equal(parseNumber('0', seed), 0);
  assert.equal(parseNumber('4294967295', seed), 4294967295);
  for (const bad of ['', ' ', '0x10', '1e3', '1.0', '+5', '-1', '4294967296', 'Infinity', '12abc', '0b11']) {
    assert.throws(
      () => parseNumber(bad, seed),
      (err: Error) =>
        err instanceof UsageError &&
        err.message === `--n must be an integer from 0 to 4294967295; got '${bad}'`,
      `'${bad}'`,
    );
  }
});

test('real numbers accept decimals and exponents, not hex, Infinity or empty', () => {
  const rate = { min: 1e-9, max: 10 };
  assert.equal(parseNumber('1e-4', rate), 1e-4);
  assert.equal(parseNumber('0.5', rate), 0.5);
  assert.equal(parseNumber('.5', rate), 0.5);
  assert.equal(parseNumber('-1.5', { min: -2 }), -1.5);
  for (const bad of ['', '0x1', 'Infinity', '1e', 'NaN', '0', '11', '-1']) {
    assert.throws(() => parseNumber(bad, rate), /--n must be a number from 1e-9 to 10; got/, `'${bad}'`);
  }
  assert.throws(() => parseNumber('-1', { min: 0 }), /--n must be a number ≥ 0; got '-1'/);
});

test('a huge value is cut short in the message', () => {
  const huge = '9'.repeat(100_000);
  assert.throws(
    () => parseNumber(huge, { min: 0, max: 1, integer: true }),
    (err: Error) => err.message.length < 200,
  );
});

test('an empty path option is a usage error, not the current folder', () => {
  const spec: OptionSpec = { out: { type: 'string' } };
  assert.throws(() => pathOption(parseCommandArgs('test', ['--out', ''], spec), 'out'), {
    message: "--out needs a path; got ''",
  });
  assert.equal(pathOption(parseCommandArgs('test', ['--out', 'x.csv'], spec), 'out'), 'x.csv');
  assert.equal(pathOption(parseCommandArgs('test', [], spec), 'out'), undefined);
});

/** The UsageError message `train` gives for `argv` under `spec` (fails when there is none). */
function usageMessage(argv: string[], spec: OptionSpec): string {
  try {
    parseCommandArgs('train', argv, spec);
  } catch (err) {
    assert.ok(err instanceof UsageError);
    return err.message;
  }
  assert.fail('no error');
}

test('a mistyped option is named with the nearest known one; a far-off one with none', () => {
  const spec: OptionSpec = {
    epochs: { type: 'string' },
    label: { type: 'string' },
    quiet: { type: 'boolean' },
  };
  const message = (argv: string[]): string => usageMessage(argv, spec);
  assert.equal(
    message(['--epoch', '3']),
    "tripletlens train: unknown option '--epoch' (did you mean --epochs?).\nValid options: --epochs, --label, --quiet",
  );
  assert.match(message(['--lable', 'x']), /unknown option '--lable' \(did you mean --label\?\)/);
  assert.match(message(['--Quiet']), /did you mean --quiet\?/);
  assert.match(message(['--frobnicate']), /^tripletlens train: unknown option '--frobnicate'\.\n/);
  assert.doesNotMatch(message(['-x']), /positional|did you mean/);
});

// A user audit: `train … --epochs` (its value forgotten) printed node's "Option '--epochs <value>' argument
// missing" followed by every valid option, --epochs among them, as if the option itself were wrong.
test('an option without its value, or a switch given one, is named without the list of valid options', () => {
  const spec: OptionSpec = {
    epochs: { type: 'string' },
    label: { type: 'string' },
    json: { type: 'boolean' },
  };
  const message = (argv: string[]): string => usageMessage(argv, spec);
  assert.equal(message(['x.csv', '--epochs']), 'tripletlens train: --epochs needs a value: --epochs VALUE.');
  assert.equal(
    message(['--label', '--json']),
    "tripletlens train: --label needs a value, but the next argument starts with '-' (another option?); give --label VALUE, or --label=-VALUE for a value that starts with '-'.",
  );
  assert.equal(message(['--json=yes']), 'tripletlens train: --json takes no value: give --json alone.');
});

test('a single-valued option given twice with different values is a usage error naming it and both values', () => {
  for (const argv of [
    ['--x', 'a', 'file.csv', '--x', 'b'],
    ['--x=a', '--x', 'b'],
  ]) {
    assert.throws(
      () => parseCommandArgs('test', argv, SPEC),
      (err: Error) =>
        err instanceof UsageError &&
        err.message ===
          "tripletlens test: --x is given twice, as 'a' and as 'b'; it takes one value — give it once.",
      argv.join(' '),
    );
  }
  // the same value twice, a repeated flag and an option that takes several values are not refused
  assert.equal(parseCommandArgs('test', ['--x', 'a', '--x', 'a'], SPEC).values.x, 'a');
  assert.equal(parseCommandArgs('test', ['--quiet', '--quiet'], SPEC).values.quiet, true);
  const many: OptionSpec = { meta: { type: 'string', multiple: true } };
  assert.deepEqual(parseCommandArgs('test', ['--meta', 'a', '--meta', 'b'], many).values.meta, ['a', 'b']);
});
