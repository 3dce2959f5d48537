/**
 * Worker-thread entry of the threaded forest search (forest-threads.ts): receives the forest, the matrix and
 * the output lists on shared memory once (workerData), then for each round message takes chunks of the
 * visiting order from a shared counter until none is left, searches them with the same ForestSearcher the
 * in-thread path uses, and says 'done' (or 'error' with the message) back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ForestSearcher } from './forest-query.js';
import type { ForestRoundMessage, ForestWorkerData, ForestWorkerReply } from './forest-protocol.js';

const data = workerData as ForestWorkerData;
const searcher = new ForestSearcher(data.state);
const port = parentPort;

function runRound(round: number): void {
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

port?.on('message', (message: ForestRoundMessage) => {
  let reply: ForestWorkerReply;
  try {
    if (data.failAtRound === message.round) throw new RangeError('test failure requested (failAtRound)');
    runRound(message.round);
    reply = { type: 'done', round: message.round };
  } catch (err) {
    reply = { type: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
