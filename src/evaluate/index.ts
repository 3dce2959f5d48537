/** Evaluation: stratified split, kNN accuracy/prediction, silhouette, trustworthiness, PCA baseline. */
export { stratifiedSplit, type Split } from './stratified-split.js';
export { knnAccuracy, knnPredict, type KnnOptions, type KnnPrediction } from './knn.js';
export {
  nearestNeighbours,
  neighboursOfRow,
  type Neighbours,
  type NeighbourOptions,
} from '../neighbours/nearest-neighbours.js';
export { silhouette, SILHOUETTE_MAX_POINTS } from './silhouette.js';
export { trustworthiness, TRUSTWORTHINESS_MAX_POINTS } from './trustworthiness.js';
export { pcaBaseline } from './pca-baseline.js';
export { encodeLabels, type EncodedLabels, type LabelInput } from './labels.js';
/** The importer's "no label" rule, re-exported so metric callers need not reach into src/data. */
export { isUnlabeled } from '../data/label-column.js';
