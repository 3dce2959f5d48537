/**
 * nearestNeighbours with the wide-data search's selection on the metrics workers (issue 15): the calling
 * thread computes the float32 products block by block on the tfjs backend (product-blocks.ts — the same
 * blocks as in-thread, so the same products; a worker has no backend), copies them to one of two shared
 * buffers and goes on with the next blocks while the workers turn the previous ones into top-k lists
 * (top-k.ts: the same arithmetic, and a list does not depend on the order it was offered in). The result is
 * nearestNeighbours's bit for bit. Narrow data (≤ 16 columns: embeddings, PCA maps) cost little and stay
 * in the calling thread.
 */
import type { DenseMatrix } from '../api/matrix.js';
import {
  checkShapes,
  JS_MAX_COLS,
  nearestNeighbours,
  type NeighbourOptions,
  type Neighbours,
} from '../neighbours/nearest-neighbours.js';
import { QUERY_BLOCK, ReferenceBlocks } from '../neighbours/product-blocks.js';
import { squaredRowNorms } from '../neighbours/row-distance.js';
import { onSharedMemory, sharedArray } from '../util/shared-arrays.js';
import type { NeighbourSearch } from './knn.js';
import type { MetricRound } from './metric-threads.js';
import type { SelectData, SelectRound } from './metrics-protocol.js';

/** Reference blocks whose products one round hands over (4 × 256 × 8 192 floats: 32 MB a buffer). */
const BLOCKS_PER_ROUND = 4;
/** Query rows a worker claims at a time. */
const CHUNK = 8;

/** The rounds of a search: every query block against every group of reference blocks. */
function roundsOf(queries: number, blocks: ReferenceBlocks, perRound: number): Omit<SelectRound, 'buffer'>[] {
  const rounds: Omit<SelectRound, 'buffer'>[] = [];
  for (let q0 = 0; q0 < queries; q0 += QUERY_BLOCK) {
    const qn = Math.min(QUERY_BLOCK, queries - q0);
    for (let b0 = 0; b0 < blocks.blocks.length; b0 += perRound) {
      const group = blocks.blocks.slice(b0, b0 + perRound);
      rounds.push({ type: 'select', q0, qn, blocks: group.map(({ start, size }) => ({ start, size })) });
    }
  }
  return rounds;
}

async function selectOnThreads(
  round: MetricRound,
  reference: DenseMatrix,
  query: DenseMatrix,
  k: number,
  exclude: Int32Array | undefined,
  perRound: number,
): Promise<Neighbours> {
  const blocks = new ReferenceBlocks(reference);
  try {
    const slotSize = Math.min(QUERY_BLOCK, query.rows) * blocks.blocks[0].size;
    const slots = Math.min(perRound, blocks.blocks.length);
    const data: SelectData = {
      index: sharedArray(Int32Array, query.rows * k).fill(-1),
      dist: sharedArray(Float64Array, query.rows * k).fill(Infinity),
      k,
      queryNorms: onSharedMemory(squaredRowNorms(query)),
      refNorms: onSharedMemory(squaredRowNorms(reference)),
      exclude: exclude ? onSharedMemory(exclude) : null,
      buffers: [sharedArray(Float32Array, slots * slotSize), sharedArray(Float32Array, slots * slotSize)],
      slotSize,
      counter: sharedArray(Int32Array, 1),
      chunk: CHUNK,
    };
    const fill = (r: Omit<SelectRound, 'buffer'>, buffer: Float32Array): void => {
      const first = r.blocks[0].start / blocks.blocks[0].size;
      blocks.products(
        query,
        r.q0,
        r.qn,
        (dots, _block, index) => buffer.set(dots, (index - first) * slotSize),
        first,
        first + r.blocks.length,
      );
    };
    await round({ type: 'select-setup', data });
    const rounds = roundsOf(query.rows, blocks, perRound);
    fill(rounds[0], data.buffers[0]);
    for (let u = 0; u < rounds.length; u++) {
      Atomics.store(data.counter, 0, 0);
      const selecting = round({ ...rounds[u], buffer: (u % 2) as 0 | 1 });
      try {
        // the next products while the workers select from these
        if (u + 1 < rounds.length) fill(rounds[u + 1], data.buffers[(u + 1) % 2]);
      } catch (err) {
        await selecting.catch(() => undefined);
        throw err;
      }
      await selecting;
    }
    return { k, indices: data.index.slice(), distances: Float32Array.from(data.dist, Math.sqrt) };
  } finally {
    blocks.dispose();
  }
}

/**
 * A NeighbourSearch giving nearestNeighbours's result, with the wide-data selection on `round`'s workers.
 * @param blocksPerRound reference blocks a round hands over. Default BLOCKS_PER_ROUND (4); tests use 1.
 */
export function threadedNearestNeighbours(
  round: MetricRound,
  blocksPerRound = BLOCKS_PER_ROUND,
): NeighbourSearch {
  return async (reference, query, k, options: NeighbourOptions = {}) => {
    checkShapes(reference, query, k);
    const available = reference.rows - (options.exclude ? 1 : 0);
    const kk = Math.max(0, Math.min(k, available));
    if (query.cols <= JS_MAX_COLS || kk === 0 || query.rows === 0)
      return nearestNeighbours(reference, query, k, options);
    return selectOnThreads(round, reference, query, kk, options.exclude, Math.max(1, blocksPerRound));
  };
}
