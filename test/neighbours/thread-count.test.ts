/**
 * The `threads` option: one per core by default, capped to the schema's 1 … 64; the one resolver refuses
 * counts outside it (an OptionError naming the option), as the CLI and the engine do.
 */
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { OptionError } from '../../src/api/option-error.js';
import { parseOptionText } from '../../src/api/option-resolve.js';
import { resolveThreads } from '../../src/neighbours/thread-count.js';
import { resolveTrainOptions } from '../../src/train/options.js';

test('resolveThreads: the core count by default, the given count otherwise, within 1 … 64', () => {
  assert.equal(resolveThreads(), Math.min(64, availableParallelism()));
  assert.equal(resolveThreads(1), 1);
  assert.equal(resolveThreads(3), 3);
  assert.equal(resolveThreads(500), 64);
  assert.equal(resolveThreads(0), 1);
});

test('the trainer takes threads from 1 to 64 and leaves it unset (auto) by default', () => {
  assert.equal(resolveTrainOptions({ threads: 2 }).threads, 2);
  assert.equal(resolveTrainOptions({}).threads, undefined);
  for (const bad of [0, 65, 1.5, NaN]) {
    assert.throws(
      () => resolveTrainOptions({ threads: bad }),
      (err: unknown) => {
        return err instanceof OptionError && /threads/.test(err.message);
      },
    );
  }
  assert.equal(parseOptionText('threads', '4'), 4);
  assert.throws(() => parseOptionText('threads', 'two'), OptionError);
});
