/**
 * Re-applies a fitted recipe to a matrix (the training data again, or new cells for `embed`). Genes are
 * aligned by name; genes of the recipe that the matrix lacks are reported and filled with the training
 * mean, i.e. 0 after z-scoring; extra genes are ignored except that they count towards library size.
 * The matrix may be dense or CSR (whatever format the file came in): the output is the same either way, and
 * CSR input is read through its stored values only (memory: the output plus one block).
 */
import type { DenseMatrix, ExpressionMatrix } from '../api/matrix.js';
import { PreprocessError } from './errors.js';
import { projectRowSteps } from './pca.js';
import { rowSteps, runNow, type Paced } from './paced.js';
import { planFactorSteps, planSource } from './plan-source.js';
import { readAllSteps, type RowPlan, type RowSource } from './row-transform.js';
import type { PreprocessRecipe } from './types.js';
import { checkMatrixAndGenes } from './validate.js';
import { recipeProblem } from './recipe-check.js';
import {
  appendColumns,
  classEvidenceColumns,
  evidenceLoadings,
  type ClassEvidenceRecipe,
} from './class-evidence.js';

export interface AppliedRecipe {
  matrix: DenseMatrix;
  /** Genes the recipe uses that the matrix does not have, in recipe order. */
  missingGenes: string[];
}

function checkRecipe(recipe: PreprocessRecipe): void {
  const problem = recipeProblem(recipe);
  if (problem !== null) {
    throw new PreprocessError(
      'recipe',
      `This preprocessing recipe is damaged or from an incompatible version: ${problem} (expected format ` +
        "'tripletlens-preprocess' version 1 with matching gene, mean, scale and loading lengths)",
    );
  }
}

/** The row plan a recipe describes, reading `columns` of the input. */
export function recipePlan(recipe: PreprocessRecipe, columns: Int32Array): RowPlan {
  const means = Float64Array.from(recipe.means);
  const zscore = recipe.scales !== null;
  return {
    targetSum: recipe.normalize?.targetSum ?? null,
    log1p: recipe.log1p,
    columns,
    means: zscore ? means : null,
    scales: zscore ? Float64Array.from(recipe.scales!) : null,
    clip: recipe.clip,
    fill: zscore ? new Float64Array(means.length) : means,
  };
}

export function applyRecipe(
  recipe: PreprocessRecipe,
  matrix: ExpressionMatrix,
  genes: string[],
): AppliedRecipe {
  return runNow(applyRecipeSteps(recipe, matrix, genes));
}

/**
 * applyRecipe, pausing within each pass over the rows with its step and count — the library sizes (a
 * normalising recipe), the projection onto the components (or, without a PCA, the scaling of the kept genes),
 * the class evidence — as the fit's passes do: `embed` and Project another file of 10⁵ cells said nothing
 * through them. The same bits as applyRecipe. `columns`: what the matrix's columns are called when they are no
 * genes (`StageStep.columns`, 'columns of obsm X_pca'): a model of an embedding said "scaling the kept genes".
 */
export function* applyRecipeSteps(
  recipe: PreprocessRecipe,
  matrix: ExpressionMatrix,
  genes: string[],
  columns?: string,
): Paced<AppliedRecipe> {
  checkRecipe(recipe);
  const { plan, missingGenes } = recipeColumns(recipe, matrix, genes);
  const n = matrix.rows;
  const factors =
    plan.targetSum === null
      ? null
      : yield* rowSteps(planFactorSteps(plan, matrix, genes), 'library-sizes', n);
  const source = planSource(plan, matrix, genes, factors);
  const output = yield* unsupervisedSteps(recipe, source, columns);
  const step = recipe.classEvidence;
  if (!step) return { matrix: output, missingGenes };
  const evidence = yield* rowSteps(classEvidenceRowSteps(step, source, output), 'evidence-rows', n);
  return { matrix: appendColumns(output, evidence, step.classes.length), missingGenes };
}

/**
 * The recipe's z-scored kept genes of `matrix` as a row source (genes it lacks read as their training mean):
 * what a class-evidence step with `space` 'genes' reads. One source serves several reads (the library sizes of
 * a normalising recipe are computed once, when it is made).
 */
export function keptGenesSource(
  recipe: PreprocessRecipe,
  matrix: ExpressionMatrix,
  genes: string[],
): RowSource {
  return recipeSource(recipe, matrix, genes).source;
}

/**
 * The class-evidence columns of `step` for every row (rows × classes): read from `genes`, the rows' kept genes,
 * when the step reads them, else from `output`, the preprocessing's output for the same rows (the run's
 * preprocessed matrix at training time).
 */
export function classEvidenceOfRows(
  step: ClassEvidenceRecipe,
  source: RowSource,
  output: DenseMatrix,
): Float64Array {
  return runNow(classEvidenceRowSteps(step, source, output));
}

/** `classEvidenceOfRows`, pausing after each block of the genes it reads with the rows done. */
export function* classEvidenceRowSteps(
  step: ClassEvidenceRecipe,
  source: RowSource,
  output: DenseMatrix,
): Paced<Float64Array, number> {
  if (step.space !== 'genes') return classEvidenceColumns(step, output);
  const k = step.classes.length;
  const { loadings, offsets } = evidenceLoadings(step, source.cols);
  const projected = yield* projectRowSteps(source, new Float64Array(source.cols), loadings, k);
  const out = new Float64Array(projected.length);
  for (let i = 0; i < projected.length; i++) out[i] = projected[i] + offsets[i % k];
  return out;
}

/**
 * The recipe without its class-evidence step: what it gives is the input space (the neighbourhood check
 * and the metrics compare the map with it), not the encoder's input.
 */
export function inputSpaceRecipe(recipe: PreprocessRecipe): PreprocessRecipe {
  const step = recipe.classEvidence;
  if (!step) return recipe;
  return { ...recipe, classEvidence: null, outputColumns: recipe.outputColumns - step.classes.length };
}

/** The row plan of the recipe's genes in `matrix` (genes it lacks read as their training mean). */
function recipeColumns(
  recipe: PreprocessRecipe,
  matrix: ExpressionMatrix,
  genes: string[],
): { plan: RowPlan; missingGenes: string[] } {
  const index = checkMatrixAndGenes(matrix, genes);
  const missingGenes: string[] = [];
  const columns = Int32Array.from(recipe.genes, (gene) => {
    const c = index.get(gene);
    if (c === undefined) missingGenes.push(gene);
    return c ?? -1;
  });
  return { plan: recipePlan(recipe, columns), missingGenes };
}

/** The recipe's z-scored kept genes of `matrix` as a row source (genes it lacks read as their training mean). */
function recipeSource(
  recipe: PreprocessRecipe,
  matrix: ExpressionMatrix,
  genes: string[],
): { source: RowSource; missingGenes: string[] } {
  const { plan, missingGenes } = recipeColumns(recipe, matrix, genes);
  return { source: planSource(plan, matrix, genes), missingGenes };
}

/** The recipe's steps up to the PCA (or the kept genes): everything but the class evidence, by blocks of rows. */
function* unsupervisedSteps(
  recipe: PreprocessRecipe,
  source: RowSource,
  columns: string | undefined,
): Paced<DenseMatrix> {
  const n = source.rows;
  if (recipe.pca !== null) {
    const { components, mean, loadings } = recipe.pca;
    const work = projectRowSteps(source, Float64Array.from(mean), loadings, components);
    const data = yield* rowSteps(work, 'projection', n);
    return { data, rows: n, cols: components };
  }
  return yield* rowSteps(readAllSteps(source), 'scaling', n, columns);
}
