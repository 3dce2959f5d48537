/** Results written as AnnData `.h5ad` (train/embed `--out x.h5ad`, the UI's Export). */
export {
  embeddingH5ad,
  trainingH5ad,
  SPLIT_COLUMN,
  PREDICTED_COLUMN,
  CONFIDENCE_COLUMN,
} from './result-of-run.js';
export {
  writeH5adFile,
  writeResultH5ad,
  EMBEDDING_KEY,
  REPORT_KEY,
  type H5adResult,
} from './write-result-h5ad.js';
export { freshMapColours } from './shown-colours.js';

export { isH5adPath } from './h5ad-path.js';
