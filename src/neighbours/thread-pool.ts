/**
 * A few worker threads for one job, always ended when the job ends: `withThreads` starts them, hands the job
 * a `round` function (send one message to every worker — typed arrays on SharedArrayBuffers are shared, not
 * copied — and wait for each one's 'done'), and terminates every
 * worker on success, on error and on abort — no thread outlives the call, so no process hangs on one. A
 * worker's error, crash or unexpected exit rejects the round with an EngineError (kind 'internal') naming
 * the job; an abort rejects with the signal's reason (an AbortError).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EngineError } from '../api/errors.js';
import { packageRoot } from '../util/paths.js';
import type { ThreadReply } from './thread-rounds.js';

/** A worker script (a file, or bootstrap code when `evaluate`) and the Node flags it needs. */
export interface ThreadEntry {
  script: string;
  /** True when `script` is code to evaluate (the tsx bootstrap), not a file. */
  evaluate: boolean;
  /** The file the worker runs in the end (for the missing-build message). */
  file: string;
}

/**
 * Where the worker entry `name` (a file of src/<folder> without extension; default folder 'neighbours') is for
 * the way the code runs: the build's dist/<folder>/<name>.js (scripts/build.mjs builds it as its own entry, since a bundle chunk
 * cannot be a worker's script), or the TypeScript source under tsx (tests, bench). On Node 20 a worker does
 * not pick up the `--import tsx` hooks from its execArgv, so a two-line bootstrap registers tsx in the
 * worker before importing the source.
 */
export function threadEntry(name: string, folder = 'neighbours'): ThreadEntry {
  if (!fileURLToPath(import.meta.url).endsWith('.ts')) {
    const file = join(packageRoot(), 'dist', folder, `${name}.js`);
    return { script: file, evaluate: false, file };
  }
  const file = join(packageRoot(), 'src', folder, `${name}.ts`);
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = [
    `import(${JSON.stringify(tsx)})`,
    `.then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`,
  ].join('');
  return { script, evaluate: true, file };
}

export interface ThreadJob {
  /** What the threads do, for error messages ("the neighbour search"). */
  what: string;
  entry: ThreadEntry;
  /** Worker threads to start (≥ 1). */
  count: number;
  /** Aborting terminates the workers and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The signal's reason when it is an Error (AbortController.abort() gives a DOMException 'AbortError'). */
function abortReason(signal: AbortSignal, what: string): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException(`${what[0].toUpperCase()}${what.slice(1)} was cancelled`, 'AbortError');
}

/** Runs `body` with `job.count` workers; every worker is terminated before this settles. */
export async function withThreads<T>(
  job: ThreadJob,
  body: (round: (message: unknown) => Promise<void>) => Promise<T>,
): Promise<T> {
  if (!existsSync(job.entry.file)) {
    throw new EngineError({
      kind: 'internal',
      // said to users of an installed package and the app as well as to developers: name both remedies
      message: `The worker for ${job.what} is missing (${job.entry.file}): reinstall TripletLens (in a source checkout, run 'npm run build').`,
    });
  }
  let failure: Error | undefined;
  let pending: { left: number; resolve: () => void; reject: (err: Error) => void } | undefined;
  const fail = (err: Error): void => {
    failure ??= err;
    pending?.reject(failure);
    pending = undefined;
  };
  const failed = (detail: string): void =>
    fail(new EngineError({ kind: 'internal', message: `A worker thread of ${job.what} failed: ${detail}` }));
  let closing = false;
  const workers: Worker[] = [];
  const onAbort = (): void => fail(abortReason(job.signal!, job.what));
  try {
    for (let i = 0; i < job.count; i++) {
      const worker = new Worker(job.entry.script, {
        eval: job.entry.evaluate,
        execArgv: [],
      });
      workers.push(worker);
      worker.on('message', (reply: ThreadReply) => {
        if (reply.type === 'error') failed(reply.message);
        else if (pending && --pending.left === 0) {
          pending.resolve();
          pending = undefined;
        }
      });
      worker.on('error', (err) => failed(err.message));
      worker.on('exit', (code) => {
        if (!closing) failed(`it exited unexpectedly (code ${code})`);
      });
    }
    if (job.signal?.aborted) onAbort();
    job.signal?.addEventListener('abort', onAbort, { once: true });
    const round = (message: unknown): Promise<void> => {
      if (failure) return Promise.reject(failure);
      return new Promise<void>((resolve, reject) => {
        pending = { left: workers.length, resolve, reject };
        for (const worker of workers) worker.postMessage(message);
      });
    };
    return await body(round);
  } finally {
    closing = true;
    job.signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
