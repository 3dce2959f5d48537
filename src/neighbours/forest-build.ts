/**
 * Building the random-projection trees of the approximate neighbour search (approximate-neighbours.ts). Each
 * tree draws its splits from its own seeded stream (seeds drawn up front from the search's seed), so the
 * trees can be built one after another in the calling thread or side by side on worker threads
 * (forest-threads.ts, forest-worker.ts) and come out identical either way.
 */
import { randomInt, seededRandom, type Random } from '../util/random.js';
import type { Tree } from './forest-query.js';

/** The matrix a tree splits: row-major, `cols` values a row (may live on shared memory). */
export interface TreeInput {
  data: Float32Array;
  rows: number;
  cols: number;
}

/** Where a tree is written: order and leafOf hold `rows` entries, leafStart `rows + 1` (room for any tree). */
export interface TreeBuffers {
  order: Int32Array;
  leafOf: Int32Array;
  leafStart: Int32Array;
}

/** One seed for each of `trees` trees, from the search's seed. */
export function treeSeeds(seed: number, trees: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: trees }, () => Math.floor(random() * 4294967296));
}

/** Empty buffers for one tree of `rows` rows, on shared memory when `shared`. */
export function treeBuffers(rows: number, shared: boolean): TreeBuffers {
  const make = (length: number): Int32Array =>
    shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length);
  return { order: make(rows), leafOf: make(rows), leafStart: make(rows + 1) };
}

/**
 * Splits rows[lo, hi) of `order` in place by the hyperplane halfway between two random rows of the range;
 * returns the first index of the upper side. Falls back to halving the range when every row lands on one side
 * (duplicate rows), so the tree always terminates.
 */
function splitRange(x: TreeInput, order: Int32Array, lo: number, hi: number, random: Random): number {
  const d = x.cols;
  const data = x.data;
  const a = order[lo + randomInt(random, hi - lo)];
  let b = order[lo + randomInt(random, hi - lo - 1)];
  if (b === a) b = order[hi - 1];
  let offset = 0;
  const w = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    w[c] = data[a * d + c] - data[b * d + c];
    offset += (w[c] * (data[a * d + c] + data[b * d + c])) / 2;
  }
  let i = lo;
  let j = hi - 1;
  while (i <= j) {
    const row = order[i];
    let s = -offset;
    for (let c = 0; c < d; c++) s += w[c] * data[row * d + c];
    if (s > 0) {
      i++;
    } else {
      order[i] = order[j];
      order[j] = row;
      j--;
    }
  }
  return i === lo || i === hi ? (lo + hi) >>> 1 : i;
}

/**
 * Builds one tree seeded by `seed` into `out` and returns the number of leaves (leaf l holds
 * order[leafStart[l] .. leafStart[l + 1])).
 */
export function buildTreeInto(x: TreeInput, leafSize: number, seed: number, out: TreeBuffers): number {
  const random = seededRandom(seed);
  const { order, leafOf, leafStart } = out;
  for (let i = 0; i < x.rows; i++) order[i] = i;
  const starts: number[] = [];
  // explicit stack, not recursion: an unlucky chain of lopsided splits must not overflow the call stack
  const stack: number[] = [0, x.rows];
  while (stack.length > 0) {
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (hi - lo <= leafSize) {
      // leaves are numbered in the order they are closed; starts sorted afterwards with their ids
      starts.push(lo);
      continue;
    }
    const mid = splitRange(x, order, lo, hi, random);
    stack.push(mid, hi, lo, mid);
  }
  starts.sort((p, q) => p - q);
  leafStart.set(starts);
  leafStart[starts.length] = x.rows;
  for (let l = 0; l < starts.length; l++) {
    for (let p = leafStart[l]; p < leafStart[l + 1]; p++) leafOf[order[p]] = l;
  }
  return starts.length;
}

/** The tree in `buffers` with `leaves` leaves (views, no copy). */
export function treeOf(buffers: TreeBuffers, leaves: number): Tree {
  return {
    order: buffers.order,
    leafOf: buffers.leafOf,
    leafStart: buffers.leafStart.subarray(0, leaves + 1),
  };
}

/** Builds every tree in the calling thread, in seed order. */
export function buildForest(x: TreeInput, leafSize: number, seeds: readonly number[]): Tree[] {
  return seeds.map((seed) => {
    const buffers = treeBuffers(x.rows, false);
    return treeOf(buffers, buildTreeInto(x, leafSize, seed, buffers));
  });
}
