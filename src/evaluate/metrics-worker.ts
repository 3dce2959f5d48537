/**
 * Worker-thread entry of the threaded metrics (metric-threads.ts): the exact search's selection over product
 * blocks the calling thread computed (nearest-threads.ts), and trustworthiness's per-point penalties
 * (trust-threads.ts). Work is claimed in chunks from a shared counter; each query's list and each point's
 * penalty is computed by the same code as in the calling thread, so the result never depends on the thread
 * count. Imports no tfjs: a worker has no backend and needs none.
 */
import { offerProducts, TopK } from '../neighbours/top-k.js';
import { serveRounds } from '../neighbours/thread-rounds.js';
import type { MetricMessage, SelectData, SelectRound, TrustData } from './metrics-protocol.js';
import { pointPenalty } from './trust-penalty.js';

let select: { data: SelectData; top: TopK } | undefined;

/** Claims chunks of [0, total) from `counter` until none is left, calling `work` on each. */
function claim(
  counter: Int32Array,
  chunk: number,
  total: number,
  work: (from: number, to: number) => void,
): void {
  for (;;) {
    const from = Atomics.add(counter, 0, chunk);
    if (from >= total) return;
    work(from, Math.min(total, from + chunk));
  }
}

function selectRound(round: SelectRound): void {
  if (!select) throw new RangeError('a selection round arrived before its set-up');
  const { data, top } = select;
  const dots = data.buffers[round.buffer];
  claim(data.counter, data.chunk, round.qn, (from, to) => {
    for (let i = from; i < to; i++) {
      const q = round.q0 + i;
      const skip = data.exclude ? data.exclude[q] : -1;
      round.blocks.forEach(({ start, size }, slot) => {
        const row = { dots, offset: slot * data.slotSize + i * size, start, size };
        offerProducts(top, q, data.queryNorms[q], data.refNorms, row, skip);
      });
    }
  });
}

function trustPenalties(data: TrustData): void {
  claim(data.counter, data.chunk, data.n, (from, to) => {
    for (let a = from; a < to; a++) data.penalties[a] = pointPenalty(data.high, data.low, data.n, a, data.k);
  });
}

function handle(message: MetricMessage): void {
  if (message.type === 'select-setup') {
    const { data } = message;
    select = { data, top: new TopK(data.index.length / Math.max(1, data.k), data.k, data) };
  } else if (message.type === 'select') selectRound(message);
  else if (message.type === 'trust') trustPenalties(message.data);
  else throw new RangeError('test failure requested');
}

serveRounds<MetricMessage>(handle);
