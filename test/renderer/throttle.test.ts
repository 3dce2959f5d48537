import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coalesce } from '../../renderer/throttle.js';

function manualScheduler() {
  const queue: (() => void)[] = [];
  return {
    schedule: (cb: () => void) => queue.push(cb),
    tick: () => queue.splice(0).forEach((cb) => cb()),
    get pending() {
      return queue.length;
    },
  };
}

test('many calls within one tick run once with the latest value', () => {
  const s = manualScheduler();
  const seen: number[] = [];
  const update = coalesce((v: number) => seen.push(v), s.schedule);
  update(1);
  update(2);
  update(3);
  assert.equal(s.pending, 1);
  assert.deepEqual(seen, []);
  s.tick();
  assert.deepEqual(seen, [3]);
  update(4);
  s.tick();
  assert.deepEqual(seen, [3, 4]);
});

test('flush runs the pending value now, and the scheduled tick then does nothing', () => {
  const s = manualScheduler();
  const seen: string[] = [];
  const update = coalesce((v: string) => seen.push(v), s.schedule);
  update('a');
  update.flush();
  assert.deepEqual(seen, ['a']);
  s.tick();
  assert.deepEqual(seen, ['a']);
});

test('cancel drops the pending value', () => {
  const s = manualScheduler();
  const seen: string[] = [];
  const update = coalesce((v: string) => seen.push(v), s.schedule);
  update('a');
  update.cancel();
  s.tick();
  assert.deepEqual(seen, []);
  update('b');
  s.tick();
  assert.deepEqual(seen, ['b']);
});
