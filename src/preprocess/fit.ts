/**
 * Fits preprocessing to a training matrix: decides the 'auto' steps, learns per-gene statistics on the
 * normalised/log values, picks the highly variable genes, learns z-score statistics and the PCA, and
 * returns the recipe with the transformed training matrix. The training matrix goes through the same
 * row arithmetic and the same fixed tfjs blocks as `applyRecipe`, so re-applying the recipe (even after a
 * JSON round trip) to the same data on the same backend reproduces it bit for bit.
 *
 * Sparse input (CsrMatrix) stays sparse until the genes are selected: library sizes, log1p and the per-gene
 * statistics of all genes are computed from the stored values (the implicit zeros counted, not visited), and
 * only the kept genes are ever laid out densely (rows × kept genes) — for the z-score and the PCA, which
 * z-scoring makes dense anyway. A CSR matrix and its dense copy give bit-identical recipes and outputs.
 * Why densify the kept genes rather than run PCA on the sparse matrix with implicit centring: after the
 * z-score every implicit zero becomes −mean/sd, so an implicitly centred *and scaled* sparse product needs a
 * sparse matMul (tfjs has none: JS loops over the non-zeros, ~10 passes) and cannot express clipping, where
 * the dense route costs one rows × 2 000 float32 copy (800 MB at 100 000 cells) read by tfjs matMuls. Measured
 * (`npm run bench -- sparse-pca`, bench/README.md): the 2 000 most variable genes of 10x-like counts are
 * ~40 % non-zero, so the sparse form would hold 0.8× the memory of the dense one for 7× its CPU per product.
 */
import type { DenseMatrix, ExpressionMatrix } from '../api/matrix.js';
import { applyRecipe, recipePlan } from './apply.js';
import { PreprocessError } from './errors.js';
import { topVariableGenes } from './highly-variable.js';
import { pcaSteps, projectRowSteps } from './pca.js';
import { keepsPcaInput } from './kept-input.js';
import { planColumnStatSteps, planFactorSteps, planSource } from './plan-source.js';
import { rowSteps, runNow, runPaced, type Pace, type Paced } from './paced.js';
import { resolveOptions } from './resolve-options.js';
import { lendingSource, readAllSteps, type RowPlan, type RowSource } from './row-transform.js';
import type { PcaRecipe, PreprocessRecipe } from './types.js';
import type { PreprocessOptions } from '../api/preprocess-options.js';
import { rowWords, type RowWords } from '../api/file-format.js';
import { countText } from '../api/count-text.js';
import { checkMatrixAndGenes } from './validate.js';

export interface FittedPreprocess {
  matrix: DenseMatrix;
  recipe: PreprocessRecipe;
}

/** What one and several of the matrix's columns are called in the recipe's notes. */
export interface ColumnWords {
  one: string;
  many: string;
}

/** The columns of an expression matrix: genes. */
export const GENE_WORDS: ColumnWords = { one: 'gene', many: 'genes' };

/**
 * `pace`, when given, is awaited at each pause of the fit — after every block of rows of each pass (the library
 * sizes, the gene statistics, the PCA's input when it is kept, every PCA pass, the projection) — with the step
 * it is in and how far (`StageStep`): a pass over 10⁵ cells takes 6–15 s, so a caller in an event loop (the
 * engine worker) says where it is and takes its messages there — a Stop — and may throw to end the fit.
 * Default: none (no pause).
 * `availableBytes` is the memory the PCA's input may be kept in (kept-input.ts); default: the memory guard's
 * figure when the PCA starts. It changes the time and memory, never the bits.
 * `words`: what the table's rows are called in the recipe's notes (`rowWords`: "only 38 rows" for a text
 * table, which may be a bulk panel of samples); default cells.
 * `columns`: what the matrix's columns are called in those notes; default genes — an h5ad embedding's are
 * "columns of obsm X_pca" (a run on one read "kept the 10 most variable of 50 genes").
 */
export async function fitPreprocess(
  matrix: ExpressionMatrix,
  genes: string[],
  options: PreprocessOptions = {},
  pace?: Pace,
  availableBytes?: number,
  words: RowWords = rowWords(undefined),
  columns: ColumnWords = GENE_WORDS,
): Promise<FittedPreprocess> {
  checkMatrixAndGenes(matrix, genes);
  if (matrix.rows === 0 || matrix.cols === 0) {
    throw new PreprocessError('shape', `Cannot preprocess an empty matrix (${matrix.rows} × ${matrix.cols})`);
  }
  const work = fitSteps(matrix, genes, resolveOptions(matrix, options), availableBytes, words, columns);
  return pace ? runPaced(work, pace) : runNow(work);
}

/** The fit, pausing within each pass (see fitPreprocess). */
function* fitSteps(
  matrix: ExpressionMatrix,
  genes: string[],
  opts: ReturnType<typeof resolveOptions>,
  availableBytes: number | undefined,
  words: RowWords,
  columns: ColumnWords,
): Paced<FittedPreprocess> {
  const notes = [...opts.reasons];
  const targetSum = opts.normalize ? opts.targetSum : null;

  // Statistics of every gene after normalisation/log: they rank genes and give the z-score parameters.
  const allGenes: RowPlan = {
    targetSum,
    log1p: opts.log1p,
    columns: Int32Array.from({ length: matrix.cols }, (_, i) => i),
    means: null,
    scales: null,
    clip: null,
    fill: new Float64Array(matrix.cols),
  };
  const n = matrix.rows;
  const factors = yield* rowSteps(planFactorSteps(allGenes, matrix, genes), 'library-sizes', n);
  const statSteps = planColumnStatSteps(allGenes, matrix, factors, genes);
  // the steps name an embedding's columns as such ('statistics of the columns of obsm X_pca'), genes by default
  const stepColumns = columns.many === GENE_WORDS.many ? undefined : columns.many;
  const stats = yield* rowSteps(statSteps, 'gene-statistics', n, stepColumns);
  const kept = topVariableGenes(stats.variance, opts.topGenes);
  const selecting = kept.length < matrix.cols;
  if (selecting)
    notes.push(
      `kept the ${countText(kept.length)} most variable of ${countText(matrix.cols)} ${columns.many}`,
    );

  const means = Array.from(kept, (c) => stats.mean[c]);
  const spreads = Array.from(kept, (c) => (stats.min[c] === stats.max[c] ? 0 : Math.sqrt(stats.variance[c])));
  const scales = opts.zscore ? spreads : null;
  const constant = scales?.filter((s) => s === 0).length ?? 0;
  if (constant > 0)
    notes.push(`${countText(constant)} constant ${constant === 1 ? columns.one : columns.many} z-score to 0`);

  const recipe: PreprocessRecipe = {
    format: 'tripletlens-preprocess',
    version: 1,
    inputGenes: matrix.cols,
    fittedRows: matrix.rows,
    normalize: targetSum === null ? null : { targetSum },
    log1p: opts.log1p,
    topGenes: selecting ? { requested: opts.topGenes, ranking: 'variance' } : null,
    genes: Array.from(kept, (c) => genes[c]),
    means,
    scales,
    // without the z-score's scales the scale check has no yardstick for the means (a query scaled itself)
    ...(opts.zscore ? {} : { spreads }),
    clip: opts.zscore ? opts.clip : null,
    pca: null,
    outputColumns: kept.length,
    notes,
  };

  const wanted = opts.pcaComponents;
  let pcaInput: RowSource | undefined;
  if (wanted > 0 && kept.length > wanted) {
    // Centred data have rank ≤ rows − 1: more components than that would be noise.
    const k = Math.min(wanted, matrix.rows - 1);
    if (k < wanted)
      notes.push(
        `PCA capped at ${k} components (only ${matrix.rows} ${matrix.rows === 1 ? words.one : words.many})`,
      );
    if (k >= 1) {
      const source = planSource(recipePlan(recipe, kept), matrix, genes, factors);
      pcaInput = yield* pcaSource(source, availableBytes, stepColumns);
      recipe.pca = yield* fitRecipePca(pcaInput, k, opts.seed, opts.pcaIterations);
    } else notes.push(`PCA skipped: a single ${words.one} has no variance`);
    if (recipe.pca) recipe.outputColumns = recipe.pca.components;
  }
  if (recipe.pca === null) return { matrix: applyRecipe(recipe, matrix, genes).matrix, recipe };
  return { matrix: yield* pcaOutput(recipe.pca, pcaInput!), recipe };
}

/**
 * The z-scored kept genes, the PCA's input: computed once (a pass) and kept when the memory guard says it fits
 * (kept-input.ts), else recomputed block by block on each pass. Both give the same rows.
 */
function* pcaSource(
  source: RowSource,
  availableBytes: number | undefined,
  columns: string | undefined,
): Paced<RowSource> {
  if (!keepsPcaInput(source.rows, source.cols, availableBytes)) return source;
  return lendingSource(yield* rowSteps(readAllSteps(source), 'scaling', source.rows, columns));
}

/**
 * The training output: the same float32 rows `applyRecipe` computes (same row arithmetic, same blocks,
 * same loadings), so re-applying the recipe reproduces it exactly — which the tests check.
 */
function* pcaOutput(pca: PcaRecipe, input: RowSource): Paced<DenseMatrix> {
  const scores = projectRowSteps(input, Float64Array.from(pca.mean), pca.loadings, pca.components);
  const data = yield* rowSteps(scores, 'projection', input.rows);
  return { data, rows: input.rows, cols: pca.components };
}

function* fitRecipePca(
  input: RowSource,
  k: number,
  seed: number,
  iterations: number | 'auto',
): Paced<PcaRecipe> {
  const fit = yield* pcaSteps(input, k, { seed, iterations });
  return {
    components: fit.components,
    mean: Array.from(fit.mean),
    loadings: Array.from(fit.loadings),
    explainedVariance: fit.explainedVariance,
    explainedVarianceRatio: fit.explainedVarianceRatio,
    seed,
    iterations: fit.iterations,
  };
}
