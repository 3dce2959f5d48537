import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runMeasured } from '../../bench/lib/child.js';

test(
  'a child stopped at its time limit is stopped with everything it started (GNU time and the command)',
  { timeout: 60_000 },
  async () => {
    // a command that never ends on its own: before the fix only GNU time was killed and this never settled
    const result = await runMeasured(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      timeoutMs: 1_000,
      echoStderr: false,
    });
    assert.equal(result.timedOut, true);
  },
);
