/** The engine's contract: what a training run takes, reports and returns (used by the CLI, worker and UI). */
import type { StageStep } from '../api/stage-step.js';
import type { RunMetrics } from '../api/engine-api.js';
import type { SourceFormatKind } from '../data/types.js';
import type { GeneIdColumn } from '../data/gene-ids.js';
import type { DenseMatrix } from '../api/matrix.js';
import type { PreprocessOptions } from '../api/preprocess-options.js';
import type { ClassEvidenceRecipe, PreprocessRecipe } from '../preprocess/index.js';
import type { BackendInfo } from '../api/backend-info.js';
import type { TrainHooks, TrainedEncoder, ResolvedTrainOptions } from '../train/index.js';
import type { ResolvedOptions } from '../api/option-resolve.js';
import type { OptionValues } from '../api/option-schema.js';
import type { ObjectiveRecipe } from './objective.js';
import type { UsedOptions } from './used-options.js';

/**
 * Everything a run needs besides the data: the schema's trainer and run options (src/api/option-schema.ts;
 * unset ones take their defaults, see `resolveSettings`), the label column and the preprocessing switches.
 */
export interface TrainSettings extends OptionValues<'trainer' | 'run'> {
  /** The metadata column holding the cell labels. Required. */
  labelColumn: string;
  /** Preprocessing switches. Default: the preprocessing defaults (auto normalise/log, 2 000 genes, z-score, PCA 50). */
  preprocess?: PreprocessOptions;
}

/** The settings after defaults are filled in: what the run actually used (recorded in the report). */
export type ResolvedSettings = Omit<ResolvedTrainOptions, 'classNames'> &
  ResolvedOptions<'run'> & {
    labelColumn: string;
    preprocess: PreprocessOptions;
  };

/** Which part of the data a cell belonged to. */
export type SplitName = 'train' | 'holdout' | 'unlabeled';

/** Quality metrics of a run: one definition, shared with the UI through the API. */
export type { RunMetrics };

/** Wall-clock time of each stage, in milliseconds. */
export interface RunTimings {
  preprocessMs: number;
  trainMs: number;
  embedMs: number;
  metricsMs: number;
  totalMs: number;
}

/** The run report (`run.json`): enough to reproduce and judge the run. */
export interface RunReport {
  tool: { name: 'tripletlens'; version: string };
  createdAt: string;
  input: {
    source: string;
    /** SHA-256 of the input file's bytes; null when the source is not a readable file. */
    sha256: string | null;
    idColumn: string;
    cells: number;
    genes: number;
    /** The file's format and the matrix trained on ('X', 'layers/counts', 'obsm/X_pca'…; '' for a text table); absent in older reports (and, before session 32, for a text table). */
    format?: { kind: SourceFormatKind; matrix: string };
  };
  parameters: ResolvedSettings;
  /**
   * Every option of the option schema with the value the run used, defaults included (`used-options.ts`):
   * `parameters` leaves out the preprocessing defaults and the engine's computed values. Absent in reports
   * before session 37.
   */
  options?: UsedOptions;
  seed: number;
  backend: BackendInfo;
  versions: Record<string, string>;
  recipe: PreprocessRecipe;
  classes: { label: string; cells: number; train: number; holdout: number }[];
  split: { train: number; holdout: number; unlabeled: number };
  training: {
    epochs: number;
    stoppedReason: TrainedEncoder['stoppedReason'];
    /** Why the run stopped, in a sentence (early stopping: which rule fired), when the trainer said. */
    stopMessage?: string;
    finalLoss: number | null;
    /** Steps run in all (the sum of the history's steps). */
    stepsRun: number;
    /** The learning rate used: `parameters.learningRate`, or the one the engine picked when that is auto. */
    learningRate?: number;
    history: TrainedEncoder['history'];
  };
  timings: RunTimings;
  metrics: RunMetrics;
  /** The training regime used ('small' for tiny tables; see src/engine/regime.ts). */
  regime: 'standard' | 'small';
  /**
   * The objective's recipe the run used: 'graph', 'order' or 'order-wide' (src/engine/objective.ts), null for
   * the plain triplet map. The recipe's options are in `parameters`.
   */
  objectiveRecipe: ObjectiveRecipe;
  /** Caveats to show beside a metric, by metric name (e.g. a hold-out too small to mean much). */
  metricNotes?: Partial<Record<keyof RunMetrics, string>>;
  /**
   * With `stability` on: the second fit's seed and the Procrustes disparity (scipy's definition, 0–1) of its
   * map of all cells against this run's map.
   */
  stability?: { seed: number; disparity: number };
  warnings: string[];
}

/** The result of `runTraining`. The caller owns `encoder` and must `dispose()` it. */
export interface TrainingRun {
  /** One row per input cell, input order; `dims` columns. */
  coords: DenseMatrix;
  split: SplitName[];
  /** The label per cell as used ('' when unlabeled). */
  labels: string[];
  /** The sorted distinct labels (class index order given to the trainer). */
  classes: string[];
  labelColumn: string;
  metrics: RunMetrics;
  report: RunReport;
  encoder: TrainedEncoder;
  recipe: PreprocessRecipe;
  /**
   * Other identifiers of the recipe's genes (`recipe.genes` order) from the input's gene annotations (an h5ad's
   * `gene_ids`, a Cell Ranger features file's ids, a loom's `Accession`…), so `embed` can match a file named
   * the other way. Absent or empty: the input had none.
   */
  geneIds?: GeneIdColumn[];
  /**
   * The preprocessed matrix (all cells, input order) without the class-evidence columns — the input space
   * the Explore view's neighbourhood check searches; the encoder's own input is `recipe` applied.
   */
  input: DenseMatrix;
}

/** Training hooks plus cancellation and stage reports for the UI. */
export type PipelineHooks = Omit<TrainHooks, 'onSnapshot' | 'onCheckpoint'> & {
  /**
   * The training cells embedded with the current weights every `snapshotEvery` epochs; `rows` gives the
   * dataset row of each coordinate row (hold-out cells are not seen by the encoder until training ends).
   */
  onSnapshot?(coords: DenseMatrix, epoch: number, rows: readonly number[]): void;
  /**
   * Every `snapshotEvery` epochs: `embed` maps the cells of the given dataset rows (any, hold-out cells
   * too) through the encoder as it is now (no dropout), from the run's whole input — the preprocessed
   * cells with the class evidence the encoder reads. The comparison bench scores held-out cells over
   * training with it. Awaited before training goes on. Default: none.
   */
  onCheckpoint?(
    embed: (rows: readonly number[]) => Promise<DenseMatrix>,
    epoch: number,
  ): Promise<void> | void;
  /** Aborting stops the run at the next step and rejects with an AbortError. */
  signal?: AbortSignal;
  /**
   * A stop request: before the first step (during preprocessing, between its passes over the rows, or the
   * input-space neighbour search, whose worker threads end) it rejects with an AbortError, as there is no map
   * to keep yet; later, onProgress stops the run; during the metrics stage it skips the metrics not yet
   * computed and ends the stability check's fit.
   */
  stopSignal?: AbortSignal;
  /**
   * A second Stop: aborted at any time, it skips the metrics not yet computed and ends the stability check's
   * fit, as a Stop during the metrics stage does. A Stop during the epochs ends them and leaves the metrics of
   * the map to compute (minutes at 10⁵ cells); the Train screen's Skip metrics sends this. Default: none.
   */
  skipSignal?: AbortSignal;
  /**
   * Called when a stage starts: 'preprocess', 'split', 'train', 'embed', 'metrics', 'report'; and, with `step`,
   * while a long stage goes on: what it is doing and how far (preprocessing's passes, often — every block of
   * rows —, the training stage's class evidence and neighbour search before its first step). A caller
   * throttles what it shows.
   */
  onStage?(stage: PipelineStage, step?: StageStep): void;
  /**
   * The label column's warning, before any work: its classes differing only in letter case ('Setosa' beside
   * 'setosa'), which train as different classes. The run report lists it too, but only once the run is over;
   * `train` prints it at once, as `inspect` warns of it. Default: none.
   */
  onLabelWarning?(warning: string): void;
  /**
   * A pause after each stage step, in ms: a test's way to hold a run inside a long stage, as preprocessing
   * 10⁵ cells is (the end-to-end reload test sets it through TRIPLETLENS_STAGE_STEP_DELAY_MS). Default 0.
   */
  stageStepDelayMs?: number;
  /**
   * Fine-tuning (with `initialWeights`): the earlier run's class-evidence step (`recipe.classEvidence`, null
   * when it had none), kept instead of fitted again so the earlier encoder's input keeps its width and
   * meaning. Unset: the step is fitted from the run's labels (or left out when `classEvidence` is 0).
   */
  classEvidence?: ClassEvidenceRecipe | null;
};

export type PipelineStage = 'preprocess' | 'split' | 'train' | 'embed' | 'metrics' | 'report';
