/**
 * Worker-thread entry of the threaded forest search (forest-threads.ts). Its first message has the workers
 * build the seeded trees (each claims whole trees from a shared counter); the next hands it the forest, the
 * matrix and the output lists on shared memory, then for each round message it takes chunks of the visiting order
 * from a shared counter until none is left, searches them with the same ForestSearcher the in-thread path
 * uses, and says 'done' (or 'error' with the message) back.
 */
import { buildTreeInto } from './forest-build.js';
import { ForestSearcher } from './forest-query.js';
import type { ForestMessage, ForestWorkerData, TreeBuildData } from './forest-protocol.js';
import { serveRounds } from './thread-rounds.js';

let data: ForestWorkerData | undefined;
let searcher: ForestSearcher | undefined;

function runRound(round: number): void {
  if (!data || !searcher) throw new RangeError(`round ${round} arrived before the forest`);
  const total = data.state.visit.length;
  const out = data.outputs[round % 2];
  const previous = data.outputs[(round + 1) % 2];
  for (;;) {
    const from = Atomics.add(data.counter, 0, data.chunk);
    if (from >= total) return;
    const to = Math.min(total, from + data.chunk);
    if (round === 0) searcher.searchLeaves(from, to, out);
    else searcher.refine(from, to, previous, out);
  }
}

/** Claims trees from the shared counter and builds each from its own seed until none is left. */
function buildTrees(build: TreeBuildData): void {
  for (;;) {
    const t = Atomics.add(build.counter, 0, 1);
    if (t >= build.seeds.length) return;
    build.leafCounts[t] = buildTreeInto(build.input, build.leafSize, build.seeds[t], build.buffers[t]);
  }
}

function handle(message: ForestMessage): void {
  if (message.type === 'build') {
    buildTrees(message.data);
    return;
  }
  if (message.type === 'forest') {
    data = message.data;
    searcher = new ForestSearcher(data.state);
    return;
  }
  if (data?.failAtRound === message.round) throw new RangeError('test failure requested (failAtRound)');
  runRound(message.round);
}

serveRounds<ForestMessage>(handle);
