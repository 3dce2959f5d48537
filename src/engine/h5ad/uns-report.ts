/**
 * The run report as the h5ad result stores it in `uns['tripletlens']`: the report less the recipe's fitted
 * numbers. Those — per-gene means and scales, the PCA's mean and genes × components loadings, the class
 * evidence's weights — are what the model folder's `recipe.json` holds to apply the recipe to new cells; in
 * the result they made a megabyte-sized string (99% of it at 765 genes) that scanpy loads with every
 * `read_h5ad`, that no reader of the result uses (TripletLens re-opens its own result from obs, var, X and
 * obsm) and that cannot re-create the model without its encoder. What a reader of the report does want stays:
 * the settings, the recipe's steps, genes, explained variance and notes, classes, split, history, metrics.
 */

/** The recipe's per-gene or per-component fitted arrays the result leaves out, by the step holding them. */
const FITTED = {
  recipe: ['means', 'scales', 'spreads'],
  pca: ['mean', 'loadings'],
  classEvidence: ['weights', 'bias'],
} as const;

/** What the report says in place of what it leaves out, so a reader knows where to find it. */
export const FITTED_OMITTED_NOTE =
  "the recipe's fitted numbers (means, scales, PCA mean and loadings, class evidence weights) are left out here: the model folder's recipe.json and the run's run.json hold them";

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `step` without its `keys`; the step itself when it holds none of them. */
function without(step: Json, keys: readonly string[]): Json {
  if (!keys.some((k) => k in step)) return step;
  const kept = { ...step };
  for (const k of keys) delete kept[k];
  return kept;
}

/** `recipe` less its fitted arrays, with the note saying so; anything not a recipe object as it is. */
function compactRecipe(recipe: unknown): unknown {
  if (!isRecord(recipe)) return recipe;
  const kept = without(recipe, FITTED.recipe);
  if (isRecord(kept.pca)) kept.pca = without(kept.pca, FITTED.pca);
  if (isRecord(kept.classEvidence)) kept.classEvidence = without(kept.classEvidence, FITTED.classEvidence);
  return { ...kept, omitted: FITTED_OMITTED_NOTE };
}

/**
 * `report` (a `train` run's report, or `embed`'s, which holds its training run's report as `training`) with
 * its recipe's fitted numbers left out; the caller's object is not changed. Anything else is returned as it is.
 */
export function unsReport(report: unknown): unknown {
  if (!isRecord(report)) return report;
  const kept: Json = { ...report };
  if ('recipe' in kept) kept.recipe = compactRecipe(kept.recipe);
  if (isRecord(kept.training)) kept.training = unsReport(kept.training);
  return kept;
}
