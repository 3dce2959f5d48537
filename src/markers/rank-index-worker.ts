/**
 * Worker-thread entry of the threaded rank-index build (rank-index-threads.ts). Its first message hands it
 * the matrix and the index on shared memory; in the count round it claims chunks of rows from a shared
 * counter and counts each gene's stored values into its own part; in the rank round it claims whole gene
 * ranges and ranks them with the same kernel the in-thread build uses (rank-index-kernel.ts), then says
 * 'done' (or 'error' with the message) back.
 */
import { readFileSync } from 'node:fs';
import { countStored, rankGenes } from './rank-index-kernel.js';
import type { RankIndexMessage, RankIndexWorkerData } from './rank-index-protocol.js';
import { serveRounds } from '../neighbours/thread-rounds.js';

let data: RankIndexWorkerData | undefined;

/**
 * This thread's CPU seconds (user + system) from Linux's /proc/thread-self/stat, in clock ticks of 1/100 s
 * (USER_HZ); NaN elsewhere. Only reported (the benchmark shows each worker's share), never acted upon.
 */
function threadCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
let worker = -1;

function count(d: RankIndexWorkerData): void {
  const { rows, cols } = d.source;
  const nonZero = d.nonZeroParts.subarray(worker * cols, (worker + 1) * cols);
  const entries = d.entryParts.subarray(worker * cols, (worker + 1) * cols);
  for (;;) {
    const from = Atomics.add(d.counters, 1, d.rowChunk);
    if (from >= rows) return;
    countStored(d.source, from, Math.min(rows, from + d.rowChunk), nonZero, entries);
  }
}

function rank(d: RankIndexWorkerData, ranges: Int32Array): void {
  for (;;) {
    const s = Atomics.add(d.counters, 2, 1);
    if (s + 1 >= ranges.length) return;
    rankGenes(d.source, d.index, d.entries, ranges[s], ranges[s + 1], d.blockValues);
  }
}

function handle(message: RankIndexMessage): void {
  if (message.type === 'setup') {
    data = message.data;
    worker = Atomics.add(data.counters, 0, 1);
    return;
  }
  if (!data) throw new RangeError(`the ${message.type} round arrived before the data`);
  if (data.failIn === message.type) throw new RangeError('test failure requested (failIn)');
  const cpu = threadCpuSeconds();
  if (message.type === 'count') count(data);
  else rank(data, message.ranges);
  data.workerCpu[worker] += threadCpuSeconds() - cpu;
}

serveRounds<RankIndexMessage>(handle);
