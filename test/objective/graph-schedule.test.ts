// The graph weight's linear schedule over the mixed steps, by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decayedLearningRate, graphWeightAt } from '../../src/objective/graph-schedule.js';

test('graphWeightAt: start at step 0, end at the last step of the budget and after, linear between', () => {
  // 11 steps: 0 … 10; step 5 is half-way: 20 + (0 − 20)·5/10 = 10; step 2: 20 − 20·0.2 = 16
  assert.equal(graphWeightAt(20, 0, 11, 0), 20);
  assert.equal(graphWeightAt(20, 0, 11, 2), 16);
  assert.equal(graphWeightAt(20, 0, 11, 5), 10);
  assert.equal(graphWeightAt(20, 0, 11, 10), 0);
  assert.equal(graphWeightAt(20, 0, 11, 15), 0, 'held after the budget');
  assert.equal(graphWeightAt(5, 45, 5, 1), 15, 'rising too: 5 + 40·1/4');
  assert.equal(graphWeightAt(20, null, 11, 7), 20, 'no end weight: constant');
  assert.equal(graphWeightAt(20, 3, 1, 0), 3, 'a one-step budget is its end');
});

test('decayedLearningRate: the base at step 0, linear to 0 at the end of the steps, held at 0 after', () => {
  // 0.004 over 8 steps: step 2 is a quarter of the way, 0.004·0.75 = 0.003; step 4 half, 0.002
  assert.equal(decayedLearningRate(0.004, 8, 0), 0.004);
  assert.equal(decayedLearningRate(0.004, 8, 2), 0.003);
  assert.equal(decayedLearningRate(0.004, 8, 4), 0.002);
  assert.equal(decayedLearningRate(0.004, 8, 8), 0);
  assert.equal(decayedLearningRate(0.004, 8, 12), 0, 'never negative after the budget');
  assert.equal(decayedLearningRate(0.004, 0, 3), 0.004, 'no budget: no decay');
});
