import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LossPoint } from '../../../../renderer/loss-plot-model.js';
import { createLossPace } from '../../../../renderer/screens/train/loss-pace.js';

const points = (n: number): LossPoint[] =>
  Array.from({ length: n }, (_, i) => ({ x: i, loss: 1 / (i + 1), activeFraction: 0.5 }));

test('the loss curve is drawn at most once per interval, the latest points at its end, and at once when the run ends', () => {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  const drawn: number[] = [];
  const pace = createLossPace((p) => drawn.push(p.length), {
    everyMs: 2000,
    now: () => now,
    later: (run, ms) => void timers.push({ at: now + ms, run }),
  });
  // ten progress events a second for three seconds
  for (let i = 1; i <= 30; i++) {
    now = i * 100;
    pace.show(points(i), false);
    while (timers.length && timers[0].at <= now) timers.shift()!.run();
  }
  assert.deepEqual(drawn, [1, 21]);
  now = 3_050;
  pace.show(points(31), true);
  assert.deepEqual(drawn, [1, 21, 31]);
  // the timer set for the points already drawn draws nothing more
  now = 4_200;
  while (timers.length) timers.shift()!.run();
  assert.deepEqual(drawn, [1, 21, 31]);
});
