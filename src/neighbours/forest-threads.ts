/**
 * The random-projection forest search on worker threads (issue 15): the workers (forest-worker.ts) build the
 * seeded trees (each tree from its own seed, so the same trees for every thread count) into shared buffers,
 * then, with the matrix, the forest and two output lists on SharedArrayBuffers, split the queries between
 * them in chunks claimed from a shared counter. Each query's list depends only on its own query and the previous
 * round, never on which thread searched it, so the result is bit-for-bit the in-thread one.
 */
import type { DenseMatrix } from '../api/matrix.js';
import {
  forestSeeds,
  forestShape,
  prepareForest,
  refineRounds,
  type ApproximateNeighbourOptions,
} from './approximate-neighbours.js';
import { treeBuffers, treeOf } from './forest-build.js';
import type { ForestState, Tree } from './forest-query.js';
import type { ForestMessage, ForestWorkerData, TreeBuildData } from './forest-protocol.js';
import { threadEntry, withThreads, type ThreadEntry } from './thread-pool.js';

/** Queries a worker claims at a time: small enough to balance two busy cores, large enough to cost nothing. */
const CHUNK = 1024;

export interface ThreadedSearchOptions {
  /** Worker threads (≥ 1). */
  threads: number;
  /** Aborting terminates the workers and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Tests only: the round at which every worker throws. */
  failAtRound?: number;
  /** Tests only: the worker script. Default: forest-worker of src/neighbours or dist/neighbours. */
  entry?: ThreadEntry;
  /**
   * Told how far the search is: `done` of `total` query visits (each query is searched once a round), at the
   * end of each round and, while one runs, every QUERY_REPORT_MS from the workers' shared counter — the search
   * of 10⁵ anchors took tens of seconds without a word. Default: none.
   */
  onQueries?(done: number, total: number): void;
  /**
   * Told how far the forest's building is, before the search: `done` of `total` trees built, at its start, every
   * QUERY_REPORT_MS while it runs and at its end — ~3 s at 10⁵ cells, said by nothing before. Default: none.
   */
  onTrees?(done: number, total: number): void;
}

/** How often a running round's claimed queries are read for `onQueries` (the calling thread is idle then). */
const QUERY_REPORT_MS = 500;

/** A copy of `array` on shared memory (or `array` itself when it already is). */
function shared<A extends Int32Array | Float32Array>(array: A): A {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Ctor = array.constructor as new (buffer: SharedArrayBuffer) => A;
  const copy = new Ctor(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

function sharedTree(tree: Tree): Tree {
  return { order: shared(tree.order), leafOf: shared(tree.leafOf), leafStart: shared(tree.leafStart) };
}

function sharedState(state: ForestState): ForestState {
  return {
    ...state,
    data: shared(state.data),
    forest: state.forest.map(sharedTree),
    queries: shared(state.queries),
    visit: shared(state.visit),
    slotOf: shared(state.slotOf),
  };
}

/** The forest of `options` built on the workers, tree by tree (`x` already on shared memory). */
async function buildTreesThreaded(
  x: DenseMatrix,
  options: ApproximateNeighbourOptions,
  round: (message: unknown) => Promise<void>,
  onTrees: ThreadedSearchOptions['onTrees'],
): Promise<Tree[]> {
  const seeds = forestSeeds(options);
  const data: TreeBuildData = {
    input: { data: x.data, rows: x.rows, cols: x.cols },
    leafSize: forestShape(options).leafSize,
    seeds,
    buffers: seeds.map(() => treeBuffers(x.rows, true)),
    leafCounts: new Int32Array(new SharedArrayBuffer(seeds.length * 4)),
    counter: new Int32Array(new SharedArrayBuffer(4)),
  };
  // a tree's leaf count is written when it is built (every tree has a leaf)
  const built = () => onTrees!(data.leafCounts.filter((c) => c > 0).length, seeds.length);
  onTrees?.(0, seeds.length);
  const timer = onTrees ? setInterval(built, QUERY_REPORT_MS) : undefined;
  try {
    await round({ type: 'build', data } satisfies ForestMessage);
  } finally {
    clearInterval(timer);
  }
  onTrees?.(seeds.length, seeds.length);
  return data.buffers.map((buffers, t) => treeOf(buffers, data.leafCounts[t]));
}

/** approximateNeighbours (same arguments, same result) with the per-query search on `threads` workers. */
export async function approximateNeighboursThreaded(
  x: DenseMatrix,
  queries: Int32Array,
  k: number,
  options: ApproximateNeighbourOptions,
  threaded: ThreadedSearchOptions,
): Promise<{ k: number; index: Int32Array }> {
  threaded.signal?.throwIfAborted();
  const kk = Math.min(Math.floor(k), x.rows - 1);
  if (!(kk >= 1)) return { k: 0, index: new Int32Array(0) };
  const rounds = refineRounds(options);
  const job = {
    what: 'the neighbour search',
    entry: threaded.entry ?? threadEntry('forest-worker'),
    count: Math.max(1, Math.min(threaded.threads, Math.ceil(queries.length / CHUNK))),
    ...(threaded.signal ? { signal: threaded.signal } : {}),
  };
  return withThreads(job, async (round) => {
    // one shared copy of the matrix serves the tree building and the search
    const onShared: DenseMatrix = { rows: x.rows, cols: x.cols, data: shared(x.data) };
    const forest = await buildTreesThreaded(onShared, options, round, threaded.onTrees);
    const prepared = prepareForest(onShared, queries, k, options, forest)!;
    const size = queries.length * prepared.k;
    const data: ForestWorkerData = {
      state: sharedState(prepared),
      outputs: [0, 1].map(() => new Int32Array(new SharedArrayBuffer(size * 4))) as [Int32Array, Int32Array],
      counter: new Int32Array(new SharedArrayBuffer(4)),
      chunk: CHUNK,
      ...(threaded.failAtRound !== undefined ? { failAtRound: threaded.failAtRound } : {}),
    };
    await round({ type: 'forest', data } satisfies ForestMessage);
    const { onQueries } = threaded;
    const n = queries.length;
    for (let r = 0; r <= rounds; r++) {
      Atomics.store(data.counter, 0, 0);
      // the counter holds the queries claimed so far (a chunk at a time, so it may pass n)
      const claimed = () => onQueries!(r * n + Math.min(Atomics.load(data.counter, 0), n), (rounds + 1) * n);
      const timer = onQueries ? setInterval(claimed, QUERY_REPORT_MS) : undefined;
      try {
        await round({ type: 'round', round: r } satisfies ForestMessage);
      } finally {
        clearInterval(timer);
      }
      onQueries?.((r + 1) * n, (rounds + 1) * n);
    }
    // a plain copy: the result travels on (structured clone to the host, tests) like any other array
    return { k: prepared.k, index: data.outputs[rounds % 2].slice() };
  });
}
