/**
 * The host side of the engine worker: an EngineApi whose calls become request messages to a worker process.
 *
 * - Requests and responses are matched by id; events fan out to every onEvent listener.
 * - The worker starts lazily on the first call.
 * - If the worker exits without being asked (crash, out of memory, killed), pending calls reject with a
 *   readable 'worker' error, listeners get a 'worker-exit' event (and 'run-failed' for a run in progress),
 *   and the next call starts a new worker and first replays what loaded the data — the last openFile, or
 *   openSession (and attachSessionInput), then openMetadata, then the last projection onto a session's map —
 *   so the data (and a session's map, and its projected cells) stays loaded, under the ids the pages hold (the
 *   replayed calls hand out the ids they first gave). The exit message says exactly what was lost (a file
 *   being opened, the trained run — announced as 'run-discarded', unless it is a session's run the replay
 *   brings back —, the projected cells on a map not brought back) and what will be reopened.
 * - Ids stay unique across restarts: a fresh worker is told the highest id seen so far ('configure').
 */
import type {
  EngineApi,
  EngineArgs,
  EngineRequestMethod,
  EngineResult,
  FileSource,
} from '../api/engine-api.js';
import { ENGINE_REQUEST_METHODS } from '../api/engine-api.js';
import { EngineError } from '../api/errors.js';
import type { RequestMessage, ResponseMessage, ReusedIds } from '../api/messages.js';
import { DataReplay } from './data-replay.js';
import { HostEvents } from './host-events.js';
import type { WorkerSpawner } from './spawner.js';
import { startWorker, type Running } from './worker-process.js';
import { describeExit, sourceLabel } from './worker-exit-facts.js';

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

export interface WorkerEngineOptions {
  /**
   * When the worker has not answered getState (or backendInfo, once it answered it) within this many ms (it
   * is busy in a long synchronous stage), the host answers from its own copy (StateMirror). Default 100.
   */
  stateFallbackMs?: number;
}

/** The worker's answer, or the host's copy (`copy()`) when it does not come within `fallbackMs`. */
async function answerOrCopy<T>(answer: Promise<T>, copy: () => T, fallbackMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fallback = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(copy()), fallbackMs);
  });
  // a worker that fails to answer (it died) fails the call as before; only slowness is covered
  answer.catch(() => undefined);
  try {
    return await Promise.race([answer, fallback]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asks a running worker to exit, killing it after `graceMs`; resolves when it has exited. */
async function shutDown(running: Running, graceMs: number): Promise<void> {
  running.expected = true;
  running.handle.send({ type: 'shutdown' });
  const timer = setTimeout(() => running.handle.kill(), graceMs);
  await running.exitPromise;
  clearTimeout(timer);
}

/** Calls that load a file: one in flight when the worker dies is said not to be loaded (`failedOpen`). */
const OPENING_METHODS: ReadonlySet<EngineRequestMethod> = new Set<EngineRequestMethod>([
  'openFile',
  'openMetadata',
  'openSession',
  'attachSessionInput',
]);

/**
 * What a worker's exit (`asked`: by the host) takes and what the next worker reopens, from the replay's record:
 * the file being opened, the data reopened, and projected cells the fresh worker will not hold (forgotten).
 */
function exitFacts(data: DataReplay, calls: Iterable<Pending>, asked: boolean) {
  const opening = [...calls].find((c) => OPENING_METHODS.has(c.method));
  const failedOpen = opening ? sourceLabel(opening.args[0] as FileSource) : undefined;
  // a worker that dies while the data is replayed into it is not given that data again — it may be what
  // killed it (out of memory) —: its exit says no data is loaded, and the replay's caller hears the same words
  const abandoned = data.inProgress && !asked;
  const reopening = abandoned ? null : data.reopens;
  const reopensSession = !abandoned && data.reopensSession;
  // projected cells whose map the fresh worker will not hold again are lost with it: said in the same notice
  const lostProjection = asked ? null : data.dropProjection(reopensSession);
  const reopens = reopening ? sourceLabel(reopening) : null;
  return { failedOpen, abandoned, reopens, reopensSession, lostProjection };
}

/** Creates the host-side engine. Nothing is spawned until the first call. */
export function createWorkerEngine(spawn: WorkerSpawner, options: WorkerEngineOptions = {}): WorkerEngine {
  const events = new HostEvents();
  const data = new DataReplay((outcome) => events.noteReplay(outcome));
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let current: Running | null = null;
  let disposed = false;

  /** Settles the call a response answers. */
  const settle = (message: ResponseMessage) => {
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) {
      events.noteResult(call.method, message.result);
      call.resolve(message.result);
    } else call.reject(new EngineError(message.error));
  };

  /** A worker exited: every call in flight fails, and an unasked-for exit is announced with what was lost. */
  const lose = (running: Running, code: number | null, signal: string | null) => {
    if (current === running) current = null;
    const lost = exitFacts(data, pending.values(), running.expected || disposed);
    const { failedOpen, reopens, reopensSession, lostProjection, abandoned } = lost;
    const facts = {
      code,
      signal,
      expected: running.expected,
      failedOpen,
      reopens,
      reopensSession,
      lostProjection: lostProjection?.words ?? null,
    };
    const message = describeExit(facts);
    if (abandoned) data.abandon(message);
    // Every call in flight was sent to this worker (there is only ever one), so all of them are lost.
    for (const [id, call] of pending) {
      pending.delete(id);
      call.reject(new EngineError({ kind: 'worker', message }));
    }
    if (running.expected || disposed) return;
    data.noteCrash();
    events.announceExit({
      message,
      code,
      signal,
      ...(failedOpen !== undefined ? { failedOpen } : {}),
      reopens,
      reopensSession,
      ...(lostProjection ? { lostProjection: lostProjection.projectionId } : {}),
    });
  };

  const start = (): Running =>
    startWorker(spawn, {
      idFloor: () => events.idFloor,
      onEvent: (event) => {
        // a finished run replaces the map (and the projection) the worker held: no replay brings those back
        if (event.type === 'run-finished') data.noteRunFinished();
        // the replay reopens what the pages hold, under their ids: no window opened anything
        if (event.type === 'data-opened' && data.inProgress) return;
        events.emit(event);
      },
      onResponse: settle,
      onExit: lose,
    });

  /** Sends one request to the current worker (starting one if needed) and awaits its response. */
  const request = async <M extends EngineRequestMethod>(
    method: M,
    args: EngineArgs<M>,
    ids?: ReusedIds,
  ): Promise<EngineResult<M>> => {
    if (disposed) throw new EngineError({ kind: 'worker', message: 'The engine has been shut down' });
    if (!current) current = start();
    const running = current;
    await running.ready;
    if (running.exited) {
      throw new EngineError({ kind: 'worker', message: 'The engine worker exited before it was ready' });
    }
    const id = nextId++;
    const message: RequestMessage<M> = { type: 'request', id, method, args, ...(ids ? { ids } : {}) };
    return new Promise<EngineResult<M>>((resolve, reject) => {
      pending.set(id, { method, args, resolve: resolve as (value: unknown) => void, reject });
      running.handle.send(message as RequestMessage);
    });
  };

  const call = async <M extends EngineRequestMethod>(
    method: M,
    args: EngineArgs<M>,
  ): Promise<EngineResult<M>> => {
    // openFile and openSession replace whatever would be replayed, so they need no replay first (when they
    // fail, the replay still comes before the next call).
    if (data.needed && method !== 'openFile' && method !== 'openSession') await data.replay(request);
    const result = await request(method, args);
    data.noteCall(method, args, result);
    events.noteCall(method, args, result);
    return result;
  };

  /** Whether the worker is up with its data: a worker still starting or reopening the data is waited for. */
  const workerSettled = (): boolean => Boolean(current?.isReady) && !data.needed && !data.inProgress;

  /** getState from the worker, or from the host's copy when the worker does not answer in time. */
  const getState = async (): Promise<EngineResult<'getState'>> => {
    const answer = call('getState', []);
    // a worker still starting, or reopening the data after a crash, is waited for: its state is changing
    if (!workerSettled()) return answer;
    return answerOrCopy(answer, () => events.mirror.state(), options.stateFallbackMs ?? 100);
  };

  /**
   * backendInfo from the host's copy once the worker has answered it (a worker's backend does not change,
   * and the copy goes with the worker): a page reloaded while the worker preprocesses showed "backend …"
   * for minutes.
   */
  const backendInfo = async (): Promise<EngineResult<'backendInfo'>> => {
    const copy = events.mirror.backend();
    return copy && workerSettled() ? copy : call('backendInfo', []);
  };

  const engine = Object.fromEntries(
    ENGINE_REQUEST_METHODS.map((method) => [
      method,
      (...args: unknown[]) => call(method, args as EngineArgs<typeof method>),
    ]),
  ) as unknown as Omit<EngineApi, 'onEvent'>;
  engine.getState = getState;
  engine.backendInfo = backendInfo;

  return {
    ...engine,
    onEvent: (listener) => events.subscribe(listener),
    workerPid() {
      return current && !current.exited ? (current.handle.pid ?? null) : null;
    },
    async dispose(graceMs = 2000) {
      disposed = true;
      const running = current;
      current = null;
      if (!running || running.exited) return;
      await shutDown(running, graceMs);
    },
  };
}
