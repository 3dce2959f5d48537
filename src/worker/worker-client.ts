/**
 * The host side of the engine worker: an EngineApi whose calls become request messages to a worker process.
 *
 * - Requests and responses are matched by id; events fan out to every onEvent listener.
 * - The worker starts lazily on the first call.
 * - If the worker exits without being asked (crash, out of memory, killed), pending calls reject with a
 *   readable 'worker' error, listeners get a 'worker-exit' event (and 'run-failed' for a run in progress),
 *   and the next call starts a new worker and first replays the last openFile/openMetadata so the data the
 *   user loaded stays loaded. The exit message says exactly what was lost (a file being opened, the trained
 *   run — announced as 'run-discarded') and what will be reopened.
 * - Ids stay unique across restarts: a fresh worker is told the highest id seen so far ('configure').
 */
import type {
  EngineApi,
  EngineArgs,
  EngineEvent,
  EngineEventListener,
  EngineRequestMethod,
  EngineResult,
  FileSource,
  ImportSettings,
} from '../api/engine-api.js';
import { ENGINE_REQUEST_METHODS } from '../api/engine-api.js';
import { EngineError } from '../api/errors.js';
import type { HostToWorker, RequestMessage } from '../api/messages.js';
import { isWorkerMessage } from '../api/messages.js';
import type { WorkerHandle, WorkerSpawner } from './spawner.js';
import { StateMirror } from './state-mirror.js';
import { describeExit, highestIdIn, sourceLabel } from './worker-exit-facts.js';

/** An EngineApi backed by a worker process, plus lifecycle control. */
export type WorkerEngine = EngineApi & {
  /** Asks the worker to exit (killing it after `graceMs`) and rejects pending calls. */
  dispose(graceMs?: number): Promise<void>;
  /** The running worker's pid, or null when none is running. */
  workerPid(): number | null;
};

interface Pending {
  method: EngineRequestMethod;
  /** The call's arguments (to say which file was being opened when a worker died). */
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

interface Running {
  handle: WorkerHandle;
  ready: Promise<void>;
  /** The worker said it is ready (so a slow answer means a busy event loop, not a starting process). */
  isReady: boolean;
  exited: boolean;
  /** The exit was requested by dispose() — not a crash. */
  expected: boolean;
  exitPromise: Promise<void>;
}

export interface WorkerEngineOptions {
  /**
   * When the worker has not answered getState within this many ms (it is busy in a long synchronous stage),
   * the host answers from its own copy of the state (StateMirror). Default 100.
   */
  stateFallbackMs?: number;
}

/** Creates the host-side engine. Nothing is spawned until the first call. */
export function createWorkerEngine(spawn: WorkerSpawner, options: WorkerEngineOptions = {}): WorkerEngine {
  const mirror = new StateMirror();
  const listeners = new Set<EngineEventListener>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let current: Running | null = null;
  let disposed = false;
  /** What to replay into a fresh worker so the user's data survives a crash. */
  let lastOpen: { source: FileSource; settings?: ImportSettings } | null = null;
  let lastMetadata: { source: FileSource; settings?: ImportSettings } | null = null;
  /** True once a worker died; the next worker gets the replay before any other call. */
  let needsReplay = false;
  let replaying: Promise<void> | null = null;
  let activeRunId: string | null = null;
  /** The finished run the worker holds (its model dies with the worker). */
  let finishedRunId: string | null = null;
  /** The highest numeric part of any engine id seen; a fresh worker continues above it. */
  let idFloor = 0;
  const noteIds = (value: unknown) => {
    idFloor = Math.max(idFloor, highestIdIn(value));
  };

  const emit = (event: EngineEvent) => {
    mirror.noteEvent(event);
    if (event.type === 'run-finished' || (event.type === 'run-failed' && event.runId === activeRunId)) {
      activeRunId = null;
    }
    if (event.type === 'run-finished') finishedRunId = event.result.runId;
    if (event.type === 'run-discarded' && event.runId === finishedRunId) finishedRunId = null;
    if (event.type === 'run-finished')
      noteIds({ runId: event.result.runId, datasetId: event.result.datasetId });
    else if ('runId' in event) noteIds({ runId: event.runId });
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // one faulty listener must not starve the others
      }
    }
  };

  const start = (): Running => {
    const handle = spawn();
    let markReady: () => void = () => undefined;
    let markExited: () => void = () => undefined;
    const running: Running = {
      handle,
      ready: new Promise<void>((resolve) => (markReady = resolve)),
      isReady: false,
      exited: false,
      expected: false,
      exitPromise: new Promise<void>((resolve) => (markExited = resolve)),
    };
    handle.onMessage((message) => {
      if (!isWorkerMessage(message)) return;
      if (message.type === 'ready') {
        // before any request (requests wait for ready; messages arrive in order): ids continue where the
        // previous worker stopped
        handle.send({ type: 'configure', idFloor });
        running.isReady = true;
        markReady();
      } else if (message.type === 'event') emit(message.event);
      else {
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        if (message.ok && (call.method === 'openFile' || call.method === 'openMetadata')) {
          noteIds({ datasetId: (message.result as { datasetId?: unknown }).datasetId });
        } else if (message.ok && (call.method === 'startTraining' || call.method === 'retrainWithLabels')) {
          noteIds(message.result);
        } else if (message.ok && (call.method === 'openSession' || call.method === 'attachSessionInput')) {
          const opened = message.result as { summary: { datasetId: string }; result: { runId: string } };
          noteIds({ datasetId: opened.summary.datasetId, runId: opened.result.runId });
        }
        if (message.ok) mirror.noteResult(call.method, message.result);
        if (message.ok) call.resolve(message.result);
        else call.reject(new EngineError(message.error));
      }
    });
    handle.onExit((code, signal) => {
      running.exited = true;
      markExited();
      if (current === running) current = null;
      const opening = [...pending.values()].find(
        (c) => c.method === 'openFile' || c.method === 'openMetadata',
      );
      const failedOpen = opening ? sourceLabel(opening.args[0] as FileSource) : undefined;
      const reopens = lastOpen ? sourceLabel(lastOpen.source) : null;
      const message = describeExit({ code, signal, expected: running.expected, failedOpen, reopens });
      // Every call in flight was sent to this worker (there is only ever one), so all of them are lost.
      for (const [id, call] of pending) {
        pending.delete(id);
        call.reject(new EngineError({ kind: 'worker', message }));
      }
      if (running.expected || disposed) return;
      needsReplay = lastOpen !== null;
      if (activeRunId !== null) {
        emit({ type: 'run-failed', runId: activeRunId, error: { kind: 'worker', message } });
      }
      if (finishedRunId !== null) {
        emit({
          type: 'run-discarded',
          runId: finishedRunId,
          cause: 'worker-exit',
          message: `The engine process stopped, and the trained map (${finishedRunId}) died with it: the map stays on screen, but its coordinates, report and model can no longer be exported. Train again to export.`,
        });
      }
      emit({
        type: 'worker-exit',
        message,
        code,
        signal,
        ...(failedOpen !== undefined ? { failedOpen } : {}),
        reopens,
      });
    });
    // If the worker dies before it is ready, calls waiting for readiness must not hang.
    void running.exitPromise.then(markReady);
    return running;
  };

  const send = (running: Running, message: HostToWorker) => running.handle.send(message);

  /** Sends one request to the current worker (starting one if needed) and awaits its response. */
  const request = async <M extends EngineRequestMethod>(
    method: M,
    args: EngineArgs<M>,
  ): Promise<EngineResult<M>> => {
    if (disposed) throw new EngineError({ kind: 'worker', message: 'The engine has been shut down' });
    if (!current) current = start();
    const running = current;
    await running.ready;
    if (running.exited) {
      throw new EngineError({ kind: 'worker', message: 'The engine worker exited before it was ready' });
    }
    const id = nextId++;
    const message: RequestMessage<M> = { type: 'request', id, method, args };
    return new Promise<EngineResult<M>>((resolve, reject) => {
      pending.set(id, { method, args, resolve: resolve as (value: unknown) => void, reject });
      send(running, message as RequestMessage);
    });
  };

  /** Reopens the user's data in a fresh worker (once, shared by concurrent callers). */
  const replay = (): Promise<void> => {
    if (!replaying) {
      replaying = (async () => {
        try {
          if (lastOpen) await request('openFile', [lastOpen.source, lastOpen.settings]);
          if (lastMetadata) await request('openMetadata', [lastMetadata.source, lastMetadata.settings]);
        } catch (err) {
          // Do not retry forever (the file may be gone): forget it and say why the data is no longer loaded.
          lastOpen = null;
          lastMetadata = null;
          const reason = err instanceof Error ? err.message : String(err);
          throw new EngineError({
            kind: 'worker',
            message: `The engine worker was restarted but could not reopen the loaded data: ${reason}`,
          });
        } finally {
          needsReplay = false;
        }
      })().finally(() => {
        replaying = null;
      });
    }
    return replaying;
  };

  const call = async <M extends EngineRequestMethod>(
    method: M,
    args: EngineArgs<M>,
  ): Promise<EngineResult<M>> => {
    // openFile replaces whatever would be replayed, so it needs no replay first.
    if (needsReplay && method !== 'openFile') await replay();
    const result = await request(method, args);
    if (method === 'openFile') {
      const [source, settings] = args as EngineArgs<'openFile'>;
      lastOpen = { source, settings };
      lastMetadata = null;
      needsReplay = false;
    } else if (method === 'openMetadata') {
      const [source, settings] = args as EngineArgs<'openMetadata'>;
      lastMetadata = { source, settings };
    } else if (method === 'startTraining' || method === 'retrainWithLabels') {
      activeRunId = (result as EngineResult<'startTraining'>).runId;
    }
    return result;
  };

  /** getState from the worker, or from the host's copy when the worker does not answer in time. */
  const getState = async (): Promise<EngineResult<'getState'>> => {
    const answer = call('getState', []);
    // a worker still starting, or reopening the data after a crash, is waited for: its state is changing
    if (!current?.isReady || needsReplay || replaying) return answer;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fallback = new Promise<EngineResult<'getState'>>((resolve) => {
      timer = setTimeout(() => resolve(mirror.state()), options.stateFallbackMs ?? 100);
    });
    // a worker that fails to answer (it died) fails the call as before; only slowness is covered
    answer.catch(() => undefined);
    try {
      return await Promise.race([answer, fallback]);
    } finally {
      clearTimeout(timer);
    }
  };

  const engine = Object.fromEntries(
    ENGINE_REQUEST_METHODS.map((method) => [
      method,
      (...args: unknown[]) => call(method, args as EngineArgs<typeof method>),
    ]),
  ) as unknown as Omit<EngineApi, 'onEvent'>;
  engine.getState = getState;

  return {
    ...engine,
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    workerPid() {
      return current && !current.exited ? (current.handle.pid ?? null) : null;
    },
    async dispose(graceMs = 2000) {
      disposed = true;
      const running = current;
      current = null;
      if (!running || running.exited) return;
      running.expected = true;
      send(running, { type: 'shutdown' });
      const timer = setTimeout(() => running.handle.kill(), graceMs);
      await running.exitPromise;
      clearTimeout(timer);
    },
  };
}
