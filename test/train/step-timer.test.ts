// The time-left estimate: a moving average of step times that forgets the first slow steps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createStepTimer, ETA_WARMUP_STEPS } from '../../src/train/step-timer.js';

/** A timer on a clock that advances by each of `laps` (ms) before each lap. */
function timed(laps: number[]) {
  let t = 0;
  const timer = createStepTimer(() => t);
  for (const ms of laps) {
    t += ms;
    timer.lap();
  }
  return timer;
}

test('no estimate before the warm-up steps are past, but nothing left is no time left', () => {
  const timer = timed(Array(ETA_WARMUP_STEPS).fill(10));
  assert.ok(Number.isNaN(timer.remainingMs(100)));
  assert.equal(timer.remainingMs(0), 0);
});

test('the first slow steps do not weigh on the estimate', () => {
  const timer = timed([5000, 3000, 2000, ...Array(50).fill(10)]);
  assert.equal(Math.round(timer.remainingMs(100)), 1000);
});

test('the estimate follows a change of speed within a few dozen steps', () => {
  const timer = timed([10, 10, 10, ...Array(20).fill(10), ...Array(100).fill(20)]);
  const perStep = timer.remainingMs(1);
  assert.ok(perStep > 19.9 && perStep <= 20, `per step ${perStep}`);
  assert.equal(timer.remainingMs(0), 0);
});
