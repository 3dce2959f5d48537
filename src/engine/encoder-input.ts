/**
 * The matrix the encoder trains on and embeds: the preprocessed input, plus the class-evidence columns when
 * `classEvidence` > 0 (src/preprocess/class-evidence.ts). The step is fitted here, after the split, on the
 * labelled training cells only — the hold-out's labels never reach it — and joins the run's recipe, so
 * `embed` and a saved model reproduce the same input for new cells (every cell's columns, the training
 * cells' too, are the recipe's own).
 */
import type { DenseMatrix, ExpressionMatrix } from '../api/matrix.js';
import type { Split } from '../evaluate/index.js';
import type { LabelIndex } from '../data/label-index.js';
import { selectRows } from '../data/select-rows.js';
import {
  appendColumns,
  classEvidenceRowSteps,
  evidenceFitRows,
  fitClassEvidenceSteps,
  EVIDENCE_FIT_ITERATIONS,
  mapPauses,
  keptGenesSource,
  matrixSource,
  readRows,
  rootMeanSquare,
  rowSteps,
  runNow,
  type Paced,
  type ClassEvidenceRecipe,
  type PreprocessRecipe,
  type RowSource,
  GENE_WORDS,
  type ColumnWords,
} from '../preprocess/index.js';
import { columnStats } from '../preprocess/gene-stats.js';
import type { TrainOptions } from '../train/options.js';
import { deriveSeed, seededRandom } from '../util/random.js';

/** What the encoder sees. */
export interface EncoderInput {
  /** The run's recipe: the preprocessing's, with the class-evidence step when there is one. */
  recipe: PreprocessRecipe;
  /** The training rows' input. */
  trainX: DenseMatrix;
  /** Every cell's input, in table order (the recipe's evidence appended), for the map. */
  all: DenseMatrix;
  /**
   * With the evidence: the training rows in the input space, where the sampler and the graph term look for
   * neighbours (the trainer's `neighbourSpace`). Without it that is `trainX` itself, and this is absent.
   */
  neighbourSpace?: DenseMatrix;
  /**
   * With the evidence and `noise` > 0: per input column, the sd of the noise the trainer adds to the training
   * rows (`noise` × each evidence column's sd over the training rows; 0 on the other columns).
   */
  inputNoise?: Float32Array;
}

/** The trainer options the input brings: where neighbours are searched, and the noise on the evidence. */
export function trainerInputOptions(
  input: EncoderInput,
): Pick<TrainOptions, 'neighbourSpace' | 'inputNoise'> {
  return {
    ...(input.neighbourSpace ? { neighbourSpace: input.neighbourSpace } : {}),
    ...(input.inputNoise ? { inputNoise: input.inputNoise } : {}),
  };
}

/** What decides the class evidence of a run. */
export interface EvidenceRequest {
  /** The `classEvidence` setting: 0 turns the step off. */
  scale: number;
  seed: number;
  /**
   * Fine-tuning: the earlier run's step (null: it had none), used as it is so that the encoder's input keeps
   * its width and meaning when the edited labels add, merge or rename classes.
   */
  fixed?: ClassEvidenceRecipe | null;
  /** The `evidenceNoise` setting: the noise on the training rows' evidence, in column sds. Default 0 (none). */
  noise?: number;
  /**
   * What the matrix's columns are called in the step's note: genes by default, an h5ad embedding's "columns of
   * obsm X_pca" (`matrixColumnWords`; a run on one noted "the z-scored kept genes").
   */
  columns?: ColumnWords;
}

/**
 * The recipe with `step` appended (its columns after the PCA's or the genes'), noted with what the step reads:
 * the input, or before a PCA the kept `columns`, said z-scored only when the recipe z-scores them (an
 * embedding keeps its scales by default).
 */
function withStep(
  recipe: PreprocessRecipe,
  step: ClassEvidenceRecipe,
  columns: ColumnWords,
): PreprocessRecipe {
  const k = step.classes.length;
  const kept = `${recipe.scales ? 'z-scored ' : ''}kept ${columns.many}`;
  return {
    ...recipe,
    classEvidence: step,
    outputColumns: recipe.outputColumns + k,
    notes: [
      ...recipe.notes,
      `class evidence: a logistic regression (C ${step.c}) of the ${step.space === 'genes' ? kept : 'input'} over ${k} classes, its centred logits appended ×${step.factor.toPrecision(3)}`,
    ],
  };
}

/**
 * A new step fitted on the labelled training cells (a seeded sample of them above the fitting cap), from their
 * z-scored kept genes: `genes` reads them (before the PCA when the recipe has one; else they are its output).
 */
function* fitStep(
  pre: { matrix: DenseMatrix; recipe: PreprocessRecipe },
  genes: RowSource,
  labels: Pick<LabelIndex, 'classes' | 'indices'>,
  train: readonly number[],
  request: EvidenceRequest,
): Paced<ClassEvidenceRecipe> {
  const fitRows = evidenceFitRows(train, seededRandom(deriveSeed(request.seed, 'class-evidence')));
  const total = EVIDENCE_FIT_ITERATIONS;
  yield { name: 'class-evidence', done: 0, total, unit: 'iterations' };
  const fit = fitClassEvidenceSteps(
    readRows(genes, fitRows),
    Int32Array.from(fitRows, (r) => labels.indices[r]),
    labels.classes,
    {
      scale: request.scale,
      inputRms: rootMeanSquare(pre.matrix.data),
      ...(pre.recipe.pca ? { space: 'genes' as const } : {}),
    },
  );
  return yield* mapPauses(fit, (done) => ({ name: 'class-evidence', done, total, unit: 'iterations' }));
}

/** The cells' values and gene names, which a step reading the genes is applied to. */
export interface TableValues {
  values: ExpressionMatrix;
  genes: string[];
}

/**
 * The encoder's input for a run on `pre`, the preprocessing of `table`: `labels` holds the label names
 * (`classes`) and the label code of every cell (`indices`, −1 unlabelled), `trainRows` the rows the encoder
 * trains on (the split's training cells, and unlabelled cells unless they are excluded).
 */
export function encoderInput(
  pre: { matrix: DenseMatrix; recipe: PreprocessRecipe },
  table: TableValues,
  labels: Pick<LabelIndex, 'classes' | 'indices'>,
  parts: Split,
  trainRows: readonly number[],
  request: EvidenceRequest,
): EncoderInput {
  return runNow(encoderInputSteps(pre, table, labels, parts, trainRows, request));
}

/**
 * `encoderInput`, pausing as the class evidence is fitted and within its pass over every cell (seconds at 10⁵
 * cells: their kept genes are recomputed from the input), with the step and the cells done.
 */
export function* encoderInputSteps(
  pre: { matrix: DenseMatrix; recipe: PreprocessRecipe },
  table: TableValues,
  labels: Pick<LabelIndex, 'classes' | 'indices'>,
  parts: Split,
  trainRows: readonly number[],
  request: EvidenceRequest,
): Paced<EncoderInput> {
  if (request.fixed === null || (request.fixed === undefined && request.scale === 0))
    return { recipe: pre.recipe, trainX: selectRows(pre.matrix, trainRows), all: pre.matrix };
  // without a PCA the preprocessed matrix is the kept genes
  const genes = pre.recipe.pca
    ? keptGenesSource(pre.recipe, table.values, table.genes)
    : matrixSource(pre.matrix);
  const step = request.fixed ?? (yield* fitStep(pre, genes, labels, parts.train, request));
  const rows = classEvidenceRowSteps(step, genes, pre.matrix);
  const evidence = yield* rowSteps(rows, 'evidence-rows', pre.matrix.rows);
  const all = appendColumns(pre.matrix, evidence, step.classes.length);
  const trainX = selectRows(all, trainRows);
  const noise = request.noise ?? 0;
  return {
    recipe: withStep(pre.recipe, step, request.columns ?? GENE_WORDS),
    trainX,
    all,
    neighbourSpace: selectRows(pre.matrix, trainRows),
    ...(noise > 0 ? { inputNoise: evidenceNoise(trainX, step.classes.length, noise) } : {}),
  };
}

/** `noise` × the sd over the rows of each of x's last `k` columns (the evidence), 0 on the columns before. */
function evidenceNoise(x: DenseMatrix, k: number, noise: number): Float32Array {
  const { variance } = columnStats(matrixSource(x));
  const sd = new Float32Array(x.cols);
  for (let c = x.cols - k; c < x.cols; c++) sd[c] = noise * Math.sqrt(variance[c]);
  return sd;
}
