/**
 * kNN on a map (by hand): the k nearest reference cells of query cells in a 3-D map of compact classes, as
 * knnPredict asks them after every run (runPredictions) and for projected cells. CPU seconds of the search.
 *
 *   npx tsx bench/knn-map.ts [--reference 1000000] [--queries 100000] [--k 15] [--seed 1]
 *
 * The map: 10 classes, each a Gaussian blob (sd 0.5) around a centre drawn in a 20-wide cube — as compact as
 * a trained triplet map's classes, whose class fills much of any slab along one axis.
 */
import { cpuUsage } from 'node:process';
import { nearestNeighbours } from '../src/neighbours/nearest-neighbours.js';
import { seededRandom } from '../src/util/random.js';
import type { DenseMatrix } from '../src/api/matrix.js';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function map(rows: number, centres: number[][], random: () => number): DenseMatrix {
  const data = new Float32Array(rows * 3);
  for (let r = 0; r < rows; r++) {
    const centre = centres[Math.floor(random() * centres.length)];
    for (let c = 0; c < 3; c++) data[r * 3 + c] = centre[c] + 0.5 * gaussian(random);
  }
  return { rows, cols: 3, data };
}

const random = seededRandom(arg('seed', 1));
const centres = Array.from({ length: 10 }, () => [0, 1, 2].map(() => random() * 20));
const reference = map(arg('reference', 1_000_000), centres, random);
const query = map(arg('queries', 100_000), centres, random);
const k = arg('k', 15);
const start = cpuUsage();
const nn = nearestNeighbours(reference, query, k);
const used = cpuUsage(start);
const seconds = (used.user + used.system) / 1e6;
let checksum = 0;
for (let i = 0; i < nn.indices.length; i++) checksum = (checksum * 31 + nn.indices[i]) % 1_000_000_007;
console.log(
  JSON.stringify({
    reference: reference.rows,
    queries: query.rows,
    k,
    cpuSeconds: Number(seconds.toFixed(2)),
    queriesPerCpuSecond: Math.round(query.rows / seconds),
    indicesChecksum: checksum,
  }),
);
