/**
 * One running engine worker as the host sees it: spawned, ready (after it said so and was told where ids
 * continue), and exited — with the worker's messages handed to the host's callbacks in order.
 */
import type { EngineEvent } from '../api/engine-api.js';
import type { ResponseMessage } from '../api/messages.js';
import { isWorkerMessage } from '../api/messages.js';
import type { WorkerHandle, WorkerSpawner } from './spawner.js';

export interface Running {
  handle: WorkerHandle;
  ready: Promise<void>;
  /** The worker said it is ready (so a slow answer means a busy event loop, not a starting process). */
  isReady: boolean;
  exited: boolean;
  /** The exit was requested by dispose() — not a crash. */
  expected: boolean;
  exitPromise: Promise<void>;
}

/** What the host does with a worker's messages and its exit. */
export interface WorkerCallbacks {
  /** The id floor sent to the worker before any request. */
  idFloor(): number;
  onEvent(event: EngineEvent): void;
  onResponse(message: ResponseMessage): void;
  onExit(running: Running, code: number | null, signal: string | null): void;
}

/** Spawns a worker and wires its messages and exit to `callbacks`. */
export function startWorker(spawn: WorkerSpawner, callbacks: WorkerCallbacks): Running {
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
      handle.send({ type: 'configure', idFloor: callbacks.idFloor() });
      running.isReady = true;
      markReady();
    } else if (message.type === 'event') callbacks.onEvent(message.event);
    else callbacks.onResponse(message);
  });
  handle.onExit((code, signal) => {
    running.exited = true;
    markExited();
    callbacks.onExit(running, code, signal);
  });
  // If the worker dies before it is ready, calls waiting for readiness must not hang.
  void running.exitPromise.then(markReady);
  return running;
}
