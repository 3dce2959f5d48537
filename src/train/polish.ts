/**
 * The polish (issue 13): `polishEpochs` epochs of the triplet loss alone at `polishLearningRate` after a run,
 * started from the run's weights. It is exactly the second run fine-tuning would make with
 * `{graphWeight: 0, epochs: polishEpochs, patience: 0, learningRate: polishLearningRate}` (and
 * `neighbourShare: polishNeighbourShare` when set) — fresh Adam moments and the run's seeded streams from
 * their start — so one run of the trainer gives the map that took two (bench/objective-sweep.ts `--then`). Pure bookkeeping here: the options of that stage, its
 * progress and snapshots numbered after the run's epochs, and the two outcomes joined into one.
 */
import type { TrainHistoryEntry } from '../api/progress.js';
import type { EpochLoopOutcome } from './epoch-loop.js';
import type { ResolvedTrainOptions } from './options.js';
import type { TrainHooks } from './progress.js';

/** Whether the run that ended with `outcome` is followed by a polish. */
export function wantsPolish(opts: ResolvedTrainOptions, outcome: EpochLoopOutcome): boolean {
  // a run stopped on request or by a NaN loss ends there: the user asked to stop, or the weights are bad
  return opts.polishEpochs > 0 && outcome.stoppedReason !== 'stopped' && outcome.stoppedReason !== 'nan';
}

/**
 * The polish stage's options: the run's, with the graph term off and the polish's epochs, rate and
 * neighbour-triplet share. The order and class-ratio terms (`orderWeight`, `classRatioWeight`) stay on: with
 * them a polish makes classes compact again while giving back less of the neighbourhoods (bench/README.md,
 * "a within-class neighbour-order term and a class-ratio term"). So does the classifier on the map
 * (`classifierWeight`), with a fresh head, as a fine-tuning run's would be.
 */
export function polishOptions(opts: ResolvedTrainOptions): ResolvedTrainOptions {
  return {
    ...opts,
    graphWeight: 0,
    epochs: opts.polishEpochs,
    patience: 0,
    learningRate: opts.polishLearningRate,
    neighbourShare: opts.polishNeighbourShare ?? opts.neighbourShare,
    polishEpochs: 0,
  };
}

/**
 * The caller's hooks for the polish stage: its epochs reported as `epochsRun` + 1, 2, … of `epochsRun` +
 * polishEpochs, and its steps after the run's `stepsRun`. `initialWeights` are the run's trained weights.
 */
export function polishHooks(
  hooks: TrainHooks,
  run: { epochsRun: number; stepsRun: number; polishEpochs: number },
  initialWeights: NonNullable<TrainHooks['initialWeights']>,
): TrainHooks {
  // the polish's own neighbour search comes after the run's steps: not said as a step before the first one
  const {
    onProgress,
    onEpoch,
    onSnapshot,
    onCheckpoint,
    onPrepareStep: _said,
    initialWeights: _first,
    ...kept
  } = hooks;
  const epochs = run.epochsRun + run.polishEpochs;
  return {
    ...kept,
    initialWeights,
    ...(onProgress
      ? {
          onProgress: (p) =>
            onProgress({
              ...p,
              epoch: run.epochsRun + p.epoch,
              epochs,
              ...(p.totalStep !== undefined ? { totalStep: run.stepsRun + p.totalStep } : {}),
              ...(p.totalSteps !== undefined ? { totalSteps: run.stepsRun + p.totalSteps } : {}),
            }),
        }
      : {}),
    // numbered on as joinOutcomes numbers the polish's history
    ...(onEpoch ? { onEpoch: (entry) => onEpoch({ ...entry, epoch: run.epochsRun + entry.epoch }) } : {}),
    ...(onSnapshot ? { onSnapshot: (coords, epoch) => onSnapshot(coords, run.epochsRun + epoch) } : {}),
    ...(onCheckpoint ? { onCheckpoint: (embed, epoch) => onCheckpoint(embed, run.epochsRun + epoch) } : {}),
  };
}

/**
 * The run's history followed by the polish's, its epochs numbered on. A polish that ran all its epochs
 * keeps the run's reason (an early stop stays on the record); one stopped on request or by a NaN says so.
 */
export function joinOutcomes(run: EpochLoopOutcome, polish: EpochLoopOutcome): EpochLoopOutcome {
  const offset = run.history.length;
  const history: TrainHistoryEntry[] = [
    ...run.history,
    ...polish.history.map((entry) => ({ ...entry, epoch: offset + entry.epoch })),
  ];
  const last = polish.stoppedReason === 'completed' ? run : polish;
  return {
    history,
    stoppedReason: last.stoppedReason,
    ...(last.message !== undefined ? { message: last.message } : {}),
    stepsRun: run.stepsRun + polish.stepsRun,
  };
}
