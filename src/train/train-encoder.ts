/**
 * The trainer: Adam over seeded batches (the loop in epoch-loop.ts, one step in train-step.ts), ending in a
 * TrainedEncoder. One seed gives the same run on the same backend (initialisation, sampling and dropout
 * each draw from their own seeded stream). Every tensor it makes is freed whatever happens.
 */
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../api/matrix.js';
import { CoreError } from '../api/core-error.js';
import { isDirectional } from '../losses/distance.js';
import { createClassifierHead, type ClassifierHead } from '../losses/classifier-loss.js';
import { defaultDenseGradient, type DenseGradientMode } from '../model/dense-gradient.js';
import { embedRowsPausing, type EmbedPlan } from '../model/embed-rows.js';
import { resolveArchitecture, type LayerSpec } from '../model/encoder-architecture.js';
import { EncoderNet } from '../model/encoder-net.js';
import { autoLearningRate } from './auto-learning-rate.js';
import { FlatAdamOptimizer } from './flat-adam.js';
import { buildLayersModel, wrapEncoder, type TrainedEncoder } from '../model/trained-encoder.js';
import { createSampler, type TripletSampler } from '../triplets/sampler.js';
import { withGraphEdges, type GraphSampler } from '../objective/graph-batches.js';
import { decayedLearningRate, graphWeightAt } from '../objective/graph-schedule.js';
import { deriveSeed, seededRandom } from '../util/random.js';
import { computeBatchLoss, type BatchLossContext } from './batch-loss.js';
import { checkTrainingInput } from './check-input.js';
import { BatchRows } from './device-rows.js';
import { prefetchingRandom } from './mask-prefetch.js';
import { resolveThreads } from '../neighbours/thread-count.js';
import { runEpochs, type EpochLoopOutcome } from './epoch-loop.js';
import { resolveTrainOptions, type ResolvedTrainOptions, type TrainOptions } from './options.js';
import { joinOutcomes, polishHooks, polishOptions, wantsPolish } from './polish.js';
import type { EncoderWeights, TrainHooks } from './progress.js';
import { plateauApplies, resolveStepBudget } from './step-budget.js';
import { holdAsideValidation, VALIDATION_EVERY, validationScore, type ValidationSet } from './validation.js';

export { INACTIVE_FRACTION } from './early-stopping.js';

/**
 * The most steps the run can take, for the sampler, which searches input-space neighbours only for the
 * anchors this many steps can draw: the step budget (`resolveStepBudget`) over `rows` training rows, of
 * epochs × stepsPerEpoch when stepsPerEpoch is given, else of epochs × the sampler's own epoch (every anchor
 * once). `maxSteps` 0 (no budget) with epochs of every anchor leaves every anchor searched.
 */
function stepBudget(
  opts: ResolvedTrainOptions,
  rows: number,
): { totalSteps?: (epochSteps: number) => number } {
  if (opts.maxSteps === 0 && (opts.stepsPerEpoch === undefined || opts.stepsPerEpoch === null)) return {};
  return {
    totalSteps: (epochSteps) =>
      resolveStepBudget(opts.maxSteps, rows, opts.epochs, opts.stepsPerEpoch ?? epochSteps).maxSteps,
  };
}

/**
 * The run's note when its input-space neighbour search ran in one thread, its worker threads unable to run
 * (`reason`: the error's first line). It names no setting, so the CLI's warning and the page's Run note say
 * it in the same words.
 */
export function searchFallbackNote(reason: string): string {
  return `The neighbour search ran in one thread (the same neighbours, more slowly): ${reason}`;
}

/**
 * The batches of a run: the triplet sampler, plus neighbour-graph edges when the graph term is on. Their
 * input-space neighbour searches run on `opts.threads` worker threads and end when `signal` aborts; when
 * the threads cannot run, in this thread, said once among the sampler's warnings (`searchFallbackNote`).
 */
async function createBatchSampler(
  x: DenseMatrix,
  labels: Int32Array,
  opts: ResolvedTrainOptions,
  hooks: Pick<TrainHooks, 'signal' | 'onPrepareStep' | 'neighbourSearch'>,
): Promise<TripletSampler | GraphSampler> {
  const { signal, onPrepareStep, neighbourSearch } = hooks;
  // the sampler and the graph term each search: the first reason is the one said
  let fallback: string | undefined;
  const threading = {
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    ...(signal ? { signal } : {}),
    ...neighbourSearch,
    onFallback: (reason: string) => (fallback ??= reason),
  };
  // neighbours are the expression's even when the encoder's input carries more columns (the class evidence)
  const space = opts.neighbourSpace ?? x;
  if (space.rows !== x.rows) {
    throw new CoreError('internal', `neighbourSpace has ${space.rows} rows for ${x.rows} training rows`);
  }
  const tripletSampler = await createSampler(
    space,
    labels,
    {
      kind: opts.sampler,
      batchSize: opts.batchSize,
      unlabeled: opts.unlabeled,
      neighbours: opts.neighbours,
      cellsPerClass: opts.cellsPerClass,
      neighbourShare: opts.neighbourShare,
      ...(opts.orderWeight > 0
        ? { orderTriplets: opts.orderTriplets ?? opts.batchSize, orderCandidates: opts.orderCandidates }
        : {}),
      ...(opts.classRatioWeight > 0 ? { classRatioTriplets: opts.batchSize } : {}),
      secondNegative: opts.loss === 'quadruplet',
      classNames: opts.classNames,
      ...(opts.rowWords ? { rowWords: opts.rowWords } : {}),
      ...stepBudget(opts, x.rows),
      ...threading,
      ...(onPrepareStep
        ? {
            onQueries: (done: number, total: number) =>
              onPrepareStep({ name: 'neighbours', done, total, unit: 'queries' }),
            onTrees: (done: number, total: number) =>
              onPrepareStep({ name: 'neighbour-trees', done, total, unit: 'trees' }),
          }
        : {}),
    },
    seededRandom(deriveSeed(opts.seed, 'sampling')),
  );
  const batches =
    opts.graphWeight > 0
      ? await withGraphEdges(
          tripletSampler,
          space,
          labels,
          {
            neighbours: opts.graphNeighbours,
            edgesPerStep: opts.graphEdges,
            ...(typeof opts.graphMixedEdges === 'number' ? { mixedEdgesPerStep: opts.graphMixedEdges } : {}),
            negatives: opts.graphNegatives,
            targetWeight: opts.graphTargetWeight,
            resetConnectivity: opts.graphResetConnectivity,
            uniformNegatives: opts.graphUniformNegatives,
            ...threading,
          },
          seededRandom(deriveSeed(opts.seed, 'graph')),
        )
      : tripletSampler;
  if (fallback !== undefined) batches.warnings.push(searchFallbackNote(fallback));
  return batches;
}

/**
 * With the graph term on and graphLearningRateDecay, a per-step hook setting the learning rate of step n (warm-up
 * steps first) on the linear fall to 0 over the warm-up and the step budget; else undefined.
 */
function learningRateDecay(
  opts: ResolvedTrainOptions,
  base: number,
  budgetSteps: number,
  graphOn: boolean,
): ((optimizer: FlatAdamOptimizer) => void) | undefined {
  if (!graphOn || !opts.graphLearningRateDecay) return undefined;
  const total = opts.graphWarmupSteps + budgetSteps;
  let step = 0;
  return (optimizer) => optimizer.setLearningRate(decayedLearningRate(base, total, step++));
}

/** The number of classes the labels name (labels are 0 … classes − 1; −1 is unlabelled). */
function classCount(labels: Int32Array): number {
  return labels.reduce((m, l) => Math.max(m, l + 1), 0);
}

/** The learnt class centres of the center loss ([classes, dims]), when it is on. */
function createCenters(classes: number, opts: ResolvedTrainOptions): tf.Variable | undefined {
  return opts.centerLossWeight > 0 && classes > 0
    ? tf.tidy(() => tf.variable(tf.zeros([classes, opts.dims]), true))
    : undefined;
}

/** The softmax classifier on the map (classifier-loss.ts), when it is on. */
function createHead(classes: number, opts: ResolvedTrainOptions): ClassifierHead | undefined {
  return opts.classifierWeight > 0 && classes > 1 ? createClassifierHead(opts.dims, classes) : undefined;
}

/** What one stage of training (the run, or its polish) leaves: its trained weights and its record. */
interface StageResult {
  weights: EncoderWeights[];
  mode: DenseGradientMode;
  steps: number;
  maxSteps: number;
  learningRate: number;
  sampler: TripletSampler;
  outcome: EpochLoopOutcome;
}

/** The finished encoder: the trained weights in a Layers model, with the run's record. */
function finishEncoder(
  weights: EncoderWeights[],
  specs: LayerSpec[],
  inputDim: number,
  opts: ResolvedTrainOptions,
  record: Omit<StageResult, 'weights'>,
): TrainedEncoder {
  const { outcome } = record;
  const model = buildLayersModel(inputDim, specs, weights);
  const {
    classNames: _names,
    rowWords: _words,
    neighbourSpace: _space,
    inputNoise: _noise,
    ...recorded
  } = opts;
  return wrapEncoder(
    model,
    {
      dims: opts.dims,
      inputDim,
      normalizeOutput: isDirectional(opts.distance),
      history: outcome.history,
      stoppedReason: outcome.stoppedReason,
      ...(outcome.message ? { message: outcome.message } : {}),
      options: {
        ...recorded,
        denseGradient: record.mode,
        stepsPerEpoch: record.steps,
        maxSteps: record.maxSteps,
        learningRate: record.learningRate,
      },
    },
    record.sampler.warnings,
  );
}

/** The loop's validation check on the held-aside rows, when there are any. */
function validationCheck(
  set: ValidationSet | undefined,
  plan: EmbedPlan,
): { validation?: { every: number; score(): number } } {
  return set ? { validation: { every: VALIDATION_EVERY, score: () => validationScore(set, plan) } } : {};
}

/** Fine-tuning: the seeded weights are replaced by an earlier encoder's (freed on a shape mismatch). */
function initialiseFrom(net: EncoderNet, weights: NonNullable<TrainHooks['initialWeights']>): void {
  try {
    net.assign(weights);
  } catch (err) {
    net.dispose();
    throw err;
  }
}

/**
 * Trains an encoder on x (rows × features, typically preprocessed/PCA) with labels (class index per row, −1
 * for unlabeled), then polishes it when `polishEpochs` > 0 (polish.ts). Resolves when training ends for
 * any reason; see TrainedEncoder.stoppedReason.
 */
export async function trainEncoder(
  x: DenseMatrix,
  labels: Int32Array,
  options: TrainOptions = {},
  hooks: TrainHooks = {},
): Promise<TrainedEncoder> {
  const opts = resolveTrainOptions(options);
  checkTrainingInput(x, labels);
  if (opts.inputNoise && opts.inputNoise.length !== x.cols)
    throw new CoreError(
      'internal',
      `inputNoise has ${opts.inputNoise.length} columns for ${x.cols} input columns`,
    );
  const specs = resolveArchitecture(opts.preset, opts.dims);
  const run = await trainStage(x, labels, opts, specs, hooks);
  if (!wantsPolish(opts, run.outcome)) return finishEncoder(run.weights, specs, x.cols, opts, run);
  const polish = await trainStage(
    x,
    labels,
    polishOptions(opts),
    specs,
    polishHooks(
      hooks,
      {
        epochsRun: run.outcome.history.length,
        stepsRun: run.outcome.stepsRun,
        polishEpochs: opts.polishEpochs,
      },
      run.weights,
    ),
  );
  // the record is the run's (its options, its learning rate, its sampler's warnings), the weights the polish's
  return finishEncoder(polish.weights, specs, x.cols, opts, {
    ...run,
    outcome: joinOutcomes(run.outcome, polish.outcome),
  });
}

/**
 * One stage: a fresh Adam and fresh seeded streams over seeded batches from `opts`, starting from
 * `hooks.initialWeights` when given; returns the trained weights (every tensor freed).
 */
async function trainStage(
  x: DenseMatrix,
  labels: Int32Array,
  opts: ResolvedTrainOptions,
  specs: LayerSpec[],
  hooks: TrainHooks,
): Promise<StageResult> {
  const mode = opts.denseGradient === 'auto' ? defaultDenseGradient(tf.getBackend()) : opts.denseGradient;
  const online = opts.sampler === 'semi-hard' || opts.sampler === 'hard' || opts.sampler === 'batch-all';
  // big tables hold validation rows aside (their labels hidden from the sampler) for the plateau check
  const validation = plateauApplies(opts.maxSteps, x.rows, opts.patience)
    ? holdAsideValidation(x, labels, seededRandom(deriveSeed(opts.seed, 'validation')))
    : undefined;
  hooks.onPrepareStep?.({ name: 'neighbours' });
  const sampler = await createBatchSampler(x, validation?.trainingLabels ?? labels, opts, hooks);
  const net = EncoderNet.create(x.cols, specs, seededRandom(deriveSeed(opts.seed, 'init')));
  if (hooks.initialWeights) initialiseFrom(net, hooks.initialWeights);
  let centers: tf.Variable | undefined;
  let head: ClassifierHead | undefined;
  let optimizer: tf.Optimizer | undefined;
  let batchRows: BatchRows | undefined;
  // drawn ahead on another thread when masks are big (mask-prefetch.ts): the same numbers either way
  const dropoutRandom = prefetchingRandom(deriveSeed(opts.seed, 'dropout'), resolveThreads(opts.threads));
  try {
    batchRows = new BatchRows(x);
    const classes = classCount(labels);
    centers = createCenters(classes, opts);
    head = createHead(classes, opts);
    const learningRate = opts.learningRate ?? autoLearningRate(x.rows, sampler.inputAgreement);
    const adam = new FlatAdamOptimizer(learningRate);
    optimizer = adam;
    const ctx: BatchLossContext = {
      net,
      mode,
      options: opts,
      dropoutRandom,
      miningRandom: seededRandom(deriveSeed(opts.seed, 'mining')),
      ...(centers ? { centers } : {}),
      ...(head ? { head } : {}),
    };
    const steps = opts.stepsPerEpoch ?? sampler.stepsPerEpoch;
    const budget = resolveStepBudget(opts.maxSteps, x.rows, opts.epochs, steps, opts.patience);
    const end = opts.graphWeightEnd ?? null;
    const graphScheduled = 'graphOnly' in sampler && end !== null && end !== opts.graphWeight;
    if (end !== null)
      ctx.graphWeightAt = (step) => graphWeightAt(opts.graphWeight, end, budget.maxSteps, step);
    const decay = learningRateDecay(opts, learningRate, budget.maxSteps, 'graphOnly' in sampler);
    const plan = {
      forward: (input: tf.Tensor2D) => net.forward(input, 'stock'),
      dims: net.outputDim,
      normalize: isDirectional(opts.distance),
    };
    const outcome = await runEpochs(
      {
        x,
        sampler,
        model: {
          optimizer,
          variables: [
            ...net.variables(),
            ...(centers ? [centers] : []),
            ...(head ? [head.weights, head.bias] : []),
          ],
          batchLoss: (xb, batch) => {
            decay?.(adam);
            return computeBatchLoss(ctx, xb, batch, online);
          },
          rows: batchRows,
          ...(opts.inputNoise
            ? {
                inputNoise: {
                  sd: opts.inputNoise,
                  random: seededRandom(deriveSeed(opts.seed, 'input-noise')),
                },
              }
            : {}),
        },
        epochs: opts.epochs,
        steps,
        patience: opts.patience,
        // The rising (or falling) graph weight changes the loss until the budget's last step: stopping on
        // its trend would end the schedule half-way (issue 13), so early stopping waits for it.
        ...(graphScheduled ? { holdEarlyStopSteps: budget.maxSteps } : {}),
        maxSteps: budget.maxSteps,
        ...validationCheck(budget.plateau ? validation : undefined, plan),
        snapshot: (pause) => embedRowsPausing(x, plan, pause),
        ...('graphOnly' in sampler && opts.graphWarmupSteps > 0
          ? { warmup: { steps: opts.graphWarmupSteps, next: sampler.graphOnly } }
          : {}),
        embed: (rows, pause) => embedRowsPausing(rows, plan, pause),
      },
      hooks,
    );
    const maxSteps = budget.maxSteps;
    return { weights: net.weightValues(), mode, steps, maxSteps, learningRate, sampler, outcome };
  } finally {
    await dropoutRandom.close();
    optimizer?.dispose();
    batchRows?.dispose();
    net.dispose();
    centers?.dispose();
    head?.weights.dispose();
    head?.bias.dispose();
  }
}
