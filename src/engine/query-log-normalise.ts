/**
 * A new sample of raw counts projected onto a model of log-normalised values (scanpy's X after
 * `normalize_total` + `log1p`): on the user's explicit choice — `embed --log-normalize`, the page's Project
 * another file ▸ Log-normalise counts — its counts are normalised the way the training's were: each cell
 * scaled to the training's total (`PreprocessRecipe.logTotal`, found at training; scanpy's usual 10 000 when
 * none was found, said so), then log1p. Done by the recipe's own first steps (library sizes over every gene of
 * the file, log1p, then the model's gene selection, z-score…), so no second copy of the matrix is made.
 */
import { countText } from '../api/count-text.js';
import { CoreError } from '../api/core-error.js';
import { embeddingOfMatrix } from '../api/matrix-input.js';
import type { ExpressionMatrix } from '../api/matrix.js';
import { describeValues, looksLikeCounts } from '../data/counts.js';
import { DEFAULT_TARGET_SUM } from '../preprocess/resolve-options.js';
import type { PreprocessRecipe } from '../preprocess/types.js';
import type { MatrixChoiceWords } from './scale-mismatch.js';

/** The choice as each side names it: the CLI's flag, the page's checkbox. */
export const LOG_NORMALISE_WORDS: Record<MatrixChoiceWords, { choice: string; leaveOut: string }> = {
  cli: { choice: '--log-normalize', leaveOut: 'leave --log-normalize out' },
  app: {
    choice: 'Project another file ▸ Log-normalise counts',
    leaveOut: 'untick Project another file ▸ Log-normalise counts',
  },
};

/** What was done to a query's counts: the total each cell was scaled to, where it came from, in a sentence. */
export interface QueryLogNormalised {
  targetSum: number;
  /** True: the model's recorded training total; false: `DEFAULT_TARGET_SUM`, as `note` says why. */
  recorded: boolean;
  /** The sentence for the user (the CLI's or the page's words), naming the total used and why. */
  note: string;
}

/** A total as written in a sentence: 10 000 grouped as counts are, a total of decimals as it is. */
function totalText(total: number): string {
  return Number.isInteger(total) ? countText(total) : String(total);
}

/**
 * How each side reads another matrix of the file: `embed`'s flag, the page's Matrix field ('layers/counts' is
 * read with `--layer counts`).
 */
const OTHER_MATRIX: Record<MatrixChoiceWords, (matrix: string) => string> = {
  cli: (matrix) => `--layer ${matrix.replace(/^layers\//, '')}`,
  app: (matrix) => `Project another file ▸ Matrix ${matrix}`,
};

/**
 * What to do instead when the file's other matrices include counts (scanpy's `layers['counts']`), which the
 * user more likely meant to normalise than the log values read: "read layers/counts with --layer counts, or
 * leave --log-normalize out"; undefined when none is named as counts.
 */
function countsElsewhere(
  layers: readonly string[],
  words: MatrixChoiceWords,
  leaveOut: string,
): string | undefined {
  const counts = layers.filter((layer) => /count/i.test(layer));
  if (counts.length === 0) return undefined;
  const reads = counts.map((layer) => `${layer} with ${OTHER_MATRIX[words](layer)}`).join(', or ');
  return `to normalise the file's counts, read ${reads}; or ${leaveOut}`;
}

/** What was trained, as each side names it: `embed`'s model, the page's map. */
const MODEL_WORDS: Record<MatrixChoiceWords, string> = { cli: 'the model', app: 'the map' };

/** Why the total used is the one it is: the model's own, or scanpy's usual one for want of it. */
function totalReason(recipe: Pick<PreprocessRecipe, 'logTotal'>, model: string): string {
  const total = recipe.logTotal;
  if (typeof total === 'number')
    return `the total per cell of ${model}'s training values (expm1 of each cell's values sums to it)`;
  const unknown =
    total === null
      ? `${model}'s training values share no total per cell after expm1 (as when a file keeps only its highly variable genes)`
      : `${model} was saved before TripletLens recorded its training values' total per cell (retrain it to record it)`;
  return (
    `${totalText(DEFAULT_TARGET_SUM)} is scanpy's usual target_sum, used because ${unknown}; if they were ` +
    `normalised to another total, the map will be off`
  );
}

/**
 * Refuses the choice (a `CoreError` 'bad-input' in `words`' terms) for a model trained on raw counts, which
 * normalises and log-transforms new cells itself. The model alone decides it, so `embed` asks before reading
 * its input (a large file was read whole only to be refused); `logNormalisingRecipe` asks again.
 */
export function refuseNormalisingModel(
  recipe: Pick<PreprocessRecipe, 'normalize' | 'log1p'>,
  words: MatrixChoiceWords,
): void {
  if (recipe.normalize === null && !recipe.log1p) return;
  const { choice, leaveOut } = LOG_NORMALISE_WORDS[words];
  throw new CoreError(
    'bad-input',
    `${choice}: ${MODEL_WORDS[words]} was trained on raw counts and normalises and log-transforms new cells itself; ${leaveOut}.`,
  );
}

/**
 * The recipe that log-normalises `matrix` (of `file`) before `recipe`'s own steps, with the sentence saying so.
 * Refused (a `CoreError` 'bad-input' in `words`' terms) when there is nothing to do: a model that normalises
 * counts itself, a model of an embedding, or a file whose values are not counts. `read`: the file as the user
 * named it, the matrix read of it (`SourceFormat.matrix`), whose words the sentences are in.
 */
export function logNormalisingRecipe(
  recipe: PreprocessRecipe,
  matrix: ExpressionMatrix,
  read: { file: string; matrix: string; words: MatrixChoiceWords; layers?: readonly string[] },
): { recipe: PreprocessRecipe; done: QueryLogNormalised } {
  const { file, words } = read;
  const { choice, leaveOut } = LOG_NORMALISE_WORDS[words];
  const model = MODEL_WORDS[words];
  const refuse = (why: string, advice = leaveOut): never => {
    throw new CoreError('bad-input', `${choice}: ${why}; ${advice}.`);
  };
  refuseNormalisingModel(recipe, words);
  const embedding = embeddingOfMatrix(read.matrix);
  if (embedding !== null)
    refuse(
      `${model} was trained on an embedding (obsm ${embedding}), not genes: it has no counts to normalise`,
    );
  if (!looksLikeCounts(matrix))
    refuse(
      `${file} holds ${describeValues(matrix)}, not raw counts, which this normalises`,
      countsElsewhere(read.layers ?? [], words, leaveOut),
    );
  const targetSum = typeof recipe.logTotal === 'number' ? recipe.logTotal : DEFAULT_TARGET_SUM;
  const note =
    `${file}'s counts were log-normalised (${choice}): each cell scaled to ${totalText(targetSum)} in total, ` +
    `then log1p, as scanpy's normalize_total + log1p: ${totalReason(recipe, model)}.`;
  return {
    recipe: { ...recipe, normalize: { targetSum }, log1p: true },
    done: { targetSum, recorded: typeof recipe.logTotal === 'number', note },
  };
}
