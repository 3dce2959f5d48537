/**
 * One neighbour-search measurement in its own process (so GNU time's peak RSS is the search's alone):
 * generates `rows` × `cols` clustered points (50 Gaussian clusters whose per-column spread decays like PCA
 * components'), finds the 10 input-space neighbours of every row as the trainer does (rowNeighbours with its
 * defaults, on THREADS worker threads) and, when asked, the recall against the exact search on an evenly
 * spaced sample of queries. Beside the search's wall time: its CPU time (process.cpuUsage covers every
 * thread of the process), the 1-minute load average before and after it, and a checksum of the neighbour
 * lists (the parent checks that every thread count found the same ones).
 * Usage: neighbours-child.ts ROWS COLS SEED RECALL_QUERIES [THREADS]. Prints one JSON line.
 */
import { loadavg } from 'node:os';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { selectRows } from '../../src/data/select-rows.js';
import { nearestNeighbours } from '../../src/neighbours/nearest-neighbours.js';
import { EXACT_MAX_ROWS, findRowNeighbours } from '../../src/neighbours/row-neighbours.js';
import { resolveThreads } from '../../src/neighbours/thread-count.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { timed } from './timing.js';

const K = 10;
const CLUSTERS = 50;

function clustered(rows: number, cols: number, seed: number): DenseMatrix {
  const random = seededRandom(seed);
  const centres = Array.from({ length: CLUSTERS * cols }, () => 3 * randomNormal(random));
  const spread = Array.from({ length: cols }, (_, c) => 1 / Math.sqrt(1 + c));
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const cluster = Math.floor(random() * CLUSTERS);
    for (let c = 0; c < cols; c++)
      data[r * cols + c] = spread[c] * (centres[cluster * cols + c] + randomNormal(random));
  }
  return { data, rows, cols };
}

/** FNV-1a over the neighbour lists: equal lists, equal checksums. */
function checksum(index: Int32Array): string {
  let h = 0x811c9dc5;
  for (const v of index) h = Math.imul(h ^ v, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

async function main(): Promise<void> {
  const [rows, cols, seed, recallQueries, threadsArg] = process.argv.slice(2).map(Number);
  const threads = resolveThreads(Number.isFinite(threadsArg) ? threadsArg : undefined);
  const x = clustered(rows, cols, seed);
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  const loadBefore = loadavg()[0];
  const cpuBefore = process.cpuUsage();
  const search = await timed(() => findRowNeighbours(x, all, K, { threads }));
  const cpu = process.cpuUsage(cpuBefore);
  const searchCpuMs = (cpu.user + cpu.system) / 1000;
  const loadAfter = loadavg()[0];
  let recall: number | null = null;
  let exactSampleMs: number | null = null;
  if (recallQueries > 0) {
    const sample = Int32Array.from({ length: recallQueries }, (_, i) =>
      Math.floor((i * rows) / recallQueries),
    );
    const exact = await timed(() => nearestNeighbours(x, selectRows(x, sample), K, { exclude: sample }));
    exactSampleMs = exact.ms;
    let hits = 0;
    sample.forEach((row, q) => {
      const truth = new Set(exact.result.indices.subarray(q * K, q * K + K));
      for (const j of search.result.index.subarray(row * K, row * K + K)) if (truth.has(j)) hits++;
    });
    recall = hits / (recallQueries * K);
  }
  const method = rows > EXACT_MAX_ROWS ? 'approximate' : 'exact';
  console.log(
    JSON.stringify({
      rows,
      cols,
      k: K,
      method,
      threads,
      searchMs: search.ms,
      searchCpuMs,
      loadBefore,
      loadAfter,
      checksum: checksum(search.result.index),
      recall,
      exactSampleMs,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
