/**
 * One scale measurement in its own process (so GNU time's peak RSS is this pipeline's alone): import the
 * CSV, preprocess with the engine defaults, train one epoch over every row — or, when a full epoch has more
 * than MAX_STEPS steps, MAX_STEPS steps and the epoch time extrapolated from the steady step time (reported
 * as such) — and embed every row.
 * Usage: scale-child.ts CSV MAX_STEPS [SEED] [TRAIN_OPTIONS_JSON]. Prints one JSON line.
 */
import { importTable } from '../../src/data/index.js';
import { fitPreprocess } from '../../src/preprocess/index.js';
import { initBackend } from '../../src/backend/index.js';
import { resolveTrainOptions, trainEncoder, type TrainOptions } from '../../src/train/index.js';
import { indexLabels } from '../../src/engine/index.js';
import { labelValues } from '../../src/engine/coordinates-csv.js';
import { timed } from './timing.js';

async function main(): Promise<void> {
  const [csv, maxStepsArg, seedArg, overridesArg] = process.argv.slice(2);
  const overrides = JSON.parse(overridesArg ?? '{}') as TrainOptions;
  if (!csv) throw new Error('usage: scale-child.ts CSV MAX_STEPS [SEED]');
  const maxSteps = Number(maxStepsArg ?? 300);
  const seed = Number(seedArg ?? 0);
  const backend = await initBackend();
  const imported = await timed(() => importTable(csv, {}));
  const table = imported.result;
  const pre = await timed(() => fitPreprocess(table.values, table.genes, { seed }));
  const labels = indexLabels(labelValues(table, 'label')).indices;
  const labelled = labels.reduce((n, l) => n + (l >= 0 ? 1 : 0), 0);
  // what the sampler makes an epoch: every anchor once, batchSize anchors a step
  const fullSteps = Math.ceil(labelled / resolveTrainOptions({}).batchSize);
  const stepsRun = Math.min(fullSteps, maxSteps);
  // the first steps pay for kernel compilation and warm-up: the step time is taken after WARMUP_STEPS
  const WARMUP_STEPS = Math.min(10, stepsRun - 1);
  let warmAt = 0;
  let lastAt = 0;
  let stepsSeen = 0;
  const trained = await timed(() =>
    trainEncoder(
      pre.result.matrix,
      labels,
      { dims: 3, seed, ...overrides, epochs: 1, patience: 0, stepsPerEpoch: stepsRun },
      {
        onProgress: (p) => {
          stepsSeen = p.step;
          if (p.step === WARMUP_STEPS) warmAt = p.elapsedMs;
          lastAt = p.elapsedMs;
        },
      },
    ),
  );
  const encoder = trained.result;
  const embedded = await timed(() => encoder.embed(pre.result.matrix));
  encoder.dispose();
  const msPerStep = (lastAt - warmAt) / Math.max(1, stepsSeen - WARMUP_STEPS);
  console.log(
    JSON.stringify({
      rows: table.ids.length,
      genes: table.genes.length,
      cols: pre.result.matrix.cols,
      backend: backend.backend,
      trainOverrides: overrides,
      importMs: imported.ms,
      preprocessMs: pre.ms,
      stepsPerEpoch: fullSteps,
      stepsRun: stepsSeen,
      trainMs: trained.ms,
      msPerStep,
      /** From the trainer's start to the end of the warm-up steps: set-up, sampler, first kernels. */
      warmupMs: warmAt,
      secondsPerEpoch: stepsSeen >= fullSteps ? trained.ms / 1000 : (msPerStep * fullSteps) / 1000,
      extrapolated: stepsSeen < fullSteps,
      embedMs: embedded.ms,
      finiteEmbedding: embedded.result.data.every(Number.isFinite),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
