/**
 * Everything a `train` or `embed` run needs, loaded together once the command has parsed its arguments and
 * before its work starts — the writers of its outputs included.
 *
 * Why up front: these modules load TensorFlow, so they cannot be static imports of the command (`--help` and
 * bad arguments must stay fast), but a dynamic import made when the run ends reads the package's files as
 * they are then. A package rebuilt or reinstalled during an hours-long run (`npm run build`, `npm i -g
 * tripletlens`, an app update) had renamed or removed them, and the run failed after training ("cannot find
 * module …/dist/h5ad-….js"), its results lost. Once imported here, a run finishes with the code it started with.
 */
import { isH5adPath } from '../engine/h5ad/h5ad-path.js';
import { loadH5wasm } from '../data/formats/h5wasm-load.js';

/** h5wasm (from node_modules, 4 MB) is loaded only when the output is an `.h5ad`, but then before the work. */
async function h5adWriterReady(out: string): Promise<void> {
  if (isH5adPath(out)) await loadH5wasm();
}

/** The modules of a `train` run writing `out` (and its report and model folder). */
export async function loadTrainModules(out: string) {
  const [training, modelFolder, h5ad, csv, colours] = await Promise.all([
    import('../engine/run-training.js'),
    import('../engine/model-folder.js'),
    import('../engine/h5ad/index.js'),
    import('../engine/coordinates-csv.js'),
    import('../engine/model-colours.js'),
    h5adWriterReady(out),
  ]);
  return {
    runTraining: training.runTraining,
    checkReplaceable: modelFolder.checkReplaceable,
    fillModelFolder: modelFolder.fillModelFolder,
    trainingH5ad: h5ad.trainingH5ad,
    writeH5adFile: h5ad.writeH5adFile,
    freshMapColours: h5ad.freshMapColours,
    coordinatesCsv: csv.coordinatesCsv,
    mapClassColours: colours.mapClassColours,
  };
}

/** The modules of an `embed` run writing `out`. */
export async function loadEmbedModules(out: string) {
  const [backend, modelFolder, embedding, h5ad, csv, projection] = await Promise.all([
    import('../backend/index.js'),
    import('../engine/model-folder.js'),
    import('../engine/embed-with-model.js'),
    import('../engine/h5ad/index.js'),
    import('../engine/coordinates-csv.js'),
    import('../engine/projection-result.js'),
    h5adWriterReady(out),
  ]);
  return {
    initBackend: backend.initBackend,
    loadModelFolder: modelFolder.loadModelFolder,
    embedWithModelPaced: embedding.embedWithModelPaced,
    matchModelGenes: embedding.matchModelGenes,
    embeddingH5ad: h5ad.embeddingH5ad,
    writeH5adFile: h5ad.writeH5adFile,
    embeddingCsv: csv.embeddingCsv,
    projectedLabelColumn: projection.projectedLabelColumn,
  };
}

/** What `loadEmbedModules` gives. */
export type EmbedModules = Awaited<ReturnType<typeof loadEmbedModules>>;
