/**
 * The matrix the encoder trains on and embeds: the preprocessed input, plus the class-evidence columns when
 * `classEvidence` > 0 (src/preprocess/class-evidence.ts). The step is fitted here, after the split, on the
 * labelled training cells only — the hold-out's labels never reach it — and joins the run's recipe, so
 * `embed` and a saved model reproduce the same input for new cells.
 */
import type { DenseMatrix } from '../api/matrix.js';
import type { Split } from '../evaluate/index.js';
import { selectRows } from '../data/select-rows.js';
import {
  fitClassEvidence,
  withClassEvidence,
  type ClassEvidenceRecipe,
  type PreprocessRecipe,
} from '../preprocess/index.js';
import { deriveSeed, seededRandom } from '../util/random.js';

/** What the encoder sees. */
export interface EncoderInput {
  /** The run's recipe: the preprocessing's, with the class-evidence step when there is one. */
  recipe: PreprocessRecipe;
  /** The training rows' input (their cross-fitted evidence appended). */
  trainX: DenseMatrix;
  /** Every cell's input, in table order (the recipe's evidence appended), for the map. */
  all: DenseMatrix;
  /**
   * With the evidence: the training rows in the input space, where the sampler and the graph term look for
   * neighbours (the trainer's `neighbourSpace`). Without it that is `trainX` itself, and this is absent.
   */
  neighbourSpace?: DenseMatrix;
}

/** What decides the class evidence of a run. */
export interface EvidenceRequest {
  /** The `classEvidence` setting: 0 turns the step off. */
  scale: number;
  seed: number;
  /**
   * Fine-tuning: the earlier run's step (null: it had none), used as it is so that the encoder's input keeps
   * its width and meaning when the edited labels add, merge or rename classes. Its training cells get the
   * step's own evidence (there is no cross-fitting to reuse).
   */
  fixed?: ClassEvidenceRecipe | null;
}

/**
 * Rows of the preprocessed input as the encoder takes them: with the recipe's class-evidence columns
 * appended when it has the step, unchanged when it has none.
 */
export function encoderRows(recipe: PreprocessRecipe, x: DenseMatrix): DenseMatrix {
  return recipe.classEvidence ? withClassEvidence(recipe.classEvidence, x) : x;
}

/** The recipe with `step` appended (its columns after the PCA's or the genes'). */
function withStep(recipe: PreprocessRecipe, step: ClassEvidenceRecipe): PreprocessRecipe {
  const k = step.classes.length;
  return {
    ...recipe,
    classEvidence: step,
    outputColumns: recipe.outputColumns + k,
    notes: [
      ...recipe.notes,
      `class evidence: a logistic regression (C ${step.c}) over ${k} classes, its centred logits appended ×${step.factor.toPrecision(3)}`,
    ],
  };
}

/**
 * The encoder's input for a run on `pre`: `labels` are the label codes of every cell (−1 unlabelled),
 * `trainRows` the rows the encoder trains on (the split's training cells, and unlabelled cells unless they
 * are excluded), `classes` the label names.
 */
export function encoderInput(
  pre: { matrix: DenseMatrix; recipe: PreprocessRecipe },
  labels: Int32Array,
  parts: Split,
  trainRows: readonly number[],
  classes: readonly string[],
  request: EvidenceRequest,
): EncoderInput {
  const off = () => ({ recipe: pre.recipe, trainX: selectRows(pre.matrix, trainRows), all: pre.matrix });
  if (request.fixed === null || (request.fixed === undefined && request.scale === 0)) return off();
  let step = request.fixed;
  let crossFitted: Float64Array | undefined;
  if (!step) {
    const random = seededRandom(deriveSeed(request.seed, 'class-evidence'));
    const fitted = fitClassEvidence(
      pre.matrix,
      labels,
      parts.train,
      classes,
      { scale: request.scale },
      random,
    );
    step = fitted.recipe;
    crossFitted = fitted.columnsFor(trainRows);
  }
  const k = step.classes.length;
  const all = withClassEvidence(step, pre.matrix);
  const trainX = selectRows(all, trainRows);
  if (crossFitted) {
    // the training cells' own evidence: from models fitted without them
    const width = trainX.cols;
    for (let i = 0; i < trainRows.length; i++) {
      for (let c = 0; c < k; c++) trainX.data[i * width + width - k + c] = crossFitted[i * k + c];
    }
  }
  return {
    recipe: withStep(pre.recipe, step),
    trainX,
    all,
    neighbourSpace: selectRows(pre.matrix, trainRows),
  };
}
