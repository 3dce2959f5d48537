/**
 * The worker threads' one fallback policy: a job whose threads cannot start or fail (their script missing —
 * the package rebuilt or reinstalled under a long-lived serve or desktop app, a packaging mistake —, locked,
 * or a thread that died) is done again in the calling thread, which gives the same result more slowly: a
 * user gets a slower step, not a failed run. The caller is told why, in the error's first line, to say so
 * once. An abort, or an error that is not the threads' (not an EngineError), still rejects.
 */
import { EngineError } from '../api/errors.js';

export interface ThreadFallback {
  /** An aborted job is not done again: its error (the abort) rejects. */
  signal?: AbortSignal;
  /** Told why (the error's first line) when the job is done in the calling thread instead. Default: none. */
  onFallback?(reason: string): void;
}

/** `onThreads()`'s result, or — when its threads could not start or failed — `inThread()`'s. */
export async function orInThisThread<T>(
  onThreads: () => Promise<T>,
  inThread: () => T | Promise<T>,
  options: ThreadFallback,
): Promise<T> {
  try {
    return await onThreads();
  } catch (err) {
    if (!(err instanceof EngineError) || options.signal?.aborted) throw err;
    options.onFallback?.(err.message.split('\n')[0]);
    return inThread();
  }
}
