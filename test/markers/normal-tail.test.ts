import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalUpperTail, twoSidedP } from '../../src/markers/normal-tail.js';

// scipy.stats.norm.sf(x) for each x (scipy 1.17)
const SF: [number, number][] = [
  [-3, 0.9986501019683699],
  [0, 0.5],
  [0.3, 0.3820885778110474],
  [0.7, 0.24196365222307303],
  [2, 0.022750131948179195],
  [5.7, 5.99037140106353e-9],
  [10, 7.61985302416047e-24],
  [30, 4.906713927147908e-198],
  [37, 5.7255712225239266e-300],
];

test('the upper tail keeps ~12 significant digits far into the tail (scipy norm.sf)', () => {
  for (const [x, sf] of SF) {
    const got = normalUpperTail(x);
    assert.ok(Math.abs(got - sf) <= 1e-12 * sf, `sf(${x}) = ${got}, scipy ${sf}`);
  }
  assert.equal(normalUpperTail(40), 0);
});

test('the two-sided p-value is symmetric and at most 1', () => {
  assert.equal(twoSidedP(-2), twoSidedP(2));
  assert.equal(twoSidedP(0), 1);
});
