/**
 * The run report (`run.json`) of a finished training run, assembled from what each pipeline stage
 * produced: the input's fingerprint, the settings used, backend and versions, the recipe, the class table
 * and split, the training history, timings, metrics and their caveats, and the warnings.
 */
import type { BackendInfo } from '../api/backend-info.js';
import type { ExpressionTable } from '../data/types.js';
import type { Split } from '../evaluate/index.js';
import type { PreprocessRecipe } from '../preprocess/index.js';
import type { TrainedEncoder } from '../train/index.js';
import { packageVersion } from '../util/paths.js';
import type { LabelIndex } from '../data/label-index.js';
import { rowWords, type RowWords } from '../api/file-format.js';
import { emptyHoldoutNote, holdoutNote, noHoldoutNote, type Regime } from './regime.js';
import { trainKnnNote, trustworthinessNote } from './metrics.js';
import type { ObjectiveRecipe } from './objective.js';
import { sha256OfFile } from './run-report.js';
import type { ResolvedSettings, RunMetrics, RunReport, RunTimings } from './types.js';
import { usedOptions, type UsedOptionParts } from './used-options.js';
import { STOPPED_WORDS } from '../api/stopped-words.js';

/** Everything the report records, by the stage that produced it. */
export interface ReportParts {
  table: ExpressionTable;
  /** The settings the run used (after the objective's recipe and the regime's adjustments). */
  parameters: ResolvedSettings;
  /** The rest of what `options` records: the preprocessing options the fit was given, the split's seed… */
  optionParts: Omit<UsedOptionParts, 'parameters' | 'learningRate'>;
  seed: number;
  backend: BackendInfo;
  recipe: PreprocessRecipe;
  index: LabelIndex;
  parts: Split;
  encoder: TrainedEncoder;
  /** The stages' times; `totalMs` is measured from `started` (a performance.now() time) when the report is made. */
  timings: Omit<RunTimings, 'totalMs'>;
  started: number;
  metrics: RunMetrics;
  /** The metrics a Stop during the metrics stage skipped (null in `metrics`). Default: none. */
  skippedMetrics?: readonly (keyof RunMetrics)[];
  regime: Regime;
  objectiveRecipe: ObjectiveRecipe;
  stability?: { seed: number; disparity: number };
  warnings: string[];
}

/**
 * The report's `metricNotes`: when there is no hold-out (`holdout` 0, or no cell held out) or it is too small for its kNN accuracies
 * to mean much, when classes too small for a kNN-5 majority pull the training cells' accuracy down, and why
 * trustworthiness is n/a when the table is too small for it; in `words` for the table's rows (`rowWords`). A
 * metric in `skipped` is said not computed instead, whatever its other note: it has no value to qualify.
 */
function metricNotes(
  classes: RunReport['classes'],
  cells: number,
  metrics: RunMetrics,
  holdout: number,
  words: RowWords,
  skipped: readonly (keyof RunMetrics)[],
): Pick<RunReport, 'metricNotes'> {
  const held = classes.map((c) => c.holdout);
  const note =
    holdout === 0
      ? noHoldoutNote(words)
      : (emptyHoldoutNote(
          holdout,
          classes.map((c) => c.cells),
          held,
          words,
        ) ??
        holdoutNote(
          held,
          words,
          classes.map((c) => c.label),
        ));
  const train =
    metrics.knn_train === null
      ? undefined
      : trainKnnNote(
          classes.map((c) => c.train),
          words,
        );
  const trust = metrics.trustworthiness === null ? trustworthinessNote(cells, words) : undefined;
  const notes: NonNullable<RunReport['metricNotes']> = {
    ...(note ? { knn_holdout: note, knn_holdout_pca: note, knn_holdout_input: note } : {}),
    ...(train ? { knn_train: train } : {}),
    ...(trust ? { trustworthiness: trust } : {}),
  };
  for (const metric of skipped) notes[metric] = SKIPPED_NOTE;
  return Object.keys(notes).length ? { metricNotes: notes } : {};
}

/** The note of a metric a Stop skipped (the page lists it as "silhouette, trustworthiness: not computed: …"). */
export const SKIPPED_NOTE = `not computed: ${STOPPED_WORDS.stopped}`;

/** Cells per class in the whole file, the training split and the hold-out. */
function classTable(index: LabelIndex, parts: Split): RunReport['classes'] {
  const classes = index.classes.map((label, i) => ({
    label,
    cells: index.counts[i],
    train: 0,
    holdout: 0,
  }));
  for (const r of parts.train) classes[index.indices[r]].train++;
  for (const r of parts.holdout) classes[index.indices[r]].holdout++;
  return classes;
}

/** What the trainer did: epochs and steps run, why it stopped, the last loss and the history. */
function trainingRecord(encoder: TrainedEncoder): RunReport['training'] {
  const last = encoder.history.at(-1);
  return {
    epochs: last?.epoch ?? 0,
    stoppedReason: encoder.stoppedReason,
    ...(encoder.message !== undefined ? { stopMessage: encoder.message } : {}),
    finalLoss: last && Number.isFinite(last.loss) ? last.loss : null,
    stepsRun: encoder.history.reduce((sum, h) => sum + (h.steps ?? 0), 0),
    ...(encoder.learningRate !== undefined ? { learningRate: encoder.learningRate } : {}),
    history: encoder.history,
  };
}

/** Assembles the report (reads the input file once more for its SHA-256). */
export async function buildRunReport(r: ReportParts): Promise<RunReport> {
  const { table, parts, backend } = r;
  const classes = classTable(r.index, parts);
  return {
    tool: { name: 'tripletlens', version: packageVersion() },
    createdAt: new Date().toISOString(),
    input: {
      source: table.source,
      sha256: await sha256OfFile(table.source),
      idColumn: table.idColumn,
      cells: table.ids.length,
      genes: table.genes.length,
      // which matrix (layer, raw, obsm) was trained on: embed needs the same; the kind says what the rows are
      // called (api/file-format.ts rowWords: a text table's, which may be samples, are 'rows')
      format: table.format
        ? { kind: table.format.kind, matrix: table.format.matrix }
        : { kind: 'text', matrix: '' },
    },
    parameters: r.parameters,
    options: usedOptions({
      ...r.optionParts,
      parameters: r.parameters,
      ...(r.encoder.learningRate !== undefined ? { learningRate: r.encoder.learningRate } : {}),
    }),
    seed: r.seed,
    backend,
    versions: { tripletlens: packageVersion(), node: process.versions.node, ...backend.versions },
    recipe: r.recipe,
    classes,
    split: { train: parts.train.length, holdout: parts.holdout.length, unlabeled: parts.unlabeled.length },
    training: trainingRecord(r.encoder),
    timings: { ...r.timings, totalMs: performance.now() - r.started },
    metrics: r.metrics,
    regime: r.regime,
    objectiveRecipe: r.objectiveRecipe,
    ...metricNotes(
      classes,
      table.ids.length,
      r.metrics,
      r.parameters.holdout,
      rowWords(table.format?.kind ?? 'text'),
      r.skippedMetrics ?? [],
    ),
    ...(r.stability ? { stability: r.stability } : {}),
    warnings: r.warnings,
  };
}
