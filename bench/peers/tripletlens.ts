/**
 * TripletLens in the comparison, through the engine's real pipeline (`runTraining`, default settings, 3-D).
 * It gets the prepared matrix as an expression table with every preprocessing step switched off, so it sees
 * exactly what the peers see; the engine's own split is checked against the prepared one (same labels, same
 * seed, same function) and the run fails loudly if they differ.
 * Usage: tripletlens.ts PREPARED_PREFIX OUT_PREFIX [SEED]
 */
import type { ExpressionTable } from '../../src/data/types.js';
import { runTraining } from '../../src/engine/index.js';
import { npmVersion } from '../lib/machine.js';
import { readPrepared, writeF32, type MethodReport } from '../lib/prepared.js';

const DIMS = 3;

async function main(): Promise<void> {
  const [prefix, out, seedArg] = process.argv.slice(2);
  if (!prefix || !out) throw new Error('usage: tripletlens.ts PREPARED_PREFIX OUT_PREFIX [SEED]');
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
  // CPU time of the training stage alone (process-wide, all threads), read at the stage boundaries
  let trainCpu: NodeJS.CpuUsage | undefined;
  let fitCpuMs: number | undefined;
  const run = await runTraining(
    table,
    { labelColumn: 'label', dims: DIMS, seed, holdout: 0.2, preprocess },
    {
      onStage: (stage) => {
        if (stage === 'train') trainCpu = process.cpuUsage();
        if (stage === 'embed' && trainCpu) {
          const used = process.cpuUsage(trainCpu);
          fitCpuMs = (used.user + used.system) / 1000;
        }
      },
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
    const { timings, backend, training, parameters } = run.report;
    const report: MethodReport = {
      method: 'tripletlens',
      dims: DIMS,
      fitMs: timings.trainMs,
      fitCpuMs,
      transformMs: timings.embedMs,
      params: { ...parameters, preprocess: 'off (prepared matrix)' },
      versions: { '@tensorflow/tfjs': npmVersion('@tensorflow/tfjs'), ...backend.versions },
      backend: backend.backend,
      epochs: training.epochs,
      stoppedReason: training.stoppedReason,
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
