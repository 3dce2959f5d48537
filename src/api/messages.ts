/**
 * The worker protocol: what the host (server or Electron main) and the engine worker send each other. One
 * request per EngineApi call, answered by exactly one response with the same id; events flow worker → host
 * unprompted. All messages are structured-clone friendly (typed arrays allowed), so the same shapes travel
 * over child_process IPC ('advanced' serialization), Electron's MessagePort, and — through src/api/wire.ts —
 * HTTP.
 */
import type {
  EngineArgs,
  EngineErrorInfo,
  EngineEvent,
  EngineRequestMethod,
  EngineResult,
} from './engine-api.js';

/** Host → worker: call one EngineApi method. */
export interface RequestMessage<M extends EngineRequestMethod = EngineRequestMethod> {
  type: 'request';
  /** Unique per host; echoed in the response. */
  id: number;
  method: M;
  args: EngineArgs<M>;
  /**
   * The ids this call is to hand out instead of new ones (a crash's replay: the ones the original call gave,
   * which the pages hold — see src/worker/data-replay.ts). Default: none, new ids.
   */
  ids?: ReusedIds;
}

/**
 * Ids for one call to hand out, by kind ('data-N' dataset, 'run-N' run, 'projection-N' projected cells): each is
 * used once, by the first id of its kind the call makes.
 */
export type ReusedIds = Partial<Record<'data' | 'run' | 'projection', string>>;

/** Worker → host: the outcome of one request. */
export type ResponseMessage<M extends EngineRequestMethod = EngineRequestMethod> =
  | { type: 'response'; id: number; ok: true; result: EngineResult<M> }
  | { type: 'response'; id: number; ok: false; error: EngineErrorInfo };

/** Worker → host: an engine event. */
export interface EventMessage {
  type: 'event';
  event: EngineEvent;
}

/** Worker → host, once, when the worker is ready for requests. */
export interface ReadyMessage {
  type: 'ready';
  pid: number;
}

/** Host → worker: finish the current work and exit (a requested exit is not reported as a crash). */
export interface ShutdownMessage {
  type: 'shutdown';
}

/**
 * Host → worker, sent before any request to a fresh worker: ids the engine hands out ('data-N', 'run-N')
 * continue above `idFloor`, so a restarted worker never reuses an id the page has already seen.
 */
export interface ConfigureMessage {
  type: 'configure';
  idFloor: number;
}

export type HostToWorker = RequestMessage | ShutdownMessage | ConfigureMessage;
export type WorkerToHost = ResponseMessage | EventMessage | ReadyMessage;

/** True when `value` looks like a message from the host (the worker ignores anything else). */
export function isHostMessage(value: unknown): value is HostToWorker {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  if (type === 'shutdown') return true;
  if (type === 'configure') return typeof (value as { idFloor?: unknown }).idFloor === 'number';
  const m = value as Partial<RequestMessage>;
  return (
    type === 'request' && typeof m.id === 'number' && typeof m.method === 'string' && Array.isArray(m.args)
  );
}

/** True when `value` looks like a message from the worker. */
export function isWorkerMessage(value: unknown): value is WorkerToHost {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'response' || type === 'event' || type === 'ready';
}
