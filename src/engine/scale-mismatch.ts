/**
 * Whether a file's values are on the scale a model was trained on. The recipe re-applies the training's
 * normalisation to new cells, so log-normalised values fed to a counts model (an h5ad's X, typically) or raw
 * counts fed to a model of transformed values give a wrong map without any error: say so instead.
 */
import { describeValues, looksLikeCounts } from '../data/counts.js';
import type { ExpressionMatrix } from '../api/matrix.js';
import type { PreprocessRecipe } from '../preprocess/types.js';

/** How the warning names the choice of matrix: the CLI's `--layer`, or the app's Project ▸ Matrix field. */
export type MatrixChoiceWords = 'cli' | 'app';

const COUNTS_HINT: Record<MatrixChoiceWords, string> = {
  cli: '(in an h5ad often --layer counts)',
  app: '(in an h5ad often its layers/counts: choose it under Project another file ▸ Matrix)',
};
const OTHER_HINT: Record<MatrixChoiceWords, string> = {
  cli: '(in an h5ad, choose that matrix with --layer)',
  app: '(in an h5ad, choose that matrix under Project another file ▸ Matrix)',
};

/** A one-line warning when `matrix` (from `file`) is not on the scale `recipe` expects, else undefined. */
export function scaleMismatch(
  recipe: Pick<PreprocessRecipe, 'normalize' | 'log1p'>,
  matrix: ExpressionMatrix,
  file: string,
  words: MatrixChoiceWords = 'cli',
): string | undefined {
  const expectsCounts = recipe.normalize !== null || recipe.log1p;
  const counts = looksLikeCounts(matrix);
  if (expectsCounts && !counts) {
    return (
      `the model was trained on raw counts (it normalises and log-transforms them), but ${file} holds ` +
      `${describeValues(matrix)}: the map will be wrong. Give the raw counts ${COUNTS_HINT[words]}.`
    );
  }
  if (!expectsCounts && counts) {
    return (
      `the model was trained on already-transformed values (no normalisation), but ${file} holds raw ` +
      `${describeValues(matrix)}: the map will be wrong. Give values transformed as the training data was ` +
      `${OTHER_HINT[words]}.`
    );
  }
  return undefined;
}
