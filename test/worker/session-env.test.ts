import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_MEMORY_ENV, STAGE_STEP_DELAY_ENV, sessionOptionsFromEnv } from '../../src/worker/session-env.js';

test('the worker reads its import memory limit from TRIPLETLENS_MAX_MEMORY', () => {
  assert.deepEqual(sessionOptionsFromEnv({}), {});
  assert.deepEqual(sessionOptionsFromEnv({ [MAX_MEMORY_ENV]: '' }), {});
  assert.deepEqual(sessionOptionsFromEnv({ [MAX_MEMORY_ENV]: '2G' }), { maxMemoryBytes: 2 * 2 ** 30 });
  assert.deepEqual(sessionOptionsFromEnv({ [MAX_MEMORY_ENV]: '1048576' }), { maxMemoryBytes: 1048576 });
});

test('a malformed limit is an error naming the variable, not silently ignored', () => {
  assert.throws(
    () => sessionOptionsFromEnv({ [MAX_MEMORY_ENV]: 'lots' }),
    /TRIPLETLENS_MAX_MEMORY must be a size.*'lots'/,
  );
});

test('a test’s pause after each stage step is read from TRIPLETLENS_STAGE_STEP_DELAY_MS, and checked', () => {
  assert.deepEqual(sessionOptionsFromEnv({ [STAGE_STEP_DELAY_ENV]: '1500' }), { stageStepDelayMs: 1500 });
  assert.throws(
    () => sessionOptionsFromEnv({ [STAGE_STEP_DELAY_ENV]: 'slow' }),
    /TRIPLETLENS_STAGE_STEP_DELAY_MS must be a number of milliseconds; got 'slow'/,
  );
});
