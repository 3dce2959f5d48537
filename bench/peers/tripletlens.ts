/**
 * TripletLens in the comparison, through the engine's real pipeline (`runTraining`, default settings, 3-D).
 * It gets the prepared matrix as an expression table with every preprocessing step switched off, so it sees
 * exactly what the peers see; the engine's own split is checked against the prepared one (same labels, same
 * seed, same function) and the run fails loudly if they differ.
 * After every epoch it maps the training and hold-out cells through the encoder as it is and records the
 * hold-out kNN-5 (bench/lib/time-to-quality.ts); that evaluation's wall and CPU time are taken out of the
 * fit time and out of every checkpoint's time, so the figures are what a run without it would show.
 * Before the clock starts it loads the backend and runs the trainer's warm-up (src/train/warm-up.ts, what the
 * engine worker does when it starts): the analogue of umap-learn's numba compilation, timed apart and
 * reported as `warmupMs` (TRIPLETLENS_BENCH_WARMUP=0 leaves it out, to measure a cold process).
 * With OBJECTIVE 'neighbourhoods' it trains the neighbourhood-keeping map (`--objective neighbourhoods`,
 * src/engine/objective.ts) instead of the plain one: issue 13's goal (a) measured against the peers of the
 * same run. The report then names the recipe the engine chose.
 * Usage: tripletlens.ts PREPARED_PREFIX OUT_PREFIX [SEED] [OBJECTIVE]
 */
import type { DenseMatrix } from '../../src/api/matrix.js';
import type { ExpressionTable } from '../../src/data/types.js';
import { initBackend } from '../../src/backend/index.js';
import { OPTION_SCHEMA } from '../../src/api/option-schema.js';
import { KNN_K, runTraining } from '../../src/engine/index.js';
import { warmUpTrainer } from '../../src/train/warm-up.js';
import { knnAccuracy } from '../../src/evaluate/index.js';
import type { QualityPoint } from '../lib/time-to-quality.js';
import { npmVersion } from '../lib/machine.js';
import { readPrepared, writeF32, type MethodReport } from '../lib/prepared.js';

const DIMS = 3;
const OBJECTIVES = OPTION_SCHEMA.objective.choices;
const isObjective = (s: string): s is (typeof OBJECTIVES)[number] =>
  (OBJECTIVES as readonly string[]).includes(s);

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/**
 * Held-out kNN-5 over training, with fit time that leaves the evaluation out: each checkpoint's time is the
 * wall (and process CPU) time since the training stage began minus what the earlier evaluations took.
 */
function qualityRecorder(train: number[], holdout: number[], labels: string[]) {
  const trainLabels = train.map((r) => labels[r]);
  const holdoutLabels = holdout.map((r) => labels[r]);
  let wall0 = 0;
  let cpu0: NodeJS.CpuUsage | undefined;
  let evalWall = 0;
  let evalCpu = 0;
  let endCpu: number | undefined;
  const curve: QualityPoint[] = [];
  const recorder = {
    curve,
    /** Until the first step ended: the sampler's set-up (the input-space neighbour search) and one step. */
    setup: undefined as { wallMs: number; cpuMs: number } | undefined,
    start(): void {
      wall0 = performance.now();
      cpu0 = process.cpuUsage();
    },
    step(): void {
      if (!recorder.setup && cpu0)
        recorder.setup = { wallMs: performance.now() - wall0, cpuMs: cpuMsSince(cpu0) };
    },
    async checkpoint(embed: (rows: readonly number[]) => Promise<DenseMatrix>, epoch: number): Promise<void> {
      if (!cpu0) return;
      const w = performance.now();
      const c = process.cpuUsage();
      const point = { epoch, wallMs: w - wall0 - evalWall, cpuMs: cpuMsSince(cpu0) - evalCpu };
      const knn = knnAccuracy(await embed(train), trainLabels, await embed(holdout), holdoutLabels, KNN_K);
      curve.push({ ...point, knn });
      evalWall += performance.now() - w;
      evalCpu += cpuMsSince(c);
    },
    /** The training stage ended: its CPU time without the evaluations. */
    end(): void {
      if (cpu0) endCpu = cpuMsSince(cpu0) - evalCpu;
    },
    evalWallMs: () => evalWall,
    fitCpuMs: () => endCpu,
  };
  return recorder;
}

async function main(): Promise<void> {
  const [prefix, out, seedArg, objectiveArg = 'triplet'] = process.argv.slice(2);
  if (!prefix || !out || !isObjective(objectiveArg)) {
    throw new Error(
      `usage: tripletlens.ts PREPARED_PREFIX OUT_PREFIX [SEED] [OBJECTIVE: ${OBJECTIVES.join(' | ')}]`,
    );
  }
  const objective = objectiveArg;
  const seed = Number(seedArg ?? 0);
  const { matrix, meta } = await readPrepared(prefix);
  const table: ExpressionTable = {
    source: `${prefix}.f32`,
    idColumn: 'id',
    ids: meta.labels.map((_, r) => `cell${r}`),
    genes: Array.from({ length: matrix.cols }, (_, c) => `f${c + 1}`),
    values: matrix,
    metadata: [{ name: 'label', values: meta.labels }],
    warnings: [],
  };
  const preprocess = { normalize: false, log1p: false, topGenes: 0, zscore: false, pcaComponents: 0 };
  const warmStart = performance.now();
  await initBackend();
  const warm = process.env.TRIPLETLENS_BENCH_WARMUP === '0' ? undefined : await warmUpTrainer();
  const warmupMs = performance.now() - warmStart;
  const quality = qualityRecorder(meta.train, meta.holdout, meta.labels);
  const run = await runTraining(
    table,
    { labelColumn: 'label', dims: DIMS, seed, holdout: 0.2, preprocess, objective },
    {
      onStage: (stage) => {
        if (stage === 'train') quality.start();
        if (stage === 'embed') quality.end();
      },
      onProgress: () => quality.step(),
      snapshotEvery: 1,
      onCheckpoint: (embed, epoch) => quality.checkpoint(embed, epoch),
    },
  );
  try {
    const train = run.split.flatMap((s, r) => (s === 'train' ? [r] : []));
    const holdout = run.split.flatMap((s, r) => (s === 'holdout' ? [r] : []));
    if (train.join() !== meta.train.join() || holdout.join() !== meta.holdout.join()) {
      throw new Error(
        'the engine split the cells differently from the prepared split; the comparison would be unfair',
      );
    }
    await writeF32(`${out}.f32`, run.coords.data);
    const { timings, backend, training, parameters, objectiveRecipe } = run.report;
    const report: MethodReport = {
      method: 'tripletlens',
      dims: DIMS,
      fitMs: timings.trainMs - quality.evalWallMs(),
      fitCpuMs: quality.fitCpuMs(),
      setupMs: quality.setup?.wallMs,
      setupCpuMs: quality.setup?.cpuMs,
      evalMs: quality.evalWallMs(),
      qualityCurve: quality.curve,
      transformMs: timings.embedMs,
      // the backend's loading and the trainer's warm-up (absent: a cold process, as the CLI's)
      ...(warm ? { warmupMs } : {}),
      params: { ...parameters, preprocess: 'off (prepared matrix)' },
      versions: { '@tensorflow/tfjs': npmVersion('@tensorflow/tfjs'), ...backend.versions },
      backend: backend.backend,
      epochs: training.epochs,
      stoppedReason: training.stoppedReason,
      objective,
      objectiveRecipe,
      engineMetrics: run.metrics,
    };
    console.log(JSON.stringify(report));
  } finally {
    run.encoder.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
