/**
 * Hosts the engine for the window: the same worker module as `tripletlens serve`
 * (dist/worker/engine-worker.js) in an Electron utilityProcess, through createWorkerEngine — which restarts
 * the worker on the next call after a crash and reopens the loaded data. Every engine event (progress,
 * snapshots, results, 'worker-exit') is forwarded to the page. The main process itself never loads tfjs.
 */
import type { EngineEvent } from '../src/api/engine-api.js';
import type { WorkerSpawner } from '../src/worker/spawner.js';
import { createWorkerEngine, type WorkerEngine } from '../src/worker/worker-client.js';
import { EVENT_CHANNEL } from '../src/api/ipc-channels.js';

export interface EngineHostOptions {
  /** Starts one worker (utilityProcessSpawner in the app; a fork-based stand-in in tests). */
  spawn: WorkerSpawner;
  /** Sends to the page (webContents.send of the current window); must not throw when there is no window. */
  sendToPage(channel: string, payload: unknown): void;
}

/** The engine plus event forwarding; dispose() ends the worker. */
export function createEngineHost(options: EngineHostOptions): WorkerEngine {
  const engine = createWorkerEngine(options.spawn);
  engine.onEvent((event: EngineEvent) => options.sendToPage(EVENT_CHANNEL, event));
  return engine;
}
