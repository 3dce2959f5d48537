/**
 * The training loop: Adam over seeded batches, per-step progress, snapshots, early stopping on the epoch
 * loss, a clean stop when onProgress returns false, and a clear stop on a NaN/Inf loss. One seed gives the
 * same run on the same backend (initialisation, sampling and dropout each draw from their own seeded stream).
 */
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../api/matrix.js';
import { isDirectional } from '../losses/distance.js';
import { defaultDenseGradient } from '../model/dense-gradient.js';
import { resolveArchitecture } from '../model/encoder-architecture.js';
import { EncoderNet } from '../model/encoder-net.js';
import { buildLayersModel, wrapEncoder, type TrainedEncoder } from '../model/trained-encoder.js';
import type { StoppedReason, TrainHistoryEntry } from '../api/progress.js';
import { createSampler } from '../triplets/sampler.js';
import { withGraphEdges } from '../objective/graph-batches.js';
import { deriveSeed, seededRandom } from '../util/random.js';
import { computeBatchLoss, type BatchLossContext } from './batch-loss.js';
import { selectRows } from '../data/select-rows.js';
import { checkTrainingInput } from './check-input.js';
import { resolveTrainOptions, type TrainOptions } from './options.js';
import { DEFAULT_YIELD_BUDGET_MS, type TrainHooks } from './progress.js';

/** An epoch must lower the best loss by this fraction to count as an improvement for early stopping. */
const MIN_RELATIVE_IMPROVEMENT = 0.01;

/**
 * An epoch whose mean share of active triplets is below this learns (next to) nothing: every triplet already
 * satisfies the margin. `patience` such epochs in a row stop the run early, whatever the loss does — on a
 * 30 000-cell table the loss of the few remaining active triplets kept falling by > 1 % an epoch, so the
 * loss rule alone ran all 30 epochs at "0 %" active (issue 10). 1 in 10 000 is far below any epoch of a run
 * that is still learning (the PBMC sample ends its runs at several percent).
 */
export const INACTIVE_FRACTION = 1e-4;

/** Yields to the event loop; the worker answers requests (status, stop) while training runs. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Yields whenever more than `budgetMs` passed since the last yield, so the event loop waits at most about one
 * step or one embedding chunk plus the budget. Yielding never touches the seeded streams: results are the
 * same for every budget.
 */
function yielder(budgetMs: number, onYield: (() => void) | undefined): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < budgetMs) return;
    await yieldToEventLoop();
    onYield?.();
    last = performance.now();
  };
}

/** Embeds all of x with the current weights (no dropout), in chunks, yielding between chunks when due. */
async function embedNow(
  net: EncoderNet,
  x: DenseMatrix,
  normalize: boolean,
  pause: () => Promise<void>,
): Promise<DenseMatrix> {
  const out = new Float32Array(x.rows * net.outputDim);
  const chunk = 4096;
  for (let start = 0; start < x.rows; start += chunk) {
    if (start > 0) await pause();
    const end = Math.min(x.rows, start + chunk);
    const values = tf.tidy(() => {
      let y = net.forward(
        tf.tensor2d(x.data.subarray(start * x.cols, end * x.cols), [end - start, x.cols]),
        'stock',
      );
      if (normalize) y = tf.div(y, tf.sqrt(tf.maximum(tf.sum(tf.square(y), 1, true), 1e-12)));
      return y.dataSync() as Float32Array;
    });
    out.set(values, start * net.outputDim);
  }
  return { data: out, rows: x.rows, cols: net.outputDim };
}

/**
 * Trains an encoder on x (rows × features, typically preprocessed/PCA) with labels (class index per row, −1
 * for unlabeled). Resolves when training ends for any reason; see TrainedEncoder.stoppedReason.
 */
export async function trainEncoder(
  x: DenseMatrix,
  labels: Int32Array,
  options: TrainOptions = {},
  hooks: TrainHooks = {},
): Promise<TrainedEncoder> {
  const opts = resolveTrainOptions(options);
  checkTrainingInput(x, labels);
  const specs = resolveArchitecture(opts.preset, opts.dims);
  const mode = opts.denseGradient === 'auto' ? defaultDenseGradient(tf.getBackend()) : opts.denseGradient;
  const online = opts.sampler === 'semi-hard' || opts.sampler === 'hard' || opts.sampler === 'batch-all';
  const threading = {
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    ...(hooks.signal ? { signal: hooks.signal } : {}),
  };
  const tripletSampler = await createSampler(
    x,
    labels,
    {
      kind: opts.sampler,
      batchSize: opts.batchSize,
      unlabeled: opts.unlabeled,
      neighbours: opts.neighbours,
      cellsPerClass: opts.cellsPerClass,
      neighbourShare: opts.neighbourShare,
      secondNegative: opts.loss === 'quadruplet',
      classNames: opts.classNames,
      ...threading,
    },
    seededRandom(deriveSeed(opts.seed, 'sampling')),
  );
  const sampler =
    opts.graphWeight > 0
      ? await withGraphEdges(
          tripletSampler,
          x,
          labels,
          { neighbours: opts.graphNeighbours, edgesPerStep: opts.graphEdges, ...threading },
          seededRandom(deriveSeed(opts.seed, 'graph')),
        )
      : tripletSampler;
  const net = EncoderNet.create(x.cols, specs, seededRandom(deriveSeed(opts.seed, 'init')));
  const classes = labels.reduce((m, l) => Math.max(m, l + 1), 0);
  const centers =
    opts.centerLossWeight > 0 && classes > 0
      ? tf.tidy(() => tf.variable(tf.zeros([classes, opts.dims]), true))
      : undefined;
  const optimizer = tf.train.adam(opts.learningRate);
  const ctx: BatchLossContext = {
    net,
    mode,
    options: opts,
    dropoutRandom: seededRandom(deriveSeed(opts.seed, 'dropout')),
    miningRandom: seededRandom(deriveSeed(opts.seed, 'mining')),
    ...(centers ? { centers } : {}),
  };
  const variables = centers ? [...net.variables(), centers] : net.variables();
  const steps = opts.stepsPerEpoch ?? sampler.stepsPerEpoch;
  const normalize = isDirectional(opts.distance);
  const history: TrainHistoryEntry[] = [];
  let stoppedReason: StoppedReason = 'completed';
  let message: string | undefined;
  const started = Date.now();
  let best = Infinity;
  let sinceBest = 0;
  let inactiveEpochs = 0;
  const pause = yielder(hooks.yieldBudgetMs ?? DEFAULT_YIELD_BUDGET_MS, hooks.onYield);

  try {
    training: for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      let lossSum = 0;
      let activeSum = 0;
      for (let step = 1; step <= steps; step++) {
        const batch = sampler.next();
        let active = 0;
        let total = 0;
        const xb = tf.tensor2d(selectRows(x, batch.rows).data, [batch.rows.length, x.cols]);
        const cost = optimizer.minimize(
          () => {
            const result = computeBatchLoss(ctx, xb, batch, online);
            active = result.active;
            total = result.total;
            return result.loss;
          },
          true,
          variables,
        );
        xb.dispose();
        const loss = cost ? (await cost.data())[0] : NaN;
        cost?.dispose();
        if (!Number.isFinite(loss)) {
          stoppedReason = 'nan';
          message =
            `Training stopped at epoch ${epoch}, step ${step}: the loss became ${loss}. ` +
            'Try a lower learning rate, or check the input for extreme values (it should be scaled, e.g. z-scored or PCA).';
          break training;
        }
        const activeFraction = total > 0 ? active / total : 0;
        lossSum += loss;
        activeSum += activeFraction;
        const elapsedMs = Date.now() - started;
        const done = (epoch - 1) * steps + step;
        const keepGoing = hooks.onProgress?.({
          epoch,
          epochs: opts.epochs,
          step,
          steps,
          loss,
          activeFraction,
          elapsedMs,
          etaMs: (elapsedMs / done) * (opts.epochs * steps - done),
        });
        if (keepGoing === false) {
          stoppedReason = 'stopped';
          message = `Stopped on request at epoch ${epoch}, step ${step}`;
          if (step === steps)
            history.push({ epoch, loss: lossSum / steps, activeFraction: activeSum / steps });
          break training;
        }
        await pause();
      }
      const epochLoss = lossSum / steps;
      const epochActive = activeSum / steps;
      history.push({ epoch, loss: epochLoss, activeFraction: epochActive });
      if (hooks.onSnapshot && hooks.snapshotEvery && epoch % hooks.snapshotEvery === 0) {
        hooks.onSnapshot(await embedNow(net, x, normalize, pause), epoch);
      }
      inactiveEpochs = epochActive < INACTIVE_FRACTION ? inactiveEpochs + 1 : 0;
      if (opts.patience > 0 && inactiveEpochs >= opts.patience && epoch < opts.epochs) {
        stoppedReason = 'early-stopping';
        message = `Stopped early at epoch ${epoch}: no triplet was active for ${opts.patience} epochs (every triplet already met the margin), so further epochs could not change the map`;
        break;
      }
      if (epochLoss < best * (1 - MIN_RELATIVE_IMPROVEMENT) || best === Infinity) {
        best = epochLoss;
        sinceBest = 0;
      } else if (opts.patience > 0 && ++sinceBest >= opts.patience && epoch < opts.epochs) {
        stoppedReason = 'early-stopping';
        message = `Stopped early at epoch ${epoch}: the loss has not improved for ${opts.patience} epochs`;
        break;
      }
    }
    const model = buildLayersModel(x.cols, specs, net.weightValues());
    const { classNames: _names, ...recorded } = opts;
    return wrapEncoder(
      model,
      {
        dims: opts.dims,
        inputDim: x.cols,
        normalizeOutput: normalize,
        history,
        stoppedReason,
        ...(message ? { message } : {}),
        options: { ...recorded, denseGradient: mode, stepsPerEpoch: steps },
      },
      sampler.warnings,
    );
  } finally {
    optimizer.dispose();
    net.dispose();
    centers?.dispose();
  }
}
