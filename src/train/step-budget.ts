/**
 * The step budget of a run: how many steps it may take at most, and whether a validation plateau may stop it
 * sooner. Small tables train exactly as they always did (every epoch, stopped only by the loss rule); big
 * tables, where one epoch is thousands of steps, get a budget that grows sub-linearly with their rows.
 */

/**
 * Training rows up to which the auto budget is every epoch (so it never binds) and no validation plateau
 * runs: the quality datasets and the comparison's tables below this size train exactly as before.
 */
export const BUDGET_FREE_ROWS = 50_000;

/** A run's budget. */
export interface StepBudget {
  /** Most steps the run takes (every epoch's steps when the budget does not bind). */
  maxSteps: number;
  /** Whether the validation plateau may stop the run (big tables with a budget). */
  plateau: boolean;
}

/**
 * Whether a validation plateau may stop a run: only on big tables (above BUDGET_FREE_ROWS rows) with a
 * budget (`maxSteps` not 0), and not when the run never stops early (`patience` 0 — the plateau is early
 * stopping too: the neighbourhood recipes train long on purpose, their trustworthiness still rising after the
 * validation kNN-5 has levelled off).
 */
export function plateauApplies(
  given: number | undefined,
  rows: number,
  patience: number | undefined,
): boolean {
  return rows > BUDGET_FREE_ROWS && given !== 0 && patience !== 0;
}

/**
 * The budget for `rows` training rows trained for `epochs` epochs of `stepsPerEpoch` steps.
 * @param given the maxSteps option: undefined is auto (every epoch up to BUDGET_FREE_ROWS rows; above,
 *   epochs × stepsPerEpoch × √(BUDGET_FREE_ROWS ÷ rows), so the steps grow like √rows instead of rows);
 *   0 is no budget and no plateau (every epoch, as before); any other number caps the steps at it.
 * @param patience the patience option: 0 (never stop early) also turns the validation plateau off.
 */
export function resolveStepBudget(
  given: number | undefined,
  rows: number,
  epochs: number,
  stepsPerEpoch: number,
  patience?: number,
): StepBudget {
  const all = epochs * stepsPerEpoch;
  if (given === 0) return { maxSteps: all, plateau: false };
  const big = rows > BUDGET_FREE_ROWS;
  const auto = big ? Math.ceil(all * Math.sqrt(BUDGET_FREE_ROWS / rows)) : all;
  return {
    maxSteps: Math.max(1, Math.min(all, given ?? auto)),
    plateau: plateauApplies(given, rows, patience),
  };
}
