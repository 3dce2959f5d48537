/**
 * A finished run's preprocessed input (`TrainingRun.input`: cells × components, the space the neighbourhood
 * check searches), let go while a read that may replace the data is under way and made again from the run's
 * recipe when asked for. Opening other data keeps the loaded table and its run until the new read succeeds —
 * a refused read leaves the user what they had — so without this the read's peak also held the run's input
 * (at 10⁶ cells × 50 components, 0.2 GB) for nothing when the read succeeds, as it usually does. The recipe
 * re-applies bit-exactly (`applyRecipe`), as a reopened session's run is made (`restoredRun`).
 */
import type { DenseMatrix } from '../api/matrix.js';
import type { ExpressionTable } from '../data/types.js';
import { applyRecipe, inputSpaceRecipe } from '../preprocess/index.js';
import type { TrainingRun } from './types.js';

/** What `input` holds once let go: no rows, told apart by identity. */
const RELEASED: DenseMatrix = { data: new Float32Array(0), rows: 0, cols: 0 };

/** Lets go of `run`'s preprocessed input; `runInput` makes it again. */
export function releaseRunInput(run: TrainingRun): void {
  run.input = RELEASED;
}

/** Whether `run`'s input was let go (and not made again since). */
export function runInputReleased(run: TrainingRun): boolean {
  return run.input === RELEASED;
}

/**
 * `run`'s preprocessed input: the one held, or — let go — made again from its recipe (without the class
 * evidence, as the run's own input is) on `table`, the table it was trained on, and held again.
 */
export function runInput(run: TrainingRun, table: ExpressionTable): DenseMatrix {
  if (run.input === RELEASED) {
    run.input = applyRecipe(inputSpaceRecipe(run.recipe), table.values, table.genes).matrix;
  }
  return run.input;
}
