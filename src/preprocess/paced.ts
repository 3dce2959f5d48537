/**
 * Computations that may pause: a pass over 10⁵ cells held the engine worker's event loop for 6–15 s, so a Stop
 * (or a status request) waited for the pass to end. A pass is written as a generator that yields between its
 * blocks of rows — with the step it is in and how far, `StageStep` — and is then either run straight through
 * (`runNow`) or driven by a caller that reports the step and may wait or throw there (`runPaced`). Pausing
 * changes when the work runs, never what it computes.
 */
import type { StageStep } from '../api/stage-step.js';

/** Work yielding where it may pause; the yielded values say how far it is. */
export type Paced<T, Y = StageStep> = Generator<Y, T, void>;

/** What a paced computation's driver awaits at each pause: it may report `step`, take messages, or throw. */
export type Pace = (step: StageStep) => Promise<void>;

/** Runs `work` to its end without pausing. */
export function runNow<T>(work: Paced<T, unknown>): T {
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs `work`, awaiting `pace` at each of its pauses. An error from `pace` ends the work there: the generator is
 * closed (`return`), so its `finally` blocks — the PCA's tensors — still run.
 */
export async function runPaced<T>(work: Paced<T>, pace: Pace): Promise<T> {
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
    try {
      await pace(next.value);
    } catch (err) {
      work.return(undefined as T);
      throw err;
    }
  }
}

/**
 * `work`'s pauses, counted in rows done, as steps named `name` of `total` rows; `columns`, when given, what the
 * matrix's columns are called (`StageStep.columns`).
 */
export function* rowSteps<T>(
  work: Paced<T, number>,
  name: StageStep['name'],
  total: number,
  columns?: string,
): Paced<T> {
  const named = columns === undefined ? {} : { columns };
  yield { name, done: 0, total, ...named };
  return yield* mapPauses(work, (done) => ({ name, done, total, ...named }));
}

/**
 * `work` with each pause's value made by `step`. Closing the result closes `work` too (what `yield*` does, which
 * cannot change the values): its `finally` blocks free what it holds.
 */
export function* mapPauses<T, Y>(work: Paced<T, Y>, step: (value: Y) => StageStep): Paced<T> {
  try {
    for (;;) {
      const next = work.next();
      if (next.done) return next.value;
      yield step(next.value);
    }
  } finally {
    work.return(undefined as T);
  }
}

/** Stored values a CSR pass goes through between pauses (~10–50 ms of work). */
export const VALUES_BETWEEN_PAUSES = 1 << 20;
