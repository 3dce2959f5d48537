// Ctrl-C during a long CLI step: the first aborts it cleanly, a second force-quits (no listener of ours stays).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withInterrupt } from '../../src/cli/interrupt.js';

test('withInterrupt aborts on the first Ctrl-C and leaves no SIGINT listener behind', async () => {
  const before = process.listenerCount('SIGINT');
  const seen = await withInterrupt(async (signal) => {
    assert.equal(process.listenerCount('SIGINT'), before + 1);
    process.emit('SIGINT', 'SIGINT');
    return { aborted: signal.aborted, listeners: process.listenerCount('SIGINT') };
  });
  assert.deepEqual(seen, { aborted: true, listeners: before });
  assert.equal(process.listenerCount('SIGINT'), before);
});

test('withInterrupt removes its listener when the step ends or fails without a Ctrl-C', async () => {
  const before = process.listenerCount('SIGINT');
  assert.equal(await withInterrupt(async (signal) => signal.aborted), false);
  await assert.rejects(
    withInterrupt(async () => {
      throw new RangeError('step failed');
    }),
    /step failed/,
  );
  assert.equal(process.listenerCount('SIGINT'), before);
});
