/** Preprocessing: fit a recipe on training data, re-apply it to any matrix, describe it. */
export { fitPreprocess, GENE_WORDS, type ColumnWords, type FittedPreprocess } from './fit.js';
export {
  applyRecipe,
  applyRecipeSteps,
  classEvidenceOfRows,
  classEvidenceRowSteps,
  inputSpaceRecipe,
  keptGenesSource,
  type AppliedRecipe,
} from './apply.js';
export { describeRecipe } from './describe.js';
export { mapPauses, rowSteps, runNow, runPaced, type Pace, type Paced } from './paced.js';
export {
  resolveOptions,
  DEFAULT_CLIP,
  DEFAULT_PCA_COMPONENTS,
  DEFAULT_TARGET_SUM,
  DEFAULT_TOP_GENES,
} from './resolve-options.js';
export { looksLikeCounts } from '../data/counts.js';
export { PreprocessError, type PreprocessErrorKind } from './errors.js';
export { fitPca, projectRows, type PcaFit, type PcaFitOptions } from './pca.js';
export { matrixSource, readRows, type RowSource } from './row-transform.js';
export type { PcaRecipe, PreprocessRecipe, ResolvedPreprocessOptions } from './types.js';
export type { PreprocessOptions } from '../api/preprocess-options.js';
export {
  appendColumns,
  classEvidenceColumns,
  evidenceFitRows,
  evidenceLoadings,
  fitClassEvidence,
  fitClassEvidenceSteps,
  EVIDENCE_FIT_ITERATIONS,
  rootMeanSquare,
  EVIDENCE_MAX_FIT_CELLS,
  type ClassEvidenceRecipe,
  type ClassEvidenceOptions,
} from './class-evidence.js';
export { fitSoftmaxRegression, centredLogits, type SoftmaxRegression } from './softmax-regression.js';
