// The time left as the CLI and the page say it: coarse, in words, and never a NaN on screen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRemaining, remainingWords, REMAINING_UNKNOWN } from '../../src/api/remaining-time.js';

test('the time left reads as people say it, rounded coarsely', () => {
  const cases: [number, string][] = [
    [0, 'a few seconds left'],
    [9_999, 'a few seconds left'],
    [10_000, 'about 10 s left'],
    [42_000, 'about 40 s left'],
    [54_000, 'about 50 s left'],
    // near a minute it says minutes, never "60 s"
    [57_000, 'about 1 min left'],
    [130_000, 'about 2 min left'],
    [59 * 60_000, 'about 59 min left'],
    // near an hour it says hours, never "60 min"
    [59.8 * 60_000, 'about 1 h left'],
    [75 * 60_000, 'about 1 h 15 min left'],
    [121 * 60_000, 'about 2 h left'],
  ];
  for (const [ms, text] of cases) assert.equal(formatRemaining(ms), text, `${ms} ms`);
});

test('an estimate that does not exist yet says so', () => {
  for (const ms of [NaN, Infinity, -1]) assert.equal(formatRemaining(ms), REMAINING_UNKNOWN);
});

test('after the last step the time left reads "finishing"; before any step and mid-run, the estimate', () => {
  const p = { epoch: 3, epochs: 3, step: 4, steps: 4, etaMs: 0 };
  assert.equal(remainingWords(p), 'finishing');
  assert.equal(remainingWords({ ...p, step: 3, etaMs: 130_000 }), 'about 2 min left');
  assert.equal(remainingWords({ ...p, epoch: 0, epochs: 0, etaMs: NaN }), 'estimating time left…');
  // a step budget ends the run before its epochs
  assert.equal(remainingWords({ ...p, epoch: 2, totalStep: 500, totalSteps: 500 }), 'finishing');
  assert.equal(remainingWords({ ...p, totalStep: 499, totalSteps: 500, etaMs: 1000 }), 'a few seconds left');
});

test('an estimate to a step budget the run may stop before is a ceiling: "up to about …"', () => {
  assert.equal(formatRemaining(8 * 60_000, true), 'up to about 8 min left');
  assert.equal(formatRemaining(42_000, true), 'up to about 40 s left');
  assert.equal(formatRemaining(4_000, true), 'a few seconds left');
  assert.equal(formatRemaining(NaN, true), REMAINING_UNKNOWN);
  assert.equal(formatRemaining(8 * 60_000), 'about 8 min left');
  // remainingWords knows a budgeted run by its counts: 1 000 steps of a 30 × 100-step run
  const budgeted = { epoch: 2, epochs: 30, step: 10, steps: 100, totalStep: 110, totalSteps: 1000 };
  assert.equal(remainingWords({ ...budgeted, etaMs: 8 * 60_000 }), 'up to about 8 min left');
  assert.equal(remainingWords({ ...budgeted, totalSteps: 3000, etaMs: 8 * 60_000 }), 'about 8 min left');
});
