// The auto step budget: small tables keep every epoch (so they train exactly as before), big tables get a
// budget that grows like √rows; 0 turns budget and plateau off; a given number caps the steps.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { OPTION_SCHEMA } from '../../src/api/option-schema.js';
import { BUDGET_FREE_ROWS, plateauApplies, resolveStepBudget } from '../../src/train/step-budget.js';
import { packageRoot } from '../../src/util/paths.js';

test('small tables: the budget is every epoch, no plateau — the same steps as before the budget', () => {
  for (const rows of [12, 189, 1_797, 10_000, BUDGET_FREE_ROWS]) {
    const steps = Math.ceil(rows / 128);
    assert.deepEqual(resolveStepBudget(undefined, rows, 30, steps), { maxSteps: 30 * steps, plateau: false });
  }
});

test('big tables: a budget below every epoch, growing sub-linearly with the rows, and the plateau on', () => {
  const budget = (rows: number) => resolveStepBudget(undefined, rows, 30, Math.ceil(rows / 128));
  const at200k = budget(200_000);
  const at1m = budget(1_000_000);
  assert.equal(at200k.plateau, true);
  assert.ok(at200k.maxSteps < 30 * Math.ceil(200_000 / 128));
  // 5× the rows, about √5× the steps
  const ratio = at1m.maxSteps / at200k.maxSteps;
  assert.ok(Math.abs(ratio - Math.sqrt(5)) < 0.01, `ratio ${ratio}`);
  // continuous at the threshold: just above it, about every epoch
  const just = budget(BUDGET_FREE_ROWS + 1);
  assert.ok(just.maxSteps >= 30 * Math.ceil((BUDGET_FREE_ROWS + 1) / 128) - 1);
});

test('0 is no budget and no plateau; a given budget caps the steps but never adds any', () => {
  assert.deepEqual(resolveStepBudget(0, 1_000_000, 30, 7813), { maxSteps: 30 * 7813, plateau: false });
  assert.deepEqual(resolveStepBudget(5_000, 1_000_000, 30, 7813), { maxSteps: 5_000, plateau: true });
  assert.deepEqual(resolveStepBudget(5_000, 1_000, 30, 8), { maxSteps: 240, plateau: false });
  assert.deepEqual(resolveStepBudget(100, 1_000, 30, 8), { maxSteps: 100, plateau: false });
});

test('patience 0 (never stop early) turns the validation plateau off and keeps the budget', () => {
  // the order-wide recipe on 56 000 training rows: a 32 000-step cap and no early stopping; the plateau
  // stopped it after 7 of its 480 epochs when it ignored the patience
  assert.deepEqual(resolveStepBudget(32_000, 56_000, 480, 4_375, 0), { maxSteps: 32_000, plateau: false });
  assert.deepEqual(resolveStepBudget(32_000, 56_000, 480, 4_375, 5), { maxSteps: 32_000, plateau: true });
  assert.equal(resolveStepBudget(undefined, 1_000_000, 30, 7813, 0).plateau, false);
  assert.equal(plateauApplies(undefined, 1_000_000, 5), true);
  assert.equal(plateauApplies(undefined, 1_000_000, 0), false);
  assert.equal(plateauApplies(0, 1_000_000, 5), false);
  assert.equal(plateauApplies(undefined, BUDGET_FREE_ROWS, 5), false);
});

test("README's worked example of the auto budget is the budget a default run gets", () => {
  // the README said 20 963 at 160 000 training rows, where the budget rounds up to 20 964
  const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
  const example = /\((\d[\d ]*) at (\d[\d ]*) training rows instead of (\d[\d ]*)\)/.exec(readme);
  assert.ok(example, 'the README gives the budget at some number of training rows');
  const [budget, rows, every] = example.slice(1).map((text) => Number(text.replaceAll(' ', '')));
  const epochs = OPTION_SCHEMA.epochs.default;
  const perEpoch = Math.ceil(rows / OPTION_SCHEMA.batchSize.default);
  assert.equal(every, epochs * perEpoch, 'every epoch of a default run');
  assert.equal(budget, resolveStepBudget(undefined, rows, epochs, perEpoch).maxSteps, 'the auto budget');
});
