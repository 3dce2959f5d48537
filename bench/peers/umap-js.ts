/**
 * Peer: umap-js with a supervised projection, 3-D. Fits on the training rows with their labels, then
 * `transform`s every row (the hold-out as new data). Usage: umap-js.ts PREPARED_PREFIX OUT_PREFIX [SEED]
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

  const transformStart = performance.now();
  const all = Array.from({ length: matrix.rows }, (_, r) => r);
  const projected = umap.transform(toRows(matrix.data, all, matrix.cols));
  const transformMs = performance.now() - transformStart;

  const coords = new Float32Array(matrix.rows * DIMS);
  projected.forEach((row, r) => row.forEach((v, c) => (coords[r * DIMS + c] = v)));
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
