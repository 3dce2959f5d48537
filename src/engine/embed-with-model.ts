/**
 * Projects new cells through a saved model: genes matched by name, then ignoring Ensembl version suffixes,
 * then through gene ids (`gene-matching.ts`; every match other than by exact name is said), the fitted
 * preprocessing recipe applied (genes the model expects but the file lacks are reported and filled after
 * preprocessing), then the encoder, then a predicted label by kNN against the training cells with the share
 * of neighbours agreeing.
 */
import { countText } from '../api/count-text.js';
import type { ExpressionTable } from '../data/types.js';
import type { DenseMatrix } from '../api/matrix.js';
import {
  applyRecipeSteps,
  GENE_WORDS,
  PreprocessError,
  runNow,
  runPaced,
  type AppliedRecipe,
  type Pace,
  type Paced,
} from '../preprocess/index.js';
import { matrixColumnWords, valuePlace } from './preprocess-refusal.js';
import { embeddingOfMatrix } from '../api/matrix-input.js';
import { knnPredict } from '../evaluate/index.js';
import type { LoadedModel } from './model-folder.js';
import { assertFinite } from '../data/assert-finite.js';
import { KNN_K } from './metrics.js';
import { CoreError } from '../api/core-error.js';
import { matchGenes, namesForModel, type GeneMatch } from './gene-matching.js';
import { geneMatchNotices, matchingTried } from './gene-match-notes.js';
import { countsHint, type MatrixChoiceWords } from './scale-mismatch.js';
import { logNormalisingRecipe, type QueryLogNormalised } from './query-log-normalise.js';
import type { PreprocessRecipe } from '../preprocess/types.js';

export interface EmbedOutput {
  /** One row per cell of `table`, input order. */
  coords: DenseMatrix;
  /** Predicted label per cell. */
  predicted: string[];
  /** Fraction of the k nearest training cells that voted for the predicted label, per cell. */
  confidence: Float32Array;
  /** Genes of the model's recipe absent from the table. */
  missingGenes: string[];
  /** How each of the model's genes was found in the table (its column, or -1, per recipe gene). */
  geneMatch: GeneMatch;
  /**
   * Sentences on genes found other than by their exact name (ignoring a version suffix, through gene ids)
   * and on ambiguities left unmatched: shown as warnings wherever the embedding is (CLI, --json, the app).
   */
  notices: string[];
  /**
   * The recipe applied: the model's, or with the file's log-normalisation before its steps
   * (`EmbedOptions.logNormalize`) — the scale check judges the file's values against this one.
   */
  recipe: PreprocessRecipe;
  /** What `EmbedOptions.logNormalize` did (the total each cell was scaled to, and why), else null. */
  logNormalized: QueryLogNormalised | null;
}

/**
 * The model's recipe applied to `table`. A negative value under the recipe's normalisation or log1p is the
 * file's fault, not a setting the user can change here (the model fixes its preprocessing): say that the model
 * wants raw counts, naming the file, the cell and the model.
 */
function* applyModelRecipe(
  model: LoadedModel,
  table: ExpressionTable,
  names: string[],
  words: MatrixChoiceWords,
): Paced<AppliedRecipe> {
  // an embedding's columns are named as such in the steps, as training names them ('scaling the kept columns
  // of obsm X_pca'); genes by default
  const columns = matrixColumnWords(table.format?.matrix ?? '');
  const stepColumns = columns.many === GENE_WORDS.many ? undefined : columns.many;
  try {
    return yield* applyRecipeSteps(model.recipe, table.values, names, stepColumns);
  } catch (err) {
    if (!(err instanceof PreprocessError) || err.kind !== 'negative') throw err;
    // the file's own name of the gene, not the model's name it was matched to
    const column = err.gene === undefined ? -1 : names.indexOf(err.gene);
    const embedding = embeddingOfMatrix(table.format?.matrix ?? '');
    const where = valuePlace(err.row ?? 0, column < 0 ? err.gene : table.genes[column], embedding);
    const why = '(it normalises and log-transforms every cell, which needs non-negative values)';
    // an embedding's model has no raw counts to ask for (nor a layer: --input obsm:NAME reads no layer)
    throw new CoreError(
      'bad-input',
      embedding === null
        ? `${table.source}: ${where} is negative, but ${modelName(model, words)} was trained on raw counts ` +
            `${why}; these values look already transformed. Give the raw counts` +
            `${countsHint(table.format, words, table.source)}.`
        : `${table.source}: ${where} is negative, but ${modelName(model, words)} was trained on an obsm ` +
            `${embedding} of non-negative values ${why}. Give an obsm ${embedding} made as the training's was.`,
    );
  }
}

/** What `embedWithModel` accepts besides the model and the table. */
export interface EmbedOptions {
  /**
   * Embed even when the file holds fewer than `MIN_GENE_SHARE` of the model's genes (their values are then
   * the training average, and the map and predicted labels rest on the few genes left). Default false.
   */
  allowMissingGenes?: boolean;
  /**
   * Whose words the refusals use: the CLI's (the model named by its folder; `--transpose`, `--layer`,
   * `--allow-missing-genes`) or the app's, which projects through the trained model and has only Project
   * another file ▸ Matrix to choose. Default 'cli'.
   */
  words?: MatrixChoiceWords;
  /**
   * Log-normalise the file's raw counts as the model's training values were (each cell scaled to the recipe's
   * `logTotal`, else 10 000, then log1p) before the model's own steps: for a sample of counts projected onto a
   * model of log-normalised values (`embed --log-normalize`, Project another file ▸ Log-normalise counts).
   * Refused for a model that normalises counts itself, a model of an embedding, or values that are not
   * counts. Default false.
   */
  logNormalize?: boolean;
}

/**
 * The model as the refusals name it: by its folder for `embed`; the app's is the run in memory (a walkthrough
 * read "shares no gene with the model in the trained model").
 */
function modelName(model: LoadedModel, words: MatrixChoiceWords): string {
  return words === 'app' ? 'the trained model' : `the model in ${model.dir}`;
}

/**
 * Which matrix was read, as a thing to check, with a leading ' and': the CLI's `--layer` for an h5ad or loom
 * and `--transpose` for a text table; the app's Matrix field, and its Orientation field for a text table;
 * nothing for a format of one fixed matrix (Cell Ranger's, MatrixMarket).
 */
function matrixCheck(table: ExpressionTable, words: MatrixChoiceWords): string {
  const kind = table.format?.kind ?? 'text';
  const named = kind === 'h5ad' || kind === 'loom';
  // a walkthrough: scanpy's processed file keeps only the highly variable genes in X (adata[:, hvg]) and all of
  // them in raw, so a model of all genes refused it, pointing at no matrix in particular
  const raw =
    kind === 'h5ad' && table.format?.matrix !== 'raw/X' && table.format?.layers.includes('raw/X') === true;
  const rawHint = raw
    ? `; a processed file's X often keeps only its highly variable genes and raw/X all of them: ${words === 'cli' ? '--layer raw' : 'raw/X'}`
    : '';
  if (named)
    return words === 'cli'
      ? ` and the matrix read (--layer${rawHint})`
      : ` and the matrix read (Project another file ▸ Matrix${rawHint})`;
  if (kind !== 'text') return '';
  return words === 'cli'
    ? ' and the matrix read (--transpose)'
    : ' and that the file has genes as columns (else Project another file ▸ Orientation: genes are rows)';
}

/**
 * What to check when none of the model's genes is found: only a text table's orientation can be wrong (an
 * h5ad, loom or Cell Ranger file says which axis holds genes, and `--transpose` is refused for them): the
 * CLI's `--transpose`, the app's Project another file ▸ Orientation.
 */
function layoutCheck(table: ExpressionTable, words: MatrixChoiceWords): string {
  const text = (table.format?.kind ?? 'text') === 'text';
  if (!text) return 'Check that it names genes as the model does (symbols or Ensembl ids).';
  return words === 'cli'
    ? 'Check that the file has genes as columns (or use --transpose) and the same gene naming.'
    : 'Check that the file has genes as columns (else choose Project another file ▸ Orientation: genes are rows) and the same gene naming (symbols or Ensembl ids).';
}

/**
 * The share of the model's genes a file must hold to be embedded without `allowMissingGenes`: below it most
 * of the encoder's input is the training average, so cells of every type land near one spot, with confident
 * labels that mean little (a file of Ensembl ids against a symbol-trained model shares a handful of genes).
 */
export const MIN_GENE_SHARE = 0.5;

/**
 * Refuses a file sharing no gene with the model, or fewer than half of its genes unless allowed; the message
 * says how genes were matched (by name only, or through which ids) so the user knows what to change.
 */
function requireModelGenes(
  model: LoadedModel,
  table: ExpressionTable,
  missingGenes: readonly string[],
  match: GeneMatch,
  options: EmbedOptions,
): void {
  if (table.genes.length === 0 || missingGenes.length === 0) return;
  const expected = model.recipe.genes.length;
  const used = expected - missingGenes.length;
  const tried = matchingTried(match, table.source);
  const words = options.words ?? 'cli';
  const model_ = modelName(model, words);
  if (used === 0) {
    throw new CoreError(
      'bad-input',
      `${table.source} shares no gene with ${model_} (it expects e.g. ${model.recipe.genes.slice(0, 5).join(', ')}; ` +
        `the file's genes are e.g. ${table.genes.slice(0, 5).join(', ')}). ${tried} ${layoutCheck(table, words)}`,
    );
  }
  if (used < MIN_GENE_SHARE * expected && options.allowMissingGenes !== true) {
    throw new CoreError(
      'bad-input',
      `${table.source} holds only ${countText(used)} of the ${countText(expected)} genes of ${model_} ` +
        `(missing e.g. ${missingGenes.slice(0, 5).join(', ')}): the map and the predicted labels would rest on ` +
        `those few genes. ${tried} Check the gene naming (symbols or Ensembl ids)${matrixCheck(table, words)}` +
        (words === 'cli' ? '; to embed anyway: tripletlens embed … --allow-missing-genes.' : '.'),
    );
  }
}

/**
 * Embeds `table` with `model`. Fails clearly when no gene of the model is in the table, or fewer than
 * `MIN_GENE_SHARE` of them without `options.allowMissingGenes`.
 */
export function embedWithModel(
  model: LoadedModel,
  table: ExpressionTable,
  options: EmbedOptions = {},
): EmbedOutput {
  return runNow(embedSteps(model, table, options));
}

/**
 * embedWithModel, awaiting `pace` at each of its steps: the recipe's passes over the rows (library sizes,
 * projection or scaling, class evidence — by blocks of rows), the encoder, the predicted labels. 10⁵ cells
 * took 23 s under one line. The same result as embedWithModel; what `pace` throws ends it there. `genes`: the
 * table's genes as `matchModelGenes` checked them, when the caller did so before announcing the work.
 */
export function embedWithModelPaced(
  model: LoadedModel,
  table: ExpressionTable,
  options: EmbedOptions,
  pace: Pace,
  genes?: ModelGenes,
): Promise<EmbedOutput> {
  return runPaced(embedSteps(model, table, options, genes), pace);
}

/** The model's genes as found in a table: the recipe's genes, how each was matched, and the table's names for them. */
export interface ModelGenes {
  genes: string[];
  geneMatch: GeneMatch;
  names: string[];
}

/**
 * Matches the model's genes to `table`'s by name, then gene ids, and refuses a file sharing none, or fewer than
 * half without `allowMissingGenes` — from the names alone, before any pass over the rows. `embed` calls it
 * before it says "embedding N cells…": the refusal came after that line, as if the work had begun.
 */
export function matchModelGenes(
  model: LoadedModel,
  table: ExpressionTable,
  options: EmbedOptions,
): ModelGenes {
  // a damaged recipe without genes is refused by applyRecipe, with its own message
  const genes: string[] = Array.isArray(model.recipe?.genes) ? model.recipe.genes : [];
  const geneMatch = matchGenes(genes, model.geneIds ?? [], table);
  const names = namesForModel(table.genes, genes, geneMatch);
  // a file of another dataset's genes was read through its preprocessing (minutes at 10⁵ cells, its progress
  // shown) before the refusal
  requireModelGenes(model, table, absentGenes(genes, names), geneMatch, options);
  return { genes, geneMatch, names };
}

/** The model's genes that `names` (the table's genes as matched to the model's) lack: the recipe's missing genes. */
function absentGenes(genes: readonly string[], names: readonly string[]): string[] {
  const present = new Set(names);
  return genes.filter((gene) => !present.has(gene));
}

function* embedSteps(
  model: LoadedModel,
  table: ExpressionTable,
  options: EmbedOptions,
  found?: ModelGenes,
): Paced<EmbedOutput> {
  const { genes, geneMatch, names } = found ?? matchModelGenes(model, table, options);
  const words = options.words ?? 'cli';
  const normalising =
    options.logNormalize === true
      ? logNormalisingRecipe(model.recipe, table.values, {
          file: table.source,
          matrix: table.format?.matrix ?? '',
          words,
          layers: table.format?.layers,
        })
      : null;
  const recipe = normalising?.recipe ?? model.recipe;
  const applied = yield* applyModelRecipe({ ...model, recipe }, table, names, words);
  const { matrix, missingGenes } = applied;
  const notices = geneMatchNotices(geneMatch, genes, table.genes, table.source);
  assertFinite(matrix, `${table.source} after preprocessing`);
  yield { name: 'encoder', done: 0, total: matrix.rows, unit: 'whole' };
  const coords = model.encoder.embed(matrix);
  assertFinite(coords, 'The embedding');
  yield { name: 'predicting', done: 0, total: matrix.rows, unit: 'whole' };
  const prediction = knnPredict(model.reference.coords, model.reference.labels, coords, KNN_K);
  return {
    coords,
    predicted: prediction.labels,
    confidence: prediction.confidence,
    missingGenes,
    geneMatch,
    notices,
    recipe,
    logNormalized: normalising?.done ?? null,
  };
}
