/**
 * runTraining: the engine's whole training pipeline, shared by the CLI, the worker and the desktop app.
 * preprocess → stratified hold-out split → label indices → train on the training split (+ unlabeled cells)
 * → embed every cell → metrics → report. Cancellable through an AbortSignal; reports stages and progress.
 */
import type { ExpressionTable } from '../data/types.js';
import { fitPreprocess } from '../preprocess/index.js';
import { stratifiedSplit } from '../evaluate/index.js';
import { initBackend } from '../backend/index.js';
import { trainEncoder, type TrainedEncoder, type TrainOptions } from '../train/index.js';
import type { DenseMatrix } from '../api/matrix.js';
import { procrustesDisparity } from '../evaluate/procrustes.js';
import { chooseRegime, holdoutNote, regimeOptions } from './regime.js';
import { packageVersion } from '../util/paths.js';
import { deriveSeed, seededRandom } from '../util/random.js';
import { indexLabelColumn, labelStrings, singleMemberClasses } from '../data/label-index.js';
import { assertFinite } from '../data/assert-finite.js';
import { selectRows } from '../data/select-rows.js';
import { computeMetrics } from './metrics.js';
import { sha256OfFile } from './run-report.js';
import { resolveSettings } from './settings.js';
import type { PipelineHooks, PipelineStage, SplitName, TrainSettings, TrainingRun } from './types.js';

/** The error a cancelled run rejects with (name 'AbortError', like fetch). */
export function abortError(): Error {
  const err = new Error('Training was cancelled');
  err.name = 'AbortError';
  return err;
}

/** The report's `metricNotes` when the hold-out is too small for its kNN accuracies to mean much. */
function metricNotes(holdoutPerClass: number[]): Pick<TrainingRun['report'], 'metricNotes'> {
  const note = holdoutNote(holdoutPerClass);
  return note ? { metricNotes: { knn_holdout: note, knn_holdout_pca: note, knn_holdout_input: note } } : {};
}

/**
 * Stability on request: fits a second encoder on the same cells with the next seed and returns the
 * Procrustes disparity of its map of every cell against `coords`.
 */
async function secondFitDisparity(
  coords: DenseMatrix,
  trainX: DenseMatrix,
  trainLabels: Int32Array,
  options: TrainOptions & { seed: number },
  all: DenseMatrix,
  signal: AbortSignal | undefined,
): Promise<{ seed: number; disparity: number }> {
  // seeds keep 32 bits (src/util/random.ts): after the largest, 2³²−1, comes 0 — the same stream 2³² would give
  const seed = (options.seed + 1) % 2 ** 32;
  const second = await trainEncoder(
    trainX,
    trainLabels,
    { ...options, seed },
    {
      onProgress: () => !signal?.aborted,
      ...(signal ? { signal } : {}),
    },
  );
  try {
    if (signal?.aborted) throw abortError();
    return { seed, disparity: procrustesDisparity(coords, second.embed(all)) };
  } finally {
    second.dispose();
  }
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
  const warnings = table.warnings.map((w) => w.message);
  const backend = await initBackend();

  stage('preprocess');
  let t = performance.now();
  // fitted on every cell, as before; a CSR table stays sparse until its genes are selected
  const pre = await fitPreprocess(table.values, table.genes, {
    seed: resolved.seed,
    ...resolved.preprocess,
  });
  assertFinite(pre.matrix, 'The preprocessed matrix');
  const preprocessMs = performance.now() - t;

  stage('split');
  if (index.classes.length < 2) {
    throw new Error(
      `The label column '${resolved.labelColumn}' has ${index.classes.length} class${index.classes.length === 1 ? '' : 'es'}; ` +
        'triplet training needs at least two labelled classes.',
    );
  }
  const labels = labelStrings(index);
  const parts = stratifiedSplit(
    index.indices,
    resolved.holdout,
    seededRandom(deriveSeed(resolved.seed, 'split')),
  );
  const split = new Array<SplitName>(table.ids.length);
  for (const r of parts.train) split[r] = 'train';
  for (const r of parts.holdout) split[r] = 'holdout';
  for (const r of parts.unlabeled) split[r] = 'unlabeled';
  if (parts.unlabeled.length) {
    warnings.push(
      `${parts.unlabeled.length} cell${parts.unlabeled.length === 1 ? ' has' : 's have'} no label; ` +
        (resolved.unlabeled === 'exclude'
          ? 'they were left out of training and embedded afterwards.'
          : 'they took part in training through their nearest neighbours.'),
    );
  }

  const regime = chooseRegime(resolved.regime, parts.train.length);
  const used = regimeOptions(regime, resolved, settings);

  stage('train');
  t = performance.now();
  const trainRows =
    resolved.unlabeled === 'exclude'
      ? parts.train
      : [...parts.train, ...parts.unlabeled].sort((a, b) => a - b);
  const trainLabels = Int32Array.from(trainRows, (r) => index.indices[r]);
  const trainX = selectRows(pre.matrix, trainRows);
  const encoder: TrainedEncoder = await trainEncoder(
    trainX,
    trainLabels,
    { ...used, classNames: index.classes },
    {
      // the neighbour search before the first step ends on either (a stop has no map to keep there yet)
      ...(signal || hooks.stopSignal
        ? { signal: AbortSignal.any([signal, hooks.stopSignal].filter((s) => s !== undefined)) }
        : {}),
      snapshotEvery: hooks.snapshotEvery,
      onSnapshot: hooks.onSnapshot && ((coords, epoch) => hooks.onSnapshot!(coords, epoch, trainRows)),
      onProgress: (p) => {
        if (signal?.aborted) return false;
        return hooks.onProgress?.(p);
      },
    },
  );
  const trainMs = performance.now() - t;
  try {
    if (signal?.aborted) throw abortError();
    if (encoder.stoppedReason === 'nan') {
      throw new Error(
        `${encoder.message ?? 'Training diverged (the loss became NaN or infinite).'} ` +
          'Try a lower learning rate or a smaller margin.',
      );
    }
    warnings.push(...encoder.warnings);
    // the trainer names classes with one cell in its training rows; name those with one cell in the whole file
    // only when it did not (they are the same classes unless the hold-out took a class's second cell)
    const singles = singleMemberClasses(index);
    if (singles.length && !encoder.warnings.some((w) => w.includes('single cell'))) {
      warnings.push(
        `${singles.length === 1 ? 'Class' : 'Classes'} ${singles.map((s) => `'${s}'`).join(', ')} ` +
          `${singles.length === 1 ? 'has' : 'have'} a single cell and cannot anchor a triplet`,
      );
    }

    stage('embed');
    t = performance.now();
    const coords = encoder.embed(pre.matrix);
    assertFinite(coords, 'The embedding');
    const embedMs = performance.now() - t;
    const stability = used.stability
      ? await secondFitDisparity(
          coords,
          trainX,
          trainLabels,
          { ...used, classNames: index.classes },
          pre.matrix,
          signal,
        )
      : undefined;

    stage('metrics');
    t = performance.now();
    const metrics = computeMetrics({
      coords,
      input: pre.matrix,
      labels: index.indices,
      train: parts.train,
      holdout: parts.holdout,
      seed: resolved.seed,
    });
    const metricsMs = performance.now() - t;

    stage('report');
    const last = encoder.history.at(-1);
    const classes = index.classes.map((label, i) => ({
      label,
      cells: index.counts[i],
      train: 0,
      holdout: 0,
    }));
    for (const r of parts.train) classes[index.indices[r]].train++;
    for (const r of parts.holdout) classes[index.indices[r]].holdout++;
    const report: TrainingRun['report'] = {
      tool: { name: 'tripletlens', version: packageVersion() },
      createdAt: new Date().toISOString(),
      input: {
        source: table.source,
        sha256: await sha256OfFile(table.source),
        idColumn: table.idColumn,
        cells: table.ids.length,
        genes: table.genes.length,
        // which matrix (layer, raw, obsm) was trained on: embed needs the same
        ...(table.format ? { format: { kind: table.format.kind, matrix: table.format.matrix } } : {}),
      },
      parameters: used,
      seed: resolved.seed,
      backend,
      versions: { tripletlens: packageVersion(), node: process.versions.node, ...backend.versions },
      recipe: pre.recipe,
      classes,
      split: { train: parts.train.length, holdout: parts.holdout.length, unlabeled: parts.unlabeled.length },
      training: {
        epochs: last?.epoch ?? 0,
        stoppedReason: encoder.stoppedReason,
        ...(encoder.message !== undefined ? { stopMessage: encoder.message } : {}),
        finalLoss: last && Number.isFinite(last.loss) ? last.loss : null,
        history: encoder.history,
      },
      timings: { preprocessMs, trainMs, embedMs, metricsMs, totalMs: performance.now() - started },
      metrics,
      regime,
      ...metricNotes(classes.map((c) => c.holdout)),
      ...(stability ? { stability } : {}),
      warnings,
    };
    return {
      coords,
      split,
      labels,
      classes: index.classes,
      labelColumn: resolved.labelColumn,
      metrics,
      report,
      encoder,
      recipe: pre.recipe,
      input: pre.matrix,
    };
  } catch (err) {
    encoder.dispose();
    throw err;
  }
}
