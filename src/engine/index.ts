/** The engine's public surface: training runs, model folders, projection of new data, output files. */
export { runTraining, abortError } from './run-training.js';
export { resolveSettings, DEFAULT_HOLDOUT, DEFAULT_SEED } from './settings.js';
export { embedWithModel, type EmbedOutput } from './embed-with-model.js';
export { coordinatesCsv, embeddingCsv, axisNames } from './coordinates-csv.js';
export { writeRunReport, sha256OfFile } from './run-report.js';
export { indexLabels } from '../data/label-index.js';
export { computeMetrics, KNN_K, TRUSTWORTHINESS_K } from './metrics.js';
export { saveModelFolder, loadModelFolder, type LoadedModel, type ModelManifest } from './model-folder.js';
export type * from './types.js';
