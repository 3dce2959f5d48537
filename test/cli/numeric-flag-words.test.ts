/**
 * One rule, one wording: a numeric flag's out-of-range value is refused in the option schema's words
 * (`describeAllowed`: "an integer from 1 to 10"), naming the flag — the CLI's parser had its own ("an integer
 * ≥ 1 and ≤ 10") — with exit 2, one line and no stack trace; serve's numeric flags, which have no schema
 * option, in the same words.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeAllowed, describeRange } from '../../src/api/option-error.js';
import { OPTION_SCHEMA, optionKeys, optionSpec } from '../../src/api/option-schema.js';
import { cliOptionName } from '../../src/api/option-words.js';
import { SERVE_NUMBER_FLAGS } from '../../src/cli/commands/serve.js';
import { numberEdges } from '../api/option-edges.js';
import { runCli, spawnCli } from './helpers.js';

/** What a refusal of `text` for `flag` says, as one line after the command's name. */
function refusal(command: string, flag: string, allowed: string, text: string): string {
  return `tripletlens ${command}: ${flag} must be ${allowed}; got '${text}'\n`;
}

test('every numeric train flag: a value out of range is one line in the schema’s words, exit 2', async () => {
  for (const key of optionKeys('trainer', 'run', 'preprocess')) {
    const spec = optionSpec(key);
    if (spec.kind !== 'number' || spec.flag === null) continue;
    for (const value of numberEdges(key).bad) {
      const text = String(value);
      const r = await runCli(['train', '--sample', `--${spec.flag}`, text]);
      assert.equal(r.code, 2, `--${spec.flag} ${text}: ${r.stderr}`);
      assert.equal(r.stderr, refusal('train', cliOptionName(key), describeAllowed(spec), text));
    }
  }
});

test('serve’s numeric flags: a value out of range is one line in the same words, exit 2', async () => {
  for (const [flag, bounds] of Object.entries(SERVE_NUMBER_FLAGS)) {
    const { min, max, integer } = bounds;
    const bad = [min - 1, max + 1, ...(integer ? [min + 0.5] : [])].map(String);
    for (const text of bad) {
      const r = await runCli(['serve', `--${flag}`, text]);
      assert.equal(r.code, 2, `--${flag} ${text}: ${r.stderr}`);
      assert.equal(r.stderr, refusal('serve', `--${flag}`, describeRange(integer, min, max), text));
    }
  }
});

test('through the launcher too: one line naming the flag and the range, exit 2, no stack trace', () => {
  const dims = OPTION_SCHEMA.dims;
  const r = spawnCli(['train', '--sample', '--dims', String(dims.max + 1)], process.cwd());
  assert.equal(r.code, 2);
  assert.equal(r.stderr, refusal('train', '--dims', describeAllowed(dims), String(dims.max + 1)));
  assert.doesNotMatch(r.stderr, /^\s+at /m);
});
