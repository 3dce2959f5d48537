/**
 * The steps inside a run's long stages, said while they run: at 10⁵ cells preprocessing took 26–46 s and the
 * training stage 10–37 s before its first step, each under one stage line. The engine reports them through
 * the stage mechanism (`PipelineHooks.onStage`, the `train-stage` event's `step`), and the CLI's lines and the
 * Train screen's progress say them in these same words. Contract layer: imports only within `api/`.
 */
import { countText } from './count-text.js';
import type { RowWords } from './file-format.js';

/** What a long stage is doing. */
export type StageStepName =
  /** preprocess: each cell's total count (a pass over every stored value) */
  | 'library-sizes'
  /** preprocess: every gene's mean and variance after normalisation and log1p (a pass) */
  | 'gene-statistics'
  /** preprocess: the kept genes normalised, logged and z-scored, the PCA's input (a pass) */
  | 'scaling'
  /** preprocess: the PCA's passes over the rows (the mean, the subspace iterations, the Rayleigh–Ritz step) */
  | 'pca'
  /** preprocess: every cell projected onto the components (a pass) */
  | 'projection'
  /** train: the class-evidence step's classifier fitted on (a sample of) the training cells */
  | 'class-evidence'
  /** train: the class evidence of every cell (a pass over their kept genes) */
  | 'evidence-rows'
  /** train: the input-space neighbours the triplet sampler draws from (worker threads) */
  | 'neighbours'
  /** train: the neighbour search's random-projection trees, built before its queries (worker threads) */
  | 'neighbour-trees'
  /** metrics: held-out and training cells' kNN accuracy in the map */
  | 'knn-map'
  /** metrics: the PCA baseline (the input's first components) and its held-out kNN accuracy */
  | 'pca-baseline'
  /** metrics: the silhouette of the map by label */
  | 'silhouette'
  /** metrics: trustworthiness (each sampled cell's map neighbours ranked in the input) */
  | 'trustworthiness'
  /** metrics: held-out cells' kNN accuracy in the input space, counted by held-out cells searched */
  | 'knn-input'
  /** metrics: the stability check's second fit, with the next seed (`stability` on; a whole training run) */
  | 'stability'
  /**
   * embed: the cells through the encoder (`embed`: one call, `total` the cells, unit 'whole'; a run's embed
   * stage: in slices, `done` of `total` rows)
   */
  | 'encoder'
  /** embed: each cell's label predicted from its nearest training cells in the map (unit 'whole') */
  | 'predicting';

/** A step of a stage and, when it has a natural count, how far it is: `done` of `total` (`unit` each). */
export interface StageStep {
  name: StageStepName;
  done?: number;
  total?: number;
  /**
   * What is counted: the table's rows (cells, or rows of a text table), a pass of the PCA, the neighbour
   * search's queries (each searched row, once a refinement round) or trees, or a fit's iterations (`total` the most it
   * may take), or, 'whole', a step done in one go on `total` rows (`done` 0). Default rows.
   */
  unit?: 'rows' | 'passes' | 'queries' | 'iterations' | 'whole' | 'trees';
  /**
   * What the matrix's columns are called, on the steps that name them ('gene-statistics', 'scaling'), when they
   * are not genes: 'columns of obsm X_pca' for a run on an h5ad's embedding, which said "gene statistics" and
   * "scaling the kept genes". Absent: genes.
   */
  columns?: string;
}

const STEP_TEXT: Readonly<Record<StageStepName, string>> = {
  'library-sizes': 'library sizes',
  'gene-statistics': 'gene statistics',
  scaling: 'scaling the kept genes',
  pca: 'PCA',
  projection: 'projecting onto the components',
  'class-evidence': 'fitting the class evidence',
  'evidence-rows': 'class evidence',
  neighbours: 'finding input-space neighbours',
  'neighbour-trees': "building the neighbour search's trees",
  'knn-map': 'kNN accuracy in the map',
  'pca-baseline': 'the PCA baseline',
  silhouette: 'silhouette',
  trustworthiness: 'trustworthiness',
  'knn-input': 'kNN accuracy in the input space',
  stability: 'the stability check (a second fit)',
  encoder: 'the encoder',
  predicting: 'predicting labels',
};

/** The step's name in words, an embedding's columns named as such ('scaling the kept columns of obsm X_pca'). */
function stepName(step: StageStep): string {
  const { columns } = step;
  if (columns !== undefined && step.name === 'gene-statistics') return `statistics of the ${columns}`;
  if (columns !== undefined && step.name === 'scaling') return `scaling the kept ${columns}`;
  return STEP_TEXT[step.name] ?? step.name;
}

/**
 * "gene statistics, 40 000 of 100 000 cells", "PCA, pass 3 of 9", "finding input-space neighbours": the step in
 * words, with its count when it has one. `words`: what the table's rows are called (`rowWords`).
 */
export function stageStepText(step: StageStep, words: RowWords): string {
  const name = stepName(step);
  const { done, total } = step;
  if (done === undefined || total === undefined || total <= 0) return name;
  if (step.unit === 'passes') return `${name}, pass ${Math.min(done + 1, total)} of ${total}`;
  if (step.unit === 'iterations') return `${name}, iteration ${done} of at most ${total}`;
  if (step.unit === 'whole') return `${name} (${countText(total)} ${total === 1 ? words.one : words.many})`;
  if (step.unit === 'trees') return `${name}, ${done} of ${total} ${total === 1 ? 'tree' : 'trees'}`;
  if (step.unit === 'queries') return `${name}, ${countText(done)} of ${countText(total)} queries`;
  return `${name}, ${countText(done)} of ${countText(total)} ${total === 1 ? words.one : words.many}`;
}
