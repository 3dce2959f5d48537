/**
 * runTraining: the engine's whole training pipeline, shared by the CLI, the worker and the desktop app.
 * preprocess → stratified hold-out split → label indices → train on the training split (+ unlabeled cells)
 * → embed every cell → metrics → report. Cancellable through an AbortSignal; reports stages and progress.
 */
import { countText } from '../api/count-text.js';
import type { ExpressionTable } from '../data/types.js';
import { fitPreprocess, type PreprocessRecipe } from '../preprocess/index.js';
import { logNormalisedTotal } from '../preprocess/log-total.js';
import { matrixColumnWords, trainingPreprocessError } from './preprocess-refusal.js';
import { stratifiedSplit, type Split } from '../evaluate/index.js';
import { initBackend } from '../backend/index.js';
import { trainEncoder, type TrainedEncoder, type TrainHooks } from '../train/index.js';
import type { DenseMatrix, ExpressionMatrix } from '../api/matrix.js';
import { selectRows } from '../data/select-rows.js';
import { chooseRegime, regimeOptions } from './regime.js';
import { chooseObjectiveRecipe, objectiveOptions } from './objective.js';
import { deriveSeed, seededRandom } from '../util/random.js';
import {
  caseVariantClasses,
  indexLabelColumn,
  labelStrings,
  singleMemberClasses,
  type LabelIndex,
} from '../data/label-index.js';
import { assertFinite } from '../data/assert-finite.js';
import { geneIdsOf } from '../data/gene-ids.js';
import { zscoresByDefault } from '../api/matrix-input.js';
import { encoderInputSteps, trainerInputOptions, type EvidenceRequest } from './encoder-input.js';
import { computeMetricsThreaded } from './metrics-threaded.js';
import type { MetricInputs } from './metrics.js';
import { resolveSettings } from './settings.js';
import { buildRunReport, SKIPPED_NOTE, type ReportParts } from './training-report.js';
import type { PreprocessOptions } from '../api/preprocess-options.js';
import type {
  PipelineHooks,
  PipelineStage,
  ResolvedSettings,
  RunMetrics,
  SplitName,
  TrainSettings,
  TrainingRun,
} from './types.js';
import { CoreError } from '../api/core-error.js';
import { rowWords, rowsText, type RowWords } from '../api/file-format.js';
import { quotedNames } from '../util/name-list.js';
import { yieldToEventLoop } from '../util/yield-to-event-loop.js';
import { runPaced, type Pace } from '../preprocess/paced.js';
import { EMBED_CHUNK } from '../model/embed-rows.js';
import { stabilityFit, type Stability } from './stability-fit.js';

/** The error a cancelled run rejects with (name 'AbortError', like fetch). */
export function abortError(): Error {
  const err = new Error('Training was cancelled');
  err.name = 'AbortError';
  return err;
}

/**
 * The class-evidence step this run asks for: the settings' scale and noise, or a fine-tuning run's own step;
 * its note names the columns of `matrixName` (`matrixColumnWords`: an embedding's are no genes).
 */
function evidenceRequest(
  used: ResolvedSettings,
  seed: number,
  hooks: PipelineHooks,
  matrixName: string,
): EvidenceRequest {
  return {
    scale: used.classEvidence,
    seed,
    noise: used.evidenceNoise,
    columns: matrixColumnWords(matrixName),
    ...(hooks.classEvidence !== undefined ? { fixed: hooks.classEvidence } : {}),
  };
}

/**
 * The warning about cells without a label (none when every cell has one), saying what became of them, in
 * `table`'s words for its rows: a text table's are rows (`rowsText`; a walkthrough's sample sheet left 2
 * samples of a bulk panel unlabelled, and the run note said "2 cells have no label").
 */
function unlabeledWarning(
  count: number,
  policy: ResolvedSettings['unlabeled'],
  table: ExpressionTable,
): string[] {
  if (count === 0) return [];
  return [
    `${rowsText(count, table.format?.kind ?? 'text', countText)} ${count === 1 ? 'has' : 'have'} no label; ` +
      (policy === 'exclude'
        ? 'they were left out of training and embedded afterwards.'
        : 'they took part in training through their nearest neighbours.'),
  ];
}

/** The cells the encoder trains on: the training split, plus the unlabeled cells unless they are excluded. */
function trainingRows(parts: Split, policy: ResolvedSettings['unlabeled']): number[] {
  return policy === 'exclude' ? parts.train : [...parts.train, ...parts.unlabeled].sort((a, b) => a - b);
}

/**
 * The trainer's hooks inside the pipeline: snapshots name their dataset rows; checkpoints take dataset rows
 * and embed their rows of `all`, the encoder's input of every cell; an abort stops at the next step.
 */
function trainerHooks(hooks: PipelineHooks, trainRows: readonly number[], all: DenseMatrix): TrainHooks {
  const { signal, onCheckpoint } = hooks;
  return {
    // the neighbour search before the first step ends on either (a stop has no map to keep there yet)
    ...(signal || hooks.stopSignal
      ? { signal: AbortSignal.any([signal, hooks.stopSignal].filter((s) => s !== undefined)) }
      : {}),
    snapshotEvery: hooks.snapshotEvery,
    // fine-tuning: start from an earlier encoder (its shapes are checked by the trainer)
    ...(hooks.initialWeights ? { initialWeights: hooks.initialWeights } : {}),
    onSnapshot: hooks.onSnapshot && ((coords, epoch) => hooks.onSnapshot!(coords, epoch, trainRows)),
    ...(onCheckpoint
      ? { onCheckpoint: (embed, epoch) => onCheckpoint((rows) => embed(selectRows(all, rows)), epoch) }
      : {}),
    onProgress: (p) => {
      if (signal?.aborted) return false;
      return hooks.onProgress?.(p);
    },
    ...(hooks.onEpoch ? { onEpoch: hooks.onEpoch } : {}),
    ...(hooks.onStage ? { onPrepareStep: (step) => hooks.onStage!('train', step) } : {}),
  };
}

/** Refuses a run whose loss became NaN or infinite (a 'numeric' CoreError with what to try). */
function refuseDiverged(encoder: TrainedEncoder): void {
  if (encoder.stoppedReason !== 'nan') return;
  throw new CoreError(
    'numeric',
    `${encoder.message ?? 'Training diverged (the loss became NaN or infinite).'} ` +
      'Try a lower learning rate or a smaller margin.',
  );
}

/**
 * The run's warnings from the trainer. The trainer names classes with one cell in its training rows;
 * those with one cell in the whole file are named only when it did not (they are the same classes unless
 * the hold-out took a class's second cell). `words`: what the table's rows are called (`rowWords`).
 */
function trainerWarnings(encoder: TrainedEncoder, index: LabelIndex, words: RowWords): string[] {
  const warnings = [...encoder.warnings];
  const singles = singleMemberClasses(index);
  if (singles.length && !encoder.warnings.some((w) => w.includes('cannot anchor a triplet'))) {
    warnings.push(
      `${singles.length === 1 ? 'Class' : 'Classes'} ${quotedNames(singles)} ` +
        `${singles.length === 1 ? 'has' : 'have'} a single ${words.one} and cannot anchor a triplet`,
    );
  }
  return warnings;
}

/** What the trainer's warnings call the classes and rows of `table` (a text table's rows: 'row', 'rows'). */
function classWords(
  table: ExpressionTable,
  index: LabelIndex,
): { classNames: readonly string[]; rowWords: { one: string; many: string } } {
  const { one, many } = rowWords(table.format?.kind ?? 'text');
  return { classNames: index.classes, rowWords: { one, many } };
}

/**
 * A warning naming the classes of `column` that differ only in letter case, with their cell counts (a user
 * trial: 5 cells spelt 'Versicolor' beside 45 'versicolor' were trained as a sixth class, silently), or
 * undefined when there are none. `words`: a text table's labels are classes (it may be a bulk panel), a
 * single-cell format's cell types.
 */
function caseVariantWarning(column: string, index: LabelIndex, words: RowWords): string | undefined {
  const groups = caseVariantClasses(index);
  if (!groups.length) return undefined;
  const count = (name: string) => index.counts[index.classes.indexOf(name)];
  const shown = groups
    .slice(0, 5)
    .map((group) => group.map((name) => `'${name}' (${count(name)})`).join(' and '))
    .join('; ');
  const more = groups.length > 5 ? ` and ${groups.length - 5} more groups` : '';
  return (
    `Label column '${column}': classes differing only in letter case are trained as different classes: ` +
    `${shown}${more}. If each group is one ${words.kind === 'type' ? 'cell type' : 'class'}, spell it one way in the file.`
  );
}

/**
 * Refuses a label column with fewer than two classes before any work, naming the file and what the column
 * holds (one class and its cells — rows of a text table, which may be a bulk panel, as `rowWords` says —, or
 * nothing but empty/NA values).
 */
function requireTwoClasses(table: ExpressionTable, column: string, index: LabelIndex): void {
  if (index.classes.length >= 2) return;
  const holds =
    index.classes.length === 1
      ? `only one class, '${index.classes[0]}' (${rowsText(index.counts[0], table.format?.kind ?? 'text', countText)})`
      : `no labelled cell (all ${countText(index.indices.length)} values are empty or NA)`;
  throw new CoreError(
    'bad-input',
    `${table.source}: the label column '${column}' holds ${holds}; triplet training needs at least two labelled ` +
      'classes. Choose another label column or add labels.',
  );
}

/**
 * What the report's `options` records beside the run's settings: the preprocessing options the fit was given,
 * the seed that drew the split, and how often the live map was drawn (0: never, as on the command line).
 */
function optionPartsOf(
  resolved: ResolvedSettings,
  preprocess: PreprocessOptions,
  hooks: PipelineHooks,
): ReportParts['optionParts'] {
  return {
    preprocess,
    splitSeed: resolved.splitSeed ?? resolved.seed,
    snapshotEvery: (hooks.onSnapshot && hooks.snapshotEvery) || 0,
  };
}

/**
 * What a stage's paced work awaits at each pause (preprocessing's passes, every block of rows; the class
 * evidence; the metrics' steps): the step said as stage `stage`'s (`onStage`), then a turn of the event loop, so
 * the engine worker takes a Stop (or other data) sent meanwhile — a pass over 10⁵ cells held it 6–15 s, minutes
 * at 300 000 cells — then an AbortError if the run was aborted, or stopped before its first step (`stops`,
 * default true: there is no map to keep yet). After the steps a Stop has a map to keep, so it ends nothing.
 */
function stagePace(hooks: PipelineHooks, stage: PipelineStage, stops = true): Pace {
  const { signal, stopSignal } = hooks;
  return async (step) => {
    hooks.onStage?.(stage, step);
    const pause = hooks.stageStepDelayMs ?? 0;
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    else await yieldToEventLoop();
    if (signal?.aborted || (stops && stopSignal?.aborted)) throw abortError();
  };
}

/**
 * A signal that skips the rest of the metrics stage: aborted by `hooks.skipSignal` (a second Stop: the first
 * ended the epochs), whenever it came, or by a Stop pressed from now on. `dispose` stops listening.
 */
function stageSkip(hooks: PipelineHooks): { signal: AbortSignal; dispose(): void } {
  const skip = new AbortController();
  const onStop = (): void => skip.abort();
  const { stopSignal, skipSignal } = hooks;
  // an already aborted stop signal never fires: only a Stop from now on skips
  stopSignal?.addEventListener('abort', onStop, { once: true });
  if (skipSignal?.aborted) skip.abort();
  else skipSignal?.addEventListener('abort', onStop, { once: true });
  return {
    signal: skip.signal,
    dispose() {
      stopSignal?.removeEventListener('abort', onStop);
      skipSignal?.removeEventListener('abort', onStop);
    },
  };
}

/** The note of a stability check a Stop ended, in the words of the metrics it skipped (SKIPPED_NOTE). */
export const STABILITY_SKIPPED = `Stability check: ${SKIPPED_NOTE}`;

/**
 * The metrics stage: the stability check's second fit when `stability` asks for it, then the metrics of the
 * map (`inputs`), on `threads` worker threads (default: the cores). A Stop pressed during the stage ends the
 * fit (no stability, a warning STABILITY_SKIPPED) and skips the metrics not yet computed (`skippedMetrics`,
 * null in `metrics`): the user asked for the map now, and at 10⁵ cells the stage takes minutes. A Stop pressed
 * before it (during the epochs) does not: the Stop already ended the training, and the metrics of its map are
 * computed as they were — unless a second Stop (`hooks.skipSignal`) asks to skip them too.
 * `enter` says the stage has begun: a Stop from then on (the page's, as the stage is said) skips.
 */
async function metricsStage(
  enter: () => void,
  inputs: MetricInputs,
  work: {
    threads?: number | undefined;
    /** The stability check's fit (when asked for), ended by `skip`: undefined then. */
    stability?: ((skip: AbortSignal) => Promise<Stability | undefined>) | undefined;
  },
  hooks: PipelineHooks,
  warnings: string[],
): Promise<{ metrics: RunMetrics; skippedMetrics: (keyof RunMetrics)[]; stability?: Stability }> {
  const { signal } = hooks;
  const skip = stageSkip(hooks);
  let skippedMetrics: (keyof RunMetrics)[] = [];
  try {
    enter();
    const pace = stagePace(hooks, 'metrics', false);
    let stability: Stability | undefined;
    if (work.stability) {
      await pace({ name: 'stability' });
      stability = await work.stability(skip.signal);
      if (signal?.aborted) throw abortError();
      if (!stability) warnings.push(STABILITY_SKIPPED);
    }
    const metrics = await computeMetricsThreaded(inputs, {
      ...(work.threads !== undefined ? { threads: work.threads } : {}),
      ...(signal ? { signal } : {}),
      pace,
      onFallback: (reason) => warnings.push(`The metrics were computed in one thread: ${reason}`),
      skip: skip.signal,
      onSkipped: (skipped) => (skippedMetrics = skipped),
    });
    return { metrics, skippedMetrics, ...(stability ? { stability } : {}) };
  } finally {
    skip.dispose();
  }
}

/**
 * The run's warnings from its input: the import's (information, such as a full metadata match, is not a
 * warning of the run) and label classes differing only in letter case — also given to `onLabelWarning` at
 * once (PipelineHooks).
 */
function importWarnings(
  table: ExpressionTable,
  labelColumn: string,
  index: LabelIndex,
  onLabelWarning: PipelineHooks['onLabelWarning'],
): string[] {
  const warnings = table.warnings.filter((w) => !w.info).map((w) => w.message);
  const variants = caseVariantWarning(labelColumn, index, rowWords(table.format?.kind ?? 'text'));
  if (variants) {
    warnings.push(variants);
    onLabelWarning?.(variants);
  }
  return warnings;
}

/** The stratified hold-out split of the labelled cells (seeded by `splitSeed`, else the run's seed), and each row's part. */
function drawSplit(
  index: LabelIndex,
  resolved: ResolvedSettings,
  rows: number,
): { parts: Split; split: SplitName[] } {
  const parts = stratifiedSplit(
    index.indices,
    resolved.holdout,
    seededRandom(deriveSeed(resolved.splitSeed ?? resolved.seed, 'split')),
  );
  const split = new Array<SplitName>(rows);
  for (const r of parts.train) split[r] = 'train';
  for (const r of parts.holdout) split[r] = 'holdout';
  for (const r of parts.unlabeled) split[r] = 'unlabeled';
  return { parts, split };
}

/**
 * What the recipe keeps of the training values' scale for new cells. An embedding's dimensions are no genes:
 * cells projected onto the training's components (as scanpy's ingest) are off-centre without being wrong, so
 * the scale check's centring rule is not made for it (centring.ts) and its spreads go. Values the engine did
 * not normalise (log-normalised already, as scanpy's X): the total per cell they were normalised to, when every
 * cell's expm1 sum agrees, so a new sample of raw counts can be log-normalised the same way (`embed
 * --log-normalize`); null when they share none. Not for a recipe that normalises counts itself.
 */
function recordScaleFacts(recipe: PreprocessRecipe, matrixName: string, values: ExpressionMatrix): void {
  if (!zscoresByDefault(matrixName)) delete recipe.spreads;
  else if (recipe.normalize === null && !recipe.log1p) recipe.logTotal = logNormalisedTotal(values);
}

/** Runs the pipeline. The caller owns the returned `encoder` and must dispose it. */
export async function runTraining(
  table: ExpressionTable,
  settings: TrainSettings,
  hooks: PipelineHooks = {},
): Promise<TrainingRun> {
  const started = performance.now();
  const { signal } = hooks;
  const stage = (name: PipelineStage) => {
    if (signal?.aborted) throw abortError();
    hooks.onStage?.(name);
  };
  const resolved = resolveSettings(settings);
  // the label column indexed once; a missing column fails here, before any work. The split, the sampler and
  // the metrics share these codes.
  const index = indexLabelColumn(table, resolved.labelColumn);
  requireTwoClasses(table, resolved.labelColumn, index);
  const warnings = importWarnings(table, resolved.labelColumn, index, hooks.onLabelWarning);
  const backend = await initBackend();

  stage('preprocess');
  let t = performance.now();
  // fitted on every cell, as before; a CSR table stays sparse until its genes are selected
  const matrixName = table.format?.matrix ?? '';
  const keepScales = resolved.preprocess.zscore === undefined && !zscoresByDefault(matrixName);
  const preprocess = { ...resolved.preprocess, ...(keepScales ? { zscore: false } : {}) };
  const pre = await fitPreprocess(
    table.values,
    table.genes,
    { seed: resolved.seed, ...preprocess },
    stagePace(hooks, 'preprocess'),
    undefined,
    rowWords(table.format?.kind ?? 'text'), // a text table's rows, which may be samples, are 'rows'
    matrixColumnWords(matrixName),
  ).catch((err: unknown) => {
    // "row 3, gene 'CD3E' is -0.4": of which file, and what to set, in each side's words
    throw trainingPreprocessError(err, table);
  });
  assertFinite(pre.matrix, 'The preprocessed matrix');
  if (keepScales)
    pre.recipe.notes.push(`${matrixName} is an embedding: its dimensions keep their scales (no z-score)`);
  recordScaleFacts(pre.recipe, matrixName, table.values);
  const preprocessMs = performance.now() - t;

  stage('split');
  const labels = labelStrings(index);
  const { parts, split } = drawSplit(index, resolved, table.ids.length);
  warnings.push(...unlabeledWarning(parts.unlabeled.length, resolved.unlabeled, table));

  const regime = chooseRegime(resolved.regime, parts.train.length);
  const objectiveRecipe = chooseObjectiveRecipe(resolved.objective, parts.train.length, regime);
  const trainRows = trainingRows(parts, resolved.unlabeled);
  const withRecipe = objectiveOptions(objectiveRecipe, resolved, settings, trainRows.length);
  const used = regimeOptions(regime, withRecipe.options, withRecipe.chosen);

  stage('train');
  t = performance.now();
  const trainLabels = Int32Array.from(trainRows, (r) => index.indices[r]);
  const request = evidenceRequest(used, resolved.seed, hooks, matrixName);
  const input = await runPaced(
    encoderInputSteps(pre, table, index, parts, trainRows, request),
    stagePace(hooks, 'train'),
  );
  const { recipe, trainX, all } = input;
  const trainerOptions = { ...used, ...classWords(table, index), ...trainerInputOptions(input) };
  const encoder: TrainedEncoder = await trainEncoder(
    trainX,
    trainLabels,
    trainerOptions,
    trainerHooks(hooks, trainRows, all),
  );
  const trainMs = performance.now() - t;
  try {
    if (signal?.aborted) throw abortError();
    refuseDiverged(encoder);
    warnings.push(...trainerWarnings(encoder, index, rowWords(table.format?.kind ?? 'text')));

    stage('embed');
    t = performance.now();
    // in slices of rows, each said as 'n of N cells' (at 10^5 cells one silent line said nothing for seconds);
    // a table of one slice is embedded in one go, its stage line enough
    const embedPace = stagePace(hooks, 'embed', false);
    const embedStep = (done: number) => embedPace({ name: 'encoder', done, total: all.rows });
    if (all.rows > EMBED_CHUNK) await embedStep(0);
    const coords = await encoder.embedPausing(all, embedStep);
    assertFinite(coords, 'The embedding');
    const embedMs = performance.now() - t;

    t = performance.now();
    const { metrics, skippedMetrics, stability } = await metricsStage(
      () => stage('metrics'),
      {
        coords,
        input: pre.matrix,
        labels: index.indices,
        train: parts.train,
        holdout: parts.holdout,
        seed: resolved.seed,
      },
      {
        threads: used.threads,
        stability: used.stability
          ? (skip) => stabilityFit(coords, trainX, trainLabels, trainerOptions, all, signal, skip)
          : undefined,
      },
      hooks,
      warnings,
    );
    const metricsMs = performance.now() - t;

    stage('report');
    const report = await buildRunReport({
      table,
      parameters: used,
      optionParts: optionPartsOf(resolved, preprocess, hooks),
      seed: resolved.seed,
      backend,
      recipe,
      index,
      parts,
      encoder,
      timings: { preprocessMs, trainMs, embedMs, metricsMs },
      started,
      metrics,
      skippedMetrics,
      regime,
      objectiveRecipe,
      ...(stability ? { stability } : {}),
      warnings,
    });
    return {
      coords,
      split,
      labels,
      classes: index.classes,
      labelColumn: resolved.labelColumn,
      metrics,
      report,
      encoder,
      recipe,
      geneIds: geneIdsOf(table, recipe.genes),
      // the input space, without the class evidence: the neighbourhood check compares the map with it
      input: pre.matrix,
    };
  } catch (err) {
    encoder.dispose();
    throw err;
  }
}
