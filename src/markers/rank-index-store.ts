/**
 * The one rank index kept at a time (4 bytes a stored value), freed with its matrix: built on first use in
 * this thread (`rankIndexOf`), or in the background on worker threads as soon as data is opened
 * (`startRankIndex`), so that a user's first marker test against the rest finds it ready — a call during the
 * build awaits that build, never a second one. Another matrix's index, or `forgetRankIndex`, drops the kept
 * one and cancels a build in progress; a build that fails is remembered, and its matrix's tests take the
 * direct path (gene-values.ts) instead.
 */
import type { CsrMatrix } from '../data/types.js';
import { buildRankIndex, rankIndexFits, type RankIndex } from './rank-index.js';
import { buildRankIndexThreaded } from './rank-index-threads.js';

/** A build in progress (or scheduled) for one matrix. */
interface Build {
  matrix: WeakRef<CsrMatrix>;
  abort: AbortController;
  done: Promise<RankIndex | null>;
}

/** Each matrix's index, freed with the matrix; `lastKey` lets a new matrix's index drop the previous one. */
const indexes = new WeakMap<CsrMatrix, RankIndex>();
let lastKey: WeakRef<CsrMatrix> | null = null;
/** Matrices whose threaded build failed: their tests take the direct path. */
const failed = new WeakSet<CsrMatrix>();
let building: Build | null = null;
let buildsStarted = 0;

function keep(matrix: CsrMatrix, index: RankIndex): void {
  indexes.set(matrix, index);
  lastKey = new WeakRef(matrix);
}

/**
 * The index of `matrix`, built in this thread on first use; the previous matrix's index is dropped (one at a
 * time, so a newly opened dataset frees the last one's). Null when it would not fit in `availableBytes`
 * (default: the memory guard's available memory), when a background build of this matrix failed, or while
 * one is still under way (this synchronous caller cannot wait for it and must not start a second one).
 */
export function rankIndexOf(
  matrix: CsrMatrix,
  genes: readonly string[],
  factors: Float64Array | null,
  availableBytes?: number,
): RankIndex | null {
  const kept = indexes.get(matrix);
  if (kept) return kept;
  if (failed.has(matrix) || building?.matrix.deref() === matrix) return null;
  forgetRankIndex();
  if (!rankIndexFits(matrix, availableBytes)) return null;
  buildsStarted++;
  const index = buildRankIndex(matrix, genes, factors);
  keep(matrix, index);
  return index;
}

/** How a background build runs. */
export interface BackgroundIndexOptions {
  /** Worker threads. Default 1; the engine passes the core count. */
  threads?: number;
  /** Memory the index may count on, in bytes. Default: the memory guard's available memory. */
  availableBytes?: number;
  /**
   * Below this many stored values the index is built in this thread (a few milliseconds; starting threads
   * would cost more). Default 1 048 576.
   */
  minThreadedValues?: number;
  /** Tests only: the round in which every worker throws. */
  failIn?: 'count' | 'rank';
}

/**
 * The index of `matrix` once built: the kept one, the build in progress for it, or a new build on worker
 * threads, started on the next turn of the event loop (the caller's reply goes out first), after dropping
 * any other matrix's index or build. Resolves null when it does not fit, failed (then this matrix's tests
 * take the direct path) or was cancelled by `forgetRankIndex` / another matrix's build; never rejects.
 * `prepare` (the value scale: one pass over the matrix) runs at the start of the build, in this thread.
 */
export function startRankIndex(
  matrix: CsrMatrix,
  genes: readonly string[],
  prepare: () => Float64Array | null,
  options: BackgroundIndexOptions = {},
): Promise<RankIndex | null> {
  const kept = indexes.get(matrix);
  if (kept) return Promise.resolve(kept);
  if (failed.has(matrix)) return Promise.resolve(null);
  if (building && building.matrix.deref() === matrix) return building.done;
  forgetRankIndex();
  const threads = Math.max(1, options.threads ?? 1);
  if (!rankIndexFits(matrix, options.availableBytes, threads)) return Promise.resolve(null);
  const abort = new AbortController();
  const build = async (): Promise<RankIndex | null> => {
    await new Promise((resolve) => setImmediate(resolve));
    if (abort.signal.aborted) return null;
    buildsStarted++;
    try {
      const factors = prepare();
      const index =
        matrix.indptr[matrix.rows] < (options.minThreadedValues ?? 1 << 20)
          ? buildRankIndex(matrix, genes, factors)
          : await buildRankIndexThreaded(matrix, genes, factors, {
              threads,
              signal: abort.signal,
              ...(options.failIn ? { failIn: options.failIn } : {}),
            });
      if (abort.signal.aborted) return null;
      keep(matrix, index);
      return index;
    } catch {
      // cancelled, or failed: a value that cannot be ranked, a worker that died — the direct path answers
      // (and says what is wrong with the values, if that is it)
      if (!abort.signal.aborted) failed.add(matrix);
      return null;
    } finally {
      if (building?.abort === abort) building = null;
    }
  };
  const record: Build = { matrix: new WeakRef(matrix), abort, done: build() };
  building = record;
  return record.done;
}

/** Whether `matrix` has an index built already. */
export function hasRankIndex(matrix: CsrMatrix): boolean {
  return indexes.has(matrix);
}

/** The index of `matrix` if built already, else null (never builds). */
export function heldRankIndex(matrix: CsrMatrix): RankIndex | null {
  return indexes.get(matrix) ?? null;
}

/** Whether an index is kept for any matrix still alive. */
export function rankIndexHeld(): boolean {
  const last = lastKey?.deref();
  return last !== undefined && indexes.has(last);
}

/** Whether a background build is scheduled or under way. */
export function rankIndexBuilding(): boolean {
  return building !== null;
}

/** Index builds started in this process (in this thread or on workers): for tests and the benchmark. */
export function rankIndexBuilds(): number {
  return buildsStarted;
}

/**
 * Drops the kept index and cancels a build in progress (its workers end; its waiters get null): before
 * another matrix's is built, and when the session opens other data.
 */
export function forgetRankIndex(): void {
  const last = lastKey?.deref();
  if (last) indexes.delete(last);
  lastKey = null;
  building?.abort.abort();
  building = null;
}
