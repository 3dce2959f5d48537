/**
 * Peer: umap-js with a supervised projection, 3-D. Fits on the training rows with their labels; training
 * rows keep their fitted positions and the hold-out is `transform`ed as new data. Usage: umap-js.ts PREPARED_PREFIX OUT_PREFIX [SEED]
 */
import { UMAP } from 'umap-js';
import { performance } from 'node:perf_hooks';
import { seededRandom } from '../../src/util/random.js';
import { npmVersion } from '../lib/machine.js';
import { readPrepared, writeF32, type MethodReport } from '../lib/prepared.js';

const DIMS = 3;

function toRows(data: Float32Array, rows: readonly number[], cols: number): number[][] {
  return rows.map((r) => Array.from(data.subarray(r * cols, (r + 1) * cols)));
}

async function main(): Promise<void> {
  const [prefix, out, seedArg] = process.argv.slice(2);
  if (!prefix || !out) throw new Error('usage: umap-js.ts PREPARED_PREFIX OUT_PREFIX [SEED]');
  const seed = Number(seedArg ?? 0);
  const { matrix, meta } = await readPrepared(prefix);
  const trainX = toRows(matrix.data, meta.train, matrix.cols);
  const trainY = meta.train.map((r) => meta.classIndex[r]);
  // umap-js's default is 15 neighbours; it cannot use more than the training set has.
  const params = { nComponents: DIMS, nNeighbors: Math.min(15, trainX.length - 1) };

  const fitStart = performance.now();
  const cpuStart = process.cpuUsage();
  const umap = new UMAP({ ...params, random: seededRandom(seed) });
  umap.setSupervisedProjection(trainY);
  umap.fit(trainX);
  const fitMs = performance.now() - fitStart;
  const cpu = process.cpuUsage(cpuStart);
  const fitCpuMs = (cpu.user + cpu.system) / 1000;

  // training rows keep their fitted positions (as umap-learn's embedding_); the others are transformed
  const coords = new Float32Array(matrix.rows * DIMS);
  const place = (rows: readonly number[], points: number[][]) =>
    rows.forEach((r, i) => points[i].forEach((v, c) => (coords[r * DIMS + c] = v)));
  place(meta.train, umap.getEmbedding());
  const inTrain = new Set(meta.train);
  const others = Array.from({ length: matrix.rows }, (_, r) => r).filter((r) => !inTrain.has(r));
  const transformStart = performance.now();
  place(others, umap.transform(toRows(matrix.data, others, matrix.cols)));
  const transformMs = performance.now() - transformStart;
  if (!coords.every(Number.isFinite)) throw new Error('umap-js produced non-finite coordinates');
  await writeF32(`${out}.f32`, coords);
  const report: MethodReport = {
    method: 'umap-js',
    dims: DIMS,
    fitMs,
    fitCpuMs,
    transformMs,
    params,
    versions: { 'umap-js': npmVersion('umap-js') },
  };
  console.log(JSON.stringify(report));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
