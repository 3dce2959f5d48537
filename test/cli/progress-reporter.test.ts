import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgressReporter, type ProgressLike } from '../../src/cli/progress-reporter.js';

function capture(tty: boolean) {
  let err = '';
  return {
    io: { stdout: () => {}, stderr: (t: string) => void (err += t), stderrIsTty: tty },
    text: () => err,
  };
}

const step = (epoch: number, s: number): ProgressLike & { step: number; steps: number } => ({
  epoch,
  epochs: 20,
  step: s,
  steps: 4,
  loss: 0.5,
  activeFraction: 0.25,
  elapsedMs: 1000,
  etaMs: 2000,
});

test('without a terminal: one line every few epochs, at epoch ends, and the last epoch', () => {
  const c = capture(false);
  const r = createProgressReporter(c.io);
  for (let e = 1; e <= 20; e++) for (let s = 1; s <= 4; s++) r.progress(step(e, s));
  r.finish();
  const lines = c.text().trim().split('\n');
  assert.deepEqual(
    lines.map((l) => l.split('  ')[0]),
    [
      'epoch 1/20',
      'epoch 3/20',
      'epoch 5/20',
      'epoch 7/20',
      'epoch 9/20',
      'epoch 11/20',
      'epoch 13/20',
      'epoch 15/20',
      'epoch 17/20',
      'epoch 19/20',
      'epoch 20/20',
    ],
  );
  assert.match(lines[0], /loss 0\.5000 {2}active 25% {2}elapsed 1\.0s {2}eta 2\.0s/);
});

test('on a terminal: a redrawn bar, throttled, ended by finish', () => {
  const c = capture(true);
  let now = 0;
  const r = createProgressReporter(c.io, { now: () => now });
  r.progress(step(1, 1));
  now += 10;
  r.progress(step(1, 2)); // too soon: not drawn
  now += 500;
  r.progress(step(10, 4));
  r.finish();
  const draws = c.text().split('\r').filter(Boolean);
  assert.equal(draws.length, 2);
  assert.match(draws[1], /^\[#{12}\.{12}\] epoch 10\/20/);
  assert.ok(c.text().endsWith('\n'));
});

test('--quiet prints nothing', () => {
  const c = capture(true);
  const r = createProgressReporter(c.io, { quiet: true });
  r.stage('train');
  r.progress(step(20, 4));
  r.finish();
  assert.equal(c.text(), '');
});
