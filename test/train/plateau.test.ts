// The validation plateau rule: patience checks without beating the best score by more than the tolerance.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plateauStopping } from '../../src/train/plateau.js';

/** The check (1-based) at which the rule stops on `scores`, or 0 when it never does. */
function stopsAt(scores: number[], tolerance: number, patience: number): number {
  const rule = plateauStopping(tolerance, patience);
  const at = scores.findIndex((s, i) => rule(s, (i + 1) * 100) !== undefined);
  return at + 1;
}

test('a score that keeps improving never stops; one that levels off stops after `patience` checks', () => {
  assert.equal(stopsAt([0.5, 0.6, 0.7, 0.8, 0.9, 0.95], 0.002, 3), 0);
  assert.equal(stopsAt([0.5, 0.6, 0.7, 0.7, 0.69, 0.7, 0.7], 0.002, 3), 6);
});

test('gains within the tolerance do not count, and a real gain restarts the count', () => {
  assert.equal(stopsAt([0.8, 0.801, 0.802, 0.8015], 0.002, 3), 4);
  assert.equal(stopsAt([0.8, 0.801, 0.81, 0.81, 0.81, 0.81], 0.002, 3), 6);
});

test('a NaN score (nothing to score) neither counts nor stops; the message names the step and the best', () => {
  assert.equal(stopsAt([0.5, NaN, NaN, NaN, NaN], 0.002, 2), 0);
  const rule = plateauStopping(0.01, 1);
  rule(0.9, 250);
  assert.match(rule(0.9, 500) ?? '', /step 500.*best 0\.900/);
});

// the message is shown as the run's end: "step 2 500", grouped as the app groups counts
test('the message groups the digits of its step', () => {
  const rule = plateauStopping(0.01, 1);
  rule(0.9, 1250);
  assert.match(rule(0.9, 2500) ?? '', /^Stopped at step 2\u202f500: /);
});
